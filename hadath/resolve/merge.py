"""Cross-article merging: one record per real-world event, however many outlets report it.

Candidates are grouped under a *merge key*: the event type and the place (admin1 level, or the
city, or the country), or, for an event without a place, the type with both canonical parties.
Within a key, a candidate joins a stored event when their dates are within ``tolerance_days``
and their doers don't disagree (an actor one report leaves unnamed is no conflict);
otherwise it starts a new one. The state is any mutable mapping of
JSON-able values (a Faust table in the worker, a dict in the embedded mode), and every update
is written back as a new value so that a changelog-backed table records it.
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import date

from schemas import Event, EventCandidate

# Without a place, or both parties, two reports can't be told apart from two incidents.
_ANONYMOUS_KEY_PREFIX = "article:"


@dataclass(frozen=True, slots=True)
class MergeState:
    """The merge table and how close two reports' dates must be to be one event."""

    table: MutableMapping[str, dict]
    tolerance_days: int = 1
    window_days: int = 7


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:16]


def merge_key(candidate: EventCandidate) -> str:
    """The key under which reports of the same event meet."""
    place = candidate.location
    place_key = None
    if place is not None:
        place_key = place.admin1 or (place.name if place.precision in {"city", "point"} else None)
        place_key = place_key or place.country
    if place_key is not None:
        return _digest(candidate.event_type, place_key)
    actor, target = _parties(candidate)
    if actor and target:
        return _digest(candidate.event_type, actor, target)
    return _ANONYMOUS_KEY_PREFIX + _digest(candidate.article_id, candidate.index)


def _parties(candidate: EventCandidate) -> tuple[str | None, str | None]:
    return (candidate.actor.name if candidate.actor else None, candidate.target.name if candidate.target else None)


def event_date(candidate: EventCandidate) -> date:
    """The event's day: its resolved date when known to the day, else the publication day."""
    if candidate.date.value and candidate.date.precision == "day":
        return date.fromisoformat(candidate.date.value)
    return candidate.published_at.date()


def new_event_id(candidate: EventCandidate) -> str:
    """A stable id: the same candidate gives the same id on every replay."""
    return "ev-" + _digest(candidate.article_id, candidate.event_type, candidate.evidence.start,
                           candidate.trigger.start)


def merge_candidate(candidate: EventCandidate, state: MergeState) -> Event:
    """Merge ``candidate`` into ``state`` and return the event record to publish.

    A candidate already merged (a replay after a crash) returns its event unchanged. Two
    candidates of one article never merge: telling an article's own mentions apart is
    the extract stage's job, and it already kept one candidate per event.
    """
    key = merge_key(candidate)
    candidate_id = new_event_id(candidate)
    entries: list[dict] = list(state.table.get(key, {}).get("events", []))
    for entry in entries:
        if candidate_id in entry["members"]:
            return Event.model_validate(_event_record(entry))
    day = event_date(candidate)
    entry = _find_entry(entries, candidate, day, state.tolerance_days)
    if entry is None:
        entry = _new_entry(candidate, key, day, candidate_id)
        entries.append(entry)
    else:
        entry["members"] = [*entry["members"], candidate_id]
        entry["article_ids"] = [*entry["article_ids"], candidate.article_id]
        if candidate.outlet and candidate.outlet not in entry["outlets"]:
            entry["outlets"] = [*entry["outlets"], candidate.outlet]
    newest = max(date.fromisoformat(e["day"]) for e in entries)
    state.table[key] = {"events": _recent(entries, newest, state.window_days)}
    return Event.model_validate(_event_record(entry))


def _find_entry(entries: list[dict], candidate: EventCandidate, day: date, tolerance_days: int) -> dict | None:
    for entry in entries:
        close = abs((date.fromisoformat(entry["day"]) - day).days) <= tolerance_days
        if close and candidate.article_id not in entry["article_ids"] and _parties_agree(entry, candidate):
            return entry
    return None


def _parties_agree(entry: dict, candidate: EventCandidate) -> bool:
    """Two named, different doers are two events. Targets are not compared: outlets describe
    the same victims differently ("رجال الأمن" / "المصلين") far more often than the same
    attacker."""
    stored = (entry["fields"].get("actor") or {}).get("name")
    actor = _parties(candidate)[0]
    return stored is None or actor is None or stored == actor


def _new_entry(candidate: EventCandidate, key: str, day: date, candidate_id: str) -> dict:
    fields = candidate.model_dump(mode="json", exclude={"schema_version", "article_id", "outlet",
                                                        "published_at", "index"})
    return {
        "day": day.isoformat(),
        "members": [candidate_id],
        "article_ids": [candidate.article_id],
        "outlets": [candidate.outlet] if candidate.outlet else [],
        "fields": fields | {"event_id": candidate_id, "fingerprint": key},
    }


def _event_record(entry: dict) -> dict:
    return entry["fields"] | {
        "article_ids": entry["article_ids"],
        "outlets": entry["outlets"],
        "corroboration": max(1, len(entry["outlets"])),
    }


def _recent(entries: list[dict], day: date, window_days: int) -> list[dict]:
    """Entries within the merge window before ``day`` (older ones can't merge anymore)."""
    return [e for e in entries if (day - date.fromisoformat(e["day"])).days <= window_days]
