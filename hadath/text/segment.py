"""Sentences, clauses and tokens of an article, with offsets into the raw text.

Splitting runs on the matching form (see ``normalize``) so that diacritics or bidi marks
never break a word; every boundary is mapped back to raw offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hadath.text.normalize import NormalizedText

# A number keeps its decimal/date separators (3.5, 15/2); a word is a run of letters.
_TOKEN = re.compile(r"\d+(?:[.,/:]\d+)*|[^\W\d_]+|[^\w\s]", re.UNICODE)
# A sentence ends at . ! ? ؟ … followed by space, or at a line break.
_SENTENCE_END = re.compile(r"(?:[.!?؟…]+[\"'»”)]*(?=\s)|\n+)")
CLAUSE_BREAKS = frozenset({"،", "؛", ";", ",", ":", "(", ")", "\"", "«", "»", "“", "”", "-", "–"})


@dataclass(frozen=True, slots=True)
class TokenSpan:
    """A token: its raw offsets and its matching form."""

    start: int
    end: int
    norm: str


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """A sentence: raw offsets and its tokens."""

    start: int
    end: int
    tokens: tuple[TokenSpan, ...]


def tokenize(normalized: NormalizedText, start: int = 0, end: int | None = None) -> list[TokenSpan]:
    """Tokens of ``normalized.text[start:end]`` with raw offsets."""
    stop = len(normalized.text) if end is None else end
    tokens = []
    for match in _TOKEN.finditer(normalized.text, start, stop):
        raw_start, raw_end = normalized.raw_span(match.start(), match.end())
        tokens.append(TokenSpan(raw_start, raw_end, match.group()))
    return tokens


def split_sentences(normalized: NormalizedText) -> list[SentenceSpan]:
    """Split into sentences (non-empty ones only), each with its tokens."""
    sentences = []
    position = 0
    text = normalized.text
    boundaries = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for boundary in boundaries:
        tokens = tokenize(normalized, position, boundary)
        if tokens:
            sentences.append(SentenceSpan(tokens[0].start, tokens[-1].end, tuple(tokens)))
        position = boundary
    return sentences


def clause_ranges(tokens: tuple[TokenSpan, ...] | list[TokenSpan]) -> list[tuple[int, int]]:
    """Token index ranges ``[i, j)`` of the clauses of a sentence (split at ، ؛ : quotes …)."""
    ranges = []
    start = 0
    for index, token in enumerate(tokens):
        if token.norm in CLAUSE_BREAKS:
            if index > start:
                ranges.append((start, index))
            start = index + 1
    if start < len(tokens):
        ranges.append((start, len(tokens)))
    return ranges
