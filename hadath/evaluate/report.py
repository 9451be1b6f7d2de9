"""Text tables and JSON for evaluation results (what ``hadath eval`` prints or writes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from hadath.evaluate.gold import FIELDS, Counts, GoldResult
from hadath.evaluate.gsr import GsrResult


def _align(rows: Sequence[Sequence[str]]) -> list[str]:
    # First column left-aligned (names), the rest right-aligned (numbers).
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


def _counts_row(name: str, counts: Counts) -> list[str]:
    return [
        name,
        str(counts.tp),
        str(counts.fp),
        str(counts.fn),
        f"{counts.precision:.3f}",
        f"{counts.recall:.3f}",
        f"{counts.f1:.3f}",
    ]


def _format_gold(result: GoldResult) -> str:
    rows = [["field", "tp", "fp", "fn", "P", "R", "F1"], _counts_row("events", result.events)]
    rows += [_counts_row(name, result.fields[name]) for name in FIELDS]
    lines = [
        f"gold: {result.gold_path}",
        f"articles: {result.n_articles}  gold events: {result.n_gold_events}  "
        f"system events: {result.n_system_events}",
        "",
        *_align(rows),
        "",
        f"location_country accuracy on matched events: {result.country_accuracy:.3f} "
        f"({result.country.correct}/{result.country.total})",
        f"time: {result.wall_seconds:.2f} s wall ({result.system_seconds:.2f} s in the system), "
        f"{result.articles_per_second:.1f} articles/s",
    ]
    if result.failures:
        lines.append(f"system failed on {len(result.failures)} article(s), scored as finding nothing:")
        lines += [f"  {failure.article_id}: {failure.error}" for failure in result.failures]
    if result.n_span_errors:
        lines.append(f"system evidence spans with wrong offsets: {result.n_span_errors} (see --verbose)")
    lines += [f"warning: {warning}" for warning in result.warnings]
    return "\n".join(lines)


def _ci(value: float, low: float, high: float) -> str:
    return f"{value:.3f} [{low:.3f}-{high:.3f}]"


def _format_gsr(result: GsrResult) -> str:
    rows = [["type", "variant", "records", "dups", "gold+", "tp", "fp", "fn", "P [95% CI]", "R [95% CI]",
             "F1 [95% CI]"]]  # fmt: skip
    for score in result.scores:
        counts = score.counts
        rows.append(
            [
                score.event_type,
                score.variant,
                str(score.n_records),
                str(score.n_duplicates),
                str(score.n_positive),
                str(counts.tp),
                str(counts.fp),
                str(counts.fn),
                _ci(counts.precision, score.precision_ci.low, score.precision_ci.high),
                _ci(counts.recall, score.recall_ci.low, score.recall_ci.high),
                _ci(counts.f1, score.f1_ci.low, score.f1_ci.high),
            ]
        )
    lines = [
        f"gsr: {result.path}  (main: yes vs easy+difficult no; strict: yes vs easy no; "
        f"deduplicated by text_hash; bootstrap {result.resamples} resamples, seed {result.seed})",
        "",
        *_align(rows),
        "",
        f"time: {result.wall_seconds:.2f} s wall ({result.system_seconds:.2f} s in the system), "
        f"{result.n_records_run} records, {result.records_per_second:.1f} records/s",
    ]
    if result.failures:
        lines.append(f"system failed on {len(result.failures)} record(s), predicted negative:")
        lines += [f"  {failure.article_id}: {failure.error}" for failure in result.failures]
    return "\n".join(lines)


def format_table(result: GoldResult | GsrResult, *, verbose: bool = False) -> str:
    """An aligned text table of a gold result (field, tp, fp, fn, P, R, F1) or a GSR result.

    With ``verbose`` the per-article (or per-record) diagnostics follow the table.
    """
    table = _format_gold(result) if isinstance(result, GoldResult) else _format_gsr(result)
    if verbose:
        details = format_diagnostics(result)
        if details:
            table += "\n\n" + details
    return table


def format_gsr_table(result: GsrResult, *, verbose: bool = False) -> str:
    """The GSR table (same as :func:`format_table`, named for callers that keep the two apart)."""
    return format_table(result, verbose=verbose)


def format_diagnostics(result: GoldResult | GsrResult) -> str:
    """Per-article misses, spurious events and argument mismatches (``--verbose``)."""
    lines: list[str] = []
    if isinstance(result, GsrResult):
        for error in result.errors:
            lines.append(f"{error.kind} {error.event_type} ({error.label}) {error.record_id}: {error.text}")
        return "\n".join(lines)
    for article in result.articles:
        if not (
            article.missed or article.spurious or article.mismatches or article.span_errors or article.error
        ):
            continue
        lines.append(
            f"== {article.article_id}: gold {article.n_gold}, system {article.n_system}, "
            f"matched {article.n_matched}"
        )
        if article.error:
            lines.append(f"  system error: {article.error}")
        lines += [f"  span error: {message}" for message in article.span_errors]
        lines += [f"  missed   {e.event_type} @{e.start}: [{e.trigger}] {e.evidence}" for e in article.missed]
        lines += [
            f"  spurious {e.event_type} @{e.start}: [{e.trigger}] {e.evidence}" for e in article.spurious
        ]
        for mismatch in article.mismatches:
            gold = list(mismatch.gold) if isinstance(mismatch.gold, tuple) else mismatch.gold
            lines.append(
                f"  {mismatch.field:<16} {mismatch.event_type} @{mismatch.evidence_start}: "
                f"system {mismatch.system!r}, gold {gold!r}"
            )
    return "\n".join(lines)


def _scores(counts: Counts) -> dict[str, float | int]:
    return {
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }


def to_json(result: GoldResult | GsrResult, *, diagnostics: bool = True) -> dict[str, Any]:
    """A JSON-serializable dict of a result (with per-article/record diagnostics unless disabled)."""
    if isinstance(result, GsrResult):
        payload: dict[str, Any] = {
            "kind": "gsr",
            "path": result.path,
            "records_run": result.n_records_run,
            "resamples": result.resamples,
            "seed": result.seed,
            "wall_seconds": result.wall_seconds,
            "system_seconds": result.system_seconds,
            "records_per_second": result.records_per_second,
            "scores": [
                {
                    "event_type": score.event_type,
                    "variant": score.variant,
                    "records": score.n_records,
                    "duplicates_dropped": score.n_duplicates,
                    "gold_positive": score.n_positive,
                    "tn": score.tn,
                    **_scores(score.counts),
                    "precision_ci": [score.precision_ci.low, score.precision_ci.high],
                    "recall_ci": [score.recall_ci.low, score.recall_ci.high],
                    "f1_ci": [score.f1_ci.low, score.f1_ci.high],
                }
                for score in result.scores
            ],
            "failures": [asdict(failure) for failure in result.failures],
        }
        if diagnostics:
            payload["errors"] = [asdict(error) for error in result.errors]
        return payload

    payload = {
        "kind": "gold",
        "path": result.gold_path,
        "articles": result.n_articles,
        "gold_events": result.n_gold_events,
        "system_events": result.n_system_events,
        "events": _scores(result.events),
        "fields": {name: _scores(result.fields[name]) for name in FIELDS},
        "location_country_accuracy": {
            "accuracy": result.country_accuracy,
            "correct": result.country.correct,
            "total": result.country.total,
        },
        "wall_seconds": result.wall_seconds,
        "system_seconds": result.system_seconds,
        "articles_per_second": result.articles_per_second,
        "failures": [asdict(failure) for failure in result.failures],
        "span_errors": result.n_span_errors,
        "warnings": list(result.warnings),
    }
    if diagnostics:
        # asdict turns the gold string tuples into lists, which json can write.
        payload["diagnostics"] = [asdict(article) for article in result.articles]
    return payload


def gsr_to_json(result: GsrResult, *, diagnostics: bool = True) -> dict[str, Any]:
    """The GSR result as JSON (same as :func:`to_json`)."""
    return to_json(result, diagnostics=diagnostics)
