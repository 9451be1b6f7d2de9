"""Cue words for roles and modality (data: ``hadath/data/cues.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from hadath.text.normalize import normalize
from hadath.text.phrases import PhraseIndex

CUES_PATH = Path(__file__).resolve().parents[1] / "data" / "cues.yaml"
CUE_LISTS = ("attribution", "attribution_after", "denial", "planned", "hypothetical", "target_markers", "agent_markers",
             "light_verbs", "occurrence", "occurrence_after", "temporal_governors", "background_heads",
             "topic_governors", "event_links", "patient_genitive", "charge_heads", "possibility", "meeting_references",
             "existing_deal", "accusation_heads", "circumstance_governors", "protest_movements",
             "recent_adverbs", "future_qualifiers", "duty_nouns", "passive_auxiliaries")


@dataclass(frozen=True)
class Cues:
    """One phrase index per cue list, and the event-type classes."""

    attribution: PhraseIndex[str]
    attribution_after: PhraseIndex[str]
    denial: PhraseIndex[str]
    planned: PhraseIndex[str]
    hypothetical: PhraseIndex[str]
    target_markers: PhraseIndex[str]
    agent_markers: PhraseIndex[str]
    light_verbs: PhraseIndex[str]
    occurrence: PhraseIndex[str]
    occurrence_after: PhraseIndex[str]
    temporal_governors: PhraseIndex[str]
    background_heads: PhraseIndex[str]
    topic_governors: PhraseIndex[str]
    event_links: PhraseIndex[str]
    patient_genitive: PhraseIndex[str]
    charge_heads: PhraseIndex[str]
    possibility: PhraseIndex[str]
    meeting_references: PhraseIndex[str]
    existing_deal: PhraseIndex[str]
    accusation_heads: PhraseIndex[str]
    circumstance_governors: PhraseIndex[str]
    protest_movements: PhraseIndex[str]
    recent_adverbs: PhraseIndex[str]
    future_qualifiers: PhraseIndex[str]
    duty_nouns: PhraseIndex[str]
    passive_auxiliaries: PhraseIndex[str]
    verbal_types: frozenset[str]
    dateline_types: frozenset[str]
    host_entries: frozenset[str] = frozenset()
    meeting_topic_entries: frozenset[str] = frozenset()
    other_event_markers: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def load_cues(path: Path = CUES_PATH) -> Cues:
    """Load and index the cue lists (cached)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [name for name in (*CUE_LISTS, "verbal_types", "dateline_types") if name not in data]
    if missing:
        raise ValueError(f"{path}: missing cue lists {missing}")
    indexes = {name: PhraseIndex((word, word) for word in data[name]) for name in CUE_LISTS}
    return Cues(**indexes, verbal_types=frozenset(data["verbal_types"]),
                dateline_types=frozenset(data["dateline_types"]),
                host_entries=frozenset(data.get("host_entries", ())),
                meeting_topic_entries=frozenset(data.get("meeting_topic_entries", ())),
                other_event_markers=tuple(normalize(w) for w in data.get("other_event_markers", ())))
