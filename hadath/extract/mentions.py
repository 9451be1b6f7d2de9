"""Participant mentions of a sentence: who could be an actor, a target or a source.

Dictionary matches are the seeds. A title followed by a named person is one mention (the
person: "رئيس الوزراء حيدر العبادي"); a construct noun keeps its definite complements
("مجلس عشائر العراق العربية"), so the mention covers the words a reader would quote. So do a
count before a counted party ("قرابة 300 شخص") and a name the dictionary doesn't know after a
title or an honorific ("السفير محمد صبيح", "الشيخ أحمد الغانم": word lists in
``hadath/data/actors/names/``). A state named as a place ("بالعراق", "ببغداد") or as someone's
nationality ("سعودي الجنسية") is no participant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from hadath.extract.actors import ActorDictionary, ActorMatch, PersonNames, load_person_names, load_role_cues
from hadath.extract.numbers import NumberMention, find_numbers
from hadath.text.normalize import has_arabic, normalize
from hadath.text.phrases import HasNorm

# A state name after these words is a place ("في العراق"), not a participant.
PLACE_PREPOSITIONS = frozenset(normalize(w) for w in {
    "في", "من", "الى", "داخل", "قرب", "شمال", "جنوب", "شرق", "غرب", "وسط", "انحاء", "مدن", "محافظات", "اراضي"})
# Definite words that never continue a noun phrase.
PHRASE_STOPS = frozenset(normalize(w) for w in {
                          "الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "الان", "اليوم", "الى", "الا",
                          "الماضي", "الماضيه", "المقبل", "المقبله", "الحالي", "الجاري", "السبت", "الاحد",
                          "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "الليله",
                          "البارحه", "الثاني", "الاول", "الجديد", "الجديده",
                          # counts open the next phrase ("اعتقلت القوات الأمنية العشرات من …")
                          "العشرات", "المئات", "الالاف", "الآلاف", "العديد", "الكثير", "البعض"})
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
    # Letters of a proclitic (و، ل، ب …) the first word carries before the name ("لمجلس عشائر",
    # "والبيشمركة"): the words a reader quotes leave it out.
    proclitic: int = 0

    def elsewhere(self) -> Mention:
        """The same participant referred to from another sentence (no token position there)."""
        return replace(self, first=-1, last=-1)


EntityFinder = Callable[[Sequence[HasNorm]], list[tuple[int, int, str]]]
# The same over every sentence of one article at once (the NER's document-level pass).
DocumentEntityFinder = Callable[[Sequence[Sequence[HasNorm]]], list[list[tuple[int, int, str]]]]
# What a named-entity type says about a participant the dictionary doesn't know.
ENTITY_KINDS = {"PERS": "person", "ORG": "organisation"}


def mentions_of_sentence(tokens: Sequence[HasNorm], actors: ActorDictionary,
                         stops: frozenset[int] = frozenset(),
                         entities: Sequence[tuple[int, int, str]] = (), raw: str = "") -> list[Mention]:
    """Dictionary actors of one sentence (states used as places left out), merged and extended.

    ``stops`` are token indices a mention never stretches over (the sentence's event triggers:
    "أدانت جامعة الدول العربية الاقتحامات" — the object noun is not part of the name). With
    ``entities`` (the NER's spans), people and organisations the dictionary doesn't list join them, and
    a title followed by a recognized name becomes one mention ("الناطق باسم الائتلاف سالم المسلط").
    ``raw``, the text the tokens' offsets point into, tells the preposition على from the name علي
    (one matching form): no name runs over it ("القوات الأمنية على", "وزير الخارجية على ما").

    The dictionaries go first: a NER span counts only where their mentions (with the title, the
    honorific and the name lists) find nobody, as they bound a name more reliably than the NER
    ("شرطة المحافظة اللواء هادي رزيج" is one mention, not the police and a person).
    """
    stops = stops | _alif_maqsura_ala(tokens, raw)
    plain = _mentions(tokens, actors, stops)
    unclaimed = _unclaimed(entities, plain)
    return [_with_offsets(tokens, m, actors) for m in (_mentions(tokens, actors, stops, unclaimed)
                                                        if unclaimed else plain)]


def _unclaimed(entities: Sequence[tuple[int, int, str]], mentions: list[Mention]) -> list[tuple[int, int, str]]:
    """The NER's people and organisations that no dictionary mention touches."""
    taken = {i for m in mentions for i in range(m.first, m.last)}
    return [(first, last, label) for first, last, label in entities
            if label in ENTITY_KINDS and not any(i in taken for i in range(first, last))]


def _mentions(tokens: Sequence[HasNorm], actors: ActorDictionary, stops: frozenset[int],
              entities: Sequence[tuple[int, int, str]] = ()) -> list[Mention]:
    """The mentions of :func:`mentions_of_sentence` without their raw-text offsets."""
    found = []
    matches = _split_false_constructs(tokens, actors, actors.find(tokens))
    for match in matches:
        entry = match.entry
        if match.last - match.first == 1 and match.first in stops and entry.kind != "state":
            continue  # "متهما المملكة": the event word (accusing), not the noun it spells (a suspect)
        if entry.kind == "state" and _counterpart(tokens, match.first):
            # "اتصالا هاتفيا بنظيره الأمريكي": the counterpart of that state is the participant
            head = match.first - 1
            found.append(Mention(head, match.last, " ".join(t.norm for t in tokens[head:match.last]), "government",
                                 entry.country))
            continue
        if entry.kind == "state" and (_used_as_place(tokens, match.first)
                                      or (_is_adjective(tokens, match, stops)
                                          and not _conjoined_state(tokens, match, matches, stops)
                                          and not _after_name(match, matches))
                                      or (match.first - 1 not in stops and _in_named(tokens, actors, match))):
            continue
        if (entry.kind in METONYM_KINDS and match.last - match.first == 1 and match.first > 0
                and tokens[match.first - 1].norm == "في"):
            continue  # "تظاهر مئات في بروكسل", "في واشنطن": a capital named as the place, not its government
        if entry.kind == "state" and _nationality_of(tokens, match):
            continue  # "صالح … ـ سعودي الجنسية ـ": a person's nationality, not a party
        if entry.kind == "state" and _indefinite_nisba(tokens, match.first, match.last):
            head = match.first - 1
            if head in stops and not (head > 0 and tokens[head - 1].norm in load_role_cues()["agent_words"]):
                if tokens[match.first].norm.endswith(FEMININE_NISBA):
                    continue  # "ضربات أمريكية": describes the event, names no participant
            elif tokens[head].norm in load_role_cues()["agent_words"]:
                # "عملية دهس نفذها فلسطيني": after an agent word the nisba alone names the doer
                found.append(Mention(match.first, match.last, " ".join(t.norm for t in tokens[match.first:match.last]),
                                     None, entry.country))
                continue
            elif _describable(tokens[head].norm):
                # ("هجوم شنه طالب تونسي": after an agent word the event word is a noun, the doer)
                # "طالب تونسي", "جنودا أميركيين": the noun the adjective describes is the participant.
                found.append(Mention(head, match.last, " ".join(t.norm for t in tokens[head:match.last]), None,
                                     entry.country))
                continue
        found.append(Mention(match.first, match.last, entry.name, entry.kind, entry.country))
    if entities:
        found = _with_entities(tokens, found, entities, stops)
    merged = _merge_constructs(tokens, _merge_titles(found, tokens))
    numbers = find_numbers(tokens)  # type: ignore[arg-type]
    # Where the NER ends a person's name the name ends: "محمد صبيح" takes no "الأمين المساعد".
    name_ends = {last for _, last, label in entities if label == "PERS"}
    extended = [_with_count(tokens, m if m.kind == "person" and m.last in name_ends
                            else _extend(tokens, m, merged, stops), numbers, stops) for m in merged]
    drawn = [_drawn_from_states(tokens, m, matches, stops) for m in extended]
    grown = [d for d, m in zip(drawn, extended, strict=True) if d.last != m.last]
    extended = [m for m in drawn if not any(g.first <= m.first and m.last <= g.last and g is not m for g in grown)]
    return _merge_partitives(tokens, _merge_title_bodies(tokens, _with_person_names(tokens, extended, stops)), stops)


def _alif_maqsura_ala(tokens: Sequence[HasNorm], raw: str) -> frozenset[int]:
    """Indices of the preposition على, spelled with ى in the raw text (matching form علي)."""
    if not raw:
        return frozenset()
    return frozenset(i for i, t in enumerate(tokens) if t.norm == "علي"
                     and raw[t.start:t.end].rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652").endswith("ى"))  # type: ignore[attr-defined]


# Kinds a title is (وزير الخارجية، السفير، قائد الجيش): a name after one is its holder's.
TITLE_KINDS = frozenset({"government", "organisation", "military", "police"})
NAME_PARTS = 6  # words after the first name: "صالح بن شعيل بن سودان الأحمدي"
NAME_STOPS = NOT_A_NOUN | TIME_WORDS | PHRASE_STOPS | frozenset(normalize(w) for w in {
    "خلال", "بعد", "قبل", "لدى", "عند", "حول", "قد", "انه", "انها", "الذي", "التي", "ان", "إن", "أن", "بأن", "أمس"})


def _with_person_names(tokens: Sequence[HasNorm], mentions: list[Mention], stops: frozenset[int]) -> list[Mention]:
    """People the dictionary doesn't know, named after a title or an honorific: "السفير محمد
    صبيح" (the title's mention takes the name), "الشيخ أحمد الغانم" (a new person)."""
    names = load_person_names()
    taken = {i for m in mentions for i in range(m.first, m.last)} | set(stops)
    titled = [_titled(tokens, m, names, taken) for m in mentions]
    return sorted([*titled, *_honoured(tokens, names, taken)], key=lambda m: m.first)


def _titled(tokens: Sequence[HasNorm], mention: Mention, names: PersonNames, taken: set[int]) -> Mention:
    """A title's mention stretched over the name that follows it (``taken`` grows with it)."""
    end = _name_end(tokens, mention.last, names, taken) if mention.kind in TITLE_KINDS else None
    if end is None:
        return mention
    taken.update(range(mention.last, end))
    return replace(mention, last=end, name=_words(tokens, mention.first, end))


def _honoured(tokens: Sequence[HasNorm], names: PersonNames, taken: set[int]) -> list[Mention]:
    """New people: an honorific and a name ("الشيخ أحمد الغانم"), or a chain with بن."""
    found: list[Mention] = []
    index = 0
    while index < len(tokens):
        opens = index not in taken and (_honorific_end(tokens, index, names) is not None
                                        or _chained(tokens, index, names))
        end = _name_end(tokens, index, names, taken) if opens else None
        if end is None:
            index += 1
            continue
        found.append(Mention(index, end, _words(tokens, index, end), "person", None))
        taken.update(range(index, end))
        index = end
    return found


def _words(tokens: Sequence[HasNorm], first: int, last: int) -> str:
    return " ".join(t.norm for t in tokens[first:last])


def _honorific_end(tokens: Sequence[HasNorm], index: int, names: PersonNames) -> int | None:
    """End of the honorific (الشيخ، معالي، آية الله) starting at ``index``, if one does."""
    if tokens[index].norm not in names.honorific_openers:
        return None
    for words in names.honorifics:
        end = index + len(words)
        if end <= len(tokens) and all(tokens[index + k].norm == w for k, w in enumerate(words)):
            return end
    return None


CHAIN_LINKS = frozenset(normalize(w) for w in {"بن", "بنت"})


def _chained(tokens: Sequence[HasNorm], index: int, names: PersonNames) -> bool:
    """"صالح بن شعيل", "عطية بن حسن": a word, بن and a word is a name, whatever the first word."""
    word = tokens[index].norm
    return (index + 2 < len(tokens) and tokens[index + 1].norm in CHAIN_LINKS and word.isalpha()
            and not word.startswith("ال") and word not in NAME_STOPS and tokens[index + 2].norm.isalpha())


def _name_end(tokens: Sequence[HasNorm], start: int, names: PersonNames, taken: set[int]) -> int | None:
    """End of a personal name at ``start``: honorifics, a first name, then its chain (بن X, آل X)
    and one surname — an indefinite one ("محمد صبيح") or a definite one that closes it
    ("سليم الجبوري"). None when no first name opens it."""
    index = start
    while index < len(tokens) and index not in taken and (end := _honorific_end(tokens, index, names)) is not None:
        index = end
    if index >= len(tokens) or index in taken or not (names.is_given_name(tokens[index].norm)
                                                      or _chained(tokens, index, names)):
        return None
    first, end, surname = index, index + 1, False
    while end < len(tokens) and end - first <= NAME_PARTS and end not in taken:
        word = tokens[end].norm
        if word in names.links and end + 1 < len(tokens) and end + 1 not in taken and tokens[end + 1].norm.isalpha():
            end += 2
            continue
        if not word.isalpha() or word in NAME_STOPS or surname:
            break
        end += 1
        if word.startswith("ال"):
            break  # a definite family name closes the name
        surname = True
    return end


# Kinds counted in the news ("قرابة 300 شخص", "أربعة من عناصر داعش", "ثماني منظمات حقوقية"); a
# state, an office or a named person is not.
COUNTED_KINDS = frozenset({"civilians", "armed_group", "military", "police", "organisation", None})


def _with_count(tokens: Sequence[HasNorm], mention: Mention, numbers: Sequence[NumberMention],
                stops: frozenset[int]) -> Mention:
    """The count before a participant is part of its words: "قرابة 300 شخص", "عدد من المتظاهرين",
    "أربعة من إرهابيي داعش" (a reader quotes them whole; GUIDELINES' lists start with them)."""
    if mention.kind not in COUNTED_KINDS:
        return mention
    members = load_role_cues()["member_nouns"]
    for number in numbers:
        # "أحد قيادي بوكو حرام", "ثلاثة عناصر من داعش": a noun of members may stand between
        after = number.last + 1 if number.last < mention.first and tokens[number.last].norm in members else number.last
        gap = mention.first - after
        linked = gap == 0 or (gap == 1 and tokens[after].norm == "من")
        if linked and not any(i in stops for i in range(number.first, after)):
            return replace(mention, first=number.first)
    return mention


GENERIC_SUFFIX = "(unspecified)"
GENERIC_KINDS = frozenset({"civilians"})  # the people at large: المواطنين، المتظاهرين، المتهمين


def _generic(mention: Mention) -> bool:
    """A category rather than a named party: "وفد", "عناصر", "المواطنين"."""
    return mention.name.endswith(GENERIC_SUFFIX) or mention.kind in GENERIC_KINDS or mention.kind is None


PARTITIVE_LINKS = frozenset({"من", "في"})


def _merge_partitives(tokens: Sequence[HasNorm], mentions: list[Mention], stops: frozenset[int]) -> list[Mention]:
    """"وفدا من هيئة المرابطين", "عناصر من جبهة النصرة", "كبار المسؤولين في إدارة الرئيس باراك
    أوباما": a category, من / في, and the named party it is drawn from are one participant, the
    party's (a reader quotes the words whole)."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        linked = (previous is not None and mention.first == previous.last + 1 and previous.last not in stops
                  and tokens[previous.last].norm in PARTITIVE_LINKS)
        if linked and _generic(previous) and not _generic(mention) and mention.kind != "state":
            merged[-1] = replace(mention, first=previous.first)
        elif (linked and previous.kind == mention.kind == "civilians" and tokens[previous.last].norm == "من"
              and (tokens[previous.first].norm[:1].isdigit() or previous.last - previous.first > 1)):
            # "نحو ألفي مواطن من أبناء محافظة نينوى": people counted from among people, one group
            merged[-1] = replace(previous, last=mention.last)
        elif (previous is not None and previous.kind == mention.kind == "civilians" and previous.last == mention.first
              and previous.last - 1 not in stops and _construct_head(tokens[previous.last - 1].norm)
              and tokens[mention.first].norm.startswith("ال")):
            # "أهالي المعتقلين", "ذوي الضحايا": people named by whose kin they are, one group
            merged[-1] = replace(previous, last=mention.last)
        else:
            merged.append(mention)
    return merged


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


def _with_offsets(tokens: Sequence[HasNorm], mention: Mention, actors: ActorDictionary | None = None) -> Mention:
    first, last = tokens[mention.first], tokens[mention.last - 1]
    proclitic = proclitic_length(tokens, mention, actors) if actors is not None else 0
    return replace(mention, start=first.start, end=last.end, proclitic=proclitic)  # type: ignore[attr-defined]


FUSED_ARTICLE = ("ولل", "فلل", "لل")  # ل + ال is written لل ("للمالكي", "وللمتمردين")


def fused_article(word: str) -> int:
    """Letters to drop from a word spelled with ل fused to the article: "للمالكي" → "مالكي", which
    a reader's "المالكي" contains (the ال itself is not in the text to quote)."""
    for prefix in FUSED_ARTICLE:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_REST:
            return len(prefix)
    return 0


# Proclitics a name can carry, longest first: a conjunction, a preposition, or both.
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
MIN_REST = 3  # letters left after the proclitic: "وفد", "لبنان" keep their first letter


def proclitic_length(tokens: Sequence[HasNorm], mention: Mention, actors: ActorDictionary) -> int:
    """Letters of the proclitic on the mention's first word: the rest is itself a definite word
    ("والبيشمركة", "بالجاني"), the start of a dictionary name ("لمجلس عشائر", "ووزارة") or a
    first name ("وعطية"). ل + ال is written لل: the ل and the article's ل both come off
    ("وللمتمردين" → "متمردين", inside a reader's "المتمردين")."""
    word = tokens[mention.first].norm
    following = [_Word(t.norm) for t in tokens[mention.first + 1:mention.last]]
    fused = fused_article(word)
    if fused:
        # ("للبنان": ل on a name that starts with ل, "لبنان", not ل on an article)
        article = actors.find([_Word("ال" + word[fused:]), *following])
        if article and article[0].first == 0:
            return fused
        found = actors.find([_Word(word[fused - 1:]), *following])
        return fused - 1 if found and found[0].first == 0 else fused
    for prefix in PROCLITICS:
        rest = word[len(prefix):]
        if not word.startswith(prefix) or len(rest) < MIN_REST or (prefix[-1] == "ل" and rest.startswith("ل")):
            continue
        if rest.startswith("ال") and len(rest) > MIN_REST:
            return len(prefix)
        found = actors.find([_Word(rest), *following])
        if ((found and found[0].first == 0) or load_person_names().is_given_name(rest)
                or rest in load_role_cues()["counterpart_nouns"]):
            return len(prefix)
    return 0


def _merge_titles(mentions: list[Mention], tokens: Sequence[HasNorm] = ()) -> list[Mention]:
    """"وزير الخارجية" + "عادل الجبير" side by side: one mention, the person; likewise across
    the title's place ("المرجع الشيعي الأعلى في العراق آية الله علي السيستاني")."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (previous is not None and mention.kind == "person" and previous.kind == "government"
                and _comma_apposition(tokens, previous, mention)):
            # "رئيس الوزراء العراقي، حيدر العبادي، …": the name set off by commas is the office's
            # holder; the person is the participant (the reader quotes the name)
            merged[-1] = replace(mention, country=mention.country or previous.country)
            continue
        if (previous is not None and mention.kind == "person"
                and previous.kind in {"government", "person", "organisation"}
                and (previous.last == mention.first or _title_place(tokens, previous.last, mention.first)
                     or (_titles_across(tokens, previous) and _title_words(tokens, previous.last, mention.first)))
                and not _new_title(tokens, previous, mention)):
            merged[-1] = replace(mention, first=previous.first,
                                 country=mention.country or previous.country)
        else:
            merged.append(mention)
    return merged


def _drawn_from_states(tokens: Sequence[HasNorm], mention: Mention, matches: list[ActorMatch],
                       stops: frozenset[int]) -> Mention:
    """"قوات مشتركة من نيجيريا والنيجر وتشاد", "مقاتلين من تونس": an indefinite category and the
    states it is drawn from (من, then states joined by و) are one participant: the states say who
    the category is, and a reader quotes the words whole."""
    if not _generic(mention) or mention.kind in GENERIC_KINDS or tokens[mention.first].norm.startswith(("ال", "وال")):
        return mention
    index = mention.last
    if index >= len(tokens) or tokens[index].norm != "من" or index in stops:
        return mention
    states = {m.first: m.last for m in matches if m.entry.kind == "state"}
    last = None
    cursor = index + 1
    while cursor in states and not any(i in stops for i in range(cursor, states[cursor])):
        last = states[cursor]
        if last >= len(tokens) or not tokens[last].norm.startswith("و") or last + 1 > len(tokens):
            break
        cursor = last  # "والنيجر": the dictionary reads the name behind the conjunction
    if last is None:
        return mention
    return replace(mention, last=last)


def _merge_title_bodies(tokens: Sequence[HasNorm], mentions: list[Mention]) -> list[Mention]:
    """"الأمين العام لمجلس التعاون | لدول الخليج العربية | الدكتور جاسم البديوي": the states a
    body is "of" complete its name in the title, and the holder's name follows: one mention, the
    person (a reader quotes the title whole, or the name)."""
    merged: list[Mention] = []
    for mention in mentions:
        if (mention.kind == "person" and len(merged) >= 2 and _body_of_title(tokens, merged[-2], merged[-1])
                and (merged[-1].last == mention.first or _title_words(tokens, merged[-1].last, mention.first))):
            merged[-2:] = [replace(mention, first=merged[-2].first, country=mention.country or merged[-2].country)]
        else:
            merged.append(mention)
    return merged


def _body_of_title(tokens: Sequence[HasNorm], title: Mention, body: Mention) -> bool:
    """A state behind the preposition ل right after an office or a body ("لمجلس التعاون لدول
    الخليج العربية"): the genitive that completes the title's name, not a party of its own."""
    return (bool(tokens) and title.kind in {"government", "organisation"} and body.kind == "state"
            and title.last == body.first and tokens[body.first].norm.startswith("ل")
            and not tokens[body.first].norm.startswith("لل"))


def _comma_apposition(tokens: Sequence[HasNorm], title: Mention, person: Mention) -> bool:
    """An office (a construct, "رئيس الوزراء", or a generic one), a comma, a person's name and a
    comma: the name in apposition to the office."""
    return (bool(tokens) and (title.name.endswith(GENERIC_SUFFIX) or _construct_head(tokens[title.first].norm))
            and person.first == title.last + 1
            and tokens[title.last].norm == "،" and person.last < len(tokens) and tokens[person.last].norm == "،")


def _titles_across(tokens: Sequence[HasNorm], title: Mention) -> bool:
    """A title that may take words before the holder's name: an office, or a body that is no
    preposition's object ("المشرف العام على مركز الملك سلمان … الدكتور عبدالله الربيعة": there
    the body ends the title of someone else)."""
    if title.kind == "government":
        return True
    return (title.kind == "organisation" and title.first > 0
            and tokens[title.first - 1].norm not in PREPOSITIONS_BEFORE_BODY)


# Prepositions (matching forms) after which a body is the object of a longer title.
PREPOSITIONS_BEFORE_BODY = frozenset({"علي", "في", "من", "الي", "عن", "ل", "ب"})


def _new_title(tokens: Sequence[HasNorm], previous: Mention, mention: Mention) -> bool:
    """"التقى الرئيس أوباما الملك سلمان": a definite title after a name already complete (ending in
    an indefinite word) opens a second party."""
    if not tokens or previous.last - previous.first < 2:
        return False
    return (tokens[mention.first].norm.startswith(("ال", "وال"))
            and not tokens[previous.last - 1].norm.startswith(("ال", "وال")))


TITLE_PLACE_WORDS = 2  # "في كربلاء", "في المملكة المتحدة"
TITLE_GAP = 2  # "وزير الخارجية [الأستاذ] عادل الجبير", "وزير خارجية روسيا [الاتحادية] سيرجي لافروف"


def _title_words(tokens: Sequence[HasNorm], end: int, start: int) -> bool:
    """Between a title and a name stand only honorifics or definite words completing the title."""
    if not tokens or not 0 < start - end <= TITLE_GAP:
        return False
    honorifics = load_person_names().honorifics
    return all((tokens[i].norm,) in honorifics or _continues_phrase(tokens[i].norm) for i in range(end, start))


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
                and mention.country is not None  # (not a group of states: "تنظيم داعش | الدول الغربية")
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
    if mention.first + 1 < len(tokens) and _counterpart(tokens, mention.first + 1):
        return mention  # "نظيره الروسي | الأسبوع المقبل": a counterpart and its nationality are whole
    if mention.kind == "person" and (tokens[last - 1].norm.startswith(("ال", "وال")) or _listed_person(mention)):
        # a definite family name closes a name: "وأعلن العبادي التزامه"; so does the last word of
        # a name the dictionary lists: "مع نظيره البريطاني فيليب هاموند الأزمة السورية"
        return mention
    starts = {m.first for m in others} | stops
    honorifics = load_person_names().honorifics
    if (mention.kind not in {"person", "state"} and last + 1 < len(tokens) and last not in starts
            and last + 1 not in starts and _construct_head(tokens[last - 1].norm)
            and _construct_head(tokens[last].norm) and tokens[last].norm not in NOT_A_NOUN
            and tokens[last].norm not in PLACE_PREPOSITIONS and tokens[last].norm not in TIME_WORDS
            and tokens[last].norm not in load_role_cues()["adjunct_openers"]
            and _continues_phrase(tokens[last + 1].norm)):
        last += 2  # "خطيب جمعة مسجد الكوفة": an indefinite head, then a construct of its own
    while (last < len(tokens) and last - mention.last < MAX_EXTENSION and last not in starts
           and _continues_phrase(tokens[last].norm) and (tokens[last].norm,) not in honorifics):
        last += 1  # (an honorific opens someone's name: "مجلس عشائر العراق الشيخ أحمد الغانم")
    return replace(mention, last=last) if last != mention.last else mention


# Pronoun suffixes no word with the article takes: "التزامها" is التزام + ها, not ال + a noun.
# (Not ه, which also spells ة, nor هم / كم, which end المتهم، الحكم.)
PRONOUN_ENDINGS = ("ها", "هما")


def _listed_person(mention: Mention) -> bool:
    """A person the actor dictionary names (its canonical name, not the words of the text)."""
    return mention.kind == "person" and not has_arabic(mention.name)


def _continues_phrase(token: str) -> bool:
    return (token.startswith("ال") and len(token) > 3 and token not in PHRASE_STOPS
            and not token.endswith(PRONOUN_ENDINGS))


def _counterpart(tokens: Sequence[HasNorm], first: int) -> bool:
    """A nationality adjective right after a noun of counterpart ("نظيره الأمريكي", "بنظيرته
    الألمانية", "نظرائه العرب"): the official of that state matching the one named before."""
    if first < 1 or not tokens[first].norm.startswith(("ال", "وال")):
        return False
    word = tokens[first - 1].norm
    counterparts = load_role_cues()["counterpart_nouns"]
    return word in counterparts or (word[:1] in {"ب", "و", "ل"} and word[1:] in counterparts)


def _after_name(match: ActorMatch, matches: list[ActorMatch]) -> bool:
    """"هدد عبد الملك الحوثي السعودية": a nisba right after a person's name is no adjective of it
    (a name takes none after it in that form): it is the next party, the verb's object."""
    return any(m.entry.kind == "person" and m.last == match.first for m in matches)


def _conjoined_state(tokens: Sequence[HasNorm], match: ActorMatch, matches: list[ActorMatch],
                     stops: frozenset[int]) -> bool:
    """"وقعت مصر والسعودية": a state's name behind و right after another state's name is a second
    state, not an adjective of the first (a nisba spells both: السعودية، العربية); after an
    adjective it is another adjective ("في السجون المصرية والأمريكية")."""
    return tokens[match.first].norm.startswith("و") and any(
        m.entry.kind == "state" and m.last == match.first and m is not match and not _is_adjective(tokens, m, stops)
        for m in matches)


def _is_adjective(tokens: Sequence[HasNorm], match: object, stops: frozenset[int] = frozenset()) -> bool:
    """"العاصمة التونسية", "المساعدات السعودية": a nationality adjective describing the noun before it
    (not after a perfect verb, "أدانت السعودية", nor after a time word, "أدانت اليوم السعودية")."""
    first, last = match.first, match.last  # type: ignore[attr-defined]
    word = tokens[first].norm
    nisba = word.startswith(("ال", "وال")) and word.endswith(("يه", "ي", "يين", "يون"))
    previous = tokens[first - 1].norm if first > 0 else ""
    if previous in TIME_WORDS:
        return False
    if previous.endswith("ت") and not previous.endswith("ات") and not previous.startswith(("ال", "وال")):
        # a feminine perfect verb takes the state as its subject ("أدانت السعودية", "قدمت السعودية
        # مساعدات"); not a plural noun, "عشرات العراقيين", "مساعدات سعودية"
        return False
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


NATIONALITY = frozenset(normalize(w) for w in {"الجنسية", "الجنسيه"})


def _nationality_of(tokens: Sequence[HasNorm], match: ActorMatch) -> bool:
    """"سعودي الجنسية", "يمني الجنسية": a nisba saying whose citizen someone is."""
    return match.last < len(tokens) and tokens[match.last].norm in NATIONALITY


def _in_named(tokens: Sequence[HasNorm], actors: ActorDictionary, match: ActorMatch) -> bool:
    """ببغداد، بنيبال، وبطهران: "in" + a name that is itself the state's form. (Right after the
    event's verb, "نددت بإيران", the ب marks its object: the caller checks that.)"""
    word = tokens[match.first].norm
    for prefix in ("ب", "وب", "فب"):
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) > 2 and not rest.startswith("ال"):
            found = actors.find([_Word(rest), *(_Word(t.norm) for t in tokens[match.first + 1:match.last])])
            if found and found[0].entry is match.entry and found[0].last == match.last - match.first:
                return True
    return False


def _used_as_place(tokens: Sequence[HasNorm], first: int) -> bool:
    token = tokens[first].norm
    if token.startswith(("بال", "وبال", "فبال", "لل")) and len(token) > 5:
        return True  # بالعراق: "in Iraq"
    return first > 0 and tokens[first - 1].norm in PLACE_PREPOSITIONS
