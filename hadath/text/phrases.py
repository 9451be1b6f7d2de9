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
        best: PhraseMatch[ValueT] | None = None
        for reading in readings(tokens[index].norm):
            for words, value in self._by_first.get(reading, ()):
                length = len(words)
                if best is not None and length <= best.last - best.first:
                    break
                if index + length <= len(tokens) and all(
                    words[k] in readings(tokens[index + k].norm) for k in range(1, length)
                ):
                    best = PhraseMatch(value, index, index + length)
                    break
        return best

    def find(self, tokens: Sequence[HasNorm], start: int = 0, end: int | None = None) -> list[PhraseMatch[ValueT]]:
        """Longest non-overlapping matches in ``tokens[start:end]``, left to right."""
        stop = len(tokens) if end is None else end
        found = []
        index = start
        while index < stop:
            match = self.match_at(tokens, index)
            if match is not None and match.last <= stop:
                found.append(match)
                index = match.last
            else:
                index += 1
        return found

    def contains_at(self, tokens: Sequence[HasNorm], index: int) -> bool:
        """True when some phrase starts at ``index``."""
        return self.match_at(tokens, index) is not None
