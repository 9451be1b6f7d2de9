"""Scoring a system against the hand-annotated gold (``shared/gold/``), as GUIDELINES.md specifies.

The rules implemented here are the "Scoring" section of ``shared/gold/GUIDELINES.md``:

* every article is run through the system alone;
* strings are compared after :func:`normalize_for_scoring`, and a system string matches a gold
  list when, for some item, one normalized string contains the other and the shorter is at least
  half as long as the longer (:func:`string_matches`);
* a system event matches a gold event when the types are equal and the evidence spans overlap,
  one-to-one and greedy in text order (:func:`match_events`);
* arguments are counted per field over all gold and system events, micro-averaged
  (:func:`score_article`).
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from schemas.models import Article, Event

# ---------------------------------------------------------------------------------------------
# Normalization and the string rule
# ---------------------------------------------------------------------------------------------

_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))
_TATWEEL = "\u0640"
_LETTER_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def _is_arabic_diacritic(char: str) -> bool:
    # "Diacritics" = the combining marks (category Mn) of the Arabic script: harakat, tanwin,
    # shadda, sukun, superscript alef, combining hamza/madda and the Quranic annotation marks.
    code = ord(char)
    return unicodedata.category(char) == "Mn" and any(lo <= code <= hi for lo, hi in _ARABIC_BLOCKS)


def normalize_for_scoring(text: str) -> str:
    """Normalize ``text`` for comparison exactly as GUIDELINES.md "Scoring" says.

    Removes Arabic diacritics and tatweel, maps أ إ آ ٱ to ا, ى to ي and ة to ه, and collapses
    whitespace runs to one space (trimming the ends). Text is first put in Unicode NFC so that a
    letter written with a combining hamza or madda compares like its precomposed form.

    This deliberately does not reuse :func:`hadath.text.normalize.normalize`: that one also maps
    digits, presentation forms, Persian letters, zero-width marks and case. The scorer must follow
    the guidelines, and must not share (and so hide) a bug with the system it scores.
    """
    composed = unicodedata.normalize("NFC", text)
    stripped = "".join(c for c in composed if c != _TATWEEL and not _is_arabic_diacritic(c))
    return " ".join(stripped.translate(_LETTER_MAP).split())


def string_matches(system: str, gold: Sequence[str]) -> bool:
    """True when the system string matches the gold list under the guidelines' string rule.

    It matches when, for some gold item, one normalized string contains the other and the
    shorter is at least half as long as the longer (lengths of the normalized strings). An empty
    string (after normalization) matches nothing.
    """
    candidate = normalize_for_scoring(system)
    if not candidate:
        return False
    for item in gold:
        reference = normalize_for_scoring(item)
        if not reference:
            continue
        shorter, longer = sorted((candidate, reference), key=len)
        if shorter in longer and 2 * len(shorter) >= len(longer):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Counts
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives, with the derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 0.0 when the system gave no value at all."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 0.0 when there is nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; 0.0 when both are 0."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    def add(self, other: Counts) -> None:
        """Add ``other``'s counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass(slots=True)
class Ratio:
    """A share with its numerator and denominator, so that small denominators stay visible."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        """correct / total; 0.0 when total is 0."""
        return self.correct / self.total if self.total else 0.0


# ---------------------------------------------------------------------------------------------
# Gold data
# ---------------------------------------------------------------------------------------------


class GoldDataError(ValueError):
    """The gold or articles file breaks the format of GUIDELINES.md."""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event, with its evidence (and trigger) located in the article text."""

    event_type: str
    evidence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    actor: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    location_country: str | None = None
    date: str | None = None
    killed: int | None = None
    injured: int | None = None
    modality: str | None = None
    source: tuple[str, ...] = ()
    mode: str | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """A gold record: the article id, its raw gold events and the annotators' publication date."""

    article_id: str
    events: tuple[dict[str, Any], ...]
    published_at: str | None = None


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldDataError(f"{path}:{line_number}: not JSON ({exc})") from exc
            if not isinstance(record, dict):
                raise GoldDataError(f"{path}:{line_number}: not a JSON object")
            yield line_number, record


