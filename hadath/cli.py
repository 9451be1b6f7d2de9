"""The ``hadath`` command line.

Embedded mode (no broker): ``hadath extract``, ``hadath eval``, ``hadath ner``.
Streaming: ``hadath kafka``, ``hadath worker``, ``hadath produce``, ``hadath tail``.
Contracts: ``hadath schema export``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from hadath import __version__
from hadath.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
KAFKA_SCRIPT = REPO_ROOT / "scripts" / "kafka.sh"


def _fail(message: str, code: int = 1) -> int:
    print(f"hadath: {message}", file=sys.stderr)
    return code


def _inputs(paths: list[str]) -> Iterator:
    from hadath.pipeline import read_inputs

    return read_inputs(paths or ["-"], sys.stdin)


def cmd_extract(args: argparse.Namespace) -> int:
    """Embedded mode: articles in, Event JSON lines out, no broker."""
    from hadath.pipeline import InputError, run_article
    from hadath.stages import BadInputError, freeze_loaded_knowledge, warm_up

    settings = Settings.from_env()
    warm_up()
    freeze_loaded_knowledge()
    state: dict[str, dict] = {}
    failures = 0
    for item in _inputs(args.files):
        if isinstance(item, InputError):
            failures += 1
            _fail(f"{item.where}: {item.error.reason}: {item.error}")
            continue
        try:
            records = run_article(item, state, settings.merge_tolerance_days)
        except BadInputError as error:
            failures += 1
            _fail(f"article {item.id!r}: {error.reason}: {error}")
            continue
        for event in records:
            if args.pretty:
                print(json.dumps(event.model_dump(mode="json"), ensure_ascii=False, indent=2))
            else:
                print(event.model_dump_json())
    return 1 if failures else 0


def cmd_produce(args: argparse.Namespace) -> int:
    """Send articles to articles.raw (or --topic)."""
    from agents.kafka_io import BrokerUnavailableError, produce_records
    from hadath.pipeline import InputError

    settings = Settings.from_env()
    articles, failures = [], 0
    for item in _inputs(args.files):
        if isinstance(item, InputError):
            failures += 1
            _fail(f"{item.where}: {item.error.reason}: {item.error}")
        else:
            articles.append(item)
    records = ((a.id.encode(), a.model_dump_json(exclude_none=True).encode()) for a in articles)
    try:
        sent = asyncio.run(produce_records(settings, records, args.topic, total=len(articles),
                                           progress=len(articles) > 1 and sys.stderr.isatty()))
    except BrokerUnavailableError as error:
        return _fail(str(error) + " (start one with: hadath kafka start)")
    print(f"sent {sent} article(s) to {args.topic or settings.topic_raw}", file=sys.stderr)
    return 1 if failures else 0


def cmd_tail(args: argparse.Namespace) -> int:
    """Print messages of a topic as they arrive."""
    from agents.kafka_io import BrokerUnavailableError, tail

    settings = Settings.from_env()
    topic = args.topic or settings.topic_events

    async def run() -> int:
        count = 0
        async for value in tail(settings, topic, args.from_beginning, args.timeout):
            try:
                record = json.loads(value)
                line = json.dumps(record, ensure_ascii=False, indent=2 if args.pretty else None)
            except (UnicodeDecodeError, json.JSONDecodeError):
                line = repr(value)
            print(line, flush=True)
            count += 1
            if args.max and count >= args.max:
                break
        return 0

    try:
        return asyncio.run(run())
    except BrokerUnavailableError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Run the Faust worker (all agents, /health and /metrics on the web port)."""
    from agents.kafka_io import BrokerUnavailableError
    from agents.worker import main

    try:
        main(args.faust_args)
    except BrokerUnavailableError as error:
        return _fail(str(error) + " (start one with: hadath kafka start)")
    return 0


def cmd_kafka(args: argparse.Namespace) -> int:
    """Start, stop or query the local single-node broker (scripts/kafka.sh)."""
    if not KAFKA_SCRIPT.exists():
        return _fail(f"{KAFKA_SCRIPT} not found: `hadath kafka` works from a clone of the repository")
    return subprocess.call(["bash", str(KAFKA_SCRIPT), args.action])


