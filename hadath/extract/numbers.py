"""Numbers in Arabic news text: digits, number words, duals, approximate and vague quantities.

The word lists live in ``hadath/data/numbers.yaml``. A ``NumberMention`` gives the token span
of a quantity and its value: an ``int`` for a stated number ("260", "خمسة وعشرين",
"ألفي", "قتيلان"), ``None`` for a vague one ("عشرات", "عدد من"). Following the gold
guidelines an approximate number keeps its value ("نحو 400" = 400) and is only flagged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from hadath.text.clitics import readings
from hadath.text.normalize import normalize
from hadath.text.segment import TokenSpan

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Digits after normalization are ASCII; "1,200" and "1.200.000" group thousands, "2.5" is a decimal.
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_DECIMAL = re.compile(r"\d+[.,]\d+")

# Number-word classes, in the order parse_number_words tries them.
_UNIT, _TEEN_TEN, _TENS, _HUNDRED, _HUNDRED_WORD = "unit", "teen_ten", "tens", "hundred", "hundred_word"
_SCALE, _SCALE_DUAL, _SCALE_PLURAL = "scale", "scale_dual", "scale_plural"


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A quantity in the token list: tokens ``[first, last)``.

    ``value`` is ``None`` for a vague quantity (عشرات، عدد من). ``approximate`` is set when an
    approximator (نحو، حوالي، ما لا يقل عن …) precedes the number; its span is included.
    """

    first: int
    last: int
    value: int | None
    approximate: bool


@dataclass(frozen=True, slots=True)
class _Lexicon:
    words: dict[str, dict[str, int]]  # matching form → {class: value}
    duals: frozenset[str]
    approximators: PhraseTable
    vague: PhraseTable
    not_numbers: frozenset[str]
    ordinals: dict[str, int]
    starters: frozenset[str]  # every word a quantity can start with


def load_yaml(name: str) -> Any:
    """Load ``hadath/data/<name>`` (a YAML file) as Python data."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=200_000)
def bare_forms(token: str) -> tuple[str, ...]:
    """Readings of ``token`` with proclitics (و ف ب ل ك ال) removed but no pronoun suffix.

    Number and date words are short: stripping a suffix would read أمسك as أمس or
    ستهم as ست, so only the front of the token may be cut.
    """
    forms = []
    for form in readings(token):
        # لل + X is read as ل + الX, which the token does not end with literally.
        if token.endswith(form) or (form.startswith("ال") and token.endswith(form[1:])):
            forms.append(form)
    return tuple(forms)


class PhraseTable:
    """Multi-word phrases indexed by their first word, for longest-match lookup in token lists.

    The first word may carry proclitics in running text (بنحو، وعشرات، وأول أمس); later words
    must match as written.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in {tuple(normalize(text).split()) for text in phrases}:
            if phrase:
                index.setdefault(phrase[0], []).append(phrase)
        self._index = {word: tuple(sorted(group, key=len, reverse=True)) for word, group in index.items()}

    @property
    def first_words(self) -> frozenset[str]:
        """The words a phrase can start with (for a cheap test before ``match``)."""
        return frozenset(self._index)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return (phrase for group in self._index.values() for phrase in group)

    def match(self, tokens: Sequence[TokenSpan], index: int) -> tuple[int, tuple[str, ...]] | None:
        """The end index and words of the longest phrase starting at ``tokens[index]``."""
        if not 0 <= index < len(tokens):
            return None
        best = None
        for form in bare_forms(tokens[index].norm):
            for phrase in self._index.get(form, ()):
                end = index + len(phrase)
                if (best is None or len(phrase) > len(best[1])) and end <= len(tokens) and all(
                    tokens[index + k].norm == phrase[k] for k in range(1, len(phrase))
                ):
                    best = (end, phrase)
                    break  # the group is longest first
        return best


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml("numbers.yaml")
    words: dict[str, dict[str, int]] = {}

    def add(forms: Sequence[str], kind: str, value: int) -> None:
        for form in forms:
            words.setdefault(normalize(form), {})[kind] = value

    for value, forms in data["units"].items():
        add(forms, _UNIT, int(value))
    add(data["teen_ten"], _TEEN_TEN, 10)
    for value, forms in data["tens"].items():
        add(forms, _TENS, int(value))
    for value, forms in data["hundreds"].items():
        add(forms, _HUNDRED, int(value))
    add(data["hundred_word"], _HUNDRED_WORD, 100)
    for value, kinds in data["scales"].items():
        add(kinds["singular"], _SCALE, int(value))
        add(kinds["dual"], _SCALE_DUAL, int(value))
        add(kinds["plural"], _SCALE_PLURAL, int(value))
    ordinals = {normalize(form): int(value) for value, forms in data["ordinals"].items() for form in forms}
    duals = frozenset(normalize(form) for form in data["duals"])
    approximators = PhraseTable(data["approximators"])
    vague = PhraseTable(data["vague"])
    return _Lexicon(
        words=words,
        duals=duals,
        approximators=approximators,
        vague=vague,
        not_numbers=frozenset(normalize(form) for form in data["not_numbers"]),
        ordinals=ordinals,
        starters=frozenset(words) | duals | approximators.first_words | vague.first_words,
    )