def load_gold(path: Path) -> list[GoldArticle]:
    """Read a gold JSONL file (``article_id``, ``events``, optional ``published_at``)."""
    articles: list[GoldArticle] = []
    seen: set[str] = set()
    for line_number, record in _read_jsonl(path):
        article_id = record.get("article_id")
        events = record.get("events")
        if not isinstance(article_id, str) or not isinstance(events, list):
            raise GoldDataError(f"{path}:{line_number}: needs a string article_id and a list of events")
        if article_id in seen:
            # Two records for one article would score its system output twice.
            raise GoldDataError(f"{path}:{line_number}: article {article_id} appears twice")
        seen.add(article_id)
        articles.append(GoldArticle(article_id, tuple(events), record.get("published_at")))
    return articles


def load_articles(path: Path) -> dict[str, Article]:
    """Read article records (Article fields) keyed by id.

    Records in the corpus style carry ``date_extracted`` ("YYYY-MM-DD hh:mm:ss") instead of
    ``published_at``; its date is used as the publication date.
    """
    articles: dict[str, Article] = {}
    for line_number, record in _read_jsonl(path):
        published_at = record.get("published_at")
        if published_at is None and isinstance(record.get("date_extracted"), str):
            published_at = record["date_extracted"][:10]
        try:
            article = Article(
                id=record.get("id"),
                text=record.get("text"),
                title=record.get("title"),
                url=record.get("url"),
                source=record.get("source"),
                published_at=published_at,
                language=record.get("language"),
            )
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise GoldDataError(f"{path}:{line_number}: not a valid article ({exc})") from exc
        articles[article.id] = article
    return articles


