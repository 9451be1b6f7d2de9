"""Find dictionary phrases in a token sequence, whatever clitics the tokens carry.

A phrase is a sequence of words; it matches consecutive tokens when each word's matching
form is one of the token's readings (``hadath.text.clitics.readings``). The index is keyed
on the first word, so a scan costs one dict lookup per reading per token.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from hadath.text.clitics import readings
from hadath.text.normalize import normalize

ValueT = TypeVar("ValueT")


class HasNorm(Protocol):
    """Anything with a matching form: a TokenSpan, a schemas Token."""

    norm: str


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[ValueT]):
    """A phrase found at token indices ``[first, last)``."""

    value: ValueT
    first: int
    last: int


class PhraseIndex(Generic[ValueT]):
    """Phrases (with a value each) indexed for longest-match lookup in token sequences."""

    def __init__(self, phrases: Iterable[tuple[str, ValueT]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], ValueT]]] = {}
        for phrase, value in phrases:
            words = tuple(normalize(phrase).split())
            if words:
                self._by_first.setdefault(words[0], []).append((words, value))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda item: -len(item[0]))  # longest first

    def __len__(self) -> int:
        return sum(len(c) for c in self._by_first.values())

    def match_at(self, tokens: Sequence[HasNorm], index: int) -> PhraseMatch[ValueT] | None:
        """The longest phrase starting at token ``index``, if any."""
        return self._match(tokens, index, None)

    def _match(self, tokens: Sequence[HasNorm], index: int,
               token_readings: list[tuple[str, ...]] | None) -> PhraseMatch[ValueT] | None:
        by_first = self._by_first
        first_readings = token_readings[index] if token_readings is not None else readings(tokens[index].norm)
        best: PhraseMatch[ValueT] | None = None
        for reading in first_readings:
            candidates = by_first.get(reading)
            if not candidates:
                continue
            for words, value in candidates:
                length = len(words)
                if best is not None and length <= best.last - best.first:
                    break
                if index + length > len(tokens):
                    continue
                if length == 1 or all(
                    words[k] in (token_readings[index + k] if token_readings is not None
                                 else readings(tokens[index + k].norm))
                    for k in range(1, length)
                ):
                    best = PhraseMatch(value, index, index + length)
                    break
        return best

    def find(self, tokens: Sequence[HasNorm], start: int = 0, end: int | None = None) -> list[PhraseMatch[ValueT]]:
        """Longest non-overlapping matches in ``tokens[start:end]``, left to right."""
        stop = len(tokens) if end is None else end
        # Readings once per token: a phrase of n words looks at n tokens from each start.
        token_readings = [readings(token.norm) for token in tokens]
        found = []
        index = start
        while index < stop:
            match = self._match(tokens, index, token_readings)
            if match is not None and match.last <= stop:
                found.append(match)
                index = match.last
            else:
                index += 1
        return found

    def contains_at(self, tokens: Sequence[HasNorm], index: int) -> bool:
        """True when some phrase starts at ``index``."""
        return self.match_at(tokens, index) is not None