def cmd_schema_export(args: argparse.Namespace) -> int:
    """Write the JSON Schema of every contract into DIR."""
    from schemas.export import export_json_schemas

    for path in export_json_schemas(Path(args.directory)):
        print(path)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score extraction against a gold file (GUIDELINES.md) or the GSR set."""
    from hadath.evaluate import evaluate_gold, evaluate_gsr
    from hadath.evaluate.report import format_gsr_table, format_table, gsr_to_json, to_json
    from hadath.pipeline import extract_article

    if args.gsr:
        gsr_result = evaluate_gsr(Path(args.gold), extract_article, limit=args.limit)
        print(json.dumps(gsr_to_json(gsr_result), indent=2, ensure_ascii=False) if args.json
              else format_gsr_table(gsr_result, verbose=args.verbose))
        return 0
    if not args.articles:
        return _fail("eval needs --articles ARTICLES.jsonl (or --gsr for the GSR set)", 2)
    result = evaluate_gold(Path(args.gold), Path(args.articles), extract_article, keep_going=args.keep_going)
    print(json.dumps(to_json(result), indent=2, ensure_ascii=False) if args.json
          else format_table(result, verbose=args.verbose))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(prog="hadath", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"hadath {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = sub.add_parser("extract", help="embedded mode: articles in, Event JSON lines out (no broker)",
                             description="Read .txt articles (the file is the text, the id its name) or "
                             "JSONL Article records, run normalize → extract → resolve in memory, print "
                             "one Event JSON per line (an event re-published after a merge appears again).")
    extract.add_argument("files", nargs="*", help="input files, or - for stdin (default)")
    extract.add_argument("--pretty", action="store_true", help="indented JSON for people")
    extract.set_defaults(func=cmd_extract)

    produce = sub.add_parser("produce", help="send articles to articles.raw",
                             description="Send .txt articles or JSONL Article records to the raw topic.")
    produce.add_argument("files", nargs="*", help="input files, or - for stdin (default)")
    produce.add_argument("--topic", help="topic to send to (default: HADATH_TOPIC_RAW, articles.raw)")
    produce.set_defaults(func=cmd_produce)

    tail = sub.add_parser("tail", help="print events (or any topic) as they arrive")
    tail.add_argument("--topic", help="topic to read (default: events)")
    tail.add_argument("--from-beginning", action="store_true", help="start at the oldest message")
    tail.add_argument("--timeout", type=float, help="stop after this many idle seconds")
    tail.add_argument("--max", type=int, help="stop after this many messages")
    tail.add_argument("--pretty", action="store_true", help="indented JSON")
    tail.set_defaults(func=cmd_tail)

    worker = sub.add_parser("worker", help="run the Faust worker (agents, /health, /metrics)",
                            description="Create missing topics, then run the normalize, extract and "
                            "resolve agents. Configuration: HADATH_* environment variables (README).")
    worker.add_argument("faust_args", nargs=argparse.REMAINDER, help="extra arguments for `faust worker`")
    worker.set_defaults(func=cmd_worker)

    kafka = sub.add_parser("kafka", help="local single-node Kafka broker (KRaft, 127.0.0.1)",
                           description="Fetch Kafka jars with Maven (once), then start/stop the broker.")
    kafka.add_argument("action", choices=["start", "stop", "status", "fetch", "reset"])
    kafka.set_defaults(func=cmd_kafka)

    schema = sub.add_parser("schema", help="JSON Schemas of the topic contracts")
    schema_sub = schema.add_subparsers(dest="schema_command", required=True, metavar="ACTION")
    export = schema_sub.add_parser("export", help="write one JSON Schema file per model into DIR")
    export.add_argument("directory", metavar="DIR")
    export.set_defaults(func=cmd_schema_export)

    evaluate = sub.add_parser("eval", help="precision/recall/F1 against gold events",
                              description="Score extraction with the rules of shared/gold/GUIDELINES.md, "
                              "each article run alone; or, with --gsr, the external GSR sentence set.")
    evaluate.add_argument("gold", help="gold JSONL (or the GSR dev.jsonl with --gsr)")
    evaluate.add_argument("--articles", help="articles JSONL (Article records)")
    evaluate.add_argument("--gsr", action="store_true", help="score the GSR ASSAULT/PROTEST set")
    evaluate.add_argument("--limit", type=int, help="GSR: only the first N records")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of a table")
    evaluate.add_argument("--verbose", action="store_true", help="list missed and spurious events")
    evaluate.add_argument("--keep-going", action="store_true", help="count articles that fail, don't stop")
    evaluate.set_defaults(func=cmd_eval)

    try:
        from hadath.ner.cli import add_ner_parser
    except ImportError:
        pass
    else:
        add_ner_parser(sub)
    from hadath.subscribers.cli import add_subscriber_parsers
    add_subscriber_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ValueError as error:  # settings from the environment
        return _fail(str(error), 2)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