def _strings(value: object, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise GoldDataError(f"{where}: {name} must be a list of strings")
    return tuple(item for item in value if item)


def _optional_int(value: object, where: str, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise GoldDataError(f"{where}: {name} must be an integer or null")
    return value


def _optional_str(value: object, where: str, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise GoldDataError(f"{where}: {name} must be a string or null")
    return value


def locate_gold_events(article_id: str, text: str, raw_events: Sequence[dict[str, Any]]) -> list[GoldEvent]:
    """Turn raw gold events into :class:`GoldEvent` s with evidence offsets into ``text``.

    The evidence must occur exactly once in the text and the trigger inside the evidence
    (GUIDELINES.md); anything else is a :class:`GoldDataError`, since a span the scorer cannot
    place would silently turn into a miss.
    """
    located: list[GoldEvent] = []
    for index, raw in enumerate(raw_events):
        where = f"article {article_id} event {index}"
        evidence = raw.get("evidence")
        trigger = raw.get("trigger")
        event_type = raw.get("event_type")
        if not isinstance(event_type, str) or not event_type:
            raise GoldDataError(f"{where}: no event_type")
        if not isinstance(evidence, str) or not evidence:
            raise GoldDataError(f"{where}: no evidence")
        start = text.find(evidence)
        # find from start + 1 so that overlapping repeats also count as a second occurrence.
        if start < 0 or text.find(evidence, start + 1) >= 0:
            occurrences = "never" if start < 0 else "more than once"
            raise GoldDataError(f"{where}: evidence occurs {occurrences} in the text: {evidence[:60]!r}")
        if not isinstance(trigger, str) or not trigger or trigger not in evidence:
            raise GoldDataError(f"{where}: trigger {trigger!r} is not inside the evidence")
        trigger_start = start + evidence.index(trigger)
        located.append(
            GoldEvent(
                event_type=event_type,
                evidence=evidence,
                start=start,
                end=start + len(evidence),
                trigger=trigger,
                trigger_start=trigger_start,
                trigger_end=trigger_start + len(trigger),
                actor=_strings(raw.get("actor"), where, "actor"),
                target=_strings(raw.get("target"), where, "target"),
                location=_strings(raw.get("location"), where, "location"),
                location_country=_optional_str(raw.get("location_country"), where, "location_country"),
                date=_optional_str(raw.get("date"), where, "date"),
                killed=_optional_int(raw.get("killed"), where, "killed"),
                injured=_optional_int(raw.get("injured"), where, "injured"),
                modality=_optional_str(raw.get("modality"), where, "modality"),
                source=_strings(raw.get("source"), where, "source"),
                mode=_optional_str(raw.get("mode"), where, "mode"),
            )
        )
    return located


# ---------------------------------------------------------------------------------------------
# Event matching and argument scoring
# ---------------------------------------------------------------------------------------------


def _overlaps(start_a: int, end_a: int, start_b: int, end_b: int) -> bool:
    # Half-open spans share at least one character; an empty span overlaps nothing.
    return start_a < end_b and start_b < end_a and start_a < end_a and start_b < end_b


def match_events(gold: Sequence[GoldEvent], system: Sequence[Event]) -> list[tuple[int, int]]:
    """Match system events to gold events one-to-one, greedy in text order.

    System events are taken in order of evidence (start, end, position in the output); each takes
    the first still unmatched gold event, in gold order of (start, end, position in the file), of
    the same type whose evidence span overlaps its own. Returns ``(gold_index, system_index)``
    pairs.
    """
    gold_order = sorted(range(len(gold)), key=lambda i: (gold[i].start, gold[i].end, i))
    system_order = sorted(
        range(len(system)), key=lambda j: (system[j].evidence.start, system[j].evidence.end, j)
    )
    taken: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for j in system_order:
        candidate = system[j]
        for i in gold_order:
            reference = gold[i]
            if (
                i not in taken
                and reference.event_type == candidate.event_type
                and _overlaps(
                    reference.start, reference.end, candidate.evidence.start, candidate.evidence.end
                )
            ):
                taken.add(i)
                pairs.append((i, j))
                break
    return pairs


GoldValue = tuple[str, ...] | str | int | None
SystemValue = str | int | None


def _surface(span: Any) -> str | None:
    # A participant or place without words (e.g. a place that only carries a country) is no
    # string value for the string fields.
    if span is None or not span.text or not span.text.strip():
        return None
    return str(span.text)


@dataclass(frozen=True, slots=True)
class _FieldRule:
    system_value: Callable[[Event], SystemValue]
    gold_value: Callable[[GoldEvent], GoldValue]
    is_string_list: bool


_FIELD_RULES: dict[str, _FieldRule] = {
    "actor": _FieldRule(lambda e: _surface(e.actor), lambda g: g.actor, True),
    "target": _FieldRule(lambda e: _surface(e.target), lambda g: g.target, True),
    "location": _FieldRule(lambda e: _surface(e.location), lambda g: g.location, True),
    "location_country": _FieldRule(
        lambda e: e.location.country if e.location is not None else None, lambda g: g.location_country, False
    ),
    "date": _FieldRule(lambda e: e.date.value, lambda g: g.date, False),
    "killed": _FieldRule(lambda e: e.killed, lambda g: g.killed, False),
    "injured": _FieldRule(lambda e: e.injured, lambda g: g.injured, False),
    "modality": _FieldRule(lambda e: e.modality, lambda g: g.modality, False),
    "source": _FieldRule(lambda e: _surface(e.source), lambda g: g.source, True),
}
FIELDS: tuple[str, ...] = tuple(_FIELD_RULES)
"""The argument fields scored, in report order."""


def _has_value(value: GoldValue | SystemValue) -> bool:
    # An empty gold list / null means "no gold value"; a system None means no system value.
    return value is not None and value != ()


def _value_matches(rule: _FieldRule, system_value: SystemValue, gold_value: GoldValue) -> bool:
    if rule.is_string_list:
        return (
            isinstance(system_value, str)
            and isinstance(gold_value, tuple)
            and string_matches(system_value, gold_value)
        )
    # Exact for country, date, numbers and modality: no normalization, no partial dates.
    return type(system_value) is type(gold_value) and system_value == gold_value


@dataclass(frozen=True, slots=True)
class EventSummary:
    """An event as diagnostics show it: type, evidence with offsets, trigger."""

    event_type: str
    evidence: str
    start: int
    end: int
    trigger: str


@dataclass(frozen=True, slots=True)
class ArgumentMismatch:
    """A field of a matched event pair where system and gold disagree (an FP, an FN or both)."""

    field: str
    event_type: str
    evidence_start: int
    system: SystemValue
    gold: GoldValue


@dataclass(slots=True)
class ArticleDiagnostics:
    """What went right and wrong on one article, for ``hadath eval --verbose``."""

    article_id: str
    n_gold: int = 0
    n_system: int = 0
    n_matched: int = 0
    missed: list[EventSummary] = field(default_factory=list)
    spurious: list[EventSummary] = field(default_factory=list)
    mismatches: list[ArgumentMismatch] = field(default_factory=list)
    span_errors: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass(slots=True)
class ArticleScore:
    """Counts of one article, to be added into a :class:`GoldResult`."""

    events: Counts
    fields: dict[str, Counts]
    country: Ratio
    diagnostics: ArticleDiagnostics


def _summary_of_gold(event: GoldEvent) -> EventSummary:
    return EventSummary(event.event_type, event.evidence, event.start, event.end, event.trigger)


def _summary_of_system(event: Event) -> EventSummary:
    evidence = event.evidence
    return EventSummary(event.event_type, evidence.text, evidence.start, evidence.end, event.trigger.text)


def score_article(
    article_id: str, text: str, gold: Sequence[GoldEvent], system: Sequence[Event]
) -> ArticleScore:
    """Score one article's system events against its gold events (event detection and arguments)."""
    diagnostics = ArticleDiagnostics(article_id, n_gold=len(gold), n_system=len(system))
    for index, event in enumerate(system):
        # Offsets are the contract (text == article.text[start:end]); matching trusts them, so a
        # wrong offset is reported rather than silently scored against the wrong place.
        evidence = event.evidence
        if text[evidence.start : evidence.end] != evidence.text:
            diagnostics.span_errors.append(
                f"system event {index}: evidence offsets {evidence.start}-{evidence.end} "
                f"do not hold its text {evidence.text[:40]!r}"
            )

    pairs = match_events(gold, system)
    matched_gold = {i for i, _ in pairs}
    matched_system = {j for _, j in pairs}
    diagnostics.n_matched = len(pairs)
    events = Counts(tp=len(pairs), fp=len(system) - len(pairs), fn=len(gold) - len(pairs))
    diagnostics.missed = [_summary_of_gold(g) for i, g in enumerate(gold) if i not in matched_gold]
    diagnostics.spurious = [_summary_of_system(e) for j, e in enumerate(system) if j not in matched_system]
    diagnostics.missed.sort(key=lambda s: s.start)
    diagnostics.spurious.sort(key=lambda s: s.start)

    fields = {name: Counts() for name in FIELDS}
    for name, rule in _FIELD_RULES.items():
        counts = fields[name]
        for i, j in pairs:
            system_value = rule.system_value(system[j])
            gold_value = rule.gold_value(gold[i])
            system_has, gold_has = _has_value(system_value), _has_value(gold_value)
            if system_has and gold_has and _value_matches(rule, system_value, gold_value):
                counts.tp += 1
                continue
            counts.fp += system_has
            counts.fn += gold_has
            if system_has or gold_has:
                diagnostics.mismatches.append(
                    ArgumentMismatch(name, gold[i].event_type, gold[i].start, system_value, gold_value)
                )
        # Values on unmatched events can never be true positives.
        counts.fp += sum(
            _has_value(rule.system_value(e)) for j, e in enumerate(system) if j not in matched_system
        )
        counts.fn += sum(_has_value(rule.gold_value(g)) for i, g in enumerate(gold) if i not in matched_gold)
    diagnostics.mismatches.sort(key=lambda m: (m.evidence_start, FIELDS.index(m.field)))

    country = Ratio()
    for i, j in pairs:
        if gold[i].location_country is not None:
            country.total += 1
            location = system[j].location
            country.correct += location is not None and location.country == gold[i].location_country
    return ArticleScore(events, fields, country, diagnostics)


# ---------------------------------------------------------------------------------------------
# Running a system over the gold
# ---------------------------------------------------------------------------------------------


class ProgressMeter:
    """Writes "label: done/total (rate/s)" to a stream every ``every`` items and at the end."""

    def __init__(self, label: str, total: int, stream: TextIO | None, every: int) -> None:
        """Start the clock; nothing is written when ``stream`` is None."""
        self.label = label
        self.total = total
        self.stream = stream
        self.every = max(1, every)
        self.done = 0
        self.started = time.perf_counter()

    def step(self) -> None:
        """Count one finished item, writing a line every ``every`` items."""
        self.done += 1
        if self.done % self.every == 0 and self.done != self.total:
            self._write()

    def finish(self) -> None:
        """Write the final line."""
        self._write()

    def _write(self) -> None:
        if self.stream is None:
            return
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        print(f"{self.label}: {self.done}/{self.total} ({rate:.1f}/s, {elapsed:.1f} s)", file=self.stream)
        self.stream.flush()


@dataclass(frozen=True, slots=True)
class ArticleFailure:
    """An article on which the system raised (or returned something other than events)."""

    article_id: str
    error: str


@dataclass(slots=True)
class GoldResult:
    """Everything ``hadath eval`` reports for a gold file."""

    gold_path: str
    n_articles: int = 0
    n_gold_events: int = 0
    n_system_events: int = 0
    events: Counts = field(default_factory=Counts)
    fields: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in FIELDS})
    country: Ratio = field(default_factory=Ratio)
    failures: list[ArticleFailure] = field(default_factory=list)
    n_span_errors: int = 0
    warnings: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0
    system_seconds: float = 0.0
    articles: list[ArticleDiagnostics] = field(default_factory=list)

    @property
    def country_accuracy(self) -> float:
        """Share of matched events with a gold country whose system country equals it."""
        return self.country.value

    @property
    def articles_per_second(self) -> float:
        """Articles evaluated per second of wall time (system plus scoring)."""
        return self.n_articles / self.wall_seconds if self.wall_seconds > 0 else 0.0


def _publication_date(gold: GoldArticle, article: Article, warnings: list[str]) -> Article:
    # Gold dates were resolved against the gold record's published_at, so the system gets that
    # date too; a disagreement with the articles file is worth a warning, not a silent choice.
    if gold.published_at is None:
        return article
    try:
        gold_date = Article(id=article.id, text=article.text, published_at=gold.published_at).published_at
    except ValueError as exc:
        raise GoldDataError(f"article {gold.article_id}: bad published_at {gold.published_at!r}") from exc
    if (
        article.published_at is not None
        and gold_date is not None
        and article.published_at.date() != gold_date.date()
    ):
        warnings.append(
            f"article {gold.article_id}: gold published_at {gold.published_at} differs from the "
            f"article's {article.published_at.date()}; using the gold date"
        )
    if article.published_at == gold_date:
        return article
    return article.model_copy(update={"published_at": gold_date})


def evaluate_gold(
    gold_path: Path,
    articles_path: Path,
    system: Callable[[Article], list[Event]],
    *,
    keep_going: bool = False,
    progress: TextIO | None = sys.stderr,
    progress_every: int = 10,
) -> GoldResult:
    """Run ``system`` on every gold article, one at a time, and score it by GUIDELINES.md.

    If the system raises (or returns anything but a list of Events) on an article, the failure is
    recorded and, unless ``keep_going``, re-raised with a note naming the article. With
    ``keep_going`` the article is scored as if the system had found nothing, so its gold events
    count as misses. Progress goes to ``progress`` (None for silence).
    """
    gold_articles = load_gold(gold_path)
    texts = load_articles(articles_path)
    missing = [g.article_id for g in gold_articles if g.article_id not in texts]
    if missing:
        raise GoldDataError(f"{articles_path}: no text for gold articles {', '.join(missing[:5])}")
    # Locate all gold spans before running anything, so a gold error costs no system time.
    located = [locate_gold_events(g.article_id, texts[g.article_id].text, g.events) for g in gold_articles]

    result = GoldResult(gold_path=str(gold_path))
    meter = ProgressMeter("eval", len(gold_articles), progress, progress_every)
    started = time.perf_counter()
    for gold_article, gold_events in zip(gold_articles, located, strict=True):
        article = _publication_date(gold_article, texts[gold_article.article_id], result.warnings)
        system_started = time.perf_counter()
        error: str | None = None
        try:
            output = system(article)
            if not isinstance(output, list) or not all(isinstance(e, Event) for e in output):
                raise TypeError(f"system returned {type(output).__name__}, not a list of Event")
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            result.failures.append(ArticleFailure(article.id, error))
            if not keep_going:
                exc.add_note(f"hadath eval: the system raised on article {article.id}")
                raise
            output = []
        finally:
            result.system_seconds += time.perf_counter() - system_started

        score = score_article(article.id, article.text, gold_events, output)
        score.diagnostics.error = error
        result.n_articles += 1
        result.n_gold_events += len(gold_events)
        result.n_system_events += len(output)
        result.events.add(score.events)
        for name in FIELDS:
            result.fields[name].add(score.fields[name])
        result.country.correct += score.country.correct
        result.country.total += score.country.total
        result.n_span_errors += len(score.diagnostics.span_errors)
        result.articles.append(score.diagnostics)
        meter.step()
    result.wall_seconds = time.perf_counter() - started
    meter.finish()
    return result