def ordinal_words() -> frozenset[str]:
    """Every ordinal word in matching form (الأول … العاشر, العشرين)."""
    return frozenset(_lexicon().ordinals)


def ordinal_value(form: str) -> int | None:
    """Value of an ordinal word in matching form (الخامس → 5), or ``None``."""
    return _lexicon().ordinals.get(form)


def _number_reading(token: str) -> tuple[dict[str, int], bool] | None:
    """The number-word entry ``token`` stands for and whether it carries the conjunction و."""
    lexicon = _lexicon()
    forms = bare_forms(token)
    if any(form in lexicon.not_numbers for form in forms):
        return None
    for form in forms:
        entry = lexicon.words.get(form)
        if entry is not None:
            return entry, "و" in token[: len(token) - len(form)]
    return None


def is_number_word(token: str) -> bool:
    """True when ``token`` (matching form) is an Arabic number word, clitics allowed."""
    return _number_reading(token) is not None


def parse_number_words(words: Sequence[str]) -> int | None:
    """Value of a sequence of number words, or ``None`` when it is not one well-formed number.

    Arabic writes units before tens joined by و (خمسة وعشرين = 25), hundreds and thousands
    first (مئة وخمسين = 150, ألف ومئتان = 1200), multiplies by a following scale word
    (ثلاثة آلاف = 3000, خمسة وعشرين ألفا = 25000) and has dual scales (ألفين = 2000).
    A lone "و" word joins like a prefixed one. Words may be raw or in matching form.
    """
    total = 0
    group = 0  # the part below the current scale
    last: str | None = None  # class of the previous component
    last_unit = 0
    last_scale = math.inf
    joined = False
    for word in words:
        token = normalize(word)
        if token == "و":
            if joined or last is None:
                return None
            joined = True
            continue
        reading = _number_reading(token)
        if reading is None:
            return None
        entry, waw = reading
        waw = waw or joined
        joined = False
        if last is None:
            # A leading و is the sentence's conjunction, not part of the number.
            if _UNIT in entry:
                group, last_unit, last = entry[_UNIT], entry[_UNIT], _UNIT
            elif _TENS in entry:
                group, last = entry[_TENS], _TENS
            elif _HUNDRED in entry:
                group, last = entry[_HUNDRED], _HUNDRED
            elif _SCALE in entry:
                total, last_scale, last = entry[_SCALE], entry[_SCALE], _SCALE
            elif _SCALE_DUAL in entry:
                total, last_scale, last = 2 * entry[_SCALE_DUAL], entry[_SCALE_DUAL], _SCALE
            else:
                return None  # a plural scale alone (آلاف) is vague, not a number
            continue
        if waw:
            if _UNIT in entry and last in (_HUNDRED, _SCALE):
                group, last_unit, last = group + entry[_UNIT], entry[_UNIT], _UNIT
            elif _TENS in entry and ((last == _UNIT and last_unit < 10) or last in (_HUNDRED, _SCALE)):
                group, last = group + entry[_TENS], _TENS
            elif _HUNDRED in entry and last == _SCALE:
                group, last = group + entry[_HUNDRED], _HUNDRED
            elif _SCALE in entry and last == _SCALE and group == 0 and entry[_SCALE] < last_scale:
                total, last_scale = total + entry[_SCALE], entry[_SCALE]
            elif _SCALE_DUAL in entry and last == _SCALE and group == 0 and entry[_SCALE_DUAL] < last_scale:
                total, last_scale = total + 2 * entry[_SCALE_DUAL], entry[_SCALE_DUAL]
            else:
                return None
            continue
        if _TEEN_TEN in entry and last == _UNIT and last_unit < 10:
            group, last = group + 10, "teen"
        elif _HUNDRED_WORD in entry and last == _UNIT and group == last_unit and last_unit < 10:
            group, last = group * 100, _HUNDRED
        elif (scale := entry.get(_SCALE) or entry.get(_SCALE_PLURAL)) and group > 0 and scale < last_scale:
            total, group, last_scale, last = total + group * scale, 0, scale, _SCALE
        else:
            return None
    if last is None or joined:
        return None
    return total + group


