"""Participant mentions of a sentence: who could be an actor, a target or a source.

Dictionary matches are the seeds. A title followed by a named person is one mention (the
person: "رئيس الوزراء حيدر العبادي"); a construct noun keeps its definite complements
("مجلس عشائر العراق العربية"), so the mention covers the words a reader would quote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from hadath.extract.actors import ActorDictionary, ActorMatch
from hadath.text.normalize import normalize
from hadath.text.phrases import HasNorm

# A state name after these words is a place ("في العراق"), not a participant.
PLACE_PREPOSITIONS = frozenset(normalize(w) for w in {
    "في", "من", "الى", "داخل", "قرب", "شمال", "جنوب", "شرق", "غرب", "وسط", "انحاء", "مدن", "محافظات", "اراضي"})
# Definite words that never continue a noun phrase.
PHRASE_STOPS = frozenset(normalize(w) for w in {
                          "الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "الان", "اليوم", "الى", "الا",
                          "الماضي", "الماضيه", "المقبل", "المقبله", "الحالي", "الجاري", "السبت", "الاحد",
                          "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "الليله",
                          "البارحه", "الثاني", "الاول", "الجديد", "الجديده"})
MAX_EXTENSION = 3
# Kinds whose one-word names are often a capital standing for them (بروكسل، واشنطن، طهران).
METONYM_KINDS = frozenset({"government", "organisation"})
# Words after which a nationality word is a noun ("قال السعودي"), not an adjective.
NOT_A_NOUN = frozenset(normalize(w) for w in {
    "و", "ان", "قال", "اعلن", "اكد", "ضد", "على", "مع", "بين", "عن", "الى", "من", "في"})
# Time words that stand between a verb and its subject ("أدانت اليوم السعودية", "قصفت أمس …"):
# a nationality word after them is the subject, not their adjective.
TIME_WORDS = frozenset(normalize(w) for w in {
    "اليوم", "امس", "أمس", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    "مساء", "صباح", "ليلة", "فجر", "ظهر", "مساءا", "صباحا", "ليلا", "فجرا", "ظهرا", "الليلة", "مجددا", "أيضا"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A participant found at token indices ``[first, last)``."""

    first: int
    last: int
    name: str
    kind: str | None
    country: str | None
    start: int = 0  # raw-text offsets of the words
    end: int = 0

    def elsewhere(self) -> Mention:
        """The same participant referred to from another sentence (no token position there)."""
        return replace(self, first=-1, last=-1)


EntityFinder = Callable[[Sequence[HasNorm]], list[tuple[int, int, str]]]
# What a named-entity type says about a participant the dictionary doesn't know.
ENTITY_KINDS = {"PERS": "person", "ORG": "organisation"}


def mentions_of_sentence(tokens: Sequence[HasNorm], actors: ActorDictionary,
                         stops: frozenset[int] = frozenset(),
                         entities: Sequence[tuple[int, int, str]] = ()) -> list[Mention]:
    """Dictionary actors of one sentence (states used as places left out), merged and extended.

    ``stops`` are token indices a mention never stretches over (the sentence's event triggers:
    "أدانت جامعة الدول العربية الاقتحامات" — the object noun is not part of the name). With
    ``entities`` (the NER's spans), people and organisations the dictionary doesn't list join them, and
    a title followed by a recognized name becomes one mention ("الناطق باسم الائتلاف سالم المسلط").
    """
    found = []
    for match in _split_false_constructs(tokens, actors, actors.find(tokens)):
        entry = match.entry
        if entry.kind == "state" and (_used_as_place(tokens, match.first) or _is_adjective(tokens, match, stops)):
            continue
        if (entry.kind in METONYM_KINDS and match.last - match.first == 1 and match.first > 0
                and tokens[match.first - 1].norm == "في"):
            continue  # "تظاهر مئات في بروكسل", "في واشنطن": a capital named as the place, not its government
        if entry.kind == "state" and _indefinite_nisba(tokens, match.first, match.last):
            head = match.first - 1
            if head in stops:
                if tokens[match.first].norm.endswith(FEMININE_NISBA):
                    continue  # "ضربات أمريكية": describes the event, names no participant
            elif _describable(tokens[head].norm):
                # "طالب تونسي", "جنودا أميركيين": the noun the adjective describes is the participant.
                found.append(Mention(head, match.last, " ".join(t.norm for t in tokens[head:match.last]), None,
                                     entry.country))
                continue
        found.append(Mention(match.first, match.last, entry.name, entry.kind, entry.country))
    if entities:
        found = _with_entities(tokens, found, entities, stops)
    merged = _merge_constructs(tokens, _merge_titles(found, tokens))
    return [_with_offsets(tokens, _extend(tokens, m, merged, stops)) for m in merged]


