"""Matching normalization of Arabic text with an offset map back to the raw text.

The raw article text is never changed: every offset a subscriber sees points into it.
Matching runs on a normalized copy (diacritics, tatweel, bidi/zero-width marks removed;
alef, yaa and taa-marbuta variants unified; Eastern-Arabic and Persian digits made ASCII),
and ``NormalizedText.raw_span`` maps a span of the copy back to the raw text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from camel_tools.utils.charsets import AR_DIAC_CHARSET

# Quranic annotation marks and the combining hamza/madda are dropped like diacritics:
# a bare alef followed by a combining hamza then reads as alef, as أ does after unification.
_EXTRA_MARKS = {chr(c) for c in range(0x0653, 0x0660)} | {chr(c) for c in range(0x06D6, 0x06EE)}
_DROPPED = set(AR_DIAC_CHARSET) | _EXTRA_MARKS | {
    "\u0640",  # tatweel
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",  # zero-width, LRM/RLM
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # bidi embeddings/overrides
    "\u2066", "\u2067", "\u2068", "\u2069",  # bidi isolates
    "\u061c", "\ufeff", "\u00ad",  # Arabic letter mark, BOM, soft hyphen
}
_TRAILING_MARKS = set(AR_DIAC_CHARSET) | _EXTRA_MARKS | {"\u0640"}
_LETTER_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
    "٫": ".", "٬": ",",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}


@lru_cache(maxsize=4096)
def _normalize_char(char: str) -> str:
    if char in _DROPPED:
        return ""
    if char in _DIGITS:
        return _DIGITS[char]
    if char in _LETTER_MAP:
        return _LETTER_MAP[char]
    if char in "\n\r\u2028\u2029":
        return "\n"  # line breaks end sentences, so they survive normalization
    if char.isspace():
        return " "
    code = ord(char)
    # Presentation forms (ﻻ, ﷲ …) and other compatibility characters decompose to letters.
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF or unicodedata.decomposition(char):
        decomposed = unicodedata.normalize("NFKC", char)
        if decomposed != char:
            return "".join(_normalize_char(c) for c in decomposed)
    return char.lower()


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A matching form of ``raw`` and, for each of its characters, the raw index it came from."""

    raw: str
    text: str
    raw_index: Sequence[int]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of the normalized text to the raw text."""
        if start >= end:
            position = self.raw_index[start] if start < len(self.raw_index) else len(self.raw)
            return position, position
        raw_end = self.raw_index[end - 1] + 1
        # Marks dropped after the last letter (a final fatha, a tatweel) belong to the word.
        while raw_end < len(self.raw) and self.raw[raw_end] in _TRAILING_MARKS:
            raw_end += 1
        return self.raw_index[start], raw_end


# The blocks news text is made of (Latin, Arabic, punctuation, presentation forms); a
# character outside them takes the slow path, which is correct, just not fast.
_FAST_BLOCKS = ((0x0000, 0x08FF), (0x2000, 0x20FF), (0xFB00, 0xFFFF))


def _build_tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """Split characters into those normalized one-for-one (a translate table) and the rest.

    ``normalize_text`` runs on every article: translating the one-for-one majority in C and
    walking only the few dropped or expanded characters keeps it fast.
    """
    one_for_one: dict[int, str] = {}
    special: list[str] = []
    codes = [code for low, high in _FAST_BLOCKS for code in range(low, high + 1)]
    for code in codes:
        char = chr(code)
        replacement = _normalize_char(char)
        if len(replacement) != 1:
            special.append(char)
        elif replacement != char:
            one_for_one[code] = replacement
    _normalize_char.cache_clear()
    # Characters outside the fast blocks, and astral ones (emoji …), take the slow path.
    gaps = [(high + 1, low - 1) for (_, high), (low, _) in itertools.pairwise(_FAST_BLOCKS)]
    outside = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in gaps)
    pattern = "[" + "".join(re.escape(c) for c in special) + outside + "\U00010000-\U0010FFFF]"
    return one_for_one, re.compile(pattern)


_ONE_FOR_ONE, _SPECIAL = _build_tables()


def normalize_text(raw: str) -> NormalizedText:
    """Normalize ``raw`` for matching, keeping an offset map to the raw characters."""
    if _SPECIAL.search(raw) is None:
        return NormalizedText(raw=raw, text=raw.translate(_ONE_FOR_ONE), raw_index=range(len(raw)))
    pieces: list[str] = []
    raw_index: list[int] = []
    position = 0
    for match in _SPECIAL.finditer(raw):
        index = match.start()
        pieces.append(raw[position:index].translate(_ONE_FOR_ONE))
        raw_index.extend(range(position, index))
        replacement = _normalize_char(match.group())
        pieces.append(replacement)
        raw_index.extend([index] * len(replacement))
        position = index + 1
    pieces.append(raw[position:].translate(_ONE_FOR_ONE))
    raw_index.extend(range(position, len(raw)))
    return NormalizedText(raw=raw, text="".join(pieces), raw_index=raw_index)


def normalize(raw: str) -> str:
    """The matching form of ``raw`` alone (for lexicon entries and comparisons)."""
    return " ".join("".join(_normalize_char(c) for c in raw).split())


def has_arabic(text: str) -> bool:
    """True when ``text`` holds at least one Arabic letter."""
    return any("\u0621" <= c <= "\u064a" or "\u0671" <= c <= "\u06d3" for c in text)
