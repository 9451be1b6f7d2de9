"""Event assembly: triggers, participants, place, date, casualties and modality per sentence.

Cheap matching first: the trigger lexicon runs over every sentence, and only sentences with
a trigger pay for the actor dictionary, the gazetteer, dates, numbers and roles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from hadath import __version__
from hadath.extract import roles
from hadath.extract.actors import ActorDictionary, load_actors, load_person_names, load_role_cues
from hadath.extract.casualties import CasualtyMention, find_casualties
from hadath.extract.cues import Cues, load_cues
from hadath.extract.dates import DateMention, find_dates
from hadath.extract.mentions import PLACE_PREPOSITIONS, DocumentEntityFinder, Mention, mentions_of_sentence
from hadath.extract.modality import CLOSING_BRACKETS, OPENING_BRACKETS, SPECULATIVE, conditioned, modality_of
from hadath.extract.numbers import is_number_word
from hadath.extract.triggers import TriggerEntry, TriggerLexicon, TriggerMatch, load_lexicon, quad_class
from hadath.resolve.geo import Gazetteer, GeoPlace, PlaceMatch, load_gazetteer
from hadath.resolve.outlets import load_outlets
from hadath.resolve.situated import load_home_bodies, load_residence_words, load_situated
from hadath.settings import Settings
from hadath.text.clitics import readings
from hadath.text.normalize import normalize
from hadath.text.phrases import PhraseIndex, PhraseMatch
from schemas import EventCandidate, NormalizedArticle, Participant, Place, Span, When
from schemas.models import Sentence, Token

# Triggers of one type this close (in tokens) inside a sentence name the same event.
SAME_EVENT_GAP = 6
SPEAKER_REACH = 3  # sentences over which an unnamed speaker is the last named one
POS_BONUS = {"verb": 0.3, "phrase": 0.2, "noun": 0.0}
DATELINE_TOKENS = 12
DATELINE_BRACKET_REACH = 3  # "القاهرة (رويترز)", "(رويترز) - بغداد": a bracket this near the line's head
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
    # The NER over all sentences of an article at once (None: no NER).
    entities: DocumentEntityFinder | None = None

    @property
    def extractor(self) -> str:
        """Package and data versions, for the ``extractor`` field."""
        return f"hadath/{__version__} triggers/{self.lexicon.version} actors/{self.actors.version}"


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """Load every dictionary and the NER chosen in the settings (cached for the process)."""
    return Knowledge(load_lexicon(), load_actors(), load_gazetteer(), load_cues(),
                     entity_finder(Settings.from_env().ner_backend))


def entity_finder(backend: str) -> DocumentEntityFinder | None:
    """The NER to use over an article's sentences: ``crf`` (shipped; its document-level pass sees
    names found elsewhere in the article), ``camel`` (camel-tools' model, where installed), ``none``."""
    if backend == "none":
        return None
    if backend == "camel":
        from hadath.ner import camel

        if not camel.available():
            raise ValueError(f"HADATH_NER_BACKEND=camel but {camel.unavailable_reason()}")
        return lambda sentences: [camel.entities(tokens) for tokens in sentences]  # type: ignore[arg-type]
    if backend == "crf":
        from hadath.ner import entities_in_document

        return entities_in_document  # type: ignore[return-value]
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
    # Family names of the named parties, kept up as the list grows (see ``_surnames``).
    surname_index: dict[str, Mention] = field(default_factory=dict)
    surnames_indexed: int = 0
    # The last named speaker: "وأضاف …" with no subject continues the previous speaker.
    last_speaker: Mention | None = None
    last_speaker_sentence: int = -1
    # The last sentence in which a verb of saying named its speaker ("وقال X …", "أعلن X أن …").
    said_sentence: int = -1
    sentence_number: int = 0
    # Event types already told: "هذه الغارات" later on points back at one of them.
    told_types: set[str] = field(default_factory=set)
    # The speaker a verb of saying names at the head of the current sentence ("وقال X إن …").
    opening_speaker: Mention | None = None
    # The day a speaker was last said to speak, with the speaker's name and the sentence number:
    # what the same speaker goes on to say unnamed ("داعيا …", "ودعا …") was said that day.
    speaker_day: tuple[str, When, int] | None = None
    # That day was given by a verb of saying ("وقال في خطبة صلاة الجمعة أمس"), not by an event of the
    # speaker's: it then dates what the speaker, named again, goes on to say.
    said_day: bool = False
    # Where a speaker was said to speak ("وقال في خطبة صلاة الجمعة في كربلاء"), likewise.
    speaker_place: tuple[str, Place, int] | None = None
    # The day of the last dated event of each type, and its sentence: "كما تظاهر مئات آخرون"
    # tells another event like it, on the same day.
    type_days: dict[str, tuple[When, int]] = field(default_factory=dict)
    # Trigger spans of reported acts whose sentence dates only the saying of them. Their date is
    # dropped once repeated mentions are merged, so that telling mentions apart still sees it.
    undated: set[tuple[int, int]] = field(default_factory=set)
    # Targets no listed party names ("داهمت أكثر من 100 موقع"), by trigger span: set on the
    # events once repeated mentions are merged (see ``_with_unlisted_target``).
    unlisted_targets: dict[tuple[int, int], Participant] = field(default_factory=dict)
    # Doers of attacks that name none, by trigger span: the armed group the sentence (or the one
    # before) names, likewise set once repeated mentions are merged.
    carried_doers: dict[tuple[int, int], Participant] = field(default_factory=dict)
    # The last armed group named, with its sentence number.
    last_armed: tuple[Mention, int] | None = None
    # Trigger spans of proceedings (a trial, an indictment): placed like material events.
    situated: set[tuple[int, int]] = field(default_factory=set)
    # The current sentence's event triggers: a date in another's clause is that event's day.
    sentence_triggers: list[TriggerMatch] = field(default_factory=list)
    # The town in a speaker's title, by the speaker's name (see ``_seat``).
    seats: dict[str, Place] = field(default_factory=dict)
    # The last meeting the article placed: "خلال اللقاء" later on refers to it.
    meeting: EventCandidate | None = None
    # The NER's entities per sentence (event sentences only), tagged once per article on first need.
    entities: list[list[tuple[int, int, str]]] | None = None
    # Triggers of later sentences, found when choosing the sentences to tag: not looked up twice.
    found_triggers: dict[int, list[TriggerMatch]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The raw article text that every span points into."""
        return self.doc.article.text


def extract_events(doc: NormalizedArticle) -> list[EventCandidate]:
    """Event candidates of one article, one per real-world event it mentions."""
    kb = knowledge()
    context = ArticleContext(doc, doc.published_at.date())
    outlet = load_outlets().country(doc.article.source, doc.article.url)
    if outlet:
        context.countries.append(outlet)  # a prior: a shared place name is likelier the outlet's own
    context.dateline = _dateline(doc, kb, context)
    candidates: list[EventCandidate] = []
    unnoted: list[tuple[int, Sentence]] = []  # sentences with no trigger, speakers not yet noted
    for number, sentence in enumerate(doc.sentences):
        if _is_title(sentence, doc):
            continue  # a headline repeats the body's most informative mention
        triggers = _triggers_of(number, sentence, kb, context)
        if not triggers:
            unnoted.append((number, sentence))
            continue
        _note_speakers_before(number, unnoted, kb, context)
        context.sentence_number = number
        _note_speaker(sentence.tokens, kb, context)
        candidates.extend(_sentence_events(sentence, triggers, kb, context, len(candidates)))
    candidates = _with_article_country(
        _drop_repeated_mentions(candidates, kb.cues.dateline_types, kb.cues.other_event_markers), kb, context)
    return _renumber([_with_unlisted_target(
        _day_only(_undated(_at_home(_canonical_parties(c, context), kb, context), context)), context)
        for c in candidates])


def _with_unlisted_target(candidate: EventCandidate, context: ArticleContext) -> EventCandidate:
    """The event with the unlisted words its trigger's act hit as its target, and the armed group
    its context names as its doer, when it has none."""
    key = (candidate.trigger.start, candidate.trigger.end)
    updates: dict[str, Participant] = {}
    unlisted = context.unlisted_targets.get(key)
    if candidate.target is None and unlisted is not None:
        updates["target"] = unlisted
    doer = context.carried_doers.get(key)
    target = updates.get("target", candidate.target)
    if candidate.actor is None and doer is not None and (target is None or target.name != doer.name):
        updates["actor"] = doer
    return candidate.model_copy(update=updates) if updates else candidate


ARMED_REACH = 1  # sentences back an attack's doer is carried from
# Means of attack an armed group rarely has (air strikes, artillery): no doer is carried to them;
# nor to an attack on an armed group (the one named near it is more often its target).
STATE_MODES = frozenset({"aerial", "heavy-weapons"})


def _recent_armed(context: ArticleContext) -> Mention | None:
    """The armed group named last in the sentences just before, if any."""
    if context.last_armed is None:
        return None
    mention, sentence = context.last_armed
    return mention if 0 < context.sentence_number - sentence <= ARMED_REACH else None


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
    country = _article_country(context)
    if country is None:
        return candidates  # no clear setting
    first = context.first_place[country]
    # The country named by its name ("بالكويت") is what a reader gives as the place; a town, a
    # province ("بمنطقة الباحة") or a phrase ("مدن عراقية") named elsewhere is not stated for it.
    named = any(p.precision == "country" and p.country == country for p in kb.gazetteer.lookup(first.text))
    place = first if named else _country_only(country, first, kb)
    return [c.model_copy(update={"location": place})
            if c.location is None and (c.event_type in kb.cues.dateline_types
                                       or (c.trigger.start, c.trigger.end) in context.situated) else c
            for c in candidates]


def _article_country(context: ArticleContext) -> str | None:
    """The country the article is set in: the one its places are clearly mostly in, if any."""
    if not context.country_mentions:
        return None
    (country, count), *rest = [*context.country_mentions.most_common(2), ("", 0)]
    return country if count >= ARTICLE_COUNTRY_MIN and count > rest[0][1] else None


def _at_home(candidate: EventCandidate, kb: Knowledge, context: ArticleContext) -> EventCandidate:
    """A statement or a meeting with no place stated that can only have happened in one country:
    the country, with no words (the annotations give it so). Run once parties have their canonical
    names, since a generic mention ("مشرعين") learns its country from the specific one."""
    if candidate.location is not None or candidate.event_type not in kb.cues.verbal_types:
        return candidate
    country = _home_country(candidate, context)
    if country is None:
        return candidate
    anchor = Place(text="", start=candidate.trigger.start, end=candidate.trigger.start, name="")
    return candidate.model_copy(update={"location": _country_only(country, anchor, kb)})


def _home_country(candidate: EventCandidate, context: ArticleContext) -> str | None:
    """Where a placeless statement or meeting happened, when its parties say so.

    A court, a prosecutor or a parliament acts at home (hadath/data/places/home_bodies.yaml): its
    own country, else the article's. A meeting is held at the one met, who receives; one with an
    official named by title alone ("بعد التشاور مع رئيس الوزراء") by the state the article is about
    is among that state's own officials, at home. (A state met, "المفاوضات مع طهران", could be met anywhere.)
    """
    actor, target = candidate.actor, candidate.target
    if actor is not None and actor.name in load_home_bodies():
        return actor.country or _article_country(context)
    if (candidate.event_type not in PLACED_VERBAL_TYPES or candidate.mode in REMOTE_MODES or target is None
            or target.kind not in HOST_KINDS):
        return None  # (a phone call is held at no one's place)
    if target.country is not None:
        return target.country
    if (actor is not None and actor.kind in OFFICIAL_KINDS and target.name.endswith(UNSPECIFIED)
            and actor.country is not None and actor.country == _article_country(context)):
        return actor.country  # (the title alone names an official of the state the article is about)
    return None


# Modes of a contact held at a distance (a phone or video call): no host's place is where it happened.
REMOTE_MODES = frozenset({"phone"})
OFFICIAL_KINDS = frozenset({"government", "person"})
HOST_KINDS = frozenset({"person", "government", "organisation"})


def _host_country_named(tokens: Sequence[Token], places: list[PlaceMatch], host: Mention,
                        context: ArticleContext) -> Place | None:
    """The host's country as its title names it ("وزير خارجية الإمارات"): the words a reader gives
    as where the meeting was held."""
    named = next((p for p in places if host.first <= p.first and p.last <= host.last
                  and p.place.precision == "country" and p.place.country == host.country), None)
    return _place(named, tokens, context.text) if named is not None else None


def _place_anchor(tokens: Sequence[Token], trigger: TriggerMatch) -> Place:
    """An empty place at the trigger, to anchor a country-only place on."""
    start = tokens[trigger.first].start
    return Place(text="", start=start, end=start, name="")


def _country_only(country: str, anchor: Place, kb: Knowledge) -> Place:
    """Where an event with no stated place happened: a country and no words. The place named
    elsewhere in the article is not stated for this event (GUIDELINES: ``location`` is the place
    stated for it, ``[]`` when none), so its words are left out; the empty span sits at that
    place's mention."""
    known = kb.gazetteer.country(country)
    name = known.name if known is not None else country
    return Place(text="", start=anchor.start, end=anchor.start, name=name, country=country,
                 geonames_id=known.geonames_id if known is not None else None,
                 lat=known.lat if known is not None else None, lon=known.lon if known is not None else None,
                 precision="country")


def _drop_repeated_mentions(candidates: list[EventCandidate], material_types: frozenset[str] = frozenset(),
                            other_markers: tuple[str, ...] = ()) -> list[EventCandidate]:
    """Keep one candidate per real-world event: a later mention of the same type whose every
    known argument agrees with an earlier one's is the same event told again (GUIDELINES:
    one event, annotated once)."""
    kept: list[EventCandidate] = []
    for candidate in candidates:
        same = (None if _told_as_another(candidate, other_markers) else
                next((i for i, earlier in enumerate(kept) if _same_event(earlier, candidate, material_types)), None))
        if same is None:
            kept.append(candidate)
        elif (_informativeness(candidate) > _informativeness(kept[same])
              and not _same_scene(kept[same], candidate, material_types)):
            # The event stays once, at its most informative mention; a scene already told with
            # its place and day stays where first told (a retelling adds only wordings of parties).
            kept[same] = candidate
    return sorted(kept, key=lambda c: (c.evidence.start, c.trigger.start))


def _told_as_another(candidate: EventCandidate, markers: tuple[str, ...]) -> bool:
    """The sentence says its event is another one ("وفي حادث آخر", "هجوم منفصل")."""
    if not markers:
        return False
    text = normalize(candidate.evidence.text)
    return any(marker in text for marker in markers)


def _informativeness(candidate: EventCandidate) -> int:
    """How much a mention tells of its event: the arguments it states (a target counted in
    figures, "76 عنصرا من التنظيم", tells more than one counted vaguely, "العشرات من عناصره")."""
    counted = candidate.target is not None and any(ch.isdigit() for ch in candidate.target.text)
    return counted + sum(value is not None for value in (candidate.actor, candidate.target, candidate.location,
                                                          candidate.date.value, candidate.killed, candidate.injured))


def _same_event(earlier: EventCandidate, later: EventCandidate,
                material_types: frozenset[str] = frozenset()) -> bool:
    if earlier.event_type != later.event_type:
        return False
    if _repeated_words(earlier, later):
        return True
    if _same_scene(earlier, later, material_types):
        return True
    earlier_place, later_place = _place_names(earlier, later)
    pairs = (
        (_name(earlier.actor), _name(later.actor)),
        (_name(earlier.target), _name(later.target)),
        (earlier_place, later_place),
        (earlier.date.value, later.date.value),
        (earlier.killed, later.killed),
    )
    # Agreeing only where one side is unknown is no sign of one event: a shared value is, or a
    # mention that tells nothing of its own (a bare repeat, "الهجوم").
    if not all(a is None or b is None or a == b for a, b in pairs):
        return False
    return (any(a is not None and a == b for a, b in pairs)
            or all(a is None for a, _ in pairs) or all(b is None for _, b in pairs))


def _same_scene(earlier: EventCandidate, later: EventCandidate, material_types: frozenset[str]) -> bool:
    """A material event of one type, at one named place below the country, on one day: the same
    occurrence however its parties are worded ("تظاهرات سلمية في ساحة التحرير … شارك فيها الآلاف"
    … "وتظاهر الآلاف من الناشطين … في ساحة التحرير … الجمعة"); a crowd or a force is named
    differently at each mention, the place and the day are not. A town is place enough for a
    crowd; attacks in one town on one day are often several (two bombs in Baghdad), so for them
    only a site (a square, a building) is."""
    if earlier.event_type not in material_types or earlier.killed != later.killed:
        return False  # (two tolls are two attacks)
    first, second = earlier.location, later.location
    precise = ("point",) if earlier.event_type not in PUBLIC_TYPES else ("point", "city")
    return (first is not None and second is not None and first.precision in precise and bool(first.name)
            and first.name == second.name and earlier.date.value is not None
            and earlier.date.value == later.date.value)


def _place_names(earlier: EventCandidate, later: EventCandidate) -> tuple[str | None, str | None]:
    """The two places as names to compare, a country taken as agreeing with a place inside it on
    the same day: a lead's "في مدن عراقية عدة" is where the later "في ساحة التحرير" is
    (GUIDELINES: a plain repeat is not another event). Without one day a country is too broad a
    setting to tie two mentions (the air strikes in Iraq are not the operation in Anbar)."""
    first, second = earlier.location, later.location
    if (first is not None and second is not None and first.country and first.country == second.country
            and (first.precision == "country" or second.precision == "country")
            and earlier.date.value is not None and earlier.date.value == later.date.value):
        return None, None
    return _name(first), _name(second)


def _repeated_words(earlier: EventCandidate, later: EventCandidate) -> bool:
    """The same words told again by the same doer ("أحيلوا للمحاكمة" … "أحيلوا للمحاكمة"): a
    statement or a court step repeated in the article's retelling, its targets split over mentions.
    Two places or two tolls are two events, so those must still agree."""
    if earlier.cameo != later.cameo or _bare_word(earlier.trigger.text) != _bare_word(later.trigger.text):
        return False
    pairs = ((_specific_name(earlier.actor), _specific_name(later.actor)), (earlier.date.value, later.date.value),
             (earlier.killed, later.killed))
    if not all(a is None or b is None or a == b for a, b in pairs) or not _places_agree(earlier, later):
        return False
    # Told again to other addressees, a call asks the same thing ("دعا … الحكومة إلى الإصلاح" …
    # "ودعا … البرلمان إلى الإصلاح"); asking something else of others is another statement
    # ("طالب الصافي العبادي بالضرب بيد من حديد" … "وطالب الصافي القوى السياسية بتوحيد مواقفها").
    first, second = _name(earlier.target), _name(later.target)
    return first is None or second is None or first == second or bool(_asked(earlier) & _asked(later))


ASKED_WORDS = 4  # words after the addressee that say what is asked
ASKED_MIN_LETTERS = 4  # shorter words are particles (إلى، على، في)


def _asked(candidate: EventCandidate) -> set[str]:
    """The readings of the content words right after the target: what a statement asks or says of it."""
    if candidate.target is None:
        return set()
    evidence = candidate.evidence
    raw = normalize(evidence.text[max(0, candidate.target.end - evidence.start):]).split()[:ASKED_WORDS]
    words = ["".join(letter for letter in word if letter.isalpha()) for word in raw]
    return {form for word in words if len(word) >= ASKED_MIN_LETTERS for form in readings(word)
            if len(form) >= ASKED_MIN_LETTERS}


def _bare_word(text: str) -> str:
    """The trigger's words without a leading conjunction: "ودعا" tells again what "دعا" told."""
    words = normalize(text)
    return words[1:] if words[:1] in {"و", "ف"} and len(words.split()[0]) > 3 else words


def _places_agree(earlier: EventCandidate, later: EventCandidate) -> bool:
    """No place stated for one, the same place, or a country and a place inside it."""
    first, second = earlier.location, later.location
    if first is None or second is None or first.name == second.name:
        return True
    return bool(first.country) and first.country == second.country and "country" in (first.precision, second.precision)


def _specific_name(party: Participant | None) -> str | None:
    """A party's name when it names someone; a generic one ("Judiciary (unspecified)", a pronoun
    resolved to a kind) fits any party of the article, so it disagrees with none."""
    name = _name(party)
    return None if name is None or name.endswith((UNSPECIFIED, ANAPHOR)) else name


ANAPHOR = " (anaphor)"


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
    for number, sentence in enumerate(doc.sentences[:3]):
        head = sentence.tokens[:DATELINE_TOKENS]
        dated = _dated_dateline(head, kb, context) if number == 0 else None
        if dated is not None:
            return dated
        dashes = [i for i, t in enumerate(head) if t.norm in {"-", "–", "—", ":"}]
        # A bracket marks a dateline only at the line's head ("القاهرة (رويترز) -"); further on,
        # "في سوروتش (جنوب تركيا)" glosses a place of the sentence.
        brackets = [i for i, t in enumerate(head) if t.norm in {"(", ")"} and i <= DATELINE_BRACKET_REACH]
        if not dashes and not brackets:
            continue
        for match in kb.gazetteer.find(head):
            if any(abs(match.last - d) <= 1 or abs(match.first - d) <= 1 for d in [*dashes, *brackets]):
                return _place(match, head, context.text)
    return None


def _dated_dateline(head: Sequence[Token], kb: Knowledge, context: ArticleContext) -> Place | None:
    """"الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس": a town opening the article, then
    the filing date, is where the report was filed (the Saudi Press Agency's form)."""
    town = next((m for m in kb.gazetteer.find(head) if m.first == 0), None)
    if town is None or town.place.precision not in LOCAL_PRECISIONS:
        return None
    if not any(d.first == town.last for d in find_dates(head, context.published)):
        return None
    return _place(town, head, context.text)


def _triggers_of(number: int, sentence: Sentence, kb: Knowledge, context: ArticleContext) -> list[TriggerMatch]:
    """The sentence's triggers, found ahead when the NER chose the sentences to tag (``_entities_of``)."""
    found = context.found_triggers.pop(number, None)
    return found if found is not None else kb.lexicon.find(sentence.tokens)


def _entities_of(number: int, kb: Knowledge, context: ArticleContext) -> list[tuple[int, int, str]]:
    """The NER's entities of sentence ``number``. The article's event sentences (those with a
    trigger of weight) are tagged at once, the first time one needs them, as one document: the
    document pass finds a name again where its sentence alone leaves it untagged. The other
    sentences are not tagged (no event reads their entities): tagging is most of the NER's cost."""
    if kb.entities is None:
        return []
    if context.entities is None:
        sentences = context.doc.sentences
        # The first sentence to need them is the first with a trigger: none before it has one.
        ahead = {i: kb.lexicon.find(sentences[i].tokens) for i in range(number + 1, len(sentences))}
        context.found_triggers = ahead
        wanted = [number, *(i for i, found in ahead.items() if any(t.weight >= MIN_WEIGHT for t in found))]
        tagged = kb.entities([sentences[i].tokens for i in wanted])
        context.entities = [[] for _ in sentences]
        for i, found in zip(wanted, tagged, strict=True):
            context.entities[i] = found
    return context.entities[number]


def _sentence_events(sentence: Sentence, triggers: list[TriggerMatch], kb: Knowledge,
                     context: ArticleContext, first_index: int) -> list[EventCandidate]:
    tokens = sentence.tokens
    entities = _entities_of(context.sentence_number, kb, context)
    known_places = kb.gazetteer.find(tokens, context.countries)
    participants = mentions_of_sentence(tokens, kb.actors, frozenset(t.first for t in triggers),
                                        _party_entities(entities, known_places), context.text)
    context.named_parties.extend(participants)
    armed = [m for m in participants if m.kind == "armed_group" and not roles.counted(tokens, m)]
    places = _with_unknown_places(known_places, entities, tokens, kb.gazetteer)
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
    chosen = _one_trigger_per_event(_organised_marches(_counted_crowds(triggers, tokens, kb.lexicon), tokens, kb),
                                    tokens, kb.cues)
    owners = _casualty_owners(casualties, chosen, tokens, kb.cues)
    context.sentence_triggers = [t for t in chosen if t.weight >= MIN_WEIGHT]
    coordinated: set[int] = set()  # events told by a verb joined with و (``_coordinated_verb``)
    for trigger in chosen:
        if trigger.weight < MIN_WEIGHT:
            continue  # a word the negative cues doubt (a cabinet session, an accident)
        if _inside_protest_or_call(trigger, chosen, tokens):
            continue
        if _order_for(trigger, chosen, tokens, kb.cues):
            continue  # "وأمرت النيابة العامة بحبس 24 متهما": the detention ordered is the event
        if _meeting_topic(trigger, chosen, tokens, kb.cues):
            continue
        if _pledged_act(trigger, chosen, tokens):
            continue  # "تعهد مشرعون … بالضغط على …": the act pledged is the event, to come
        if trigger.entry.event_type in context.told_types and _told_before(trigger, triggers, tokens):
            continue  # "وقتل 260 مقاتلا في هذه الغارات": the raids were told earlier, this is their aftermath
        owned = [c for c, owner in zip(casualties, owners, strict=True) if owner is trigger]
        event = _candidate(sentence, trigger, participants, places, dates, casualties, kb, context,
                           first_index + len(events), owned)
        if event is not None:
            event = _duty_or_blame(_protest_or_disapproval(event, trigger, kb.lexicon), trigger, tokens, kb)
            event = _threat_of_violence(_attack_in_words(event, trigger, kb.lexicon), trigger, tokens, kb)
            if _coordinated_verb(tokens[trigger.first].norm, trigger.entry, event.trigger.text):
                coordinated.add(id(event))
            events.append(event)
    events = _threatened_attacks(events, chosen, tokens, kb)
    events = _one_statement_per_speaker(_fought_for(_one_reading_per_word(events)), kb.cues, coordinated)
    context.told_types.update(event.event_type for event in events)
    if armed:
        context.last_armed = (armed[-1].elsewhere(), context.sentence_number)
    return _at_meeting(events, tokens, kb, context)


RALLY_ENTRY = "protest.rally"
PROTESTERS_RALLY_ENTRY = "protest.rally_protesters"
CROWD_COUNT_REACH = 4  # "وتجمع نحو 500 متظاهر", "تجمع أكثر من ألفي محتج": a count between


def _counted_crowds(triggers: list[TriggerMatch], tokens: Sequence[Token],
                    lexicon: TriggerLexicon) -> list[TriggerMatch]:
    """تجمع "gathered" is a rally when protesters gather: the lexicon lists "تجمع المتظاهرون"
    and "تجمع آلاف المتظاهرين", but a figure between ("وتجمع نحو 500 متظاهر") breaks any
    pattern; a protester word a few tokens after the verb makes it the protesters' rally."""
    rally = lexicon.by_id.get(PROTESTERS_RALLY_ENTRY)
    if rally is None:
        return triggers
    result = []
    for trigger in triggers:
        if (trigger.entry.id == RALLY_ENTRY and trigger.weight > 0
                and any(word in token.norm for token in tokens[trigger.last:trigger.last + CROWD_COUNT_REACH]
                        for word in PROTESTER_WORDS)):
            # (the cues' factors on the verb carry over to the rally)
            factor = trigger.weight / trigger.entry.weight
            trigger = TriggerMatch(rally, trigger.first, trigger.last, rally.weight * factor)
        result.append(trigger)
    return result


MARCH_ENTRY = "protest.march"
PROTEST_MARCH_ENTRY = "protest.protest_march"


def _organised_marches(triggers: list[TriggerMatch], tokens: Sequence[Token], kb: Knowledge) -> list[TriggerMatch]:
    """مسيرة alone is as often a course ("مسيرة السلام") as a march (a weak entry); as the object of
    a light verb or a crowd's movement in its clause it is a march held ("ونظم مئات العمال مسيرة
    أمام البرلمان", "وشارك آلاف الأشخاص في مسيرة"): the lexicon lists "نظموا مسيرة", but a subject
    between breaks any pattern."""
    march = kb.lexicon.by_id.get(PROTEST_MARCH_ENTRY)
    if march is None:
        return triggers
    result = []
    for trigger in triggers:
        if (trigger.entry.id == MARCH_ENTRY and trigger.weight > 0
                and any((kb.cues.light_verbs.contains_at(tokens, index)
                         or kb.cues.protest_movements.contains_at(tokens, index)) and not _definite(tokens[index].norm)
                        and not roles.crosses_clause(tokens, index, trigger.first)
                        for index in range(max(0, trigger.first - OCCURRENCE_REACH), trigger.first))):
            factor = trigger.weight / trigger.entry.weight
            trigger = TriggerMatch(march, trigger.first, trigger.last, march.weight * factor)
        result.append(trigger)
    return result


SEIZE_MODE = "seize"
OFFICIAL_PROTESTER_KINDS = frozenset({"person", "government", "state"})
CROWD_PROTEST_ENTRY = "protest.protest_verb"
VERBAL_PROTEST_ENTRY = "accuse.protest_verbal"


def _protest_or_disapproval(event: EventCandidate, trigger: TriggerMatch, lexicon: TriggerLexicon) -> EventCandidate:
    """احتج read both ways (a shared entry: a crowd's PROTEST or an official's ACCUSE): the actor
    decides. A minister or a government that "protested against" practices disapproves in words
    ("واحتج سيرجي لافروف وزير الخارجية على …"): the PROTEST becomes that ACCUSE (whose own reading
    may have been taken by a stronger accusation word nearby, or not kept); a crowd takes to the
    street. (``_one_reading_per_word`` then drops the other reading of the same word.)"""
    if (trigger.entry.id != CROWD_PROTEST_ENTRY or event.actor is None
            or event.actor.kind not in OFFICIAL_PROTESTER_KINDS):
        return event
    verbal = lexicon.by_id.get(VERBAL_PROTEST_ENTRY)
    if verbal is None:
        return event
    return _retyped(event, verbal)


def _retyped(event: EventCandidate, entry: TriggerEntry) -> EventCandidate:
    """``event`` as the type, mode and CAMEO code of lexicon ``entry``, with no place: the new
    type is about words, whose place is the speaker's, not the act's."""
    return event.model_copy(update={"event_type": entry.event_type, "mode": entry.mode, "cameo": entry.cameo,
                                    "quad_class": quad_class(entry.cameo), "location": None})


THREAT_ENTRY = "threaten.violence"


def _threat_of_violence(event: EventCandidate, trigger: TriggerMatch, tokens: Sequence[Token],
                        kb: Knowledge) -> EventCandidate:
    """An attack announced for later on a condition ("قالت طالبان إنها ستقتل بقية الرهائن إذا لم
    يفرج عن أعضائها") is a threat (THREATEN violence), not an attack planned: the act hangs on the
    other side's answer. (A guess, "ربما", is no condition.)"""
    if event.event_type != "ASSAULT" or event.modality != "planned":
        return event
    conditions = [m for m in kb.cues.hypothetical.find(tokens, trigger.last, len(tokens))
                  if " ".join(t.norm for t in tokens[m.first:m.last]).removeprefix("و") not in SPECULATIVE]
    threat = kb.lexicon.by_id.get(THREAT_ENTRY)
    if not conditions or threat is None:
        return event
    return _retyped(event, threat)


ATTACK_ENTRIES = frozenset({"assault.attack", "assault.attack_verb", "assault.launch_attack"})
SPEAKER_KINDS = frozenset({"person", "party", "media"})  # who attacks in words, not with arms
ADDRESSEE_KINDS = frozenset({"person", "party", "government", "organisation", "state", "media", "armed_group"})
VERBAL_ATTACK_ENTRY = "accuse.verbal_attack"


def _attack_in_words(event: EventCandidate, trigger: TriggerMatch, lexicon: TriggerLexicon) -> EventCandidate:
    """هجوم / هاجم read as words: a politician, a party or a paper that "launched a violent attack
    on" a leader or a party ("شن النائب وليد جنبلاط هجوما عنيفا على حزب الله والرئيس") criticises
    (ACCUSE disapprove); an armed attack is done by forces or gunmen, or hits someone's body (a
    casualty count keeps it ASSAULT)."""
    if (trigger.entry.id not in ATTACK_ENTRIES or event.killed or event.injured
            or event.actor is None or event.actor.kind not in SPEAKER_KINDS
            or event.target is None or event.target.kind not in ADDRESSEE_KINDS):
        return event
    verbal = lexicon.by_id.get(VERBAL_ATTACK_ENTRY)
    if verbal is None:
        return event
    return _retyped(event, verbal)


BLAME_ENTRY = "accuse.blame"
CALL_ENTRY = "request.call"
DUTY_REACH = 10  # "محملاً المجتمع الدولي والأمم المتحدة مسؤوليتها في حماية": the addressees between


def _duty_or_blame(event: EventCandidate, trigger: TriggerMatch, tokens: Sequence[Token],
                   kb: Knowledge) -> EventCandidate:
    """حمّل X المسؤولية: blame for what happened (ACCUSE), or, when the responsibility is a duty
    to act ("مسؤوليتها في حماية السكان", "مسؤولية ضمان …"), a call on X to act (REQUEST)."""
    if trigger.entry.id != BLAME_ENTRY:
        return event
    end = min(len(tokens), trigger.last + DUTY_REACH)
    for index in range(trigger.first, end):
        word = tokens[index].norm
        if word in roles.CLAUSE_BREAKS:
            return event
        if "مسؤولي" not in word:
            continue
        duty = any(kb.cues.duty_nouns.contains_at(tokens, at)
                   for at in range(index + 1, min(len(tokens), index + 3)))
        call = kb.lexicon.by_id.get(CALL_ENTRY)
        if duty and call is not None:
            return event.model_copy(update={"event_type": call.event_type, "mode": call.mode, "cameo": call.cameo,
                                            "quad_class": quad_class(call.cameo)})
        return event
    return event


THREAT_REACH = 12  # "وهدد التنظيم في بيان نشره أمس بشن هجمات": the threat verb, its subject, the act


def _threatened_attacks(events: list[EventCandidate], chosen: list[TriggerMatch], tokens: Sequence[Token],
                        kb: Knowledge) -> list[EventCandidate]:
    """An attack a threat verb announces in its clause ("وهدد التنظيم بشن هجمات على السفارات") is
    the threat's content, as a call's content is the call's: the event is the THREATEN (violence),
    aimed at whom the attack would hit. When the threat is an event of its own already, the
    attack is dropped; else the attack becomes that threat."""
    threats = [t for t in chosen if t.entry.event_type == "THREATEN" and t.weight >= MIN_WEIGHT]
    violence = kb.lexicon.by_id.get(THREAT_ENTRY)
    if not threats or violence is None:
        return events
    told = any(e.event_type == "THREATEN" for e in events)
    result = []
    for event in events:
        if event.event_type == "ASSAULT" and event.modality == "planned":
            first = next((i for i, t in enumerate(tokens) if t.start == event.trigger.start), None)
            if first is not None and any(0 < first - t.first <= THREAT_REACH
                                         and not roles.crosses_clause(tokens, t.last, first) for t in threats):
                if told:
                    continue
                event = _retyped(event, violence)
                told = True
        result.append(event)
    return result


def _one_reading_per_word(events: list[EventCandidate]) -> list[EventCandidate]:
    """A word read as two events of one type (a shared entry decided by its actor): told once."""
    kept: list[EventCandidate] = []
    for event in events:
        if not any(k.event_type == event.event_type and k.trigger.start == event.trigger.start for k in kept):
            kept.append(event)
    return kept


def _fought_for(events: list[EventCandidate]) -> list[EventCandidate]:
    """Territory taken with fighting told in the same sentence ("السيطرة على أكثر من 90% من عدن
    … ودحر الحوثيين"): the fighting is the event, ASSAULT (GUIDELINES: taking territory without
    described fighting is COERCE, fighting for it is ASSAULT)."""
    if not any(e.event_type == "ASSAULT" for e in events):
        return events
    return [e for e in events if not (e.event_type == "COERCE" and e.mode == SEIZE_MODE)]


def _one_statement_per_speaker(events: list[EventCandidate], cues: Cues,
                               coordinated: set[int] | frozenset[int] = frozenset()) -> list[EventCandidate]:
    """One verbal event of a type per speaker in a sentence: a call, a condemnation or a meeting
    told again in the same sentence by the same party ("ندعو القادة العرب إلى … وندعوهم لأخذ
    قرارات", "قام … بزيارة للمركز، والتقى بالمشرف عليه") is one statement or one visit, its parts
    spread over the sentence (GUIDELINES: one real-world event is annotated once). Material events
    stay apart: two attacks on two places are two events."""
    kept: list[EventCandidate] = []
    for event in events:
        if event.event_type in cues.verbal_types and any(
                earlier.event_type == event.event_type
                and (_name(earlier.actor) == _name(event.actor) or id(event) in coordinated)
                for earlier in kept):
            continue
        kept.append(event)
    return kept


def _coordinated_verb(word: str, entry: TriggerEntry, text: str = "") -> bool:
    """والتقى، وندعوهم: a finite verb joined by و, whose subject is the one of the verb before it
    (a new party would be named with a verb of its own, "فيما دعت الكتلة"). ``word`` is the
    trigger's first token (matching form), ``text`` its surface. The و must be the conjunction:
    the word without it is a form of the entry and the word itself is not (وافق، وقع are verbs)."""
    if text.strip() and text.split()[0].endswith("ة"):
        return False  # (ة ends nouns only: ودعوة)
    bare = word[1:]
    if not word.startswith("و") or len(bare) < 3 or bare.startswith(("ال", "لل", "بال")) or _masdar_shaped(bare):
        return False
    heads = _first_words(entry)
    return word not in heads and any(form in heads for form in readings(bare))


def _at_meeting(events: list[EventCandidate], tokens: Sequence[Token], kb: Knowledge,
                context: ArticleContext) -> list[EventCandidate]:
    """What is said at a meeting, with no place of its own, was said where the meeting was held:
    a meeting told earlier in the sentence ("التقى … في الرياض …، وأشاد …"), or the meeting the
    sentence says it was said during ("ناقشنا خلال اللقاء … وأشد على أيادي القائمين على المركز"),
    the last one the article placed, and then on its day too when the sentence names none."""
    own = [e for e in events if e.event_type in PLACED_VERBAL_TYPES and e.location is not None]
    unplaced = {id(e) for e in events if e.location is None and e.event_type in kb.cues.verbal_types}
    referred = (context.meeting if unplaced and context.meeting is not None
                and any(_during(tokens, m.first) for m in kb.cues.meeting_references.find(tokens, 0, len(tokens)))
                else None)
    if own:
        context.meeting = own[-1]
    if not unplaced or not (own or referred):
        return events
    return [_said_at(e, meeting) if id(e) in unplaced and (meeting := _meeting_before(own, e) or referred) else e
            for e in events]


def _said_at(statement: EventCandidate, meeting: EventCandidate) -> EventCandidate:
    """The statement with the meeting's place, and its day when the statement has none."""
    update: dict[str, object] = {"location": meeting.location}
    if statement.date.value is None and meeting.date.value is not None:
        update["date"] = meeting.date
    return statement.model_copy(update=update)


DURING = frozenset({"خلال", "وخلال"})


def _during(tokens: Sequence[Token], first: int) -> bool:
    """"خلال اللقاء", "خلال لقائه": what is said, is said during the meeting (a meeting merely
    mentioned, "أكدت المشاورات …", places nothing said in its sentence)."""
    return tokens[first].norm in DURING or (first > 0 and tokens[first - 1].norm in DURING)


def _meeting_before(meetings: Sequence[EventCandidate], statement: EventCandidate) -> EventCandidate | None:
    """The last meeting the sentence tells before the statement."""
    before = [m for m in meetings if m.trigger.start < statement.trigger.start]
    return before[-1] if before else None


DEMONSTRATIVES = frozenset({"هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين", "هاتان", "هذان"})


def _told_before(trigger: TriggerMatch, triggers: list[TriggerMatch], tokens: Sequence[Token]) -> bool:
    """The event is named with a demonstrative ("هذه الغارات", "هذا الهجوم", "هذه المساعدات"),
    by the trigger itself or by a word of its type later in its clause ("وقتل 260 مقاتلا في هذه
    الغارات"): it points back at an event the article has told already (the caller checks one of
    that type was), annotated where first told. An event word after the reference ("جاءت هذه
    الغارات بعد ثلاث هجمات") is another event."""
    for other in triggers:
        if (other.entry.event_type == trigger.entry.event_type and other.first >= max(trigger.first, 1)
                and not roles.crosses_clause(tokens, min(other.first, trigger.first), max(other.first, trigger.first))
                and _definite(tokens[other.first].norm)
                and any(form in DEMONSTRATIVES for form in readings(tokens[other.first - 1].norm))):
            return True
    return False


def _definite(word: str) -> bool:
    """الغارات، والهجوم، بالاتفاق: a noun with the article (a demonstrative before a verb, "إلى
    ذلك خطفت", is a discourse link, not a reference)."""
    return word.startswith(("ال", "وال", "فال", "بال", "وبال", "لل", "ولل", "كال"))


def _meeting_topic(trigger: TriggerMatch, chosen: list[TriggerMatch], tokens: Sequence[Token], cues: Cues) -> bool:
    """"جرى خلال اللقاء بحث …", "التقى … وبحثا التنسيق": discussion and cooperation words after a
    meeting told in the same sentence name what the meeting was about; the CONSULT is the event."""
    if trigger.entry.id not in cues.meeting_topic_entries:
        return False
    if any(other.entry.event_type == "CONSULT" and other.entry.id not in cues.meeting_topic_entries
           and other.last <= trigger.first for other in chosen):
        return True
    if any(match.last <= trigger.first for match in cues.meeting_references.find(tokens, 0, trigger.first)):
        return True
    # "ناقشنا خلال اللقاء الجهود …": the meeting named right after the discussion verb
    after = cues.meeting_references.find(tokens, trigger.last, min(len(tokens), trigger.last + MEETING_AFTER_REACH))
    return any(match.first - trigger.last <= 1 for match in after)


MEETING_AFTER_REACH = 3  # "ناقشنا خلال اللقاء": the verb, خلال, the meeting


# A crowd in the street is seen and told by the outlet itself; one known only from a speaker's words
# ("قال إن المتظاهرين قطعوا الطريق") is his reference to it, told as news where it happened.
PUBLIC_TYPES = frozenset({"PROTEST"})
CROWD_KINDS = frozenset({"civilians", "party", "organisation", "armed_group", "person"})
ANCHORED_TYPES = frozenset({"ASSAULT"})
NOUN_ANCHORS = 2
CALL_CONTENT_REACH = 3  # "طالبوا بمحاسبة الفاسدين": what is called for, a few words after the call
CALL_LIST_REACH = 12  # "طالبوا بمحاسبة الفاسدين وإقالة مدير … وحل مجلس النواب": a list of demands


def _call_reach(word: str) -> int:
    """How far after a call its content runs: a few words, or on through a list joined by و."""
    return CALL_LIST_REACH if word.startswith("و") else CALL_CONTENT_REACH


ORDER_ENTRIES = frozenset({"request.order"})
PLEDGE_ENTRIES = frozenset({"agree.pledge"})


def _pledged_act(trigger: TriggerMatch, chosen: list[TriggerMatch], tokens: Sequence[Token]) -> bool:
    """A pledge of an act ("تعهد بمحاربة الجماعات الإرهابية", "تعهد مشرعون … بالضغط على كبار
    المسؤولين"): the act pledged, told as planned, is the event (the annotations code a pledge to
    fight as THREATEN, a pledge to press as REQUEST), not an agreement of its own."""
    if trigger.entry.id not in PLEDGE_ENTRIES:
        return False
    return any(other.entry.event_type != trigger.entry.event_type and other.weight >= MIN_WEIGHT
               and 0 <= other.first - trigger.last <= ADDRESSEE_REACH
               and not roles.crosses_clause(tokens, trigger.last, other.first) for other in chosen)


def _order_for(trigger: TriggerMatch, chosen: list[TriggerMatch], tokens: Sequence[Token], cues: Cues) -> bool:
    """An authority's order of a material act ("أمرت المحكمة بحبس …", "أمر بالإفراج عن …"): the act
    is done by the order (PLOVER codes what was ordered), not a request to someone else."""
    if trigger.entry.id not in ORDER_ENTRIES or trigger.last - trigger.first != 1:
        return False  # (a decree to be issued, "إصدار أمر بالإفراج", asks someone else to act)
    following = next((t for t in chosen if t.first >= trigger.last), None)
    return (following is not None and following.entry.event_type not in cues.verbal_types
            and following.weight >= MIN_WEIGHT and following.first - trigger.last <= ORDER_SUBJECT_WORDS
            and tokens[following.first].norm.startswith("ب"))  # ordered "with" (بحبس): its object


ORDER_SUBJECT_WORDS = 3  # "وأمرت النيابة العامة بحبس": the orderer's name between


def _direct_order(trigger: TriggerMatch) -> bool:
    """A one-word order verb (أمرت، يأمر): what it orders is done; a decree to be issued ("إصدار
    أمر بالإفراج") asks someone else to act, as ``_order_for`` has it."""
    return trigger.entry.id in ORDER_ENTRIES and trigger.last - trigger.first == 1


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
        if other.entry.event_type != "REQUEST" or kind == "REQUEST":
            continue
        if _listed_demand(tokens, other, trigger):
            return True
        if roles.crosses_clause(tokens, other.last, trigger.first):
            continue
        reach = _call_reach(tokens[trigger.first].norm)
        # An authority's order is done by ordering it ("أمرت القوات بضربات جوية على مركز الشرطة"):
        # the act right after it happened, unlike a call's content.
        if trigger.entry.pos != "verb" and 0 <= trigger.first - other.last <= reach and not _direct_order(other):
            return True
        # "دعت كتلة المواطن وزراءها إلى وضع استقالاتهم", "ودعا القوى السياسية إلى التعاون معه":
        # past the addressee, what follows إلى / على / ب is a verbal noun, asked for, not done.
        # A protest called for is the protest, to come (the annotations code it PROTEST).
        # An order is done by ordering it ("وأمرت النيابة بحبس …", ``_order_for``): its act stays.
        content = _call_content(tokens, other) if other.entry.id not in ORDER_ENTRIES else None
        if content is not None and kind not in PUBLIC_TYPES and 0 <= trigger.first - content <= reach:
            return True
    return False


CALL_COMPLEMENTS = frozenset({"الي", "علي"})  # matching forms of إلى، على
DEMAND_LIST_REACH = 30  # "وطالبوا بتوفير الخدمات …، والقضاء على الفساد …، ومحاسبة المسؤولين"


def _listed_demand(tokens: Sequence[Token], call: TriggerMatch, trigger: TriggerMatch) -> bool:
    """A verbal noun joined by و to a list of demands that opens after the call with ب or إلى
    ("وطالبوا بتوفير الخدمات …، والقضاء على الفساد …، ومحاسبة المسؤولين"): each item after a
    comma opens with و, so the list runs on across the commas (a sentence stop ends it)."""
    direct = call.last < len(tokens) and tokens[call.last].norm.startswith("ب")  # "وطالبوا بتوفير"
    content = call.last if direct else _call_content(tokens, call)
    if (content is None or not tokens[trigger.first].norm.startswith("و")
            or not 0 < trigger.first - content <= DEMAND_LIST_REACH):
        return False
    for index in range(content, trigger.first):
        word = tokens[index].norm
        if word in roles.CLAUSE_BREAKS and (word != "،" or not tokens[index + 1].norm.startswith("و")):
            return False
    return True
ADDRESSEE_REACH = 8  # "دعت كتلة المواطن السبت وزراءها وبقية وزراء الحكومة إلى …": the addressee between


def _call_content(tokens: Sequence[Token], call: TriggerMatch) -> int | None:
    """Where what a call asks for begins, past its addressee: after إلى / على, or at a word with
    ب ("طالب الحكومة بالإفراج عن …"); None when neither follows the call within reach."""
    for index in range(call.last, min(len(tokens), call.last + ADDRESSEE_REACH)):
        word = tokens[index].norm
        if word in roles.CLAUSE_BREAKS:
            break
        if word in CALL_COMPLEMENTS:
            return index + 1
        if word.startswith("ب") and len(word) > 3 and index > call.last:
            return index
    return None


def _with_unknown_places(places: list[PlaceMatch], entities: list[tuple[int, int, str]],
                         tokens: Sequence[Token] = (), gazetteer: Gazetteer | None = None) -> list[PlaceMatch]:
    """Places a class word names ("بلدة بقين"), or the NER finds after a place cue ("في سوروتش"),
    that the gazetteer doesn't know: named, not geocoded; a class-named one is in the country of
    the nearest known place of the sentence ("بلدة بقين القريبة من مدينة الزبداني"). The class
    word goes first, as its span is the one a reader quotes ("قرية بيتا", not "بيتا")."""
    taken = {i for p in places for i in range(p.first, p.last)}
    unknown = gazetteer.unknown_classed(tokens, taken) if gazetteer is not None else []
    taken |= {i for p in unknown for i in range(p.first, p.last)}
    unknown.extend(_glossed(places, tokens, taken))
    taken |= {i for p in unknown for i in range(p.first, p.last)}
    unknown.extend(PlaceMatch(GeoPlace(name="", name_ar="", country=None, admin1=None, geonames_id=None, lat=None,
                                       lon=None, precision="point"), first, last)
                   for first, last, label in entities
                   if label == "LOC" and not any(i in taken for i in range(first, last))
                   and _named_place(tokens, first, last))
    return sorted([*places, *unknown], key=lambda p: p.first) if unknown else places


GLOSSED_NAME_WORDS = 3  # "في رأس العين (شمال سوريا)": the words of a name a gloss explains
OPEN_PAREN, CLOSE_PAREN = "(", ")"


def _glossed(places: list[PlaceMatch], tokens: Sequence[Token], taken: set[int]) -> list[PlaceMatch]:
    """A place the gazetteer doesn't know, explained by a known one in brackets right after it:
    "في سوروتش (جنوب تركيا)" happened in Suruç, a place of the gloss's country. The name is the
    words between a place preposition and the bracket."""
    found = []
    for gloss in places:
        opening = gloss.first - 1
        if (opening < 1 or tokens[opening].norm != OPEN_PAREN or gloss.last >= len(tokens)
                or tokens[gloss.last].norm != CLOSE_PAREN or gloss.place.country is None):
            continue
        first = next((i for i in range(opening - 1, max(0, opening - 1 - GLOSSED_NAME_WORDS), -1)
                      if any(form in PLACE_PREPOSITIONS for form in readings(tokens[i - 1].norm))), None)
        if first is None or any(i in taken or not tokens[i].norm.isalpha() for i in range(first, opening)):
            continue
        found.append(PlaceMatch(GeoPlace(name="", name_ar="", country=gloss.place.country, admin1=None,
                                         geonames_id=None, lat=None, lon=None, precision="point"), first, opening))
    return found


# Class nouns of places: with the article ("من المدينة", "البلدة") they refer back to a place named
# before, they do not name one.
PLACE_CLASS_NOUNS = frozenset(normalize(w) for w in {
    "مدينة", "محافظة", "ولاية", "منطقة", "بلدة", "قرية", "عاصمة", "إقليم", "مقاطعة", "مخيم", "حي", "ريف",
    "ضاحية", "قضاء", "ناحية", "جزيرة", "ميناء", "مطار", "معبر", "مدن", "قرى", "بلدات", "مدينتين"})


def _named_place(tokens: Sequence[Token], first: int, last: int) -> bool:
    """A NER place span the extraction may take: the object of a place preposition ("في
    سوروتش", "من القامشلي"), and a name, not a class noun with the article ("من المدينة").
    Elsewhere the tagger's LOC is as often part of a title ("خادم الحرمين الشريفين") or of a
    body's name ("ولاية خراسان" of the Islamic State) as a place; after a class word the gazetteer's
    own rule (``unknown_classed``) decides, which knows the class words that name towns. Without
    the tokens (a caller with spans only) no check."""
    if not tokens:
        return True
    if first == 0 or not any(form in PLACE_PREPOSITIONS for form in readings(tokens[first - 1].norm)):
        return False
    word = tokens[first].norm
    return not (last - first == 1 and word.startswith("ال") and word[2:] in PLACE_CLASS_NOUNS)


def _party_entities(entities: list[tuple[int, int, str]],
                    places: list[PlaceMatch]) -> list[tuple[int, int, str]]:
    """The NER spans that may name participants: no person over a place the gazetteer knows
    (the tagger's PERS "الزبداني" after "مدينة"), no organisation inside one ("قاعدة إنجرليك");
    an organisation may contain a place ("جامعة بغداد")."""
    at_place = {i for p in places for i in range(p.first, p.last)}

    def clear(first: int, last: int, label: str) -> bool:
        inside = [i in at_place for i in range(first, last)]
        return not (any(inside) if label == "PERS" else all(inside))

    return [entity for entity in entities if clear(*entity)]


def _near_country(chosen: PlaceMatch, places: list[PlaceMatch], tokens: Sequence[Token] = ()) -> str | None:
    """The country of the known place nearest an unknown one in its sentence. Not a country named
    as a border ("بلدة جوزا القريبة من حدود الكاميرون"): the town is near it, not in it."""
    known = [p for p in places if p.place.country and not _border_of(tokens, p)]
    nearest = min(known, key=lambda p: abs(p.first - chosen.first), default=None)
    return nearest.place.country if nearest is not None else None


BORDER_WORDS = frozenset({"حدود", "الحدود", "لحدود", "بحدود", "وحدود"})


def _border_of(tokens: Sequence[Token], place: PlaceMatch) -> bool:
    """The place is named as a border: "حدود الكاميرون", "قرب الحدود مع موريتانيا"."""
    first = place.first
    if 0 < first <= len(tokens) and tokens[first - 1].norm in BORDER_WORDS:
        return True
    return 1 < first <= len(tokens) and tokens[first - 1].norm == "مع" and tokens[first - 2].norm in BORDER_WORDS


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
    if verbal and _nominal(tokens, trigger) and _governed(tokens, trigger.first, kb.cues.background_heads, HEAD_REACH):
        return None  # "خطر الانتهاك", "بشأن الاتفاق": a statement noun named as a topic
    if _governed(tokens, trigger.first, kb.cues.circumstance_governors, 0):
        return None  # "وفي ظل رفض الكثير من الجمهوريين للاتفاق": the circumstance of another event
    if verbal and _counted_participle(tokens, trigger):
        return None  # "بحبس 24 متهما", "وعددهم 29 متهما": the accused, counted, not someone accusing
    if not verbal and _aimed_at(tokens, trigger, kb.cues):
        return None  # "انتقلوا إلى سورية للمشاركة في عملية عسكرية": the aim of a move, not an occurrence
    if (entry.event_type not in PLACED_VERBAL_TYPES and _purpose_clitic(tokens, trigger)
            and not _governed_by_occurrence_verb(tokens, trigger, kb.cues)
            and not _crowd_went_out(tokens, trigger, kb.cues)):
        return None  # "استعدادا لضرب إيران", "ليس لشن هجوم": what someone aims at, not what happened
    if not verbal and _negated(tokens, trigger):
        return None  # "الأشخاص الذين لم يتم خطفهم", "لن يعدموا": said not to happen
    if not verbal and _qualified_as_past(tokens, trigger):
        return None  # "عمليات انتحارية سابقة", "في إعداماته السابقة": earlier acts, recalled
    if not verbal and _subjunctive(tokens, trigger):
        return None  # "أن يتم قصفها", "لكي يفجر نفسه": what may or is meant to happen, not what did
    if not verbal and _long_ago(tokens, trigger, dates, context.published):
        return None  # "اغتيال الحريري عام 2005": history the article recalls, not news it reports
    if _charged_with(tokens, trigger, kb.cues):
        # "اتهم … جماعة مرتبطة بالقاعدة بمحاولة اغتيال …", "اتهم … أردوغان بـ«خرق» الهدنة": the
        # charge (an act or a statement), the ACCUSE is the event
        return None
    if not verbal and _condemned(tokens, trigger, kb.cues) and not _reported(tokens, trigger, casualties, kb.cues):
        return None  # "أدانت الجامعة الاقتحامات": the ACCUSE is the event, the attack its topic
    if entry.event_type == "AGREE" and _nominal(tokens, trigger) and _existing_deal(tokens, trigger, kb.cues):
        return None  # "انتهكت الاتفاق", "بموجب الاتفاق": a deal already made, acted on
    if _rhetorical_question(tokens):
        return None  # "أي ظلم يحدثنا عنه وهو يساند …؟!": the writer's argument, not a report
    participants = _with_surnames(tokens, _not_places(participants, places), context)
    modality, source = modality_of(tokens, trigger, participants, kb.cues, verbal)
    if modality == "asserted" and trigger.last < len(tokens) and kb.cues.future_qualifiers.contains_at(
            tokens, trigger.last):
        modality = "planned"  # "للمباحثات المقبلة": the upcoming talks are announced, to come
    if modality == "asserted" and entry.event_type in PLACED_VERBAL_TYPES and _purpose_clitic(tokens, trigger):
        modality = "planned"  # "توجه إلى الكويت لإجراء مشاورات": the meeting he went for is still to come
    if modality == "hypothetical" and conditioned(tokens, trigger, kb.cues):
        return None  # "إذا قام أي حارس بضرب سجين", "إمكانية خطف": a condition, no occurrence
    if entry.event_type in PUBLIC_TYPES and modality == "claimed":
        return None  # a protest in a speaker's words is referred to; the outlet tells one it reports
    head = tokens[trigger.first].norm
    if (not verbal and modality != "planned" and (_imperfect(head, trigger) or _imperfect_head(head, trigger))
            and not _anchored(tokens, trigger, dates, casualties)):
        # (a phrase opened by the imperfect as well: "تشن حربا على الأكراد", "قبل أن يطلق النار")
        return None  # "النظام الذي يقتل ويخطف", "الأطفال يخطفون": a habit or a charge, no one act
    if _habitual_statement(tokens, trigger, modality, dates, casualties, kb.cues):
        return None  # "البحث عمن يدعم ويساند التحرير": a third party's habit, no one statement
    actor, target = roles.assign(tokens, trigger, participants, kb.cues, verbal, exclude=source,
                                 raw=context.text)
    carried = False  # the doer is a speaker named in an earlier sentence
    if verbal and context.opening_speaker is not None and _refers_to_speaker(tokens, trigger, context.text):
        # "وقال السفير محمد صبيح … عقب لقائه وفدا …", "…، متهما الحكومة": the pronoun or the
        # participle points at the speaker who opens the sentence.
        actor = context.opening_speaker
        carried = True
    if entry.event_type == "REQUEST" and (_protesters(actor, tokens) or _protesters_demands(tokens, trigger)):
        return None  # "وطالب المحتجون …", "مطالب المتظاهرين": demands voiced at a protest stay inside the PROTEST
    if entry.event_type == "REQUEST" and _student(tokens, trigger):
        return None  # "هجوم شنه طالب تونسي": طالب is a student here, not "demanded"
    if verbal and actor is None and source is not None:
        actor, source = source, None  # "قال X إنه يدين …": the speaker is the one who condemns
    recent_speaker = context.sentence_number - context.last_speaker_sentence <= SPEAKER_REACH
    if (verbal and actor is None and recent_speaker and context.last_speaker is not None
            and (target is None or target.name != context.last_speaker.name)):
        # a statement continued without naming its speaker again (not one aimed at that speaker)
        actor = context.last_speaker
        carried = True
    if (not verbal and modality == "claimed" and source is None and recent_speaker
            and _continued_speech(tokens, trigger, kb.cues)):
        source = context.last_speaker  # "وأضاف أن …": the last named speaker goes on reporting
    if modality == "claimed" and source is None:
        # A verb of saying with no party to name ("يؤكد قوة الرد", "القائمة بين الدول"): nothing
        # is known through anyone (GUIDELINES: claimed names the party that says so).
        modality = "asserted"
    # A crowd doing a verbal act ("الوزراء الذين يطالب المتظاهرون باستجوابهم") is talked about, and
    # so is a party whose act a speaker named in this sentence reports ("أعلن الجبوري أن البرلمان
    # قرر الشروع في استجواب"): the unnamed statements that follow ("داعيا المتظاهرين …") go on
    # that speaker's.
    doer = actor if verbal and actor is not None and actor.kind not in roles.PASSIVE_KINDS else None
    if doer is not None and context.said_sentence == context.sentence_number:
        doer = None
    _remember_speaker(context, source or doer)
    situated = entry.id in load_situated()
    if situated:
        context.situated.add((tokens[trigger.first].start, tokens[trigger.last - 1].end))
    if verbal and not situated:  # a statement or a meeting has no place unless one is stated for it
        location = _stated_place(tokens, trigger, places, context, target, entry.event_type in PLACED_VERBAL_TYPES,
                                 participants)
    else:
        location = _location(tokens, trigger, places, (actor, target, source), context)
    if location is None and verbal and not situated:
        location = _speaker_place(context, actor, carried) or _seat(tokens, places, actor, context)
    met = entry.event_type in PLACED_VERBAL_TYPES and entry.mode not in REMOTE_MODES  # held somewhere
    if (location is None and met and context.dateline is not None
            and context.dateline.precision in LOCAL_PRECISIONS):
        # "الرياض … واس – قام الأمين العام … بزيارة لمركز …": a meeting reported from a town with
        # no place of its own was held there (a visit's host is in the town the report comes from).
        location = context.dateline
    if (location is None and met and target is not None and target.country
            and target.kind in HOST_KINDS):
        # A meeting with no place stated is held at the one met, who receives ("التقى … وزير
        # خارجية الإمارات", "زيارة لمركز الملك سلمان"): its country, named by the words of the host's
        # title when they name it, else with no words. (Talks with a state, "المفاوضات مع طهران",
        # are held anywhere.)
        location = (_host_country_named(tokens, places, target, context)
                    or _country_only(target.country, _place_anchor(tokens, trigger), kb))
    if location is None and context.dateline is not None and (entry.event_type in kb.cues.dateline_types or situated):
        # The report's dateline ("عين اليوم – القاهرة") says where it was filed: the country its
        # events happen in, not a place stated for each (the annotations leave them without words).
        location = _country_only(context.dateline.country, context.dateline, kb) if context.dateline.country else None
    told_as = "planned" if _future_marked(tokens, trigger) else modality  # "وسيعقد …" is to come
    when = _nearest([d for d in dates if not _since(tokens, d) and not _after_publication(d, told_as, context)
                     and not _anothers_day(tokens, d, trigger, context.sentence_triggers)], trigger)
    key = (tokens[trigger.first].start, tokens[trigger.last - 1].end)
    # A reported act, a step to come, or a statement noun inside what was said ("كشفت الصحيفة أمس أن
    # الاتفاق المعقود …"): the day before the complementizer is the saying's.
    reported = (not verbal and source is not None) or modality == "planned" or (verbal and _nominal(tokens, trigger))
    if when is not None and reported and _dates_the_saying(tokens, when, trigger):
        # "قال الجيش مساء الأحد إنه أنقذ …": the statement's day; likewise a step announced for later
        # ("أعلن الجبوري أمس أن البرلمان قرر الشروع في استجواب …")
        context.undated.add(key)
    said_on = _speaker_day(context, actor, carried, when) or _likewise_day(tokens, entry.event_type, when, context)
    if when is not None and when.value and when.precision == "day":
        context.type_days[entry.event_type] = (_when(when, tokens, context.text, context), context.sentence_number)
    _note_speaker_day(context, doer if verbal else source, when, tokens)  # (the speaker remembered above)
    counted = casualties if owned is None else owned
    killed = _casualty(counted, trigger, "killed")
    injured = _casualty(counted, trigger, "injured")
    if verbal and actor is None:
        return None  # a statement nobody makes is a topic, not an act
    if entry.event_type in ADDRESSED_TYPES and target is None:
        return None  # a call or a threat aimed at no one named is a stance, not an act between actors
    if _nominal(tokens, trigger) and not _occurs(tokens, trigger, actor, target, dates, casualties, kb.cues,
                                                 places if not verbal else [], material=not verbal):
        return None  # a noun naming a known thing (الاتفاق، الدعم), not an occurrence
    if not verbal and not (actor or target or location or killed or injured or when
                           or (entry.event_type in PUBLIC_TYPES
                               and (roles.crowd(tokens, trigger) or _joined(tokens, trigger, kb.cues)))):
        # (a protest's crowd does, and so does a verb telling it goes on or people join it:
        # "وتواصلت الاحتجاجات لليوم الثالث", "ودخل الأسرى في إضراب مفتوح عن الطعام")
        return None  # nothing ties the word to an occurrence
    if (entry.event_type in ANCHORED_TYPES and _nominal(tokens, trigger)
            and sum(x is not None for x in (actor, target, location, when, killed or injured or _toll(owned)))
            < NOUN_ANCHORS
            and not _told_happening(tokens, trigger, kb.cues)
            and not any(c.count is not None and c.first >= trigger.last
                        and _linked_span(tokens, trigger.last, c.first + 1, kb.cues) for c in counted)):
        # (a toll the noun caused is a report: "وهذا الهجوم … أوقع أكثر من ألف قتيل")
        return None  # "الهجوم على …" with one anchor: a reference more often than a report
    if entry.event_type == "PROTEST" and (actor is None or actor.kind not in CROWD_KINDS):
        # "تظاهر مئات آخرون أمام مبنى مجلس محافظة بابل": the crowd protests (named once the
        # protest is known to occur: a crowd word is no sign of an occurrence by itself)
        actor = roles.crowd(tokens, trigger) or actor
    text = context.text
    key = (tokens[trigger.first].start, tokens[trigger.last - 1].end)
    if (actor is None and not verbal and entry.event_type in roles.ATTACK_TYPES and entry.mode not in STATE_MODES
            and (target is None or target.kind != "armed_group")):
        # "بث المكتب الإعلامي في ولاية خراسان التابعة لتنظيم داعش شريط فيديو يظهر إعدام عشرة أفغان":
        # an attack with no doer named in its clause is the armed group's the sentence names (or
        # the last one named just before); given once repeated mentions are merged, like the target
        doer = roles.armed_party(tokens, trigger, participants, target, kb.cues) or _recent_armed(context)
        carried_doer = _participant(doer, text)
        if carried_doer is not None:
            context.carried_doers[key] = carried_doer
    if not verbal and target is not None and roles.placed(tokens, target):
        # "مظاهرات ببغداد", "عمليات إرهابية في الكويت وتونس": a state (or the capital standing for
        # it) after في or ب is where the act happened, not whom it hit (a statement's ب may mark
        # whom it is aimed at: "ندد بواشنطن"). Dropped only here: named right after the noun it
        # still told, above, that the noun reports an occurrence.
        target = None
    if target is None:
        # "داهمت أكثر من 100 موقع", "احتجزت إسرائيل إرهابيا من مواطنيها": whom an act of force hit,
        # when the dictionary names no one there; given once repeated mentions are merged, since
        # such words tell whom an act hit, not which act a repeat is.
        phrase = roles.unlisted_target(tokens, trigger, actor, participants, kb.cues)
        if phrase is None and verbal:
            # "لن تقبل الجمهورية مطلقا مطالب الأعداء": the object phrase of a rejection or a
            # condemnation, when no listed party follows and its head names no act of force
            # ("تفجير المسجد")
            phrase = roles.statement_object(tokens, trigger, actor, participants)
            # (the phrase is the genitive; the word before it is the object's head noun)
            head = kb.lexicon.find(tokens[phrase.first - 1:phrase.first]) if phrase is not None else []
            if head and head[0].entry.event_type not in kb.cues.verbal_types:
                phrase = None
        unlisted = _participant(phrase, text)
        if unlisted is not None:
            context.unlisted_targets[key] = unlisted
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
        date=said_on or _when(when, tokens, text, context),
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
            if (trigger.entry.event_type in ANCHORED_TYPES and form.startswith("ي") and form.endswith("ون")
                    and len(form) > 4):
                # يقتلون، يخطفون: ي- … -ون is the plural imperfect, whose تـ partner is rarely listed; of
                # an attack it tells a habit ("يقتلون على الطريق"), where an ongoing state is an event
                # ("يحتجزون 1700 أب وطفل")
                return True
    return False


# News tells accusations and denials in the present ("ويتهم الاتحاد الأوروبي جازبروم", "وهو ما تنفيه
# أنقرة"): those stay events; a present support, meeting or call by a third party is a habit.
PRESENT_STATEMENT_TYPES = frozenset({"ACCUSE", "REJECT"})


def _habitual_statement(tokens: Sequence[Token], trigger: TriggerMatch, modality: str,
                        dates: list[DateMention], casualties: list[CasualtyMention], cues: Cues) -> bool:
    """A verbal event in a third person's present tense, tied to no day ("عمن يدعم ويساند التحرير"):
    a habit or a stance, not one statement. "نرفض", "ندعو" (first person) perform the act itself."""
    word = tokens[trigger.first].norm
    bare = word[1:] if word[:1] in {"و", "ف"} and len(word) > 4 else word
    return (trigger.entry.event_type in cues.verbal_types and modality != "planned"
            and trigger.entry.event_type not in PRESENT_STATEMENT_TYPES and not bare.startswith("ن")
            and _imperfect(word, trigger) and not _anchored(tokens, trigger, dates, casualties))


def _imperfect_head(word: str, trigger: TriggerMatch) -> bool:
    """The trigger's first word is an imperfect verb of its entry (يفجر in "يفجر نفسه", يدعم): its
    ي- and ت- forms both open patterns, which tells it from a verbal noun (تفجيرا) or a form V perfect."""
    if trigger.entry.pos == "noun":
        return False
    heads = _first_words(trigger.entry)
    return any(form in heads and form.startswith(IMPERFECT_PREFIXES) and not _masdar_shaped(form)
               and ("ت" if form[0] == "ي" else "ي") + form[1:] in heads for form in readings(word))


def _anchored(tokens: Sequence[Token], trigger: TriggerMatch, dates: list[DateMention],
              casualties: list[CasualtyMention]) -> bool:
    """A day or a casualty count ties a present-tense report to one act ("تفجير … يقتل 60 شخصا")."""
    if any(c.count is not None and abs(c.first - trigger.first) <= CASUALTY_REACH for c in casualties):
        return True
    # (not the day of the saying: "وقال أمس إن جنودنا يقتلون الأبرياء" dates the words, not an act)
    return any(d.value and d.precision == "day" and not _dates_the_saying(tokens, d, trigger) for d in dates)


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


def _joined(tokens: Sequence[Token], trigger: TriggerMatch, cues: Cues) -> bool:
    """The protest is told as done: by its own finite verb ("واعتصم المحامون داخل قصر العدل"), or
    by an occurrence or light verb that governs the noun in its clause, within a few words
    ("وتواصلت الاحتجاجات", "ونظمت النقابات إضرابا عاما")."""
    if (trigger.entry.pos == "verb" and not _nominal(tokens, trigger)) or _crowd_went_out(tokens, trigger, cues):
        return True
    return any((cues.occurrence.contains_at(tokens, index) or cues.light_verbs.contains_at(tokens, index))
               and not _definite(tokens[index].norm) and not roles.crosses_clause(tokens, index, trigger.first)
               for index in range(max(0, trigger.first - OCCURRENCE_REACH), trigger.first))


def _toll(owned: list[CasualtyMention] | None) -> int | None:
    """A toll the event caused with no figure ("سقط عشرات القتلى والجرحى بانفجار …"): still a
    casualty anchor (1 stands for "some")."""
    return 1 if owned else None


def _told_happening(tokens: Sequence[Token], trigger: TriggerMatch, cues: Cues) -> bool:
    """A passive auxiliary right before the verbal noun ("تم اغتصابها", "جرى اختطافه"): the pair is
    the clause's passive verb, a report of the act, not a reference to it."""
    return trigger.first > 0 and cues.passive_auxiliaries.contains_at(tokens, trigger.first - 1)


def _masdar_shaped(word: str) -> bool:
    """اغتيال، اعتقال، انفجار، إطلاق (افتعال/انفعال/إفعال), تفجير، تعذيب (تفعيل), اعتداءات: verbal
    nouns whose shape no finite verb has."""
    if word[:1] in {"ب", "ل", "ك"} and len(word) > 5:
        word = word[1:]
    if word.endswith("ات") and len(word) >= 5:
        return True
    if word.startswith("ا") and len(word) >= 5 and word[-2] == "ا":
        return True
    if word.startswith("ا") and len(word) >= 6 and word[-2] == "ي":
        # (five letters ا?تي? are the passive of a hollow verb of form VIII: اغتيل، اختير، اجتيح)
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
    if _light_verb_before_insertion(tokens, trigger.first, cues):
        return True
    if _crowd_went_out(tokens, trigger, cues):
        return True  # "نزل آلاف المتظاهرين إلى شوارع العاصمة في مسيرات احتجاجية"
    if material and _purpose(tokens[trigger.first].norm):
        return False  # "استعدادا لضرب إيران", "مخطط لاغتيال …": an aim, not an occurrence
    if material and _counted_events(tokens, trigger):
        return True  # "ثلاث هجمات بالصواريخ مؤخرا": a count of attacks, summed up as one event
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
    if any(cues.recent_adverbs.contains_at(tokens, index)
           for index in range(trigger.last, _clause_end(tokens, trigger))):
        weak += 1  # "زيارة الأمير … مؤخرا لموسكو": told as having happened lately
    if trigger.last < len(tokens) and cues.future_qualifiers.contains_at(tokens, trigger.last):
        weak += 1  # "للمباحثات المقبلة": an event announced, to come
    if any(trigger.last <= p.first <= trigger.last + PLACE_REACH
           and not roles.crosses_clause(tokens, trigger.last, p.first) for p in places):
        weak += 1
    return weak >= (MATERIAL_WEAK_SIGNS if material else 1)


PLACE_REACH = 6


def _clause_end(tokens: Sequence[Token], trigger: TriggerMatch) -> int:
    """The index of the first clause break after the trigger (or the sentence's end)."""
    return next((i for i in range(trigger.last, len(tokens)) if tokens[i].norm in roles.CLAUSE_BREAKS), len(tokens))


INSERTION_REACH = 8  # "، في (2 آب 2015)،": a short date or place set off by two commas


def _light_verb_before_insertion(tokens: Sequence[Token], noun: int, cues: Cues) -> bool:
    """A light verb whose object noun follows an insertion set off by two commas ("نظموا، في
    (2 آب 2015)، تظاهرة حاشدة"): the aside does not end the verb's clause."""
    if noun < 3 or tokens[noun - 1].norm != "،":
        return False
    for comma in range(noun - 2, max(0, noun - 1 - INSERTION_REACH), -1):
        if tokens[comma].norm in roles.CLAUSE_BREAKS:
            return tokens[comma].norm == "،" and comma > 0 and (
                cues.light_verbs.contains_at(tokens, comma - 1) or cues.occurrence.contains_at(tokens, comma - 1))
    return False


def _crowd_went_out(tokens: Sequence[Token], trigger: TriggerMatch, cues: Cues) -> bool:
    """A protest word after a crowd's going out or gathering in its clause ("خرجوا … للاحتجاج على
    قرار الحكومة", "نزل آلاف الأشخاص إلى الشوارع للاحتجاج"): the going out was the protest, told
    as having happened, not an aim."""
    # A bracketed aside between ("نزل آلاف الأشخاص (25 ألفا حسب المنظمين) إلى الشوارع") does not
    # lengthen the clause.
    reach = GOVERNING_VERB_REACH + _bracketed(tokens, max(0, trigger.first - 3 * GOVERNING_VERB_REACH), trigger.first)
    return (trigger.entry.event_type in PUBLIC_TYPES
            and _governed(tokens, trigger.first, cues.protest_movements, reach))



def _bracketed(tokens: Sequence[Token], start: int, end: int) -> int:
    """How many tokens of ``[start, end)`` lie inside closed round or square brackets, brackets included."""
    count = 0
    opened: int | None = None
    for index in range(start, end):
        norm = tokens[index].norm
        if norm in OPENING_BRACKETS:
            opened = index
        elif norm in CLOSING_BRACKETS and opened is not None:
            count += index - opened + 1
            opened = None
    return count


def _purpose(word: str) -> bool:
    """لضرب، لاغتيال، للتظاهر: a verbal noun after the preposition ل names an aim."""
    bare = word[1:] if word[:1] in {"و", "ف"} else word
    return bare.startswith("ل") and len(bare) > 4 and not bare.startswith("لي")


def _aimed_at(tokens: Sequence[Token], trigger: TriggerMatch, cues: Cues) -> bool:
    """"للمشاركة في عملية عسكرية", "التخطيط لتنظيم مظاهرة": the event word is what a purpose
    noun (ل + verbal noun) aims at; unless an occurrence verb governs the pair ("تعرض أقاربهم
    للاغتصاب والقتل": both happened)."""
    first = trigger.first
    while first >= 1 and tokens[first - 1].norm in QUOTE_MARKS:
        first -= 1  # "يخططون لتنفيذ «عمل إرهابي»": the aim quoted
    if first >= 1 and _purpose_noun(tokens[first - 1].norm):
        purpose = TriggerMatch(trigger.entry, first - 1, first, trigger.weight)
        return not _governed_by_occurrence_verb(tokens, purpose, cues)
    return first >= 2 and tokens[first - 1].norm == "في" and _purpose(tokens[first - 2].norm)


def _counted_events(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """A number right before a plural event noun ("ثلاث هجمات", "5 غارات"): events counted are
    events that happened (GUIDELINES: a summary count is one event)."""
    first = trigger.first
    if first == 0 or not tokens[first].norm.endswith("ات"):
        return False
    previous = tokens[first - 1].norm
    if previous == "من" and first >= 2:  # "اثنين من التفجيرات وقعا في سوق …"
        previous = tokens[first - 2].norm
    return previous.isdigit() or is_number_word(previous)


def _counted_participle(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """A participle after a number is a noun: "29 متهما" are 29 defendants, not "accusing"."""
    first = trigger.first
    return (first > 0 and tokens[first - 1].norm.isdigit()
            and roles.is_circumstantial_participle(tokens[first].norm))


def _purpose_clitic(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """The trigger's first word is the preposition ل on an event word of the entry (لضرب، لشن،
    للتظاهر، لاغتياله): an aim or a purpose ("in order to strike"), whatever the word's length."""
    word = tokens[trigger.first].norm
    bare = word[1:] if word[:1] in {"و", "ف"} and len(word) > 3 else word
    heads = _first_words(trigger.entry)
    if not bare.startswith("ل") or bare in heads:
        return False
    rest = bare[1:]
    return any(form in heads for form in readings(rest)) or (
        rest.startswith("ل") and any(form in heads for form in readings("ال" + rest[1:])))


def _governed_by_occurrence_verb(tokens: Sequence[Token], trigger: TriggerMatch, cues: Cues) -> bool:
    """An occurrence verb that takes its event with ل before the event word, in its clause ("تعرض
    لهجوم", "تعرضت وزيرة الدولة … لمحاولة اغتيال"). Light verbs (شن، نفذ، دعا، أرسل) take their
    event as a direct object: after them ل still names an aim ("أرسل فريقا … وليس لشن هجوم")."""
    # Only تعرض takes its event with ل; after others ل names an aim ("اتخذت الحكومة خطوات للإفراج عن …").
    return any("تعرض" in tokens[index].norm and cues.occurrence.contains_at(tokens, index)
               and not roles.crosses_clause(tokens, index, trigger.first)
               for index in range(max(0, trigger.first - GOVERNING_VERB_REACH), trigger.first))


def _purpose_noun(word: str) -> bool:
    """لتنظيم، للاستعداد، لتوجيه: ل on a verbal noun (not on any noun: للدموع "for tears")."""
    bare = word[1:] if word[:1] in {"و", "ف"} else word
    if not bare.startswith("ل") or bare.startswith("لي"):
        return False
    rest = bare[2:] if bare.startswith("لل") else bare[1:]
    return _masdar_shaped(rest)


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
    if trigger.first == 0:
        return False
    previous = tokens[trigger.first - 1].norm
    # "البحث عمن يدعم ويساند التحرير", "يفضح من يحرضهم": من before an imperfect verb is
    # "whoever", no one's act (an entry may list the ي- form only, so its prefix is enough: no
    # event noun opens with ي)
    word = tokens[trigger.first].norm
    return previous in RELATIVE_PRONOUNS or (previous in WHOEVER and (
        _imperfect_head(word, trigger) or (word.startswith("ي") and len(word) > 3)))


WHOEVER = frozenset({"من", "عمن", "ممن", "لمن", "ومن", "وممن", "ولمن"})  # "ومن يحرضهم": and whoever


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
    # A finite verb is no noun's complement ("شرطة مكافحة الإرهاب داهمت": the raid is told).
    if not _perfect_inflected(tokens[first].norm, trigger) and _governed(tokens, first, cues.background_heads,
                                                                         HEAD_REACH):
        return True
    # The court's own acts (a sentence, a release) follow the charges; they are not charged.
    return (trigger.entry.event_type not in COURT_OUTCOME_TYPES
            and _governed(tokens, first, cues.charge_heads, CHARGE_REACH))


def _perfect_inflected(word: str, trigger: TriggerMatch) -> bool:
    """داهمت، قتلوا: a verb entry's word with a perfect ending no verbal noun has (قتل, مقتل are both)."""
    bare = word[1:] if word[:1] in {"و", "ف"} and len(word) > 4 else word
    return trigger.entry.pos == "verb" and len(bare) > 3 and bare.endswith(("ت", "وا")) and not _masdar_shaped(bare)


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


# (لا negates the imperfect that follows it: "لا تستهدف أشخاصا بعينهم")
NEGATIONS = frozenset({"لم", "لن", "ولم", "ولن", "فلم", "فلن", "لا", "ولا", "فلا"})
NEGATION_REACH = 2  # "لم يتم خطفهم": the negation, a light verb, the event word
# "لا يزال القصف مستمرا", "لا سيما اغتيال …" (especially) are no negation
STILL = frozenset({"يزال", "تزال", "زال", "زالت", "يزالون", "سيما"})


def _negated(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """A negation right before the event word ("لم يتم خطفهم", "لن يعدموا"): it did not happen."""
    for index in range(max(0, trigger.first - NEGATION_REACH), trigger.first):
        if tokens[index].norm in NEGATIONS and tokens[index + 1].norm not in STILL:
            return True
    return False


# "earlier, former" right after an event noun (matching forms): acts before the news, recalled.
PAST_QUALIFIERS = frozenset({"سابقه", "السابقه", "سابق", "السابق", "سابقا", "الماضيه", "سابقتها", "سابقاتها"})


def _qualified_as_past(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """"نفذت عمليات انتحارية سابقة", "في إعداماته السابقة": the event noun is qualified as earlier."""
    return trigger.last < len(tokens) and tokens[trigger.last].norm in PAST_QUALIFIERS


# أن، بأن، كي، لكي before an imperfect verb (matching forms): a subjunctive, an act wished,
# feared or aimed at. (أن before a noun is "that", which reports: "أكد أن قصف المدينة …".)
SUBJUNCTIVES = frozenset({"ان", "بان", "كي", "لكي"})
PASSIVE_LIGHT_VERBS = frozenset({"يتم", "تتم"})


def _subjunctive(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """The event word follows a subjunctive particle: an imperfect verb ("لكي يفجر نفسه") or a
    noun after يتم ("أن يتم قصفها") names what may or should happen, not an occurrence."""
    index = trigger.first - 1
    light = index >= 0 and tokens[index].norm in PASSIVE_LIGHT_VERBS
    if light:
        index -= 1
    if index < 0 or tokens[index].norm not in SUBJUNCTIVES:
        return False
    if index > 0 and tokens[index - 1].norm in SEQUENCE_WORDS:
        return False  # "قبل أن تعتقل الشرطة مالك المركبة": what came next, told as having happened
    return light or _imperfect_head(tokens[trigger.first].norm, trigger)


SEQUENCE_WORDS = frozenset({"قبل", "وقبل", "بعد", "وبعد", "قبيل", "منذ"})


HISTORY_YEARS = 2  # a year this far before publication is history, not this report's news
HISTORY_REACH = 12  # words between the event word and a date that places it


def _long_ago(tokens: Sequence[Token], trigger: TriggerMatch, dates: list[DateMention], published: date) -> bool:
    """A date in the trigger's clause lies years before publication ("في 14 فبراير 2005 اغتيل
    الحريري", "تفجيرات لندن عام 2005"): the event is recalled as background."""
    for mention in dates:
        start, end = min(mention.last, trigger.first), max(mention.first, trigger.last)
        if not mention.value or end - start > HISTORY_REACH or roles.crosses_clause(tokens, start, end):
            continue
        year = mention.value[:4]
        if year.isdigit() and int(year) <= published.year - HISTORY_YEARS:
            return True
    return False


# "اتهم نائب وزير الدفاع الصومالي صلاد علي جيلي جماعة مرتبطة بتنظيم القاعدة بمحاولة …", "اتهم رئيس المجلس
# الوطني الكردستاني زبير ايدار «الدولة التركية ورجب طيب اردوغان» بـ«خرق» الهدنة": a titled accuser and
# two accused between the accusation and the charge, in one clause.
ACCUSATION_REACH = 20
CASE_NOUNS = frozenset({"حادث", "حادثه", "قضيه", "جريمه", "عمليه"})  # matching forms
BA_WORDS = frozenset({"ب", "«", '"', "“"})  # "بـ«اغتصاب …»": the preposition written apart


def _charged_with(tokens: Sequence[Token], trigger: TriggerMatch, cues: Cues) -> bool:
    """The event word follows بـ or في after an accusation in its clause ("اتهمه بقتل", "المتهم
    بتنفيذ اعتداء", "اتهم تحقيق … في مقتل 24 مدنيا"): the act the accused is charged with, which
    the sentence does not report."""
    first = trigger.first
    # "في مقتل", or with the case named between: "في حادث التفجير الإرهابي", "في قضية اغتيال"
    after_fi = first > 0 and (tokens[first - 1].norm == "في" or (
        first > 1 and tokens[first - 2].norm == "في" and tokens[first - 1].norm in CASE_NOUNS))
    if not (after_fi or _after_ba(tokens, trigger)):
        return False
    for start in range(max(0, first - ACCUSATION_REACH), first):
        match = cues.accusation_heads.match_at(tokens, start)
        if match is not None and match.last <= first and not roles.crosses_clause(tokens, match.last, first):
            return True
    return False


def _after_ba(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """The trigger's first word carries the preposition ب, or follows it written apart (بـ«…»)."""
    first = trigger.first
    index = first - 1
    while index >= 0 and first - index <= 2 and tokens[index].norm in BA_WORDS:
        if tokens[index].norm == "ب":
            return True
        index -= 1
    if first > 0 and tokens[first - 1].norm in ATTEMPT_WITH_BA:
        return True  # "متهمة بمحاولة قتل أميركيين"
    word = tokens[first].norm
    bare = word[1:] if word[:1] in {"و", "ف"} and len(word) > 3 else word
    heads = _first_words(trigger.entry)
    return bare.startswith("ب") and bare not in heads and any(form in heads for form in readings(bare[1:]))


ATTEMPT_WITH_BA = frozenset({"بمحاوله", "بالمحاوله", "بتنفيذ", "بالتخطيط", "بالتخطيط ل", "بارتكاب"})


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
DEMAND_CLITICS = frozenset("وفبل")


def _protesters_demands(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """"مطالب المتظاهرين", "مطالب المواطنين": the demands of a protest or of the public, named as
    a known thing (the PROTEST is the event)."""
    noun = tokens[trigger.first].norm
    # "للنظر بمطالب المتظاهرين": a preposition or conjunction clitic before the noun
    if trigger.last >= len(tokens) or not any(
            noun[i:] in DEMAND_NOUNS and set(noun[:i]) <= DEMAND_CLITICS for i in range(3)):
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


SPEAKER_OPENING = 3  # words before the verb of saying that opens a sentence ("ومن جهته قال")
SPEAKER_AFTER = 4  # words between that verb and its speaker
# What opens the words said: a colon, a quotation mark, إن / أن (matching forms).
SAYING_OPENERS = frozenset({":", '"', "«", "“", "ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"})


def _note_speaker(tokens: Sequence[Token], kb: Knowledge, context: ArticleContext) -> None:
    """"وقال السفير محمد صبيح إن …", "وكان العبادي قد أكد السبت …" tell who speaks: the
    statements that follow with no speaker of their own ("متهما الحكومة …", "ودعا …") are the
    last named speaker's; one named at the head of the sentence is its ``opening_speaker``."""
    context.opening_speaker = None
    matches = [m for m in kb.cues.attribution.find(tokens, 0, len(tokens))
               if not tokens[m.first].norm.startswith("ال")]  # "التابعة" is no verb of saying
    if not matches:
        return
    participants = _with_surnames(tokens, mentions_of_sentence(tokens, kb.actors, raw=context.text), context)
    for match in matches:
        speaker = _speaker_of(tokens, match.first, match.last, participants)
        if speaker is None and match.first <= SPEECH_OPENING and tokens[match.first].norm[:1] in {"و", "ف", "ك"}:
            # "وقال في خطبة صلاة الجمعة في كربلاء أمس إن": the last speaker, still talking
            if context.sentence_number - context.last_speaker_sentence <= SPEAKER_REACH:
                _note_setting(tokens, match, context.last_speaker, kb, context)
            continue
        if speaker is None:
            continue
        _remember_speaker(context, speaker)
        context.said_sentence = context.sentence_number
        _note_setting(tokens, match, speaker, kb, context)
        if match.first <= SPEAKER_OPENING:
            context.opening_speaker = speaker.elsewhere()


# Sentences back from an event whose speakers can still reach it: a speaker is carried at most
# SPEAKER_REACH sentences, and one carried into a sentence sets its day and place for as many more.
NOTE_REACH = 2 * SPEAKER_REACH


def _note_speakers_before(number: int, unnoted: list[tuple[int, Sentence]], kb: Knowledge,
                          context: ArticleContext) -> None:
    """Note, in order, the speakers of the sentences without events that precede sentence ``number``.

    Finding a speaker costs a dictionary pass over its sentence, and every use of one is bounded by
    SPEAKER_REACH: only the last NOTE_REACH sentences can change what this sentence's events get.
    """
    for earlier, sentence in unnoted:
        if number - earlier <= NOTE_REACH:
            context.sentence_number = earlier
            _note_speaker(sentence.tokens, kb, context)
    unnoted.clear()


def _note_setting(tokens: Sequence[Token], match: PhraseMatch[str], speaker: Mention | None, kb: Knowledge,
                  context: ArticleContext) -> None:
    """The day and the place (a town, "في كربلاء") a verb of saying gives its speaker, before
    the words said: what that speaker goes on to say was said then and there."""
    if speaker is None:
        return
    said = next((i for i in range(match.last, len(tokens)) if tokens[i].norm in SAYING_OPENERS), len(tokens))
    # Not past another party: "عقب لقائه وفدا من هيئة المرابطين في القدس" places that party.
    said = min([said, *(m.first for m in mentions_of_sentence(tokens, kb.actors)
                        if match.last <= m.first and (speaker.first < 0 or m.first > speaker.first))])
    days = [d for d in find_dates(tokens, context.published)
            if match.first - SPEAKER_OPENING <= d.first and d.last <= said and d.value and d.precision == "day"]
    if days:
        context.speaker_day = (speaker.name, _when(days[0], tokens, context.text, context), context.sentence_number)
        context.said_day = True
    places = [p for p in kb.gazetteer.find(tokens, context.countries)
              if match.last <= p.first and p.last <= said and _locative(tokens, p.first)
              and p.place.precision in LOCAL_PRECISIONS]
    if places:
        context.speaker_place = (speaker.name, _place(places[0], tokens, context.text), context.sentence_number)


def _speaker_of(tokens: Sequence[Token], first: int, last: int, participants: list[Mention]) -> Mention | None:
    """Who a verb of saying at tokens ``[first, last)`` names: the party right after it, before
    what is said ("وأضاف: "…"", "وقال إن …" name none), else the one كان fronted ("وكان X قد أكد").
    A verb in the first person ("واكدنا التزامنا بمحاربة داعش") is the quoted speaker's own: the
    party after it is what "we" spoke of."""
    if _first_person_perfect(tokens[first].norm):
        return None
    said = next((i for i in range(last, len(tokens)) if tokens[i].norm in SAYING_OPENERS), len(tokens))
    after = next((m for m in participants if first < m.first <= last + SPEAKER_AFTER
                  and m.last <= said and m.kind not in {"media"}), None)
    if after is not None:
        # "نقل البيان عن مدفيديف قوله": what relays the words is not who speaks them
        quoted = next((m for m in participants if m.first == after.last + 1 and after.last < len(tokens)
                       and tokens[after.last].norm == "عن"), None)
        return quoted or after
    fronted = first >= 2 and tokens[first - 1].norm == "قد"
    return next((m for m in participants if fronted and m.last == first - 1 and m.first >= 1
                 and tokens[m.first - 1].norm in roles.KANA), None)


def _first_person_perfect(word: str) -> bool:
    """"أكدنا", "وقلنا": a perfect verb with the suffix نا of "we"."""
    bare = word[1:] if word[:1] in {"و", "ف"} else word
    return len(bare) >= 5 and bare.endswith("نا")


def _refers_to_speaker(tokens: Sequence[Token], trigger: TriggerMatch, text: str) -> bool:
    """The trigger names its doer only as a participle (متهما، داعيا) or by a pronoun suffix
    (لقائه، زيارتها; the raw text tells the pronoun ه from the feminine ending ة of مطالبة)."""
    token = tokens[trigger.first]
    if roles.is_circumstantial_participle(token.norm):
        return True
    raw = text[token.start:token.end]
    return trigger.entry.pos != "verb" and raw.endswith(("ه", "ها", "هم")) and _possessed(token.norm, trigger)


SAYING_REACH = 8  # tokens from a statement's date to the إن / أن opening what was said


def _dates_the_saying(tokens: Sequence[Token], when: DateMention, trigger: TriggerMatch) -> bool:
    """The date stands before the complementizer that opens the reported clause ("أكدت تركيا أمس
    أنها فتحت …"): it dates the saying, not the act reported."""
    if when.last > trigger.first:
        return False
    end = min(trigger.first, when.last + SAYING_REACH)
    return any(tokens[i].norm in COMPLEMENTIZER_WORDS for i in range(when.last, end))


COMPLEMENTIZER_WORDS = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "بانهم"})


def _note_speaker_day(context: ArticleContext, speaker: Mention | None, when: DateMention | None,
                      tokens: Sequence[Token]) -> None:
    """Remember the day a named speaker spoke ("وقال X أمس …", "طالب X الجمعة …")."""
    if speaker is not None and when is not None and when.value and when.precision == "day":
        context.speaker_day = (speaker.name, _when(when, tokens, context.text, context), context.sentence_number)
        context.said_day = False


def _speaker_day(context: ArticleContext, actor: Mention | None, carried: bool,
                 when: DateMention | None) -> When | None:
    """A statement whose speaker is carried over from an earlier sentence ("داعيا …", "ودعا …"), or
    named again after a verb of saying gave the day ("وقال في خطبة صلاة الجمعة أمس … وطالب الصافي …"),
    and whose own sentence names no day was said when that speaker last spoke, if that day is known."""
    if when is not None or actor is None or context.speaker_day is None or not (carried or context.said_day):
        return None
    name, day, sentence = context.speaker_day
    if name != actor.name or context.sentence_number - sentence > SPEAKER_REACH:
        return None
    return day


def _seat(tokens: Sequence[Token], places: list[PlaceMatch], actor: Mention | None,
          context: ArticleContext) -> Place | None:
    """The town in the speaker's own title ("خطيب جمعة النجف", "ممثل المرجعية في كربلاء"):
    a local office speaks where it sits. (A country or a province is the scope of an office.) Called
    later by the family name alone ("وطالب الصافي"), the speaker still sits there."""
    if actor is None or actor.kind == "state":
        return None  # (a capital standing for its state, "أنقرة", is no title)
    inside = [p for p in places if actor.first < p.first and p.place.precision in LOCAL_PRECISIONS
              and (p.last <= actor.last or (actor.last <= p.first <= actor.last + SEAT_GENITIVE_REACH
                                            and _title_genitive(tokens, actor.last, p.first)))
              ] if actor.first >= 0 else []
    if not inside:
        return context.seats.get(actor.name) if actor.kind == "person" else None
    seat = _place(inside[0], tokens, context.text)
    context.seats[actor.name] = seat
    return seat


# Words between a title and the town it is of, when the title's words end before it: "خطيب جمعة
# مسجد الكوفة" (the mosque of the town, a noun in the genitive).
SEAT_GENITIVE_REACH = 1


def _title_genitive(tokens: Sequence[Token], title_end: int, place_first: int) -> bool:
    """The place continues the title's construct chain: only nouns, no punctuation and no
    preposition, between them ("خطيب جمعة مسجد الكوفة"; not "…، بغداد", "طائرات … من قاعدة")."""
    return all(tokens[i].norm.isalpha() and not any(form in PLACE_PREPOSITIONS for form in readings(tokens[i].norm))
               for i in range(title_end, place_first))


LIKEWISE = frozenset({"كما", "وكما", "كذلك", "وكذلك"})
LIKEWISE_REACH = 2  # sentences back to the event told before


def _likewise_day(tokens: Sequence[Token], event_type: str, when: DateMention | None,
                  context: ArticleContext) -> When | None:
    """"وتظاهر الآلاف … الجمعة. كما تظاهر مئات آخرون أمام …": a sentence opening with كما tells
    another event like the one just told, on its day, when it names none of its own."""
    if when is not None or not tokens or tokens[0].norm not in LIKEWISE or event_type not in context.type_days:
        return None
    day, sentence = context.type_days[event_type]
    return day if context.sentence_number - sentence <= LIKEWISE_REACH else None


def _speaker_place(context: ArticleContext, actor: Mention | None, carried: bool) -> Place | None:
    """Where a statement was made that states no place of its own: where its speaker, carried
    over from an earlier sentence, was said to speak."""
    if not carried or actor is None or context.speaker_place is None:
        return None
    name, place, sentence = context.speaker_place
    if name != actor.name or context.sentence_number - sentence > SPEAKER_REACH:
        return None
    return place


def _remember_speaker(context: ArticleContext, speaker: Mention | None) -> None:
    if speaker is not None:
        context.last_speaker = speaker.elsewhere()
        context.last_speaker_sentence = context.sentence_number


def _location(tokens: Sequence[Token], trigger: TriggerMatch, places: list[PlaceMatch],
              taken: tuple[Mention | None, ...], context: ArticleContext) -> Place | None:
    """The place nearest after the trigger (else before), not inside a participant's words."""
    # A target read off the words after على/ضد ("على بلدة بقين") may be the place itself.
    spans = [(m.first, m.last) for m in taken if m is not None and (m.kind is not None or m.country is not None)]
    # A country attacked or seized ("التدخلات الإيرانية في شؤون اليمن", "الغارات على إيران") is
    # where the attack happened when its clause states no other place: a fallback after those. (Not
    # a country protested against or sanctioned: that happens elsewhere.)
    target = taken[1] if len(taken) > 1 and trigger.entry.event_type in TARGET_PLACE_TYPES else None
    targeted = [p for p in places if target is not None and target.kind == "state"
                and p.first == target.first and p.last == target.last and p.place.precision == "country"
                and not _border_of(tokens, p)]
    free = [p for p in places if not any(p.first < last and first < p.last for first, last in spans)
            and not (trigger.first <= p.first and p.last <= trigger.last) and not _is_dateline(tokens, p, context)
            and not _quoted(tokens, p) and not _in_reported_clause(tokens, trigger, p)
            and not _residence(tokens, p)
            # "قرب الحدود مع موريتانيا": the country across the border is not where it happened
            and not (p.place.precision == "country" and _border_of(tokens, p))]
    if not free and not targeted:
        return None
    chosen = min([*free, *targeted],
                 key=lambda p: (lambda rank: (rank[0], int(p in targeted), *rank[1:]))(_place_rank(tokens, trigger, p)))
    return _chosen_place(chosen, places, tokens, context.text)


# Event types done to their target where it is (an attack, a seizure): a targeted country is their place.
TARGET_PLACE_TYPES = frozenset({"ASSAULT", "COERCE"})
QUOTE_MARKS = frozenset({'"', "«", "»", "“", "”"})


RESIDENCE_REACH = 3  # "من سكان المستوطنات اليهودية في الضفة الغربية": the cue, then up to 3 words
HE_IS = frozenset({"هو", "وهو", "هي", "وهي", "وهم", "هم"})  # "وهو من القامشلي": where he is from


def _residence(tokens: Sequence[Token], place: PlaceMatch) -> bool:
    """The place is where a person lives or comes from ("وهو من سكان المستوطنات … في الضفة
    الغربية", "ينحدر من القامشلي", "وهو من القامشلي"), not where the event happened."""
    words = load_residence_words()
    first = place.first
    if first >= 2 and tokens[first - 1].norm == "من" and tokens[first - 2].norm in HE_IS:
        return True
    return any(form in words for i in range(max(0, first - RESIDENCE_REACH), first)
               for form in readings(tokens[i].norm))


def _in_reported_clause(tokens: Sequence[Token], trigger: TriggerMatch, place: PlaceMatch) -> bool:
    """The place is in what someone goes on to say after the event's words ("خصص مبالغ للمنظمات
    مشيرا بأن هناك قوافل إلى محافظة عدن"): a complementizer between them opens another statement,
    whose places are not stated for this event."""
    return place.first > trigger.last and any(tokens[i].norm in COMPLEMENTIZER_WORDS
                                               for i in range(trigger.last, place.first))


QUOTED_NAME_WORDS = 4  # "«لمجلس شورى مجاهدي درنة»": the words of a name set in quotation marks


def _quoted(tokens: Sequence[Token], place: PlaceMatch) -> bool:
    """A place name set in quotation marks names a title, not a place: a newspaper ("في تصريح
    لـ"الرياض""), an operation; so does one that ends a short quoted name ("«لمجلس شورى مجاهدي
    درنة»", "«جيش الإسلام في الغوطة»" is not: a preposition before the place makes it one)."""
    if place.last >= len(tokens) or tokens[place.last].norm not in QUOTE_MARKS:
        return False
    opening = next((i for i in range(place.first - 1, max(-1, place.first - 2 - QUOTED_NAME_WORDS), -1)
                    if tokens[i].norm in QUOTE_MARKS), None)
    if opening is None:
        return False
    between = range(opening + 1, place.first)
    return all(tokens[i].norm.isalpha() for i in between) and not (
        (place.first > opening + 1 and _locative(tokens, place.first))
        or any(form in PLACE_PREPOSITIONS for i in between for form in readings(tokens[i].norm)))


def _is_dateline(tokens: Sequence[Token], place: PlaceMatch, context: ArticleContext) -> bool:
    """The place is the article's dateline ("رويترز- تل أبيب: احتجزت …"), where the report was
    filed, not a place stated for the sentence's event."""
    dateline = context.dateline
    return dateline is not None and tokens[place.first].start == dateline.start


def _chosen_place(chosen: PlaceMatch, places: list[PlaceMatch], tokens: Sequence[Token], text: str) -> Place:
    """The event's place; one the gazetteer doesn't know takes the country of its neighbour."""
    place = _place(chosen, tokens, text)
    if place.country is None and not chosen.place.name:
        place = place.model_copy(update={"country": _near_country(chosen, places, tokens)})
    if _listed_with_other_countries(chosen, places, tokens):
        place = place.model_copy(update={"country": None})
    return place


def _listed_with_other_countries(chosen: PlaceMatch, places: list[PlaceMatch], tokens: Sequence[Token]) -> bool:
    """"في الكويت وتونس وفرنسا": the first of a list of places in several countries; the event
    happened in no one country."""
    following = next((p for p in places if p.first == chosen.last), None)
    return (following is not None and tokens[following.first].norm.startswith("و")
            and following.place.country is not None and following.place.country != chosen.place.country)


def _place_rank(tokens: Sequence[Token], trigger: TriggerMatch, place: PlaceMatch) -> tuple[int, ...]:
    """Lower is better: in the trigger's clause, after the trigger, introduced by في/ب, specific, close.
    A place before the trigger is mostly its subject's seat ("الحكومة المحلية في الأنبار وفرت …
    لخروج الأهالي من الفلوجة"), so one after it wins even without في. Of places otherwise alike, the
    most specific is the event's (GUIDELINES): "وشهدت مدينة بنغازي … رفعوا فيها علم ليبيا …، وقامت
    قوات الأمن بتفريق التظاهرة" happened in Benghazi, not in "Libya" named nearer."""
    if place.first < trigger.last < place.last:
        return (0, 0, 0, 0, 0)  # "فتحت قاعدة إنجرليك الجوية": the trigger's last word opens the place
    after = place.first >= trigger.last
    start, end = (trigger.last, place.first) if after else (place.last, trigger.first)
    return (int(roles.crosses_clause(tokens, start, end)), int(not after), int(not _locative(tokens, place.first)),
            _broadness(place), (end - start) + (0 if after else PLACE_BEFORE_PENALTY))


# How broad a place is, by the gazetteer's precision (a place it doesn't know is named by a class
# word or found by the NER: a town or a site).
BROADNESS = {"point": 0, "city": 0, "admin1": 1, "country": 2}
UNKNOWN_BROADNESS = 1  # a region, a direction ("جنوب تركيا")


def _broadness(place: PlaceMatch) -> int:
    if not place.place.name:
        return 0
    return BROADNESS.get(place.place.precision, UNKNOWN_BROADNESS)


# Verbal types that are aimed at someone by their nature (GUIDELINES: a statement is an event only
# when aimed at another actor): "دعا إلى الهدوء", "يهدد الأمن" with no addressee are stances.
ADDRESSED_TYPES = frozenset({"REQUEST", "THREATEN"})
# Verbal types that happen somewhere (a meeting, a visit): their place is found like a material event's.
PLACED_VERBAL_TYPES = frozenset({"CONSULT"})
LOCATIVE = frozenset({"في", "ب"})
PLACE_BEFORE_PENALTY = 5  # a place before the trigger is usually the subject's, not the event's


PLACE_NAMED_KINDS = frozenset({"state", "government", "organisation"})  # capitals stand for these
SURNAME_MIN = 4  # letters: a family name short enough is too often a common word


def _with_surnames(tokens: Sequence[Token], participants: list[Mention], context: ArticleContext) -> list[Mention]:
    """"وطالب الصافي …" after "ممثل المرجعية الدينية في كربلاء أحمد الصافي": a person named in
    full earlier in the article is then called by the family name alone."""
    surnames = _surnames(context)
    if not surnames:
        return participants
    taken = {i for m in participants for i in range(m.first, m.last)}
    found = [replace(person, first=i, last=i + 1, start=token.start, end=token.end, proclitic=0)
             for i, token in enumerate(tokens)
             if i not in taken and (person := surnames.get(_without_conjunction(token.norm))) is not None]
    return sorted([*participants, *found], key=lambda m: m.first) if found else participants


def _surnames(context: ArticleContext) -> dict[str, Mention]:
    """Family names (the last word, with the article) of the people named so far in full."""
    # Parties are only ever appended: index the new ones, not the whole article again.
    for mention in context.named_parties[context.surnames_indexed:]:
        _index_surname(context.surname_index, mention, context.text)
    context.surnames_indexed = len(context.named_parties)
    if context.opening_speaker is None:
        return context.surname_index
    names = dict(context.surname_index)
    _index_surname(names, context.opening_speaker, context.text)
    return names


def _index_surname(names: dict[str, Mention], mention: Mention, text: str) -> None:
    words = normalize(text[mention.start:mention.end]).split()
    if (len(words) >= 2 and words[-1].startswith("ال") and len(words[-1]) >= SURNAME_MIN
            and words[-1].isalpha() and _first_name(words[-2])):
        names[words[-1]] = mention


def _first_name(word: str) -> bool:
    """A first name, or the name before a family name in a chain (عادل بن أحمد الجبير)."""
    return load_person_names().is_given_name(word)


def _without_conjunction(word: str) -> str:
    return word[1:] if word[:1] in {"و", "ف"} and word[1:].startswith("ال") else word


def _not_places(participants: list[Mention], places: list[PlaceMatch]) -> list[Mention]:
    """Leave out a state (or a capital standing for its government) named as the end of a longer
    place: "وسط العاصمة العراقية بغداد", "في منطقة الرياض", "في جمهورية ألبانيا" name where,
    not who; the place's head words come before the name."""
    return [m for m in participants
            if not (m.kind in PLACE_NAMED_KINDS
                    and any(p.first < m.first and m.last == p.last for p in places))]


def _stated_place(tokens: Sequence[Token], trigger: TriggerMatch, places: list[PlaceMatch],
                  context: ArticleContext, target: Mention | None = None, visit: bool = False,
                  names: Sequence[Mention] = ()) -> Place | None:
    """A place stated for a statement or a meeting: "في X" close to the trigger, in its clause.

    After the trigger first, else (a meeting: "توجه إلى الكويت لإجراء مشاورات") before it. A
    meeting's place may be where someone goes ("زيارته إلى باريس"). Not a place that belongs
    to a name: the target's seat ("الحكومة المركزية في بغداد") or a country or province after
    a title ("المرجع الشيعي الأعلى في العراق", "الجمعية الخيرية في منطقة الرياض"), the scope of
    an office, not where the words were said.
    """
    def stated(place: PlaceMatch) -> bool:
        after = place.first >= trigger.last
        start, end = (trigger.last, place.first) if after else (place.last, trigger.first)
        visited = _visited(tokens, place.first) and _destination(tokens, place.first)
        reach = VISITED_PLACE_REACH if visited else VISIT_REACH if visit else PLACE_REACH
        if end - start > reach or roles.crosses_clause(tokens, start, end):
            return False
        if not (_locative(tokens, place.first) or visited or (visit and _destination(tokens, place.first))):
            return False
        if not after and not visit:
            return False
        if target is not None and target.first <= place.first <= target.last + 1:
            return False  # inside the target's words or right after them: its seat
        if any(m.first < place.first and place.last <= m.last for m in names):
            return False  # "المدير الإقليمي للحملة الوطنية لنصرة الأشقاء في سورية": a name's words
        return visit or not after or place.first - trigger.last <= 1 or place.place.precision in LOCAL_PRECISIONS
    chosen = [p for p in places if stated(p) and not _is_dateline(tokens, p, context)]
    if not chosen:
        return None
    best = min(chosen, key=lambda p: (p.first < trigger.last, abs(p.first - trigger.last)))
    return _chosen_place(best, places, tokens, context.text)


# Places precise enough to be where a speaker spoke ("خطيب جمعة كربلاء"), not a scope of office.
LOCAL_PRECISIONS = frozenset({"city", "point"})
DESTINATION = frozenset({"الي"})  # matching form of إلى


VISIT_REACH = 10  # "التقى وزير الخارجية الأستاذ عادل بن أحمد الجبير اليوم في موسكو": a long name between


VISITED_REACH = 3  # "زيارته الأخيرة إلى باريس": a visit word, an adjective, إلى
# A visit's destination states the place across a long name: "استقبال خادم الحرمين الشريفين الملك
# سلمان بن عبد العزيز آل سعود لسامح شكري وزير الخارجية في ختام زياراته للمملكة".
VISITED_PLACE_REACH = 20


def _visited(tokens: Sequence[Token], first: int) -> bool:
    """A visit word shortly before the place: "خلال زيارته الأخيرة إلى باريس" says where."""
    words = load_role_cues()["visit_words"]
    return any(tokens[i].norm in words for i in range(max(0, first - VISITED_REACH), first))


def _destination(tokens: Sequence[Token], first: int) -> bool:
    """إلى X, للمملكة: where a visitor goes."""
    return tokens[first].norm.startswith("لل") or (first > 0 and tokens[first - 1].norm in DESTINATION)


def _locative(tokens: Sequence[Token], first: int) -> bool:
    """في X, or بالعراق (ب + a definite name), or ببغداد (ب + a name without the article)."""
    norm = tokens[first].norm
    if norm.startswith(("بال", "وبال")):
        return True
    clitic = knowledge().gazetteer.proclitic(norm)
    if clitic and norm[:clitic].endswith("ب"):
        return True
    return first > 0 and tokens[first - 1].norm in LOCATIVE


SINCE = frozenset({"منذ", "ومنذ"})
SINCE_REACH = 6  # "منذ سيطرته على المدينة في 10 يونيو 2014"


def _since(tokens: Sequence[Token], when: DateMention) -> bool:
    """The date follows منذ in its clause: it starts a span ("منذ سيطرته على المدينة في 10 يونيو"),
    it is not the day of an event (GUIDELINES: several days with no single day get null)."""
    for index in range(when.first - 1, max(-1, when.first - SINCE_REACH - 1), -1):
        if tokens[index].norm in roles.CLAUSE_BREAKS:
            return False
        if tokens[index].norm in SINCE:
            return True
    return False


# Modalities of an event told as done: it happened by the time the article was published.
DONE_MODALITIES = frozenset({"asserted", "claimed", "denied"})


def _after_publication(mention: DateMention, modality: str, context: ArticleContext) -> bool:
    """A day after publication is no day of an event told as done: it is the start of a measure
    ("تمديد حالة الطوارئ … اعتبارا من الثالث من أغسطس"), or a day and month of an earlier year
    ("فضت قوات الأمن اعتصام رابعة يوم 14 أغسطس", three days before publication in 2015)."""
    return (modality in DONE_MODALITIES and mention.precision == "day" and bool(mention.value)
            and mention.value > context.published.isoformat())


FUTURE_WORDS = frozenset({"سوف", "وسوف"})
FUTURE_PREFIXES = ("سي", "ست", "سن", "وسي", "وست", "وسن")
FUTURE_REACH = 8  # "وسيعقد وزير الخارجية محادثات": the future verb governing the event noun


def _future_marked(tokens: Sequence[Token], trigger: TriggerMatch) -> bool:
    """A future verb (سيعقد، ستبدأ، سوف) before the trigger in its clause: the event is to come, whatever
    its modality says. (Other words spelled so, سيطرة, only make the check more careful.)"""
    for index in range(trigger.first, max(-1, trigger.first - FUTURE_REACH - 1), -1):
        word = tokens[index].norm
        if index < trigger.first and word in roles.CLAUSE_BREAKS:
            return False
        if word in FUTURE_WORDS or (word.startswith(FUTURE_PREFIXES) and len(word) > 4):
            return True
    return False


def _anothers_day(tokens: Sequence[Token], mention: DateMention, trigger: TriggerMatch,
                  triggers: Sequence[TriggerMatch]) -> bool:
    """The date stands in the clause of another event verb of the sentence, a clause break away
    from this one ("اعتقلت الشرطة 300 شخص في حملات أمس …، وتعهد بمحاربة …"): it is that event's day.
    (A participle, "…، محملا الحكومة", tells the circumstance of the main verb: its day too.)"""
    if (roles.is_circumstantial_participle(tokens[trigger.first].norm)
            or not _clause_between(tokens, mention, trigger.first, trigger.last)):
        return False
    return any(other is not trigger and other.entry.pos == "verb"
               and not _clause_between(tokens, mention, other.first, other.last) for other in triggers)


def _clause_between(tokens: Sequence[Token], mention: DateMention, first: int, last: int) -> bool:
    """A clause break between a date and the words at ``[first, last)``."""
    start, end = (mention.last, first) if mention.last <= first else (last, mention.first)
    return roles.crosses_clause(tokens, start, end)


def _nearest(dates: list[DateMention], trigger: TriggerMatch) -> DateMention | None:
    """The resolved date nearest the trigger in its sentence; a full day before a month or a
    year ("في يونيو … يوم 14"), since only a day fixes the event's date."""
    resolved = [d for d in dates if d.value]
    if not resolved:
        return None
    days = [d for d in resolved if d.precision == "day"]
    return min(days or resolved, key=lambda d: min(abs(d.first - trigger.last), abs(trigger.first - d.last)))


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
    start = _after_letters(text, mention.start, mention.proclitic, mention.end)
    return Participant(text=text[start:mention.end], start=start, end=mention.end,
                       name=mention.name, kind=mention.kind, country=mention.country)


TATWEEL = "\u0640"


def _after_letters(text: str, start: int, count: int, end: int) -> int:
    """The offset after ``count`` letters from ``start`` (with the marks written on them):
    where a name begins behind its proclitic ("لمجلس" → "مجلس")."""
    index = start
    for _ in range(count):
        index += 1
        while index < end and (not text[index].isalpha() or text[index] == TATWEEL):
            index += 1  # a diacritic or a tatweel on the proclitic
    return index if index < end else start


def _place(match: PlaceMatch, tokens: Sequence[Token], text: str) -> Place:
    gazetteer = knowledge().gazetteer
    # A known town is quoted by its name: "بمدينة الزبداني" → الزبداني (regions.yaml: quoted).
    first = (gazetteer.name_start([t.norm for t in tokens], match.first, match.last)
             if match.place.name and match.place.precision in LOCAL_PRECISIONS else match.first)
    start, end = tokens[first].start, tokens[match.last - 1].end
    # "بالعاصمة كاتماندو", "وتشاد": the place's words without the proclitic before them; "للمملكة"
    # (ل + المملكة) without the لل that holds the article: "مملكة" is how its words can be quoted.
    norm = tokens[first].norm
    start = _after_letters(text, start, gazetteer.proclitic(norm) or gazetteer.elided_article(norm), end)
    place = match.place
    return Place(text=text[start:end], start=start, end=end, name=place.name or text[start:end],
                 country=place.country, admin1=place.admin1, geonames_id=place.geonames_id, lat=place.lat,
                 lon=place.lon, precision=place.precision if place.name else None)


def _when(mention: DateMention | None, tokens: Sequence[Token], text: str, context: ArticleContext) -> When:
    if mention is None:
        return When(value=None, precision="publication")
    start, end = tokens[mention.first].start, tokens[mention.last - 1].end
    return When(text=text[start:end], start=start, end=end, value=mention.value, precision=mention.precision)


def _undated(candidate: EventCandidate, context: ArticleContext) -> EventCandidate:
    """No date for a reported act whose sentence dates only the saying of it."""
    if (candidate.trigger.start, candidate.trigger.end) not in context.undated:
        return candidate
    return candidate.model_copy(update={"date": When(value=None, precision="publication")})


def _day_only(candidate: EventCandidate) -> EventCandidate:
    """GUIDELINES: the date is YYYY-MM-DD "when the article lets you fix the day, else null". A
    month or a year keeps its words and precision but gives no value ("في يونيو" is no day).
    Done last, so that telling repeated mentions apart still sees the month."""
    when = candidate.date
    if when.value is None or when.precision == "day":
        return candidate
    return candidate.model_copy(update={"date": when.model_copy(update={"value": None})})


def _confidence(trigger: TriggerMatch, actor: Mention | None, target: Mention | None,
                location: Place | None) -> float:
    found = sum(x is not None for x in (actor, target, location))
    return round(min(1.0, trigger.weight * (0.55 + 0.15 * found)), 3)