def _split_false_constructs(tokens: Sequence[HasNorm], actors: ActorDictionary,
                            matches: list[ActorMatch]) -> list[ActorMatch]:
    """"اتهمت الحكومة إيران": a construct form ("حكومة إيران") matched across a definite head
    and the state after it. A head with the article takes no genitive, so these are two
    participants, the subject and the object: the words are matched again on either side."""
    result: list[ActorMatch] = []
    for match in matches:
        split = next((k for k in range(match.first + 1, match.last)
                      if tokens[k - 1].norm.startswith(("ال", "وال")) and not tokens[k].norm.startswith("ال")
                      and _names_state(tokens, actors, k, match.last)), None)
        if split is None:
            result.append(match)
            continue
        head = [ActorMatch(m.entry, m.first + match.first, m.last + match.first)
                for m in actors.find(tokens[match.first:split])]
        tail = [ActorMatch(m.entry, m.first + split, m.last + split) for m in actors.find(tokens[split:match.last])]
        result.extend(head + tail)
    return result


@dataclass(frozen=True, slots=True)
class _Word:
    norm: str


def _names_state(tokens: Sequence[HasNorm], actors: ActorDictionary, first: int, last: int) -> bool:
    """Tokens ``[first, last)`` are a state's name (not "لإيران", a preposition's object)."""
    word = tokens[first].norm
    if word[:1] in {"ل", "ب"} and any(m.entry.kind == "state" for m in actors.find([_Word(word[1:])])):
        return False
    found = actors.find(tokens[first:last])
    return len(found) == 1 and found[0].first == 0 and found[0].last == last - first and found[0].entry.kind == "state"


def _with_entities(tokens: Sequence[HasNorm], found: list[Mention], spans: Sequence[tuple[int, int, str]],
                   stops: frozenset[int]) -> list[Mention]:
    taken = {i for m in found for i in range(m.first, m.last)} | stops
    for first, last, label in spans:
        kind = ENTITY_KINDS.get(label)
        if kind is None or any(i in taken for i in range(first, last)):
            continue
        name = " ".join(t.norm for t in tokens[first:last])
        found.append(Mention(first, last, name, kind, None))
    return sorted(found, key=lambda m: m.first)


def _with_offsets(tokens: Sequence[HasNorm], mention: Mention) -> Mention:
    first, last = tokens[mention.first], tokens[mention.last - 1]
    return replace(mention, start=first.start, end=last.end)  # type: ignore[attr-defined]


def _merge_titles(mentions: list[Mention], tokens: Sequence[HasNorm] = ()) -> list[Mention]:
    """"وزير الخارجية" + "عادل الجبير" side by side: one mention, the person; likewise across
    the title's place ("المرجع الشيعي الأعلى في العراق آية الله علي السيستاني")."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (previous is not None and mention.kind == "person"
                and previous.kind in {"government", "person", "organisation"}
                and (previous.last == mention.first or _title_place(tokens, previous.last, mention.first))
                and not _new_title(tokens, previous, mention)):
            merged[-1] = replace(mention, first=previous.first,
                                 country=mention.country or previous.country)
        else:
            merged.append(mention)
    return merged


def _new_title(tokens: Sequence[HasNorm], previous: Mention, mention: Mention) -> bool:
    """"التقى الرئيس أوباما الملك سلمان": a definite title after a name already complete (ending in
    an indefinite word) opens a second party."""
    if not tokens or previous.last - previous.first < 2:
        return False
    return (tokens[mention.first].norm.startswith(("ال", "وال"))
            and not tokens[previous.last - 1].norm.startswith(("ال", "وال")))


TITLE_PLACE_WORDS = 2  # "في كربلاء", "في المملكة المتحدة"


def _title_place(tokens: Sequence[HasNorm], end: int, start: int) -> bool:
    """Between a title and a name stands only "في" and a place of one or two words."""
    gap = start - end
    return (0 < gap - 1 <= TITLE_PLACE_WORDS and end < len(tokens) and tokens[end].norm == "في"
            and all(tokens[i].norm.isalpha() for i in range(end + 1, start)))


def _merge_constructs(tokens: Sequence[HasNorm], mentions: list[Mention]) -> list[Mention]:
    """"مجلس عشائر" + "العراق": a name ending in an indefinite noun is a construct head, and the
    state after it its genitive ("مجلس عشائر العراق العربية"), one participant, not two."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.last == mention.first and mention.kind == "state"
                and previous.kind not in {"state", "person"} and _construct_head(tokens[previous.last - 1].norm)
                and _construct_head(tokens[mention.first].norm, genitive=True)):
            merged[-1] = replace(previous, last=mention.last, country=previous.country or mention.country)
        else:
            merged.append(mention)
    return merged


