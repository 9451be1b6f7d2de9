"""Event-type detection scored on the external Arabic event GSR (``shared/data/gsr/``).

Follows "How to score a system against it", part (a), of ``shared/data/gsr/README.md``: each
sentence is run alone; the prediction is positive when the system outputs an event of the type the
sentence was judged for; precision, recall and F1 of the positive class are reported per type with
percentile-bootstrap 95 % intervals. Accuracy is never reported: with 4-10 % positives an always-no
system would look excellent.

Two variants: **main** (``yes`` against both ``no`` labels, i.e. ``is_event`` not null) and
**strict** (``yes`` against ``easy no`` only). Records are deduplicated by ``text_hash`` within
each type, as the README asks.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from hadath.evaluate.gold import ArticleFailure, Counts, GoldDataError, ProgressMeter
from schemas.models import Article, Event

EVENT_TYPES: tuple[str, ...] = ("ASSAULT", "PROTEST")
VARIANTS: dict[str, frozenset[str]] = {
    "main": frozenset({"yes", "easy no", "difficult no"}),
    "strict": frozenset({"yes", "easy no"}),
}
"""Labels each variant scores; ``yes`` is the positive class in both."""


@dataclass(frozen=True, slots=True)
class Interval:
    """A two-sided confidence interval."""

    low: float
    high: float


@dataclass(frozen=True, slots=True)
class GsrRecord:
    """The fields of a GSR record the scorer needs."""

    id: str
    event_type: str
    text: str
    label: str
    is_event: bool
    text_hash: str
    doc_date: str | None


@dataclass(frozen=True, slots=True)
class GsrError:
    """A record the system got wrong, for ``--verbose``."""

    record_id: str
    event_type: str
    label: str
    kind: str  # "fp" or "fn"
    text: str


@dataclass(slots=True)
class BinaryScore:
    """Detection of one event type under one variant: counts, scores and bootstrap intervals."""

    event_type: str
    variant: str
    n_records: int
    n_duplicates: int
    counts: Counts
    tn: int
    precision_ci: Interval
    recall_ci: Interval
    f1_ci: Interval

    @property
    def n_positive(self) -> int:
        """Gold positives (``yes`` records) scored."""
        return self.counts.tp + self.counts.fn


@dataclass(slots=True)
class GsrResult:
    """Everything the GSR evaluation reports."""

    path: str
    scores: list[BinaryScore] = field(default_factory=list)
    n_records_run: int = 0
    failures: list[ArticleFailure] = field(default_factory=list)
    errors: list[GsrError] = field(default_factory=list)
    resamples: int = 1000
    seed: int = 0
    wall_seconds: float = 0.0
    system_seconds: float = 0.0

    @property
    def records_per_second(self) -> float:
        """Records run per second of wall time."""
        return self.n_records_run / self.wall_seconds if self.wall_seconds > 0 else 0.0

    def score(self, event_type: str, variant: str = "main") -> BinaryScore:
        """The score of one type under one variant."""
        for score in self.scores:
            if score.event_type == event_type and score.variant == variant:
                return score
        raise KeyError((event_type, variant))


def load_gsr(path: Path, *, limit: int | None = None) -> list[GsrRecord]:
    """Read the records with ``is_event`` not null (the first ``limit`` of them, in file order)."""
    records: list[GsrRecord] = []
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if limit is not None and len(records) >= limit:
                break
            if not line.strip():
                continue
            try:
                raw: dict[str, Any] = json.loads(line)
                if raw["is_event"] is None:
                    continue  # ambiguous: no agreed label, so neither positive nor negative
                records.append(
                    GsrRecord(
                        id=str(raw["id"]),
                        event_type=str(raw["event_type"]),
                        text=str(raw["text"]),
                        label=str(raw["label"]),
                        is_event=bool(raw["is_event"]),
                        text_hash=str(raw["text_hash"]),
                        doc_date=raw.get("doc_date"),
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise GoldDataError(f"{path}:{line_number}: not a GSR record ({exc!r})") from exc
    return records


def _select(records: Sequence[GsrRecord], event_type: str, variant: str) -> tuple[list[GsrRecord], int]:
    # Keep the first record (file order) of each text within the type, among the labels the
    # variant scores; duplicates never disagree yes-vs-no (README "Caveats"), so which one is kept
    # does not change the gold side.
    labels = VARIANTS[variant]
    kept: list[GsrRecord] = []
    seen: set[str] = set()
    duplicates = 0
    for record in records:
        if record.event_type != event_type or record.label not in labels:
            continue
        if record.text_hash in seen:
            duplicates += 1
            continue
        seen.add(record.text_hash)
        kept.append(record)
    return kept, duplicates


def _percentile(sorted_values: Sequence[float], fraction: float) -> float:
    # Linear interpolation between closest ranks, as numpy's default percentile.
    if not sorted_values:
        return 0.0
    position = fraction * (len(sorted_values) - 1)
    lower = int(position)
    upper = min(lower + 1, len(sorted_values) - 1)
    weight = position - lower
    return sorted_values[lower] * (1 - weight) + sorted_values[upper] * weight


def bootstrap_intervals(
    outcomes: Sequence[str], *, resamples: int, rng: random.Random, level: float = 0.95
) -> tuple[Interval, Interval, Interval]:
    """Percentile-bootstrap intervals of precision, recall and F1 over per-record outcomes.

    ``outcomes`` holds "tp", "fp", "fn" or "tn" per record; each resample draws as many records
    with replacement. Undefined scores in a resample (no predicted or no gold positive) count as
    0.0, the same convention as the point estimate.
    """
    if not outcomes:
        empty = Interval(0.0, 0.0)
        return empty, empty, empty
    precisions: list[float] = []
    recalls: list[float] = []
    f1s: list[float] = []
    n = len(outcomes)
    for _ in range(resamples):
        sample = rng.choices(outcomes, k=n)
        counts = Counts(tp=sample.count("tp"), fp=sample.count("fp"), fn=sample.count("fn"))
        precisions.append(counts.precision)
        recalls.append(counts.recall)
        f1s.append(counts.f1)
    tail = (1 - level) / 2
    intervals = []
    for values in (precisions, recalls, f1s):
        values.sort()
        intervals.append(Interval(_percentile(values, tail), _percentile(values, 1 - tail)))
    return intervals[0], intervals[1], intervals[2]


def evaluate_gsr(
    path: Path,
    system: Callable[[Article], list[Event]],
    *,
    progress: TextIO | None = sys.stderr,
    limit: int | None = None,
    keep_going: bool = False,
    resamples: int = 1000,
    seed: int = 0,
    progress_every: int = 200,
) -> GsrResult:
    """Run ``system`` on each labelled GSR sentence alone and score event-type detection.

    ``limit`` keeps only the first records with a label (for quick runs). A system that raises is
    re-raised with a note naming the record, unless ``keep_going``: then the failure is recorded
    and the record predicted negative.
    """
    records = load_gsr(path, limit=limit)
    selected = {
        (event_type, variant): _select(records, event_type, variant)
        for event_type in EVENT_TYPES
        for variant in VARIANTS
    }
    # Run each needed record once, even when it is scored in both variants.
    to_run: dict[str, GsrRecord] = {}
    for kept, _ in selected.values():
        for record in kept:
            to_run.setdefault(record.id, record)

    result = GsrResult(path=str(path), resamples=resamples, seed=seed)
    predicted: dict[str, bool] = {}
    meter = ProgressMeter("gsr", len(to_run), progress, progress_every)
    started = time.perf_counter()
    for record in to_run.values():
        article = Article(id=record.id, text=record.text, published_at=record.doc_date)
        system_started = time.perf_counter()
        try:
            output = system(article)
            if not isinstance(output, list) or not all(isinstance(e, Event) for e in output):
                raise TypeError(f"system returned {type(output).__name__}, not a list of Event")
            predicted[record.id] = any(event.event_type == record.event_type for event in output)
        except Exception as exc:
            result.failures.append(ArticleFailure(record.id, f"{type(exc).__name__}: {exc}"))
            if not keep_going:
                exc.add_note(f"hadath eval: the system raised on GSR record {record.id}")
                raise
            predicted[record.id] = False
        finally:
            result.system_seconds += time.perf_counter() - system_started
        meter.step()
    result.n_records_run = len(to_run)
    result.wall_seconds = time.perf_counter() - started
    meter.finish()

    wrong: dict[str, GsrError] = {}
    for (event_type, variant), (kept, duplicates) in selected.items():
        outcomes: list[str] = []
        for record in kept:
            hit = predicted[record.id]
            outcome = ("tp" if hit else "fn") if record.is_event else ("fp" if hit else "tn")
            outcomes.append(outcome)
            if outcome in ("fp", "fn"):
                wrong.setdefault(
                    record.id, GsrError(record.id, event_type, record.label, outcome, record.text)
                )
        counts = Counts(tp=outcomes.count("tp"), fp=outcomes.count("fp"), fn=outcomes.count("fn"))
        # One generator per (type, variant), seeded from its name, so each interval is reproducible
        # on its own and does not shift when another type or variant is added.
        rng = random.Random(f"{seed}:{event_type}:{variant}")
        precision_ci, recall_ci, f1_ci = bootstrap_intervals(outcomes, resamples=resamples, rng=rng)
        result.scores.append(
            BinaryScore(
                event_type=event_type,
                variant=variant,
                n_records=len(kept),
                n_duplicates=duplicates,
                counts=counts,
                tn=outcomes.count("tn"),
                precision_ci=precision_ci,
                recall_ci=recall_ci,
                f1_ci=f1_ci,
            )
        )
    result.errors = sorted(wrong.values(), key=lambda e: (e.event_type, e.kind, e.record_id))
    return result
