"""Sentences, clauses and tokens of an article, with offsets into the raw text.

Splitting runs on the matching form (see ``normalize``) so that diacritics or bidi marks
never break a word; every boundary is mapped back to raw offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hadath.text.normalize import NormalizedText, normalize

# A number keeps its decimal/date separators (3.5, 15/2); a word is a run of letters.
_TOKEN = re.compile(r"\d+(?:[.,/:]\d+)*|[^\W\d_]+|[^\w\s]", re.UNICODE)
# A sentence ends at . ! ? ؟ … followed by space or, in careless copy, straight by an Arabic letter
# ("عليها.وفي"); or at a line break.
_SENTENCE_END = re.compile(r"(?:[.!?؟…]+[\"'»”)]*(?=\s|[\u0621-\u064a])|\n+)")
CLAUSE_BREAKS = frozenset({"،", "؛", ";", ",", ":", "(", ")", "\"", "«", "»", "“", "”", "-", "–"})

# Unpunctuated prose runs whole paragraphs into one "sentence"; past this many tokens one is cut
# where Arabic news opens a new statement (see ``_clause_openings``).
LONG_SENTENCE = 60
MIN_PIECE = 5  # tokens each piece keeps at least
# No piece is longer than this: the role and place choices compare spans inside a sentence, so an
# unbounded one (a 10 MB text with no punctuation) would make extraction quadratic in its length.
MAX_PIECE = 150
SEMICOLONS = frozenset({"؛", ";"})
COMMAS = frozenset({"،", ","})
# Words that open a new statement inside a run-on sentence: "فيما دعت …", "بينما كان …", "كما تظاهر …".
CLAUSE_CONJUNCTIONS = frozenset({"فيما", "وفيما", "بينما", "وبينما", "كما", "وكما"})
# "فيما يتعلق ب…", "فيما بينهم", "كما هو": the conjunction heads a phrase, not a clause.
NOT_AFTER_CONJUNCTION = frozenset({"يتعلق", "يخص", "يلي", "بينهم", "بينها", "بينهما", "بعد", "هو", "هي", "لو",
                                   "يبدو", "ذكرنا", "سبق", "يجب", "ينبغي", "ان", "انه", "انها"})
# "من جهته، …", "من جانبها …", "بدوره …": a new speaker takes the floor.
TURN_OPENERS = frozenset({"جهته", "جهتها", "جانبه", "جانبها", "ناحيته", "ناحيتها"})
TURN_WORDS = frozenset({"بدوره", "بدورها", "وبدوره", "وبدورها"})
# Verbs that open a statement when a conjunction joins them to what came before ("وأضاف",
# "وانطلقت", "وطالب المحتجون"): reporting verbs and the verbs news narrative advances with.
OPENING_VERBS = frozenset(normalize(verb) for verb in {
    "قال", "قالت", "قالوا", "اضاف", "اضافت", "تابع", "تابعت", "اكد", "اكدت", "اشار", "اشارت", "اوضح",
    "اوضحت", "ذكر", "ذكرت", "اعلن", "اعلنت", "افاد", "افادت", "لفت", "لفتت", "شدد", "شددت", "صرح",
    "صرحت", "كشف", "كشفت", "نقل", "نقلت", "دعا", "دعت", "دعاه", "دعاها", "طالب", "طالبت", "طالبوا",
    "حذر", "حذرت", "اعتبر", "اعتبرت", "اعرب", "اعربت", "ادان", "ادانت", "ندد", "نددت", "رحب", "رحبت",
    "هدد", "هددت", "نفى", "نفي", "نفت", "كان", "كانت", "ياتي", "تاتي", "جاء", "جاءت", "انطلق", "انطلقت",
    "خرج", "خرجت", "خرجوا", "تظاهر", "تظاهرت", "تظاهروا", "تجمع", "تجمعت", "شهد", "شهدت", "اندلع",
    "اندلعت", "شن", "شنت", "نفذ", "نفذت", "اعتقل", "اعتقلت", "تمكن", "تمكنت", "اسفر", "اسفرت", "تعرض",
    "تعرضت", "تولى", "تولت", "يتصاعد", "تتصاعد", "تصاعد", "تصاعدت", "يستمر", "تستمر", "ارتفع", "ارتفعت",
    "اصيب", "اصيبت", "لقي", "سقط", "سقطت", "التقى", "التقت", "استقبل", "استقبلت", "بحث", "بحثت", "عقد",
    "عقدت", "وصل", "وصلت", "غادر", "غادرت", "رفع", "رفعوا", "ردد", "رددوا", "شكر", "شكروا", "تعهد",
    "تعهدت", "اتهم", "اتهمت", "استنكر", "استنكرت", "ابدى", "ابدت", "اضطر", "قام", "قامت",
})


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
            for first, last in _pieces(tokens):
                sentences.append(SentenceSpan(tokens[first].start, tokens[last - 1].end, tuple(tokens[first:last])))
        position = boundary
    return sentences


def _pieces(tokens: list[TokenSpan]) -> list[tuple[int, int]]:
    """Token ranges of a sentence: itself, or a run-on sentence cut where new statements open."""
    if len(tokens) <= LONG_SENTENCE:
        return [(0, len(tokens))]
    cuts = [0]
    for index in _clause_openings(tokens):
        if index - cuts[-1] >= MIN_PIECE and len(tokens) - index >= MIN_PIECE:
            cuts.append(index)
    pieces = zip(cuts, [*cuts[1:], len(tokens)], strict=True)
    return [bounded for first, last in pieces for bounded in _bounded(tokens, first, last)]


def _bounded(tokens: list[TokenSpan], first: int, last: int) -> list[tuple[int, int]]:
    """``[first, last)`` cut into pieces of at most ``MAX_PIECE`` tokens, after a comma where one is."""
    pieces = []
    while last - first > MAX_PIECE:
        window = range(first + MAX_PIECE - 1, first + MIN_PIECE, -1)
        comma = next((i for i in window if tokens[i].norm in COMMAS or tokens[i].norm in SEMICOLONS), None)
        cut = comma + 1 if comma is not None else first + MAX_PIECE
        pieces.append((first, cut))
        first = cut
    pieces.append((first, last))
    return pieces


def _clause_openings(tokens: list[TokenSpan]) -> list[int]:
    """Indices where a new statement opens inside a run-on sentence: after "؛", at "فيما / بينما /
    كما", at "من جهته، …" or "بدوره", and at a conjunction glued to a reporting or narrative verb
    ("وأضاف", "وانطلقت", "وطالب")."""
    openings = []
    for index in range(1, len(tokens)):
        word = tokens[index].norm
        following = tokens[index + 1].norm if index + 1 < len(tokens) else ""
        previous = tokens[index - 1].norm
        if previous in SEMICOLONS:
            openings.append(index)
        elif word in CLAUSE_CONJUNCTIONS:
            if following not in NOT_AFTER_CONJUNCTION:
                openings.append(index)
        elif ((word in {"من", "ومن"} and following in TURN_OPENERS) or word in TURN_WORDS
              or (word[:1] in {"و", "ف"} and word[1:] in OPENING_VERBS and previous not in {"ان", "انه", "انها"})):
            openings.append(index)
    return openings


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