def _construct_head(word: str, genitive: bool = False) -> bool:
    """An indefinite noun (no article, no preposition); for the genitive, any word but a
    preposition-prefixed one (بالعراق، للعراق)."""
    if genitive:
        return not word.startswith(("ب", "ل", "و", "ف", "ك")) or word.startswith("لبنان")
    return word.isalpha() and not word.startswith(("ال", "وال", "بال", "لل")) and len(word) > 2


def _extend(tokens: Sequence[HasNorm], mention: Mention, others: list[Mention],
            stops: frozenset[int] = frozenset()) -> Mention:
    """Stretch a mention over the definite words that complete it ("مجلس عشائر" + "العراق العربيه")."""
    last = mention.last
    starts = {m.first for m in others} | stops
    while (last < len(tokens) and last - mention.last < MAX_EXTENSION and last not in starts
           and _continues_phrase(tokens[last].norm)):
        last += 1
    return replace(mention, last=last) if last != mention.last else mention


def _continues_phrase(token: str) -> bool:
    return token.startswith("ال") and len(token) > 3 and token not in PHRASE_STOPS


def _is_adjective(tokens: Sequence[HasNorm], match: object, stops: frozenset[int] = frozenset()) -> bool:
    """"العاصمة التونسية", "المساعدات السعودية": a nationality adjective describing the noun before it
    (not after a perfect verb, "أدانت السعودية", nor after a time word, "أدانت اليوم السعودية")."""
    first, last = match.first, match.last  # type: ignore[attr-defined]
    word = tokens[first].norm
    nisba = word.startswith(("ال", "وال")) and word.endswith(("يه", "ي", "يين", "يون"))
    previous = tokens[first - 1].norm if first > 0 else ""
    if previous in TIME_WORDS:
        return False
    if first - 1 in stops and previous.endswith("ت") and not previous.startswith(("ال", "وال")):
        return False  # a feminine perfect verb (the sentence's trigger) takes the state as its subject
    return last - first == 1 and nisba and previous.isalpha() and previous not in NOT_A_NOUN


NISBA_ENDINGS = ("ي", "يه", "يات", "يون", "يين")  # not يا: سوريا، ليبيا
FEMININE_NISBA = ("يه", "يات")


def _indefinite_nisba(tokens: Sequence[HasNorm], first: int, last: int) -> bool:
    """One indefinite nationality word after a word (تونسي، أمريكية، أميركيين)."""
    word = tokens[first].norm
    return (last - first == 1 and first > 0 and not word.startswith(("ال", "وال", "بال", "لل"))
            and word.endswith(NISBA_ENDINGS) and len(word) >= 4)


def _describable(word: str) -> bool:
    """An indefinite noun a nationality adjective can describe (not a particle, verb of saying, or name)."""
    bare = word[1:] if word[:1] in {"و", "ف"} and len(word) > 3 else word
    return (word.isalpha() and len(bare) >= 3 and not bare.startswith("ال")
            and word not in NOT_A_NOUN and bare not in NOT_A_NOUN)


def _used_as_place(tokens: Sequence[HasNorm], first: int) -> bool:
    token = tokens[first].norm
    if token.startswith(("بال", "وبال", "فبال", "لل")) and len(token) > 5:
        return True  # بالعراق: "in Iraq"
    return first > 0 and tokens[first - 1].norm in PLACE_PREPOSITIONS
