"""Cross-article merging: same incident → one event id; different incidents stay apart."""

from __future__ import annotations

from datetime import datetime

from hadath.resolve.merge import MergeState, merge_candidate, merge_key
from schemas import EventCandidate, Participant, Place, Span, When

TEXT = "قصفت طائرات التحالف مواقع الحوثيين في صعدة أمس"


def _candidate(article_id: str, outlet: str, *, place: str = "Saada", admin1: str = "YE-SD",
               day: str | None = "2015-08-01", index: int = 0, event_type: str = "ASSAULT") -> EventCandidate:
    return EventCandidate(
        article_id=article_id, outlet=outlet, published_at=datetime(2015, 8, 2), index=index,
        event_type=event_type, mode="aerial", cameo="195", quad_class=4,
        trigger=Span(text="قصفت", start=0, end=4), evidence=Span(text=TEXT, start=0, end=len(TEXT)),
        actor=Participant(text="طائرات التحالف", start=5, end=19, name="Saudi-led coalition", kind="military"),
        target=Participant(text="الحوثيين", start=26, end=34, name="Houthis", kind="armed_group", country="YEM"),
        location=Place(text="صعدة", start=38, end=42, name=place, country="YEM", admin1=admin1, precision="admin1"),
        date=When(text="أمس", start=43, end=46, value=day, precision="day") if day else When(),
        confidence=0.8, extractor="test",
    )


def test_reports_of_one_incident_from_several_outlets_become_one_event() -> None:
    state = MergeState({})
    first = merge_candidate(_candidate("a1", "aawsat"), state)
    second = merge_candidate(_candidate("a2", "alriyadh", day="2015-08-02"), state)  # within ±1 day
    third = merge_candidate(_candidate("a3", "aawsat"), state)  # same outlet again
    assert first.event_id == second.event_id == third.event_id
    assert third.article_ids == ["a1", "a2", "a3"]
    assert third.corroboration == 2


def test_other_place_or_distant_day_or_other_type_is_another_event() -> None:
    state = MergeState({})
    base = merge_candidate(_candidate("a1", "aawsat"), state)
    elsewhere = merge_candidate(_candidate("b1", "okaz", place="Taiz", admin1="YE-TA"), state)
    later = merge_candidate(_candidate("c1", "okaz", day="2015-08-05"), state)
    other_type = merge_candidate(_candidate("d1", "okaz", event_type="COERCE"), state)
    ids = {base.event_id, elsewhere.event_id, later.event_id, other_type.event_id}
    assert len(ids) == 4


def test_a_replayed_candidate_returns_the_identical_record() -> None:
    state = MergeState({})
    merge_candidate(_candidate("a1", "aawsat"), state)
    merged = merge_candidate(_candidate("a2", "okaz"), state)
    replay = merge_candidate(_candidate("a2", "okaz"), state)
    assert replay == merged


def test_two_events_of_one_article_never_merge_with_each_other() -> None:
    state = MergeState({})
    one = merge_candidate(_candidate("a1", "aawsat", index=0), state)
    two = merge_candidate(_candidate("a1", "aawsat", index=1).model_copy(
        update={"trigger": Span(text="مواقع", start=20, end=25)}), state)
    assert one.event_id != two.event_id


def test_events_without_place_or_parties_do_not_merge_across_articles() -> None:
    bare = _candidate("a1", "x").model_copy(update={"location": None, "target": None})
    assert merge_key(bare).startswith("article:")
    state = MergeState({})
    a = merge_candidate(bare, state)
    b = merge_candidate(bare.model_copy(update={"article_id": "a2"}), state)
    assert a.event_id != b.event_id


def test_state_values_stay_json_and_old_entries_leave_the_window() -> None:
    import json

    table: dict[str, dict] = {}
    state = MergeState(table, window_days=7)
    merge_candidate(_candidate("a1", "x", day="2015-08-01"), state)
    merge_candidate(_candidate("a2", "x", day="2015-08-20"), state)
    (value,) = table.values()
    json.dumps(value)
    assert [e["day"] for e in value["events"]] == ["2015-08-20"]


def test_reports_naming_different_doers_at_one_place_stay_apart() -> None:
    state = MergeState({})
    coalition = merge_candidate(_candidate("a1", "aawsat"), state)
    other = _candidate("b1", "okaz").model_copy(update={"actor": Participant(
        text="الحوثيين", start=0, end=8, name="Houthis", kind="armed_group", country="YEM")})
    houthis = merge_candidate(other, state)
    assert coalition.event_id != houthis.event_id
    unnamed = _candidate("c1", "alyaum").model_copy(update={"actor": None})
    assert merge_candidate(unnamed, state).event_id == coalition.event_id  # no name, no conflict
