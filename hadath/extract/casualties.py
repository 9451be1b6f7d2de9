"""Counts of killed and injured people stated in a sentence.

Cue words and nouns live in ``hadath/data/casualties.yaml``. The patterns, in the order
they claim numbers (a number counts for one mention only):

1. لقي … حتفه/مصرعه: "لقى 3 أشخاص … مصرعهم", "لقي شاب حتفه" (1).
2. A cue then the count: "مقتل 5 أشخاص", "قتل 38 سائحا", "أسفر عن مقتل 3 وإصابة 7",
   "مقتل مدني ومتعاقد أجنبي" (each singular person 1, so 2), "3 جنود و2 مدنيين" summed (5).
   A verb may have its subject before the count: "قتلت القوات 3 فلسطينيين".
3. A toll: "ارتفعت حصيلة القتلى إلى 20".
4. A count then a verb: "الضحايا الـ32 الذين قضوا".
5. A count then a casualty noun: "5 قتلى و10 جرحى", "قتيلان", "227 إصابة".
6. A singular casualty noun alone: "سقوط قتيل".

Counts follow the gold guidelines: approximate numbers count ("نحو 400" = 400), vague ones
("إصابة العشرات", "جرح آخرين") give ``None``, and parts are summed only when all are stated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from hadath.extract.numbers import (
    NumberMention,
    PhraseTable,
    bare_forms,
    find_numbers,
    load_yaml,
    quantity_proclitics,
)
from hadath.text.normalize import normalize
from hadath.text.segment import CLAUSE_BREAKS, TokenSpan

KILLED, INJURED = "killed", "injured"
# How far a verb's count may sit after it (its subject between): قتلت القوات الإسرائيلية 3 …
VERB_REACH = 4
# How far back a post-verb looks for its count: الضحايا الـ32 الذين قضوا.
POST_VERB_REACH = 4
# How far the object of لقي may follow it: لقى 3 أشخاص من منتسبي كتيبة … مصرعهم.
IDIOM_REACH = 25
# Adjectives after a counted person: مقتل متعاقد أجنبي, 260 مقاتلا كرديا.
MAX_ADJECTIVES = 2
_SENTENCE_END = frozenset({".", "!", "?", "؟", "…"})
_NISBA_ENDINGS = ("ي", "يا", "يه", "ين", "يون", "يات")
_PREPOSITIONS = frozenset("بلك")


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """A casualty count: tokens ``[first, last)`` cover the cue, the number and its noun.

    ``kind`` is ``"killed"`` or ``"injured"``; ``count`` is ``None`` when the text gives no
    number (إصابة العشرات, جرح آخرين, مقتل مدنيين).
    """

    first: int
    last: int
    kind: str
    count: int | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    cue_nouns: dict[tuple[str, ...], str]
    cue_verbs: dict[tuple[str, ...], str]
    cue_phrases: PhraseTable
    post_verbs: dict[tuple[str, ...], str]
    post_verb_phrases: PhraseTable
    idiom_verbs: frozenset[str]
    idiom_objects: dict[str, int | None]
    nouns: dict[tuple[str, ...], str]
    noun_phrases: PhraseTable
    singular_casualty: dict[str, str]
    human_singular: frozenset[str]
    human_accusative: frozenset[str]  # جنديا, ضابطا: only a noun of a number before it
    human_plural: frozenset[str]
    counted_people: frozenset[str]  # what may follow a verb's count: people, آخرين, من
    others_singular: frozenset[str]
    others_plural: frozenset[str]
    non_human: PhraseTable
    stop: frozenset[str]
    partitive: frozenset[str]
    toll_words: frozenset[str]
    toll_nouns: dict[str, str]
    toll_gap: int
    name_markers: frozenset[str]
    disease: frozenset[str]
    combined: frozenset[str]
    starters: frozenset[str]  # a sentence without any of these words states no casualties


def _words(items: Sequence[str]) -> frozenset[str]:
    return frozenset(normalize(item) for item in items)


def _by_kind(data: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    return {tuple(normalize(form).split()): kind for kind, forms in data.items() for form in forms}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml("casualties.yaml")
    cue_nouns = _by_kind({kind: forms["nouns"] for kind, forms in data["cues"].items()})
    cue_verbs = _by_kind({kind: forms["verbs"] for kind, forms in data["cues"].items()})
    post_verbs = _by_kind(data["post_verbs"])
    nouns = _by_kind(data["nouns"])
    singular = [normalize(form) for form in data["humans"]["singular"]]
    # After 11–99 the counted noun is a singular accusative: 38 سائحا, 260 مقاتلا, جنديا.
    accusative = frozenset(form + "ا" for form in singular if not form.endswith("ه")) - set(singular)
    singular += accusative
    cue_phrases = PhraseTable([" ".join(words) for words in {**cue_nouns, **cue_verbs}])
    post_verb_phrases = PhraseTable([" ".join(words) for words in post_verbs])
    noun_phrases = PhraseTable([" ".join(words) for words in nouns])
    objects: dict[str, int | None] = {}
    for count, forms in data["death_idiom"]["objects"].items():
        for form in forms:
            objects[normalize(form)] = int(count) or None
    return _Lexicon(
        cue_nouns=cue_nouns,
        cue_verbs=cue_verbs,
        cue_phrases=cue_phrases,
        post_verbs=post_verbs,
        post_verb_phrases=post_verb_phrases,
        idiom_verbs=_words(data["death_idiom"]["verbs"]),
        idiom_objects=objects,
        nouns=nouns,
        noun_phrases=noun_phrases,
        singular_casualty={
            normalize(f): kind for kind, forms in data["singular_casualty"].items() for f in forms
        },
        human_singular=frozenset(singular),
        human_accusative=accusative,
        human_plural=_words(data["humans"]["plural"]),
        counted_people=frozenset(singular)
        | _words(data["humans"]["plural"])
        | _words(data["others"]["plural"])
        | _words(data["partitive"]),
        others_singular=_words(data["others"]["singular"]),
        others_plural=_words(data["others"]["plural"]),
        non_human=PhraseTable(data["non_human"]),
        stop=_words(data["stop"]),
        partitive=_words(data["partitive"]),
        toll_words=_words(data["toll"]["words"]),
        toll_nouns={normalize(f): kind for kind, forms in data["toll"]["nouns"].items() for f in forms},
        toll_gap=int(data["toll"]["max_gap"]),
        name_markers=_words(data["name_markers"]),
        disease=_words(data["disease"]),
        combined=_words(data["combined"]),
        starters=cue_phrases.first_words
        | post_verb_phrases.first_words
        | noun_phrases.first_words
        | _words(data["death_idiom"]["verbs"])
        | _words(data["toll"]["words"]),
    )


class _Sentence:
    """Tokens with their number mentions and the numbers already claimed by a mention."""

    def __init__(self, tokens: Sequence[TokenSpan]) -> None:
        self.tokens = tokens
        self.numbers = {mention.first: mention for mention in find_numbers(tokens)}
        self.claimed: set[int] = set()

    def norm(self, index: int) -> str:
        return self.tokens[index].norm if 0 <= index < len(self.tokens) else ""

    def forms(self, index: int) -> tuple[str, ...]:
        return bare_forms(self.tokens[index].norm) if 0 <= index < len(self.tokens) else ()

    def has(self, index: int, words: frozenset[str]) -> bool:
        return any(form in words for form in self.forms(index))

    def is_word(self, index: int) -> bool:
        text = self.norm(index)
        return bool(text) and text[0].isalpha()

    def cue(self, index: int) -> tuple[int, str, bool] | None:
        """(end, kind, is_verb) of a killed/injured cue at ``index``."""
        lexicon = _lexicon()
        found = lexicon.cue_phrases.match(self.tokens, index)
        if found is None:
            return None
        end, words = found
        if words in lexicon.cue_verbs:
            return end, lexicon.cue_verbs[words], True
        return end, lexicon.cue_nouns[words], False

    def number(self, index: int) -> NumberMention | None:
        mention = self.numbers.get(index)
        return mention if mention is not None and index not in self.claimed else None


@dataclass(frozen=True, slots=True)
class _Count:
    end: int
    count: int | None
    numbers: tuple[int, ...]  # first indices of the number mentions it uses
    from_number: bool  # starts with a written number (not a person noun)


def _noun_end(sentence: _Sentence, index: int) -> int | None:
    """End of the noun counted by a number ending at ``index`` (None: a non-human noun)."""
    lexicon = _lexicon()
    noun = lexicon.noun_phrases.match(sentence.tokens, index)
    if noun is not None and not _joined(sentence.norm(index), noun[1][0]):
        return noun[0]
    if lexicon.non_human.match(sentence.tokens, index) is not None:
        return None
    if sentence.has(index, lexicon.partitive) and sentence.is_word(index + 1):
        return index + 2  # أربعة من إرهابيي داعش
    if _plain_word(sentence, index):
        return index + 1  # the counted noun, known (أشخاص) or not (صيادين)
    return index


def _joined(token: str, form: str) -> bool:
    """True when ``token`` is ``form`` with a conjunction و before it (a new item, not a noun)."""
    if token == form or not token.endswith(form):
        return False
    return "و" in token[: len(token) - len(form)]


def _plain_word(sentence: _Sentence, index: int) -> bool:
    """A word that may be a counted noun or an adjective: not a cue, stop word, number or و-word."""
    lexicon = _lexicon()
    text = sentence.norm(index)
    return (
        sentence.is_word(index)
        and not text.startswith("و")
        and not sentence.has(index, lexicon.stop)
        and not sentence.has(index, lexicon.partitive)
        and index not in sentence.numbers
        and sentence.cue(index) is None
        and not sentence.has(index, lexicon.idiom_verbs)
        and lexicon.post_verb_phrases.match(sentence.tokens, index) is None
    )


def _item_at(sentence: _Sentence, index: int, joined: bool = False) -> tuple[int, int | None, bool] | None:
    """(end, count, from_number) of one counted group: "5 أشخاص", "مدني", "جنديين", "آخرين".

    ``joined``: the group follows و in a list. A group whose noun is itself a casualty noun
    (وعشرات الجرحى after مقتل 5) starts a new statement and is not part of the list.
    """
    lexicon = _lexicon()
    number = sentence.number(index)
    if number is not None:
        if joined and lexicon.noun_phrases.match(sentence.tokens, number.last) is not None:
            return None
        if _PREPOSITIONS.intersection(quantity_proclitics(sentence.norm(index))):
            return None  # الإصابة ببعض أنواع …: a preposition's object, not a count
        end = _noun_end(sentence, number.last)
        if end is None:
            return None
        return _skip_adjectives(sentence, end), number.value, True
    if sentence.norm(index) in lexicon.name_markers and sentence.is_word(index + 1):
        return index + 2, 1, False  # على قتل / عطية …
    forms = sentence.forms(index)
    if joined and any(form in lexicon.human_accusative for form in forms):
        # 17 جنديا وضابطا: a second noun of the same number, not one more person.
        return _skip_adjectives(sentence, index + 1), 0, False
    if any(form in lexicon.human_singular or form in lexicon.others_singular for form in forms):
        return _skip_adjectives(sentence, index + 1), 1, False
    if any(form in lexicon.human_plural or form in lexicon.others_plural for form in forms):
        return _skip_adjectives(sentence, index + 1), None, False
    return None


def _skip_adjectives(sentence: _Sentence, index: int) -> int:
    """End of the adjectives after a counted noun: nisba forms (أجنبي, كرديا, أميركيين).

    Only nisba endings are taken: any word would also swallow "حرقا" or "بطريقة" into the span.
    """
    end = index
    while (
        end - index < MAX_ADJECTIVES
        and _plain_word(sentence, end)
        and sentence.norm(end).endswith(_NISBA_ENDINGS)
        and not _is_item_start(sentence, end)
    ):
        end += 1
    return end


def _is_item_start(sentence: _Sentence, index: int) -> bool:
    lexicon = _lexicon()
    forms = sentence.forms(index)
    return sentence.number(index) is not None or any(
        form in lexicon.human_singular or form in lexicon.human_plural for form in forms
    )


def _count_at(sentence: _Sentence, index: int) -> _Count | None:
    """A list of counted groups joined by و starting at ``index``, summed when all are stated."""
    item = _item_at(sentence, index)
    if item is None:
        return None
    end, count, from_number = item
    total: int | None = count
    numbers = [index] if from_number else []
    while end < len(sentence.tokens):
        if sentence.norm(end) == "و":
            following = end + 1
        elif sentence.norm(end).startswith("و") and len(sentence.norm(end)) > 1:
            following = end
        else:
            break
        item = _item_at(sentence, following, joined=True)
        if item is None:
            break
        if item[2]:
            numbers.append(following)
        total = None if total is None or item[1] is None else total + item[1]
        end = item[0]
    return _Count(end, total, tuple(numbers), from_number)


def _reach_count(sentence: _Sentence, start: int, reach: int) -> _Count | None:
    """A written number with a person noun within ``reach`` words (the verb's subject between)."""
    lexicon = _lexicon()
    for index in range(start, min(start + reach + 1, len(sentence.tokens))):
        text = sentence.norm(index)
        if text in CLAUSE_BREAKS or text in _SENTENCE_END or sentence.has(index, lexicon.stop):
            return None
        if index > start and sentence.cue(index) is not None:
            return None
        if sentence.number(index) is not None:
            found = _count_at(sentence, index)
            after = sentence.numbers[index].last
            if found is not None and found.count is not None and sentence.has(after, lexicon.counted_people):
                return found
            return None
    return None


def _illness(sentence: _Sentence, end: int) -> bool:
    """True when the words right after a count make it illness, not violence (بفيروس كورونا)."""
    disease = _lexicon().disease
    return sentence.has(end, disease) or sentence.has(end + 1, disease)


def _claim(sentence: _Sentence, count: _Count) -> None:
    sentence.claimed.update(count.numbers)


def _combined_end(sentence: _Sentence, end: int, kind: str) -> int | None:
    """End of a second cue joined to the first ("مقتل وإصابة 20"): one number for both kinds,
    so neither count is known. ``None`` when no such cue follows."""
    following = sentence.cue(end)
    if following is not None and sentence.norm(end).startswith("و") and following[1] != kind:
        return following[0]
    return None


def _idioms(sentence: _Sentence, out: list[CasualtyMention]) -> None:
    """لقي 3 أشخاص … مصرعهم, لقي شاب حتفه (1), لقيا حتفهما (2)."""
    lexicon = _lexicon()
    for index in range(len(sentence.tokens)):
        if not sentence.has(index, lexicon.idiom_verbs):
            continue
        obj = None
        for later in range(index + 1, min(index + 1 + IDIOM_REACH, len(sentence.tokens))):
            if sentence.norm(later) in _SENTENCE_END or sentence.has(later, lexicon.idiom_verbs):
                break
            if any(form in lexicon.idiom_objects for form in sentence.forms(later)):
                obj = later
                break
        if obj is None:
            continue  # لقي ترحيبا: no death
        count = _count_at(sentence, index + 1) or _reach_count(sentence, index + 1, VERB_REACH)
        if count is not None and count.count is not None:
            _claim(sentence, count)
            out.append(CasualtyMention(index, count.end, KILLED, count.count))
            continue
        before = _number_before(sentence, index)
        if before is not None:  # ثلاثة أشخاص لقوا حتفهم: the subject comes first
            sentence.claimed.add(before.first)
            out.append(CasualtyMention(before.first, obj + 1, KILLED, before.value))
            continue
        value = next(lexicon.idiom_objects[f] for f in sentence.forms(obj) if f in lexicon.idiom_objects)
        out.append(CasualtyMention(index, obj + 1, KILLED, value))


def _cues(sentence: _Sentence, out: list[CasualtyMention]) -> None:
    """مقتل 5 أشخاص, أصيب ستة آخرون, قتلت القوات 3 فلسطينيين, إصابة العشرات (None)."""
    index = 0
    while index < len(sentence.tokens):
        cue = sentence.cue(index)
        if cue is None:
            index += 1
            continue
        end, kind, is_verb = cue
        combined = _combined_end(sentence, end, kind)
        if combined is not None:
            index = combined
            continue
        count = _count_at(sentence, end)
        if is_verb and (count is None or not count.from_number):
            # The word after a verb may be its subject (قتل الجندي 3 مسلحين): a number further on wins.
            count = _reach_count(sentence, end, VERB_REACH) or count
        if count is None or _illness(sentence, count.end):
            index = end if count is None else count.end
            continue
        _claim(sentence, count)
        out.append(CasualtyMention(index, count.end, kind, count.count))
        index = count.end


def _tolls(sentence: _Sentence, out: list[CasualtyMention]) -> None:
    """ارتفعت حصيلة القتلى إلى 20, بلغ عدد الجرحى 45."""
    lexicon = _lexicon()
    for index in range(len(sentence.tokens) - 1):
        if not sentence.has(index, lexicon.toll_words):
            continue
        forms = sentence.forms(index + 1)
        kind = next((lexicon.toll_nouns[f] for f in forms if f in lexicon.toll_nouns), None)
        if kind is None:
            continue
        for later in range(index + 2, min(index + 2 + lexicon.toll_gap, len(sentence.tokens))):
            if sentence.norm(later) in _SENTENCE_END:
                break
            number = sentence.number(later)
            if number is not None and number.value is not None:
                sentence.claimed.add(later)
                out.append(CasualtyMention(index, number.last, kind, number.value))
                break


def _post_verbs(sentence: _Sentence, out: list[CasualtyMention]) -> None:
    """الضحايا الـ32 الذين قضوا, 3 أشخاص لقوا حتفهم."""
    lexicon = _lexicon()
    for index in range(len(sentence.tokens)):
        found = lexicon.post_verb_phrases.match(sentence.tokens, index)
        if found is None:
            continue
        number = _number_before(sentence, index)
        if number is not None:
            sentence.claimed.add(number.first)
            out.append(CasualtyMention(number.first, found[0], lexicon.post_verbs[found[1]], number.value))


def _number_before(sentence: _Sentence, index: int) -> NumberMention | None:
    """The stated number a few words before a verb in the same clause (its subject)."""
    for earlier in range(index - 1, max(-1, index - 1 - POST_VERB_REACH), -1):
        text = sentence.norm(earlier)
        if text in CLAUSE_BREAKS or text in _SENTENCE_END:
            return None
        number = sentence.number(earlier)
        if number is not None and number.last <= index:
            return number if number.value is not None else None
    return None


def _counted_nouns(sentence: _Sentence, out: list[CasualtyMention]) -> None:
    """5 قتلى, 227 جريحا, قتيلان, ثلاثة مصابين (not 500 إصابة بكورونا)."""
    lexicon = _lexicon()
    for first, number in sorted(sentence.numbers.items()):
        if first in sentence.claimed:
            continue
        # A dual noun (قتيلان) is its own number; otherwise the noun follows the number.
        noun = lexicon.noun_phrases.match(sentence.tokens, first)
        if noun is None or noun[0] != number.last:
            noun = lexicon.noun_phrases.match(sentence.tokens, number.last)
        if noun is None:
            continue
        end, words = noun
        if _illness(sentence, end):
            continue
        sentence.claimed.add(first)
        out.append(CasualtyMention(first, end, lexicon.nouns[words], number.value))


def _singular_nouns(sentence: _Sentence, out: list[CasualtyMention], taken: set[int]) -> None:
    """سقوط قتيل وثلاثة جرحى: an indefinite قتيل/جريح/شهيد alone counts one."""
    lexicon = _lexicon()
    singular = frozenset(lexicon.singular_casualty)
    for index, token in enumerate(sentence.tokens):
        if index in taken:
            continue
        # 80 بين قتيل وجريح: one number for both kinds, no single casualty (for either noun).
        if sentence.has(index - 1, lexicon.combined):
            continue
        second = token.norm.startswith("و") and sentence.has(index - 1, singular)
        if second and sentence.has(index - 2, lexicon.combined):
            continue
        for form in sentence.forms(index):
            # Definite forms (القتيل) refer back to someone already counted.
            if form in lexicon.singular_casualty and "ال" + form not in token.norm:
                out.append(CasualtyMention(index, index + 1, lexicon.singular_casualty[form], 1))
                break


def find_casualties(tokens: Sequence[TokenSpan]) -> list[CasualtyMention]:
    """Killed and injured counts in ``tokens`` (a sentence or clause), left to right."""
    starters = _lexicon().starters
    if all(starters.isdisjoint(bare_forms(token.norm)) for token in tokens):
        return []  # most sentences: no number search at all
    sentence = _Sentence(tokens)
    out: list[CasualtyMention] = []
    _idioms(sentence, out)
    _cues(sentence, out)
    _tolls(sentence, out)
    _post_verbs(sentence, out)
    _counted_nouns(sentence, out)
    taken = {index for mention in out for index in range(mention.first, mention.last)}
    _singular_nouns(sentence, out, taken)
    # The idiom pass runs first but its verb may sit inside a cue's span; keep one per start.
    unique: dict[int, CasualtyMention] = {}
    for mention in sorted(out, key=lambda m: (m.first, -m.last)):
        unique.setdefault(mention.first, mention)
    return list(unique.values())
