"""Evaluation behind ``hadath eval``: the hand-annotated gold and the external GSR.

``evaluate_gold`` scores event detection and arguments exactly as ``shared/gold/GUIDELINES.md``
("Scoring") defines them; ``evaluate_gsr`` scores event-type detection on the Arabic event GSR as
its README prescribes. ``format_table`` / ``format_diagnostics`` / ``to_json`` present either
result.
"""

from hadath.evaluate.gold import (
    FIELDS,
    Counts,
    GoldDataError,
    GoldResult,
    evaluate_gold,
    normalize_for_scoring,
    string_matches,
)
from hadath.evaluate.gsr import GsrResult, evaluate_gsr
from hadath.evaluate.report import format_diagnostics, format_gsr_table, format_table, gsr_to_json, to_json

__all__ = [
    "FIELDS",
    "Counts",
    "GoldDataError",
    "GoldResult",
    "GsrResult",
    "evaluate_gold",
    "evaluate_gsr",
    "format_diagnostics",
    "format_gsr_table",
    "format_table",
    "gsr_to_json",
    "normalize_for_scoring",
    "string_matches",
    "to_json",
]
