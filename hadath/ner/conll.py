"""CoNLL files (one ``token<TAB>tag`` a line, a blank line after each sentence) and scoring.

Scores follow the CoNLL-2003 convention (``conlleval``): an entity counts as found only
when its type and both its boundaries match a gold entity exactly; precision, recall and
F1 are micro-averaged over entities, per type and overall.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

TYPES = ("PERS", "LOC", "ORG", "MISC")
_TAG = re.compile(r"^(?:O|[BIE]-[A-Z]+|S-[A-Z]+)$")


class ConllError(ValueError):
    """A malformed CoNLL line; the message names the source and line number."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its tokens and (possibly empty) tags, same length when tagged."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...] = ()


def iter_sentences(lines: Iterable[str], *, tagged: bool, source: str = "<input>") -> Iterator[Sentence]:
    """Sentences from CoNLL lines.

    With ``tagged`` each line must be ``token<TAB>tag`` (further tab columns are ignored and
    the tag is the second column); without it only the first column is read. Blank lines
    end sentences; several blank lines in a row count as one.
    """
    tokens: list[str] = []
    tags: list[str] = []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            if tokens:
                yield Sentence(tuple(tokens), tuple(tags))
                tokens, tags = [], []
            continue
        columns = line.split("\t")
        token = columns[0]
        if not token or token != token.strip() or " " in token:
            raise ConllError(f"{source}:{number}: bad token {token!r} (empty or containing spaces)")
        if tagged:
            if len(columns) < 2 or not _TAG.match(columns[1]):
                got = columns[1] if len(columns) > 1 else "nothing"
                raise ConllError(f"{source}:{number}: expected token<TAB>tag, got tag {got!r}")
            tags.append(columns[1])
        tokens.append(token)
    if tokens:
        yield Sentence(tuple(tokens), tuple(tags))


def read_conll(path: str | Path, *, tagged: bool = True) -> list[Sentence]:
    """All sentences of a CoNLL file (UTF-8); tags normalized to IOB2 when ``tagged``."""
    with open(path, encoding="utf-8") as handle:
        sentences = list(iter_sentences(handle, tagged=tagged, source=str(path)))
    if tagged:
        sentences = [Sentence(s.tokens, tuple(to_iob2(s.tags))) for s in sentences]
    return sentences


def write_conll(sentences: Iterable[Sentence], out: IO[str]) -> None:
    """Write ``token<TAB>tag`` lines (``token`` alone when untagged), a blank line after each sentence."""
    for sentence in sentences:
        if sentence.tags:
            for token, tag in zip(sentence.tokens, sentence.tags, strict=True):
                out.write(f"{token}\t{tag}\n")
        else:
            for token in sentence.tokens:
                out.write(f"{token}\n")
        out.write("\n")


def _split(tag: str) -> tuple[str, str]:
    if tag == "O" or "-" not in tag:
        return "O", ""
    prefix, kind = tag.split("-", 1)
    return prefix, kind


def to_iob2(tags: Sequence[str]) -> list[str]:
    """IOB2 tags from IOB1, IOB2 or BIOES tags: every entity starts with ``B-``."""
    out = []
    previous = "O"
    for tag in tags:
        if tag == "O":  # most tags: no split needed
            out.append("O")
            previous = tag
            continue
        prefix, kind = _split(tag)
        if prefix == "O":
            out.append("O")
        elif prefix in ("B", "S"):
            out.append("B-" + kind)
        else:  # I or E: continues an entity of the same type, else it starts one
            previous_prefix, previous_kind = _split(previous)
            continues = previous_prefix != "O" and previous_kind == kind and previous_prefix not in ("E", "S")
            out.append(("I-" if continues else "B-") + kind)
        previous = tag
    return out


def to_bioes(tags: Sequence[str]) -> list[str]:
    """BIOES tags from IOB2 tags (single-token entities ``S-``, last token ``E-``)."""
    out = []
    for index, tag in enumerate(tags):
        prefix, kind = _split(tag)
        if prefix == "O":
            out.append("O")
            continue
        following = tags[index + 1] if index + 1 < len(tags) else "O"
        ends = following != "I-" + kind
        if prefix == "B":
            out.append(("S-" if ends else "B-") + kind)
        else:
            out.append(("E-" if ends else "I-") + kind)
    return out


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(first, last + 1, type)`` of a tag sequence (IOB1, IOB2 or BIOES)."""
    found = []
    start = -1
    kind = ""
    for index, tag in enumerate([*to_iob2(tags), "O"]):
        prefix, tag_kind = _split(tag)
        if start >= 0 and prefix != "I":
            found.append((start, index, kind))
            start = -1
        if prefix == "B":
            start, kind = index, tag_kind
    return found


@dataclass
class Scores:
    """Exact-span counts per entity type."""

    gold: Counter[str]
    predicted: Counter[str]
    correct: Counter[str]

    @staticmethod
    def _prf(correct: int, predicted: int, gold: int) -> dict[str, float | int]:
        precision = correct / predicted if predicted else 0.0
        recall = correct / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "gold": gold,
                "predicted": predicted, "correct": correct}

    def table(self) -> dict[str, dict[str, float | int]]:
        """Per-type and ``overall`` precision/recall/F1 with the counts behind them."""
        def order(kind: str) -> tuple[int, str]:
            return (TYPES.index(kind) if kind in TYPES else len(TYPES), kind)

        kinds = sorted(set(self.gold) | set(self.predicted), key=order)
        result = {
            kind: self._prf(self.correct[kind], self.predicted[kind], self.gold[kind]) for kind in kinds
        }
        result["overall"] = self._prf(sum(self.correct.values()), sum(self.predicted.values()),
                                      sum(self.gold.values()))
        return result

    @property
    def f1(self) -> float:
        """Overall micro F1."""
        return float(self.table()["overall"]["f1"])


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> Scores:
    """Exact-span scores of predicted tag sequences against gold ones (sentence by sentence)."""
    scores = Scores(Counter(), Counter(), Counter())
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        if len(gold_tags) != len(predicted_tags):
            raise ValueError(
                f"sentence lengths differ: {len(gold_tags)} gold vs {len(predicted_tags)} predicted"
            )
        gold_spans = set(spans(gold_tags))
        predicted_spans = set(spans(predicted_tags))
        scores.gold.update(kind for _, _, kind in gold_spans)
        scores.predicted.update(kind for _, _, kind in predicted_spans)
        scores.correct.update(kind for _, _, kind in gold_spans & predicted_spans)
    return scores


def format_table(table: dict[str, dict[str, Any]]) -> str:
    """A plain-text table of :meth:`Scores.table` output."""
    lines = [f"{'type':<8} {'precision':>9} {'recall':>7} {'f1':>7} {'gold':>6} {'pred':>6} {'correct':>7}"]
    for kind, row in table.items():
        lines.append(f"{kind:<8} {row['precision']:>9.4f} {row['recall']:>7.4f} {row['f1']:>7.4f} "
                     f"{row['gold']:>6} {row['predicted']:>6} {row['correct']:>7}")
    return "\n".join(lines)
