"""``hadath ner``: tag CoNLL token files, evaluate on a tagged file, train a model.

``add_ner_parser`` registers the command on the main CLI's sub-parsers; each handler is
stored as ``func`` in the parsed namespace and returns an exit code (0 ok, 1 bad input or
failure, 2 usage). ``python -m hadath.ner.cli`` runs the same command on its own.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from hadath.ner.conll import ConllError, format_table, read_conll, score

if TYPE_CHECKING:
    from hadath.ner.model import NerModel

_TRAIN_DEFAULT_OUT = "ner-model"


def add_ner_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``ner`` (``--conll IN``) with its ``eval`` and ``train`` sub-commands."""
    ner = subparsers.add_parser(
        "ner",
        help="named-entity tagging (PERS/LOC/ORG/MISC, IOB2)",
        description="Tag a CoNLL token file (--conll IN), or evaluate / train a model.",
    )
    ner.add_argument("--conll", metavar="IN",
                     help="tag IN (a path or - for stdin): one token a line, blank line between sentences; "
                          "writes token<TAB>tag lines to stdout")
    ner.add_argument("--model", metavar="DIR", help="model directory (default: the shipped model)")
    ner.set_defaults(func=run_tag, ner_parser=ner)
    commands = ner.add_subparsers(dest="ner_command", metavar="{eval,train}")

    evaluate = commands.add_parser("eval", help="CoNLL exact-span P/R/F1 per type and overall",
                                   description="Tag the tokens of a tagged CoNLL file and score the tags "
                                               "against the file's own (exact span match).")
    evaluate.add_argument("test", metavar="TEST.conll", help="token<TAB>tag file")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--sentences", action="store_true",
                          help="tag each sentence on its own (default: runs of sentences as documents, "
                               "as the model was trained, when it uses document features)")
    # SUPPRESS: an absent sub-command --model must not reset one given before "eval".
    evaluate.add_argument("--model", metavar="DIR", default=argparse.SUPPRESS,
                          help="model directory (default: the shipped model)")
    evaluate.set_defaults(func=run_eval)

    train = commands.add_parser("train", help="train a CRF model on a token<TAB>tag file",
                                description="Train the CRF model (the shipped feature set) on a CoNLL file.")
    train.add_argument("train", metavar="TRAIN.conll", help="token<TAB>tag file (IOB1 or IOB2)")
    train.add_argument("--out", metavar="DIR", default=_TRAIN_DEFAULT_OUT,
                       help=f"directory to write the model into (default: ./{_TRAIN_DEFAULT_OUT})")
    train.add_argument("--c1", type=float, help="L1 regularization (default: the shipped model's)")
    train.add_argument("--c2", type=float, help="L2 regularization (default: the shipped model's)")
    train.add_argument("--max-iterations", type=int, help="L-BFGS iterations (default: the shipped model's)")
    train.set_defaults(func=run_train)


def _error(message: str, code: int = 1) -> int:
    print(f"hadath ner: {message}", file=sys.stderr)
    return code


def _open_input(path: str) -> contextlib.AbstractContextManager[IO[str]]:
    if path == "-":
        return contextlib.nullcontext(sys.stdin)  # never close the process's stdin
    return open(path, encoding="utf-8")


def _tag_lines(lines: Iterable[str], out: IO[str], source: str, model: NerModel) -> None:
    """Tag a token-per-line stream sentence by sentence, echoing blank lines where they were."""
    tokens: list[str] = []

    def flush() -> None:
        if tokens:
            for token, tag in zip(tokens, model.tag(tokens), strict=True):
                out.write(f"{token}\t{tag}\n")
            tokens.clear()

    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            flush()
            out.write("\n")
            continue
        token = line.split("\t", 1)[0]
        if not token or token != token.strip() or " " in token:
            raise ConllError(f"{source}:{number}: bad token {token!r}: expected one token a line "
                             "(extra columns after a tab)")
        tokens.append(token)
    flush()


def run_tag(args: argparse.Namespace) -> int:
    """``hadath ner --conll IN``: write ``token<TAB>tag`` for each input token."""
    if getattr(args, "conll", None) is None:
        parser = getattr(args, "ner_parser", None)
        if parser is not None:
            parser.print_usage(sys.stderr)
        return _error("give --conll IN (or - for stdin), or a sub-command: eval, train", 2)
    from hadath.ner.model import ModelError, load

    try:
        model = load(args.model) if args.model else load()
        with _open_input(args.conll) as handle:
            _tag_lines(handle, sys.stdout, "<stdin>" if args.conll == "-" else args.conll, model)
    except FileNotFoundError as error:
        return _error(f"no such file: {error.filename}")
    except (ConllError, ModelError, UnicodeDecodeError) as error:
        return _error(str(error))
    sys.stdout.flush()
    return 0


def run_eval(args: argparse.Namespace) -> int:
    """``hadath ner eval TEST.conll``: tag the file's tokens and print exact-span scores."""
    if getattr(args, "conll", None) is not None:
        return _error("--conll and eval cannot be combined", 2)
    from hadath.ner.model import ModelError, load

    try:
        directory = getattr(args, "model", None)
        model = load(directory) if directory else load()
        sentences = read_conll(args.test)
    except FileNotFoundError as error:
        return _error(f"no such file: {error.filename}")
    except (ConllError, ModelError, UnicodeDecodeError) as error:
        return _error(str(error))
    started = time.perf_counter()
    if getattr(args, "sentences", False):
        predicted = [model.tag(sentence.tokens) for sentence in sentences]
    else:
        predicted = model.tag_stream([sentence.tokens for sentence in sentences])
    elapsed = time.perf_counter() - started
    table = score([sentence.tags for sentence in sentences], predicted).table()
    tokens = sum(len(sentence.tokens) for sentence in sentences)
    if args.json:
        print(json.dumps({"file": args.test, "tokens": tokens, "sentences": len(sentences),
                          "scores": table}, ensure_ascii=False, indent=2))
    else:
        print(f"{args.test}: {len(sentences)} sentences, {tokens} tokens "
              f"({tokens / elapsed:,.0f} tokens/s)")
        print(format_table(table))
    return 0


def run_train(args: argparse.Namespace) -> int:
    """``hadath ner train TRAIN.conll [--out DIR]``: train and write a model, printing progress."""
    if getattr(args, "conll", None) is not None:
        return _error("--conll and train cannot be combined", 2)
    from hadath.ner.train import TrainParams, train

    params = TrainParams()
    for name in ("c1", "c2", "max_iterations"):
        value = getattr(args, name)
        if value is not None:
            setattr(params, name, value)
    if not Path(args.train).is_file():
        return _error(f"no such file: {args.train}")

    def log(message: str) -> None:
        print(message, flush=True)

    try:
        train(args.train, args.out, params=params, log=log)
    except (ConllError, UnicodeDecodeError, ValueError, RuntimeError) as error:
        return _error(str(error))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ner`` as a stand-alone command (``python -m hadath.ner.cli …``)."""
    parser = argparse.ArgumentParser(prog="hadath")
    add_ner_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["ner", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
