"""Event assembly: triggers, participants, place, date, casualties and modality per sentence.

Cheap matching first: the trigger lexicon runs over every sentence, and only sentences with
a trigger pay for the actor dictionary, the gazetteer, dates, numbers and roles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from hadath import __version__
from hadath.extract import roles
from hadath.extract.actors import ActorDictionary, load_actors
from hadath.extract.casualties import CasualtyMention, find_casualties
from hadath.extract.cues import Cues, load_cues
from hadath.extract.dates import DateMention, find_dates
from hadath.extract.mentions import EntityFinder, Mention, mentions_of_sentence
from hadath.extract.modality import conditioned, modality_of
from hadath.extract.triggers import TriggerEntry, TriggerLexicon, TriggerMatch, load_lexicon, quad_class
from hadath.resolve.geo import Gazetteer, GeoPlace, PlaceMatch, load_gazetteer
from hadath.settings import Settings
from hadath.text.clitics import readings
from hadath.text.normalize import normalize
from hadath.text.phrases import PhraseIndex
from schemas import EventCandidate, NormalizedArticle, Participant, Place, Span, When
from schemas.models import Sentence, Token

# Triggers of one type this close (in tokens) inside a sentence name the same event.
SAME_EVENT_GAP = 6
SPEAKER_REACH = 3  # sentences over which an unnamed speaker is the last named one
POS_BONUS = {"verb": 0.3, "phrase": 0.2, "noun": 0.0}
DATELINE_TOKENS = 12
ARTICLE_COUNTRY_MIN = 2  # place mentions needed before an article's country is clear
HEADLINE_TOKENS = 25
MIN_WEIGHT = 0.5


@dataclass(frozen=True)
class Knowledge:
    """The dictionaries extraction reads, loaded once per process."""

    lexicon: TriggerLexicon
    actors: ActorDictionary
    gazetteer: Gazetteer
    cues: Cues
    entities: EntityFinder | None = None

    @property
    def extractor(self) -> str:
        """Package and data versions, for the ``extractor`` field."""
        return f"hadath/{__version__} triggers/{self.lexicon.version} actors/{self.actors.version}"


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """Load every dictionary and the NER chosen in the settings (cached for the process)."""
    return Knowledge(load_lexicon(), load_actors(), load_gazetteer(), load_cues(),
                     entity_finder(Settings.from_env().ner_backend))


def entity_finder(backend: str) -> EntityFinder | None:
    """The NER to use: ``crf`` (shipped), ``camel`` (camel-tools' model, where installed), ``none``."""
    if backend == "none":
        return None
    if backend == "camel":
        from hadath.ner import camel

        if not camel.available():
            raise ValueError(f"HADATH_NER_BACKEND=camel but {camel.unavailable_reason()}")
        return camel.entities
    if backend == "crf":
        from hadath.ner import entities

        return entities
    raise ValueError(f"HADATH_NER_BACKEND={backend!r}: expected crf, camel or none")


@dataclass
class ArticleContext:
    """What one article tells every sentence: its text, date, dateline and countries."""

    doc: NormalizedArticle
    published: date
    dateline: Place | None = None
    countries: list[str] = field(default_factory=list)
    # How often each country's places are named, and the first place named in each.
    country_mentions: Counter[str] = field(default_factory=Counter)
    first_place: dict[str, Place] = field(default_factory=dict)
    named_parties: list[Mention] = field(default_factory=list)
    # The last named speaker: "وأضاف …" with no subject continues the previous speaker.
    last_speaker: Mention | None = None
    last_speaker_sentence: int = -1
    sentence_number: int = 0

    @property
    def text(self) -> str:
        """The raw article text that every span points into."""
        return self.doc.article.text


def extract_events(doc: NormalizedArticle) -> list[EventCandidate]:
    """Event candidates of one article, one per real-world event it mentions."""
    kb = knowledge()
    context = ArticleContext(doc, doc.published_at.date())
    context.dateline = _dateline(doc, kb, context)
    candidates: list[EventCandidate] = []
    for number, sentence in enumerate(doc.sentences):
        context.sentence_number = number
        if _is_title(sentence, doc):
            continue  # a headline repeats the body's most informative mention
        triggers = kb.lexicon.find(sentence.tokens)
        if not triggers:
            continue
        candidates.extend(_sentence_events(sentence, triggers, kb, context, len(candidates)))
    candidates = _with_article_country(_drop_repeated_mentions(candidates), kb, context)
    return _renumber([_canonical_parties(c, context) for c in candidates])


UNSPECIFIED = " (unspecified)"


def _canonical_parties(candidate: EventCandidate, context: ArticleContext) -> EventCandidate:
    """"التحالف" after "التحالف الدولي": a generic mention takes the name of the specific actor
    of the same kind the article names, so one actor has one name across the article."""
    updates = {}
    for role in ("actor", "target", "source"):
        party = getattr(candidate, role)
        if party is None or not party.name.endswith(UNSPECIFIED):
            continue
        head = party.name.removesuffix(UNSPECIFIED).lower()
        specific = [m for m in context.named_parties
                    if m.kind == party.kind and head in m.name.lower() and not m.name.endswith(UNSPECIFIED)]
        if specific:
            chosen = specific[-1]
            updates[role] = party.model_copy(update={"name": chosen.name, "country": chosen.country})
    return candidate.model_copy(update=updates) if updates else candidate


def _with_article_country(candidates: list[EventCandidate], kb: Knowledge,
                          context: ArticleContext) -> list[EventCandidate]:
    """A material event with no place of its own happened where the article is set: the
    country its places are mostly in (GUIDELINES: the country "when the article makes it clear")."""
    if not context.country_mentions:
        return candidates
    (country, count), *rest = [*context.country_mentions.most_common(2), ("", 0)]
    if count < ARTICLE_COUNTRY_MIN or count <= rest[0][1]:
        return candidates  # no clear setting
    place = context.first_place[country]
    return [c.model_copy(update={"location": place})
            if c.location is None and c.event_type in kb.cues.dateline_types else c
            for c in candidates]


def _drop_repeated_mentions(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """Keep one candidate per real-world event: a later mention of the same type whose every
    known argument agrees with an earlier one's is the same event told again (GUIDELINES:
    one event, annotated once)."""
    kept: list[EventCandidate] = []
    for candidate in candidates:
        same = next((i for i, earlier in enumerate(kept) if _same_event(earlier, candidate)), None)
        if same is None:
            kept.append(candidate)
        elif _informativeness(candidate) > _informativeness(kept[same]):
            kept[same] = candidate  # the event stays once, at its most informative mention
    return sorted(kept, key=lambda c: (c.evidence.start, c.trigger.start))


def _informativeness(candidate: EventCandidate) -> int:
    """How much a mention tells of its event: the arguments it states."""
    return sum(value is not None for value in (candidate.actor, candidate.target, candidate.location,
                                                candidate.date.value, candidate.killed, candidate.injured))


def _same_event(earlier: EventCandidate, later: EventCandidate) -> bool:
    if earlier.event_type != later.event_type:
        return False
    if _repeated_words(earlier, later):
        return True
    pairs = (
        (_name(earlier.actor), _name(later.actor)),
        (_name(earlier.target), _name(later.target)),
        (_name(earlier.location), _name(later.location)),
        (earlier.date.value, later.date.value),
        (earlier.killed, later.killed),
    )
    return all(a is None or b is None or a == b for a, b in pairs)


def _repeated_words(earlier: EventCandidate, later: EventCandidate) -> bool:
    """The same words told again by the same doer ("أحيلوا للمحاكمة" … "أحيلوا للمحاكمة"): a
    statement or a court step repeated in the article's retelling, its targets split over mentions.
    Two places or two tolls are two events, so those must still agree."""
    if earlier.cameo != later.cameo or normalize(earlier.trigger.text) != normalize(later.trigger.text):
        return False
    pairs = ((_name(earlier.actor), _name(later.actor)), (earlier.date.value, later.date.value),
             (_name(earlier.location), _name(later.location)), (earlier.killed, later.killed))
    return all(a is None or b is None or a == b for a, b in pairs)


def _name(value: Participant | Place | None) -> str | None:
    return value.name if value is not None else None


def _renumber(candidates: list[EventCandidate]) -> list[EventCandidate]:
    return [c if c.index == i else c.model_copy(update={"index": i}) for i, c in enumerate(candidates)]


def _is_title(sentence: Sentence, doc: NormalizedArticle) -> bool:
    """The headline: the article's title, or (plain-text input) a short first line set apart by a blank line."""
    text = doc.article.text
    if sentence.start != 0 and text[: sentence.start].strip():
        return False
    title = (doc.article.title or "").strip()
    if title:
        return text[: sentence.end].strip() == title
    return len(sentence.tokens) <= HEADLINE_TOKENS and text[sentence.end: sentence.end + 2] == "\n\n"


def _in_dateline(tokens: Sequence[Token], mention: DateMention, context: ArticleContext) -> bool:
    """"(سبوتنيك - 27 فبراير 2021)": the date a report was filed, not when its events happened."""
    if context.sentence_number > 2 or mention.first >= DATELINE_TOKENS:
        return False
    closers = [i for i, t in enumerate(tokens[:DATELINE_TOKENS + 4]) if t.norm in {")", "-", "–", "—"}]
    return any(c >= mention.last for c in closers)


def _dateline(doc: NormalizedArticle, kb: Knowledge, context: ArticleContext) -> Place | None:
    """A place at the head of the article's first lines ("بغداد - …", "عين اليوم – القاهرة")."""
    for sentence in doc.sentences[:3]:
        head = sentence.tokens[:DATELINE_TOKENS]
        dashes = [i for i, t in enumerate(head) if t.norm in {"-", "–", "—", ":", "(", ")"}]
        if not dashes:
            continue
        for match in kb.gazetteer.find(head):
            if any(abs(match.last - d) <= 1 or abs(match.first - d) <= 1 for d in dashes):
                return _place(match, head, context.text)
    return None


def _sentence_events(sentence: Sentence, triggers: list[TriggerMatch], kb: Knowledge,
                     context: ArticleContext, first_index: int) -> list[EventCandidate]:
    tokens = sentence.tokens
    entities = kb.entities(tokens) if kb.entities is not None else []
    participants = mentions_of_sentence(tokens, kb.actors, frozenset(t.first for t in triggers), entities)
    context.named_parties.extend(participants)
    places = _with_unknown_places(kb.gazetteer.find(tokens, context.countries), entities)
    for match in places:
        country = match.place.country
        if country and country not in context.countries:
            context.countries.append(country)
        if country:
            context.country_mentions[country] += 1
            context.first_place.setdefault(country, _place(match, tokens, context.text))
    dates = [d for d in find_dates(tokens, context.published) if not _in_dateline(tokens, d, context)]
    casualties = find_casualties(tokens)
    events = []
    chosen = _one_trigger_per_event(triggers, tokens, kb.cues)
    owners = _casualty_owners(casualties, chosen, tokens, kb.cues)
    for trigger in chosen:
        if trigger.weight < MIN_WEIGHT:
            continue  # a word the negative cues doubt (a cabinet session, an accident)
        if _inside_protest_or_call(trigger, chosen, tokens):
            continue
        if _meeting_topic(trigger, chosen, tokens, kb.cues):
            continue
        owned = [c for c, owner in zip(casualties, owners, strict=True) if owner is trigger]
        event = _candidate(sentence, trigger, participants, places, dates, casualties, kb, context,
                           first_index + len(events), owned)
        if event is not None:
            events.append(event)
    return events


def _meeting_topic(trigger: TriggerMatch, chosen: list[TriggerMatch], tokens: Sequence[Token], cues: Cues) -> bool:
    """"جرى خلال اللقاء بحث …", "التقى … وبحثا التنسيق": discussion and cooperation words after a
    meeting told in the same sentence name what the meeting was about; the CONSULT is the event."""
    if trigger.entry.id not in cues.meeting_topic_entries:
        return False
    if any(other.entry.event_type == "CONSULT" and other.entry.id not in cues.meeting_topic_entries
           and other.last <= trigger.first for other in chosen):
        return True
    return any(match.last <= trigger.first for match in cues.meeting_references.find(tokens, 0, trigger.first))


CROWD_KINDS = frozenset({"civilians", "party", "organisation", "armed_group", "person"})
ANCHORED_TYPES = frozenset({"ASSAULT"})
NOUN_ANCHORS = 2
CALL_CONTENT_REACH = 3  # "طالبوا بمحاسبة الفاسدين": what is called for, a few words after the call


def _inside_protest_or_call(trigger: TriggerMatch, chosen: list[TriggerMatch], tokens: Sequence[Token]) -> bool:
    """Demands voiced at a protest stay inside the PROTEST (GUIDELINES), and the act a call asks
    for ("طالبوا بمحاسبة …", "دعا إلى وقف …") is the call's content, not an event of its own."""
    kind = trigger.entry.event_type
    for other in chosen:
        if other is trigger or other.first >= trigger.first:
            continue
        if (kind == "REQUEST" and other.entry.event_type == "PROTEST"
                and not roles.crosses_clause(tokens, other.last, trigger.first)):
            return True
        if (other.entry.event_type == "REQUEST" and kind != "REQUEST" and trigger.entry.pos != "verb"
                and 0 <= trigger.first - other.last <= CALL_CONTENT_REACH
                and not roles.crosses_clause(tokens, other.last, trigger.first)):
            return True
    return False


def _with_unknown_places(places: list[PlaceMatch], entities: list[tuple[int, int, str]]) -> list[PlaceMatch]:
    """Places the NER finds and the gazetteer doesn't know: named, not geocoded."""
    taken = {i for p in places for i in range(p.first, p.last)}
    unknown = [PlaceMatch(GeoPlace(name="", name_ar="", country=None, admin1=None, geonames_id=None, lat=None,
                                   lon=None, precision="point"), first, last)
               for first, last, label in entities
               if label == "LOC" and not any(i in taken for i in range(first, last))]
    return sorted([*places, *unknown], key=lambda p: p.first) if unknown else places


# Only violence has a toll: a count told beside a statement, an arrest or a deployment is the
# toll of the attack the sentence also tells (or one told elsewhere).
CASUALTY_TYPES = frozenset({"ASSAULT"})


def _casualty_owners(casualties: list[CasualtyMention], chosen: list[TriggerMatch], tokens: Sequence[Token],
                     cues: Cues) -> list[TriggerMatch | None]:
    """The event each casualty count belongs to: the attack whose consequence phrase (أسفر عن،
    أدى إلى، جراء) reaches it, else the attack told nearest to it; no event of another type."""
    attacks = [t for t in chosen if t.entry.event_type in CASUALTY_TYPES and t.weight >= MIN_WEIGHT]
    owners: list[TriggerMatch | None] = []
    for casualty in casualties:
        if not attacks:
            owners.append(None)
            continue
        linked = [t for t in attacks if t.last <= casualty.first
                  and _linked_span(tokens, t.last, casualty.first + 1, cues)]
        if linked:
            owners.append(linked[-1])
            continue
        owners.append(min(attacks, key=lambda t: min(abs(casualty.first - t.last), abs(t.first - casualty.first))))
    return owners


def _linked_span(tokens: Sequence[Token], start: int, end: int, cues: Cues) -> bool:
    """A consequence link in tokens ``[start, end)`` with no sentence break."""
    end = min(end, len(tokens))
    if any(tokens[i].norm in {".", "؛", ";", "!", "؟", "?"} for i in range(start, end)):
        return False
    return any(cues.event_links.contains_at(tokens, i) for i in range(start, end))


def _one_trigger_per_event(triggers: list[TriggerMatch], tokens: Sequence[Token] = (),
                           cues: Cues | None = None) -> list[TriggerMatch]:
    """One trigger per event: of close triggers of one type, the one that states it best.

    A verb states an occurrence more surely than a noun, and a strong word more than a weak
    one ("دعا" over "مطالب"), so the best of a cluster names the event and picks its roles.
    A consequence told in the same sentence ("فضت الشرطة الاعتصام بالقوة مما أسفر عن مقتل …")
    belongs to the event before it even a few words further on.
    """
    clusters: list[list[TriggerMatch]] = []
    for trigger in triggers:
        for cluster in clusters:
            same_type = cluster[0].entry.event_type == trigger.entry.event_type
            gap = trigger.first - cluster[-1].last
            if same_type and (gap <= SAME_EVENT_GAP
                              or (gap <= LINKED_EVENT_GAP and _linked(tokens, cluster[-1].last, trigger, cues))):
                cluster.append(trigger)
                break
        else:
            clusters.append([trigger])
    best = [max(cluster, key=_trigger_strength) for cluster in clusters]
    return sorted(best, key=lambda t: t.first)


LINKED_EVENT_GAP = 24


def _linked(tokens: Sequence[Token], start: int, trigger: TriggerMatch, cues: Cues | None) -> bool:
    """A consequence link (مما، ما أدى، أسفر عن، جراء) between an event and a later trigger, in one
    stretch of the sentence (no full stop, no second clause of its own)."""
    if cues is None or not tokens:
        return False
    end = min(trigger.first + 1, len(tokens))
    if any(tokens[i].norm in {".", "؛", ";", "!", "؟", "?"} for i in range(start, end)):
        return False
    return any(cues.event_links.contains_at(tokens, i) for i in range(start, end))


def _trigger_strength(trigger: TriggerMatch) -> tuple[float, int]:
    return (trigger.weight + POS_BONUS.get(trigger.entry.pos, 0.0), -trigger.first)


def _candidate(sentence: Sentence, trigger: TriggerMatch, participants: list[Mention],
               places: list[PlaceMatch], dates: list[DateMention], casualties: list[CasualtyMention],
               kb: Knowledge, context: ArticleContext, index: int,
               owned: list[CasualtyMention] | None = None) -> EventCandidate | None:
    tokens = sentence.tokens
    entry = trigger.entry
    if _subordinate(tokens, trigger):
        return None
    verbal = entry.event_type in kb.cues.verbal_types
    if not verbal and _backgrounded(tokens, trigger, kb.cues):
        return None  # "بعد اغتيال الحريري", "قضية الاختطاف": a reference, not an occurrence
    if not verbal and _aimed_at(tokens, trigger):
        return None  # "انتقلوا إلى سورية للمشاركة في عملية عسكرية": the aim of a move, not an occurrence
    if not verbal and _condemned(tokens, trigger, kb.cues) and not _reported(tokens, trigger, casualties, kb.cues):
        return None  # "أدانت الجامعة الاقتحامات": the ACCUSE is the event, the attack its topic
    if entry.event_type == "AGREE" and _nominal(tokens, trigger) and _existing_deal(tokens, trigger, kb.cues):
        return None  # "انتهكت الاتفاق", "بموجب الاتفاق": a deal already made, acted on
    if _rhetorical_question(tokens):
        return None  # "أي ظلم يحدثنا عنه وهو يساند …؟!": the writer's argument, not a report
    modality, source = modality_of(tokens, trigger, participants, kb.cues, verbal)
    if modality == "hypothetical" and conditioned(tokens, trigger, kb.cues):
        return None  # "إذا قام أي حارس بضرب سجين", "إمكانية خطف": a condition, no occurrence
    if (not verbal and modality != "planned" and _imperfect(tokens[trigger.first].norm, trigger)
            and not _anchored(tokens, trigger, dates, casualties)):
        return None  # "النظام الذي يقتل ويخطف", "الأطفال يخطفون": a habit or a charge, no one act
    actor, target = roles.assign(tokens, trigger, participants, kb.cues, verbal, exclude=source)
    if entry.event_type == "REQUEST" and (_protesters(actor, tokens) or _protesters_demands(tokens, trigger)):
        return None  # "وطالب المحتجون …", "مطالب المتظاهرين": demands voiced at a protest stay inside the PROTEST
    if entry.event_type == "REQUEST" and _student(tokens, trigger):
        return None  # "هجوم شنه طالب تونسي": طالب is a student here, not "demanded"
    if verbal and actor is None and source is not None:
        actor, source = source, None  # "قال X إنه يدين …": the speaker is the one who condemns
    recent_speaker = context.sentence_number - context.last_speaker_sentence <= SPEAKER_REACH
    if verbal and actor is None and recent_speaker:
        actor = context.last_speaker  # a statement continued without naming its speaker again
    if (not verbal and modality == "claimed" and source is None and recent_speaker
            and _continued_speech(tokens, trigger, kb.cues)):
        source = context.last_speaker  # "وأضاف أن …": the last named speaker goes on reporting
    _remember_speaker(context, source or (actor if verbal else None))
    if verbal and entry.event_type not in PLACED_VERBAL_TYPES:
        location = _stated_place(tokens, trigger, places, context)  # a statement has no place unless stated
    else:
        location = _location(tokens, trigger, places, (actor, target, source), context)
    if location is None and entry.event_type in kb.cues.dateline_types:
        location = context.dateline
    when = _nearest(dates, trigger)
    counted = casualties if owned is None else owned
    killed = _casualty(counted, trigger, "killed")
    injured = _casualty(counted, trigger, "injured")
    if verbal and actor is None:
        return None  # a statement nobody makes is a topic, not an act
    if _nominal(tokens, trigger) and not _occurs(tokens, trigger, actor, target, dates, casualties, kb.cues,
                                                 places if not verbal else [], material=not verbal):
        return None  # a noun naming a known thing (الاتفاق، الدعم), not an occurrence
    if not verbal and not (actor or target or location or killed or injured or when):
        return None  # nothing ties the word to an occurrence
    if (entry.event_type in ANCHORED_TYPES and _nominal(tokens, trigger)
            and sum(x is not None for x in (actor, target, location, when, killed or injured)) < NOUN_ANCHORS):
        return None  # "الهجوم على …" with one anchor: a reference more often than a report
    if entry.event_type == "PROTEST" and (actor is None or actor.kind not in CROWD_KINDS):
        # "تظاهر مئات آخرون أمام مبنى مجلس محافظة بابل": the crowd protests (named once the
        # protest is known to occur: a crowd word is no sign of an occurrence by itself)
        actor = roles.crowd(tokens, trigger) or actor
    text = context.text
    return EventCandidate(
        article_id=context.doc.article.id,
        outlet=context.doc.article.source,
        published_at=context.doc.published_at,
        index=index,
        event_type=entry.event_type,
        mode=entry.mode,
        cameo=entry.cameo,
        quad_class=quad_class(entry.cameo),
        trigger=_span(text, tokens[trigger.first].start, tokens[trigger.last - 1].end),
        evidence=_span(text, sentence.start, sentence.end),
        actor=_participant(actor, text),
        target=_participant(target, text),
        location=location,
        date=_when(when, tokens, text, context),
        killed=killed,
        injured=injured,
        modality=modality,
        source=_participant(source, text),
        confidence=_confidence(trigger, actor, target, location),
        extractor=kb.extractor,
    )


QUESTION_MARKS = frozenset({"؟", "?"})


# A question opened by a negated interrogative (ألم، أليس، ألا) affirms what it asks about
# (استفهام تقريري): "ألم يكن العبادي محقا عندما اتهم …؟" reports the accusation.
AFFIRMING_QUESTIONS = frozenset({"الم", "اليس", "الا", "اولم", "افلم"})


def _rhetorical_question(tokens: Sequence[Token]) -> bool:
    """The sentence asks a question (ends with ؟): news reports state, opinion asks."""
    if not any(t.norm in QUESTION_MARKS for t in tokens[-3:]):
        return False
    words = [t.norm for t in tokens if t.norm.isalpha()][:2]
    return not any(w in AFFIRMING_QUESTIONS for w in words)


IMPERFECT_PREFIXES = ("ي", "ت", "ن")


def _imperfect(word: str, trigger: TriggerMatch) -> bool:
    """يقتل، تخطف، يقتلون: the imperfect of a verb entry (both its ي- and ت- forms are listed,
    which tells it from a perfect of form V such as توغلت or a verbal noun such as تفجير)."""
    if trigger.entry.pos != "verb" or trigger.last - trigger.first != 1:
        return False
    patterns = _single_word_patterns(trigger.entry)
    for form in readings(word):
        if form in patterns and form.startswith(IMPERFECT_PREFIXES) and not _masdar_shaped(form):
            partner = ("ت" if form[0] == "ي" else "ي") + form[1:]
            if partner in patterns:
                return True
    return False


def _anchored(tokens: Sequence[Token], trigger: TriggerMatch, dates: list[DateMention],
              casualties: list[CasualtyMention]) -> bool:
    """A day or a casualty count ties a present-tense report to one act ("تفجير … يقتل 60 شخصا")."""
    if any(c.count is not None and abs(c.first - trigger.first) <= CASUALTY_REACH for c in casualties):
        return True
    return any(d.value and d.precision == "day" for d in dates)


OCCURRENCE_REACH = 4  # tokens between a light verb and the event noun it governs
GOVERNING_VERB_REACH = 8  # the same across a long subject, inside one clause
MATERIAL_WEAK_SIGNS = 2  # weak signs a material event noun needs without a strong one
FOLLOWING_VERB_REACH = 3  # "تظاهرة مماثلة خرجت", "الهجوم الذي استهدف"
CASUALTY_REACH = 12


def _nominal(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """The trigger is a noun (definite, or a noun entry), not a finite verb."""
    word = tokens[trigger.first].norm
    if trigger.entry.pos == "noun":
        return True
    bare = word[1:] if word[:1] in {"و", "ف"} and len(word) > 4 else word
    if bare.startswith(("ال", "بال", "لل", "كال")):
        # …unless the word is the verb itself, spelled like a definite noun (ألقت → القت)
        return bare not in _first_words(trigger.entry)
    return _masdar_shaped(bare)


def _masdar_shaped(word: str) -> bool:
    """اغتيال، اعتقال، انفجار، إطلاق (افتعال/انفعال/إفعال), تفجير، تعذيب (تفعيل), اعتداءات: verbal
    nouns whose shape no finite verb has."""
    if word[:1] in {"ب", "ل", "ك"} and len(word) > 5:
        word = word[1:]
    if word.endswith("ات") and len(word) >= 5:
        return True
    if word.startswith("ا") and len(word) >= 5 and word[-2] in {"ا", "ي"}:
        return True
    return word.startswith("ت") and len(word) == 5 and word[-2] == "ي"


def _occurs(tokens: Sequence[Token], trigger: TriggerMatch, actor: Mention | None, target: Mention | None,
            dates: list[DateMention], casualties: list[CasualtyMention], cues: Cues,
            places: list[PlaceMatch], material: bool = False) -> bool:
    """Words that make an event noun an occurrence.

    Strong signs suffice alone: a light or occurrence verb before it (شن، نفذ، أجرى، تعرض ل،
    أسفر عن), casualties near it, a headline position. Weak signs (a date in its clause, a doer
    or patient attached, a pronoun suffix, a place after it) each also fit a topic ("اغتيال
    الحريري عام 2005", "قضية خطف الصحافي في بغداد"): for a material event (an attack, a protest,
    an arrest) two of them are needed; a statement noun needs one.
    """
    if trigger.first <= 1:
        return True
    for index in range(max(0, trigger.first - OCCURRENCE_REACH), trigger.first):
        if cues.light_verbs.contains_at(tokens, index) or cues.occurrence.contains_at(tokens, index):
            return True
    for index in range(max(0, trigger.first - GOVERNING_VERB_REACH), trigger.first - OCCURRENCE_REACH):
        # "شنت قوات مشتركة من نيجيريا والنيجر هجوما": a long subject between verb and noun
        if ((cues.light_verbs.contains_at(tokens, index) or cues.occurrence.contains_at(tokens, index))
                and not roles.crosses_clause(tokens, index, trigger.first)):
            return True
    if material and _purpose(tokens[trigger.first].norm):
        return False  # "استعدادا لضرب إيران", "مخطط لاغتيال …": an aim, not an occurrence
    if any(c.count is not None and abs(c.first - trigger.first) <= CASUALTY_REACH for c in casualties):
        return True
    weak = 0
    if any(cues.occurrence_after.contains_at(tokens, index)
           for index in range(trigger.last, min(len(tokens), trigger.last + FOLLOWING_VERB_REACH))):
        weak += 1  # "تظاهرة خرجت الجمعة", "انفجار هز المدينة", "الهجوم الذي استهدف …"
    if any(d.value and (not material or d.precision == "day")
           and not roles.crosses_clause(tokens, min(d.last, trigger.first), max(d.first, trigger.last))
           for d in dates):
        weak += 1
    if any(mention is not None and mention.first >= trigger.last and mention.first - trigger.last <= 1
           for mention in (actor, target)):
        weak += 1
    if _possessed(tokens[trigger.first].norm, trigger):
        weak += 1  # زيارته، اتفاقها، لقائه: the pronoun names the doer
    if any(trigger.last <= p.first <= trigger.last + PLACE_REACH
           and not roles.crosses_clause(tokens, trigger.last, p.first) for p in places):
        weak += 1
    return weak >= (MATERIAL_WEAK_SIGNS if material else 1)


PLACE_REACH = 6


def _purpose(word: str) -> bool:
    """لضرب، لاغتيال، للتظاهر: a verbal noun after the preposition ل names an aim."""
    bare = word[1:] if word[:1] in {"و", "ف"} else word
    return bare.startswith("ل") and len(bare) > 4 and not bare.startswith("لي")


def _aimed_at(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """"للمشاركة في عملية عسكرية": the event word is what a purpose noun (ل + verbal noun) aims at."""
    first = trigger.first
    return first >= 2 and tokens[first - 1].norm == "في" and _purpose(tokens[first - 2].norm)


def _possessed(word: str, trigger: TriggerMatch) -> bool:
    """The trigger word carries a pronoun suffix (a reading without it is one of the entry's patterns)."""
    if trigger.last - trigger.first != 1:
        return False
    patterns = _single_word_patterns(trigger.entry)
    return any(form in patterns and not word.endswith(form) for form in readings(word))


@lru_cache(maxsize=4096)
def _first_words(entry: TriggerEntry) -> frozenset[str]:
    return frozenset(normalize(p).split()[0] for p in entry.patterns)


@lru_cache(maxsize=4096)
def _single_word_patterns(entry: TriggerEntry) -> frozenset[str]:
    return frozenset(normalize(p) for p in entry.patterns if " " not in p)


RELATIVE_PRONOUNS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})


def _subordinate(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """A trigger opening a relative clause only qualifies a noun ("المنشآت التي استهدفها …").

    (Purpose phrases, "لدعم …", were tried too: on the dev gold they cost more than they gave.)
    """
    return trigger.first > 0 and tokens[trigger.first - 1].norm in RELATIVE_PRONOUNS


TIME_REFERENCE_REACH = 4  # "بعد ثمانية أيام من الهجوم": governor … من/على … event word
HEAD_REACH = 1  # words between a governing noun and the event word ("الذكرى الثالثة لاغتيال")
CHARGE_REACH = 30  # a list of charges runs on to the end of its clause
COURT_OUTCOME_TYPES = frozenset({"SANCTION", "CONCEDE"})
TOPIC_REACH = 4  # "استنكرت الحكومة العراقية التفجيرات": the condemner's name between verb and object
TIME_LINKS = frozenset({"من", "علي"})  # matching forms: ى is written ي


def _backgrounded(tokens: Sequence[Token], trigger: TriggerMatch, cues: Cues) -> bool:
    """The event word only dates or qualifies something else, so it states no occurrence of its own.

    Three positions: a time reference ("بعد الهجوم", "منذ اغتيال …", "بعد أن خطف", "بعد يومين
    من التفجير"); the complement of a noun that makes it a topic ("ملف الاغتيالات", "ضحايا
    التفجيرات", "الذكرى الثالثة لاغتيال"); the object of a condemnation ("أدانت الاقتحامات"),
    which is the ACCUSE event, the attack being told where it is reported.
    """
    first = trigger.first
    for start in range(max(0, first - TIME_REFERENCE_REACH), first):
        match = cues.temporal_governors.match_at(tokens, start)
        if match is None or match.last > first or roles.crosses_clause(tokens, match.last, first):
            continue
        if match.last == first or tokens[first - 1].norm in TIME_LINKS:
            return True
    if _governed(tokens, first, cues.background_heads, HEAD_REACH):
        return True
    # The court's own acts (a sentence, a release) follow the charges; they are not charged.
    return (trigger.entry.event_type not in COURT_OUTCOME_TYPES
            and _governed(tokens, first, cues.charge_heads, CHARGE_REACH))


def _governed(tokens: Sequence[Token], first: int, index: PhraseIndex[str], reach: int) -> bool:
    """A phrase of ``index`` ends at most ``reach`` words before token ``first``, in its clause."""
    for start in range(max(0, first - reach - 2), first):
        match = index.match_at(tokens, start)
        if (match is not None and match.last <= first and first - match.last <= reach
                and not roles.crosses_clause(tokens, match.last, first)):
            return True
    return False


DEAL_REACH = 2  # "انتهاك صريح للاتفاق", "بموجب هذا الاتفاق"


def _existing_deal(tokens: Sequence[Token], trigger: TriggerMatch, cues: Cues) -> bool:
    """An agreement noun governed by a word that acts on a deal already made ("خرق الاتفاق",
    "بموجب الاتفاق", "وانهارت هدنة"): the deal is known, its making is not told here."""
    return _governed(tokens, trigger.first, cues.existing_deal, DEAL_REACH)


def _condemned(tokens: Sequence[Token], trigger: TriggerMatch, cues: Cues) -> bool:
    """The event word is the object of a condemnation ("استنكرت الحكومة التفجيرات")."""
    return _governed(tokens, trigger.first, cues.topic_governors, TOPIC_REACH)


REPORT_REACH = 4


def _reported(tokens: Sequence[Token], trigger: TriggerMatch, casualties: list[CasualtyMention],
              cues: Cues) -> bool:
    """A condemned attack told as news all the same: what it hit or caused follows it
    ("التفجير الإرهابي الذي استهدف مسجدا … وأدى إلى مقتل …"), or a casualty count."""
    if any(c.count is not None and abs(c.first - trigger.first) <= CASUALTY_REACH for c in casualties):
        return True
    return any(cues.occurrence_after.contains_at(tokens, index)
               for index in range(trigger.last, min(len(tokens), trigger.last + REPORT_REACH)))


PROTESTER_WORDS = ("متظاهر", "محتج", "معتصم")


def _protesters(mention: Mention | None, tokens: Sequence[Token]) -> bool:
    """The participant is the protesters themselves (المتظاهرون، المحتجين، المعتصمون)."""
    if mention is None or mention.first < 0:
        return False
    return any(word in token.norm for token in tokens[mention.first:mention.last] for word in PROTESTER_WORDS)


DEMAND_NOUNS = frozenset({"مطالب", "ومطالب", "المطالب"})
PUBLIC_WORDS = (*PROTESTER_WORDS, "مواطن", "المواطن", "الشارع", "الشعب")


def _protesters_demands(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """"مطالب المتظاهرين", "مطالب المواطنين": the demands of a protest or of the public, named as
    a known thing (the PROTEST is the event)."""
    if tokens[trigger.first].norm not in DEMAND_NOUNS or trigger.last >= len(tokens):
        return False
    following = tokens[trigger.last].norm
    return any(word in following for word in PUBLIC_WORDS)


def _student(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """"طالب تونسي", "طالب جامعي": the noun "student" before an indefinite adjective in ي."""
    if tokens[trigger.first].norm not in {"طالب", "وطالب"} or trigger.last >= len(tokens):
        return False
    following = tokens[trigger.last].norm
    return following.isalpha() and following.endswith("ي") and not following.startswith(("ال", "وال"))


SPEECH_OPENING = 3  # words before a continued verb of saying ("وأضاف", "كما أوضح")


def _continued_speech(tokens: Sequence[Token], trigger: TriggerMatch, cues: Cues) -> bool:
    """The sentence opens with a verb of saying that names no speaker ("وأضاف أن …", "وتابع:"):
    the previous speaker is still talking."""
    for match in cues.attribution.find(tokens, 0, min(trigger.first, SPEECH_OPENING + 1)):
        if match.first <= SPEECH_OPENING and tokens[match.first].norm[:1] in {"و", "ف", "ك"}:
            return True
    return False


def _remember_speaker(context: ArticleContext, speaker: Mention | None) -> None:
    if speaker is not None:
        context.last_speaker = speaker.elsewhere()
        context.last_speaker_sentence = context.sentence_number


def _location(tokens: Sequence[Token], trigger: TriggerMatch, places: list[PlaceMatch],
              taken: tuple[Mention | None, ...], context: ArticleContext) -> Place | None:
    """The place nearest after the trigger (else before), not inside a participant's words."""
    spans = [(m.first, m.last) for m in taken if m is not None]
    free = [p for p in places if not any(p.first < last and first < p.last for first, last in spans)
            and not (p.first < trigger.last and trigger.first < p.last)]
    if not free:
        return None
    chosen = min(free, key=lambda p: _place_rank(tokens, trigger, p))
    return _place(chosen, tokens, context.text)


def _place_rank(tokens: Sequence[Token], trigger: TriggerMatch, place: PlaceMatch) -> tuple[int, int, int]:
    """Lower is better: in the trigger's clause, introduced by في/ب, after the trigger, close."""
    after = place.first >= trigger.last
    start, end = (trigger.last, place.first) if after else (place.last, trigger.first)
    return (int(roles.crosses_clause(tokens, start, end)), int(not _locative(tokens, place.first)),
            (end - start) + (0 if after else PLACE_BEFORE_PENALTY))


# Verbal types that happen somewhere (a meeting, a visit): their place is found like a material event's.
PLACED_VERBAL_TYPES = frozenset({"CONSULT"})
LOCATIVE = frozenset({"في", "ب"})
PLACE_BEFORE_PENALTY = 5  # a place before the trigger is usually the subject's, not the event's


def _stated_place(tokens: Sequence[Token], trigger: TriggerMatch, places: list[PlaceMatch],
                  context: ArticleContext) -> Place | None:
    """A place stated for a statement: "في X" right after the trigger, in its clause."""
    for place in places:
        if (trigger.last <= place.first <= trigger.last + PLACE_REACH
                and not roles.crosses_clause(tokens, trigger.last, place.first)
                and _locative(tokens, place.first)):
            return _place(place, tokens, context.text)
    return None


def _locative(tokens: Sequence[Token], first: int) -> bool:
    """في X, or بالعراق (ب + a definite name)."""
    if tokens[first].norm.startswith(("بال", "وبال")):
        return True
    return first > 0 and tokens[first - 1].norm in LOCATIVE


def _nearest(dates: list[DateMention], trigger: TriggerMatch) -> DateMention | None:
    """The resolved date nearest the trigger in its sentence."""
    resolved = [d for d in dates if d.value]
    if not resolved:
        return None
    return min(resolved, key=lambda d: min(abs(d.first - trigger.last), abs(trigger.first - d.last)))


def _casualty(casualties: list[CasualtyMention], trigger: TriggerMatch, kind: str) -> int | None:
    counted = [c for c in casualties if c.kind == kind and c.count is not None]
    if not counted:
        return None
    return min(counted, key=lambda c: abs(c.first - trigger.first)).count


def _span(text: str, start: int, end: int) -> Span:
    return Span(text=text[start:end], start=start, end=end)


def _participant(mention: Mention | None, text: str) -> Participant | None:
    if mention is None:
        return None
    return Participant(text=text[mention.start:mention.end], start=mention.start, end=mention.end,
                       name=mention.name, kind=mention.kind, country=mention.country)


def _place(match: PlaceMatch, tokens: Sequence[Token], text: str) -> Place:
    start, end = tokens[match.first].start, tokens[match.last - 1].end
    place = match.place
    return Place(text=text[start:end], start=start, end=end, name=place.name or text[start:end],
                 country=place.country, admin1=place.admin1, geonames_id=place.geonames_id, lat=place.lat,
                 lon=place.lon, precision=place.precision if place.name else None)


def _when(mention: DateMention | None, tokens: Sequence[Token], text: str, context: ArticleContext) -> When:
    if mention is None:
        return When(value=None, precision="publication")
    start, end = tokens[mention.first].start, tokens[mention.last - 1].end
    return When(text=text[start:end], start=start, end=end, value=mention.value, precision=mention.precision)


def _confidence(trigger: TriggerMatch, actor: Mention | None, target: Mention | None,
                location: Place | None) -> float:
    found = sum(x is not None for x in (actor, target, location))
    return round(min(1.0, trigger.weight * (0.55 + 0.15 * found)), 3)