def _scale_of(token: str) -> int | None:
    """The multiplier of a scale word after digits (3 آلاف, 2.5 مليون), or ``None``."""
    reading = _number_reading(token)
    if reading is None or reading[1]:
        return None
    entry = reading[0]
    return entry.get(_SCALE) or entry.get(_SCALE_PLURAL)


def _digits_at(tokens: Sequence[TokenSpan], index: int) -> tuple[int, int] | None:
    """(end, value) of a digit number at ``index``, with a following scale word."""
    text = tokens[index].norm
    if not _DIGITS.fullmatch(text):
        return None  # dates (15/2/2021) and times (10:30) are not quantities
    scale = _scale_of(tokens[index + 1].norm) if index + 1 < len(tokens) else None
    if _DECIMAL.fullmatch(text) and (scale or not _THOUSANDS.fullmatch(text)):
        # 2.5 مليون is a decimal times a scale; a bare 3.5 is no count of anything.
        if scale is None:
            return None
        return index + 2, round(float(text.replace(",", ".")) * scale)
    value = int(text.replace(",", "").replace(".", ""))
    if scale:
        return index + 2, value * scale
    return index + 1, value


def _words_at(tokens: Sequence[TokenSpan], index: int) -> tuple[int, int] | None:
    """(end, value) of the longest well-formed run of number words starting at ``index``."""
    if not is_number_word(tokens[index].norm):
        return None
    best = None
    end = index + 1
    while True:
        value = parse_number_words([token.norm for token in tokens[index:end]])
        if value is None:
            break  # an ill-formed prefix never becomes well-formed by adding words
        best = (end, value)
        if end < len(tokens) and is_number_word(tokens[end].norm):
            end += 1
        elif end + 1 < len(tokens) and tokens[end].norm == "و" and is_number_word(tokens[end + 1].norm):
            end += 2
        else:
            break
    return best


def _core_at(tokens: Sequence[TokenSpan], index: int) -> tuple[int, int | None] | None:
    """(end, value) of the quantity itself (no approximator) starting at ``index``."""
    if index >= len(tokens):
        return None
    found = _digits_at(tokens, index) or _words_at(tokens, index)
    if found is not None:
        return found
    lexicon = _lexicon()
    vague = lexicon.vague.match(tokens, index)
    if vague is not None:
        return vague[0], None
    if any(form in lexicon.duals for form in bare_forms(tokens[index].norm)):
        return index + 1, 2
    return None


def quantity_proclitics(token: str) -> str:
    """The proclitics in front of the quantity word ``token`` starts with ("ب" in ببعض, "" in 5)."""
    starters = _lexicon().starters
    for form in bare_forms(token):
        if form in starters:
            prefix = token[: len(token) - len(form)]
            # The article is no proclitic: العشرات has none, بالعشرات has ب, للعشرات (ل + ال) has ل.
            if prefix.endswith("ال"):
                return prefix[:-2]
            return prefix[:-1] if prefix.endswith("لل") else prefix
    return ""


def number_at(tokens: Sequence[TokenSpan], index: int) -> NumberMention | None:
    """The quantity starting exactly at ``tokens[index]`` (approximator included), if any."""
    text = tokens[index].norm
    if not text[:1].isdigit() and _lexicon().starters.isdisjoint(bare_forms(text)):
        return None  # most tokens: no lookup beyond one set test
    approximator = _lexicon().approximators.match(tokens, index)
    start = approximator[0] if approximator else index
    core = _core_at(tokens, start)
    if core is None:
        return None
    return NumberMention(index, core[0], core[1], approximator is not None)


def find_numbers(tokens: Sequence[TokenSpan]) -> list[NumberMention]:
    """All quantities in ``tokens``, left to right, non-overlapping."""
    mentions = []
    index = 0
    while index < len(tokens):
        mention = number_at(tokens, index)
        if mention is None:
            index += 1
            continue
        mentions.append(mention)
        index = mention.last
    return mentions
