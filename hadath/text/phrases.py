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


class _Node(Generic[ValueT]):
    """A trie node: the next words, and the phrase ending here (its insertion rank and value)."""

    __slots__ = ("children", "ending")

    def __init__(self) -> None:
        self.children: dict[str, _Node[ValueT]] = {}
        self.ending: tuple[int, ValueT] | None = None


class PhraseIndex(Generic[ValueT]):
    """Phrases (with a value each) indexed for longest-match lookup in token sequences.

    A trie of words: a match walks it once along the tokens instead of testing every phrase
    that shares a first word (common heads like "وزير" open hundreds).
    """

    def __init__(self, phrases: Iterable[tuple[str, ValueT]]) -> None:
        self._root: _Node[ValueT] = _Node()
        self._count = 0
        for rank, (phrase, value) in enumerate(phrases):
            words = tuple(normalize(phrase).split())
            if not words:
                continue
            self._count += 1
            node = self._root
            for word in words:
                node = node.children.setdefault(word, _Node())
            if node.ending is None:  # the first phrase listed with these words keeps them
                node.ending = (rank, value)
        self._by_first = self._root.children

    def __len__(self) -> int:
        return self._count

    def match_at(self, tokens: Sequence[HasNorm], index: int) -> PhraseMatch[ValueT] | None:
        """The longest phrase starting at token ``index``, if any."""
        return self._match(tokens, index, None)

    def _match(self, tokens: Sequence[HasNorm], index: int,
               token_readings: list[tuple[str, ...]] | None) -> PhraseMatch[ValueT] | None:
        # Longest wins; of equal length, the first token's earlier reading, then the phrase listed first.
        first_readings = token_readings[index] if token_readings is not None else readings(tokens[index].norm)
        best: tuple[int, int, ValueT] | None = None
        for reading in first_readings:
            node = self._by_first.get(reading)
            if node is None:
                continue
            found = self._deepest(node, tokens, index + 1, 1, token_readings)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
        return PhraseMatch(best[2], index, index + best[0]) if best is not None else None

    def _deepest(self, node: _Node[ValueT], tokens: Sequence[HasNorm], position: int, length: int,
                 token_readings: list[tuple[str, ...]] | None) -> tuple[int, int, ValueT] | None:
        """The longest phrase ending at or below ``node``: (length, rank, value)."""
        best = (length, node.ending[0], node.ending[1]) if node.ending is not None else None
        if not node.children or position >= len(tokens):
            return best
        words = token_readings[position] if token_readings is not None else readings(tokens[position].norm)
        for word in words:
            child = node.children.get(word)
            if child is None:
                continue
            found = self._deepest(child, tokens, position + 1, length + 1, token_readings)
            if found is not None and (best is None or found[0] > best[0]
                                      or (found[0] == best[0] and found[1] < best[1])):
                best = found
        return best

    def find(self, tokens: Sequence[HasNorm], start: int = 0, end: int | None = None) -> list[PhraseMatch[ValueT]]:
        """Longest non-overlapping matches in ``tokens[start:end]``, left to right."""
        stop = len(tokens) if end is None else end
        # Readings once per token: a phrase of n words looks at n tokens from each start.
        token_readings = [readings(token.norm) for token in tokens]
        first_words = self._by_first.keys()
        found = []
        index = start
        while index < stop:
            if first_words.isdisjoint(token_readings[index]):
                index += 1  # most tokens open no phrase: one set test instead of a lookup per reading
                continue
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
