"""The event store: flattening, the upsert rule, both backends' SQL on DuckDB, clear errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hadath.subscribers import store as store_module
from hadath.subscribers.store import (
    EVENT_COLUMN_NAMES,
    DuckDBStore,
    EventFilter,
    StoreConfigError,
    StoreUnavailableError,
    event_row,
    latest_versions,
    open_store,
    redact_url,
    utc_now,
)
from schemas import Article, Event

# A short sentence written for these tests (not from a news article).
TEXT = "قالت وزارة الدفاع إن طائرات حربية قصفت مواقع في مدينة حلب أمس، ما أدى إلى مقتل ثلاثة مسلحين."


def span(words: str, text: str = TEXT) -> dict[str, Any]:
    """A span dict for the first occurrence of ``words`` in ``text``."""
    start = text.index(words)
    return {"text": words, "start": start, "end": start + len(words)}


def make_event(event_id: str = "ev-1", article_ids: tuple[str, ...] = ("a1",), **fields: Any) -> Event:
    """A valid Event over :data:`TEXT` (fields override the defaults)."""
    record: dict[str, Any] = {
        "event_id": event_id, "fingerprint": "fp-" + event_id, "article_ids": list(article_ids),
        "outlets": [f"outlet-{a}" for a in article_ids], "corroboration": len(article_ids),
        "event_type": "ASSAULT", "mode": "aerial", "cameo": "195", "quad_class": 4,
        "trigger": span("قصفت"), "evidence": {"text": TEXT, "start": 0, "end": len(TEXT)},
        "actor": span("طائرات حربية") | {"name": "Air force (unspecified)", "kind": "military", "country": None},
        "target": span("مسلحين") | {"name": "Militants (unspecified)", "kind": "armed_group", "country": "SYR"},
        "location": span("مدينة حلب") | {"name": "Aleppo", "country": "SYR", "admin1": "SY-HL",
                                         "geonames_id": 170063, "lat": 36.2, "lon": 37.16, "precision": "city"},
        "date": span("أمس") | {"value": "2021-02-26", "precision": "day"},
        "killed": 3, "injured": None, "modality": "claimed",
        "source": span("وزارة الدفاع") | {"name": "Ministry of Defence", "kind": "government", "country": None},
        "confidence": 0.8, "extractor": "test",
    }  # fmt: skip
    return Event.model_validate(record | fields)


def pair(event: Event) -> tuple[Event, str]:
    """(record, raw JSON) as the sink hands them to the store."""
    return event, event.model_dump_json()


def test_event_row_flattens_the_main_fields() -> None:
    event = make_event()
    now = utc_now()
    row = dict(zip(EVENT_COLUMN_NAMES, event_row(event, event.model_dump_json(), now), strict=True))
    assert row["event_id"] == "ev-1"
    assert (row["actor_name"], row["actor_kind"], row["actor_text"]) == ("Air force (unspecified)", "military",
                                                                         "طائرات حربية")
    assert (row["target_country"], row["location_name"], row["location_admin1"]) == ("SYR", "Aleppo", "SY-HL")
    assert (row["location_lat"], row["location_lon"], row["location_precision"]) == (36.2, 37.16, "city")
    assert (row["event_date"], row["date_precision"], row["killed"], row["injured"]) == ("2021-02-26", "day", 3, None)
    assert row["trigger_text"] == TEXT[row["trigger_start"]:row["trigger_end"]] == "قصفت"
    assert (row["source_name"], row["first_article_id"], row["n_articles"]) == ("Ministry of Defence", "a1", 1)
    assert row["first_seen_at"] == row["updated_at"] == now
    assert json.loads(row["raw"])["event_id"] == "ev-1"


def test_an_event_without_actor_or_place_flattens_to_nulls() -> None:
    row = dict(zip(EVENT_COLUMN_NAMES, event_row(make_event(actor=None, location=None), "{}", utc_now()),
                   strict=True))
    assert row["actor_name"] is None and row["actor_country"] is None
    assert row["location_lat"] is None and row["location_name"] is None


def test_latest_versions_keeps_the_last_record_with_the_most_articles() -> None:
    one, two, two_again = make_event(), make_event(article_ids=("a1", "a2")), make_event(article_ids=("a1", "a3"))
    other = make_event("ev-2")
    kept = latest_versions([pair(one), pair(other), pair(two), pair(one), pair(two_again)])
    assert [e.event_id for e, _ in kept] == ["ev-1", "ev-2"]
    assert kept[0][0].article_ids == ["a1", "a3"]


@pytest.fixture
def duck(tmp_path: Path) -> Iterator[DuckDBStore]:
    store = open_store(str(tmp_path / "events.duckdb"))
    assert isinstance(store, DuckDBStore)
    yield store
    store.close()


def test_a_republished_event_updates_its_row_and_keeps_every_article_id(duck: DuckDBStore) -> None:
    duck.write([pair(make_event())], [Article(id="a1", text=TEXT, source="x", published_at="2021-02-26")])
    merged = make_event(article_ids=("a1", "a2"), killed=4)
    duck.write([pair(merged)])
    duck.write([pair(merged)])  # exact replay
    duck.write([pair(make_event())])  # an older version replayed after a crash: ignored
    assert duck.counts() == {"events": 1, "event_articles": 2, "articles": 1}
    (row,) = duck.list_events()
    assert (row["n_articles"], row["corroboration"], row["killed"]) == (2, 2, 4)
    stored = duck.get_event("ev-1")
    assert stored is not None
    assert stored["event"]["article_ids"] == ["a1", "a2"]
    assert sorted(stored["linked_article_ids"]) == ["a1", "a2"]
    assert stored["first_seen_at"] <= stored["updated_at"]


def test_one_batch_with_the_same_event_twice_writes_one_row(duck: DuckDBStore) -> None:
    rows = duck.write([pair(make_event()), pair(make_event(article_ids=("a1", "a2"))), pair(make_event("ev-2"))])
    assert [r["event_id"] for r in rows] == ["ev-1", "ev-2"]
    assert duck.counts()["events"] == 2
    assert duck.counts()["event_articles"] == 3


def test_articles_are_upserted_and_read_back(duck: DuckDBStore) -> None:
    duck.write([], [Article(id="a1", text="نص أول", title="t1")])
    duck.write([], [Article(id="a1", text=TEXT, title="t2", url="https://example.org/a1",
                            published_at="2021-02-26T10:00:00+02:00")])
    article = duck.get_article("a1")
    assert article is not None
    assert (article["text"], article["title"], article["url"]) == (TEXT, "t2", "https://example.org/a1")
    assert article["published_at"] == "2021-02-26T08:00:00"  # stored in UTC
    assert duck.get_article("nope") is None
    assert duck.get_event("nope") is None


def test_filters_match_type_country_date_and_actor(duck: DuckDBStore) -> None:
    duck.write([pair(make_event()),
                pair(make_event("ev-2", event_type="PROTEST", mode="demo", cameo="141", quad_class=3, location=None,
                                target=None, date={"value": "2021-03-05", "precision": "day"})),
                pair(make_event("ev-3", date={"value": None, "precision": "publication"}, article_ids=("a3",)))],
               [Article(id="a3", text=TEXT, published_at="2021-01-02")])

    def ids(**kwargs: str) -> list[str]:
        return sorted(r["event_id"] for r in duck.list_events(EventFilter(**kwargs)))

    assert ids(event_type="PROTEST") == ["ev-2"]
    assert ids(country="SYR") == ["ev-1", "ev-3"]
    assert ids(date_from="2021-03-01") == ["ev-2"]
    assert ids(date_to="2021-02-27") == ["ev-1", "ev-3"]  # ev-3: its article's publication date
    assert ids(actor="AIR FORCE") == ["ev-1", "ev-2", "ev-3"]
    assert ids(actor="مسلحين") == ["ev-1", "ev-3"]
    by_id = {r["event_id"]: r for r in duck.list_events()}
    assert by_id["ev-3"]["published_date"] == "2021-01-02"
    assert "raw" not in by_id["ev-1"]


def test_iter_events_pages_through_everything(duck: DuckDBStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "READ_CHUNK", 3)
    duck.write([pair(make_event(f"ev-{i:02d}")) for i in range(10)])
    items = list(duck.iter_events())
    assert sorted(i["event"]["event_id"] for i in items) == [f"ev-{i:02d}" for i in range(10)]


def test_the_store_survives_a_reopen(tmp_path: Path) -> None:
    path = str(tmp_path / "events.duckdb")
    with open_store(path) as store:
        store.write([pair(make_event())])
    with open_store(path) as store:
        assert store.counts()["events"] == 1


def test_bad_addresses_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreConfigError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "events.duckdb"))
    with pytest.raises(StoreConfigError, match="unknown store address"):
        open_store("mysql://somewhere/db")


def test_an_unreachable_postgres_is_a_clear_retryable_error() -> None:
    from tests.integration.postgres import free_port

    url = f"postgresql://hadath:secret@127.0.0.1:{free_port()}/events"
    with pytest.raises(StoreUnavailableError) as caught:
        open_store(url)
    message = str(caught.value)
    assert message.startswith("cannot reach the database at postgresql://hadath:***@127.0.0.1:")
    assert "secret" not in message


def test_redact_url_hides_only_the_password() -> None:
    assert redact_url("postgresql://u:pw@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert redact_url("postgresql://u@h/db") == "postgresql://u@h/db"
