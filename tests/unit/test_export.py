"""Exports (JSONL, CSV, Parquet, POLECAT, GDELT) and the web page's pure logic (evidence highlighting)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from hadath.cli import main as hadath_main
from hadath.subscribers.export import (
    GDELT_COLUMNS,
    POLECAT_COLUMNS,
    TABLE_COLUMN_NAMES,
    ExportError,
    ExportRecord,
    export,
    export_bytes,
    gdelt_row,
    global_event_id,
    load_input,
    polecat_row,
)
from hadath.subscribers.store import open_store
from hadath.subscribers.web import event_detail, event_spans, highlight_segments
from schemas import Article
from tests.unit.test_store import TEXT, make_event, pair


def _jsonl(tmp_path: Path, events: list) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text("".join(e.model_dump_json() + "\n" for e in events), encoding="utf-8")
    return path


def test_global_event_id_is_stable_numeric_and_fits_53_bits() -> None:
    assert global_event_id("ev-0b305cfc3f4eabfe") == global_event_id("ev-0b305cfc3f4eabfe")
    assert global_event_id("ev-1") != global_event_id("ev-2")
    assert 0 <= global_event_id("ev-1") < 2**53


def test_jsonl_input_collapses_republished_events(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [make_event(), make_event("ev-2"), make_event(article_ids=("a1", "a2"))])
    data = load_input(str(path))
    assert [r.event.event_id for r in data.records] == ["ev-1", "ev-2"]
    assert data.records[0].event.article_ids == ["a1", "a2"]


def test_a_bad_jsonl_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(make_event().model_dump_json() + "\n{\"event_id\": 1}\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"bad.jsonl:2: not an Event record"):
        load_input(str(path))


def test_gdelt_row_maps_our_fields() -> None:
    record = ExportRecord(make_event(article_ids=("a1", "a2"), outlets=["x", "y"], corroboration=2), "{}",
                          first_seen_at=datetime(2021, 2, 27, 8, 30, 5))
    row = dict(zip(GDELT_COLUMNS, gdelt_row(record, {"a1": {"url": "https://example.org/a1"}}), strict=True))
    assert len(GDELT_COLUMNS) == 61
    assert row["GLOBALEVENTID"] == str(global_event_id("ev-1"))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20210226", "202102", "2021")
    assert row["FractionDate"] == f"{2021 + (2 * 30 + 26) / 365:.4f}"
    assert (row["Actor1Name"], row["Actor1Code"], row["Actor1Type1Code"]) == ("Air force (unspecified)", "MIL", "MIL")
    assert (row["Actor2Code"], row["Actor2CountryCode"], row["Actor2Type1Code"]) == ("SYRREB", "SYR", "REB")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == ("195", "195", "19", "4")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"], row["IsRootEvent"]) == ("2", "2", "2", "1")
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"]) == ("4", "Aleppo", "SY")
    assert (row["ActionGeo_ADM1Code"], row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("SY-HL", "36.2", "37.16")
    assert row["ActionGeo_FeatureID"] == "170063"
    assert (row["DATEADDED"], row["SOURCEURL"]) == ("20210227083005", "https://example.org/a1")
    assert row["GoldsteinScale"] == row["AvgTone"] == row["Actor1Geo_FullName"] == ""


def test_gdelt_country_precision_uses_the_fips_country_as_adm1_and_falls_back_to_the_article_id() -> None:
    place = {"text": "العراق", "start": 0, "end": 6, "name": "Iraq", "country": "IRQ", "lat": 33.0, "lon": 44.0,
             "precision": "country"}
    record = ExportRecord(make_event(location=place, date={"value": None, "precision": "publication"}), "{}")
    row = dict(zip(GDELT_COLUMNS, gdelt_row(record, {"a1": {"published_at": datetime(2021, 2, 27)}}), strict=True))
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == ("1", "IZ", "IZ")
    assert row["SQLDATE"] == "20210227"  # no date in the text: the article's publication date
    assert row["SOURCEURL"] == "a1" and row["DATEADDED"] == ""
    bare = ExportRecord(make_event(location=None, actor=None, date={"value": "2021-02", "precision": "month"}), "{}")
    row = dict(zip(GDELT_COLUMNS, gdelt_row(bare, {}), strict=True))
    assert (row["ActionGeo_Type"], row["Actor1Code"], row["SQLDATE"]) == ("0", "", "20210201")


def test_polecat_row_has_plover_fields() -> None:
    record = ExportRecord(make_event(), "{}")
    row = dict(zip(POLECAT_COLUMNS, polecat_row(record, {"a1": {"published_at": "2021-02-27T00:00:00"}}),
                   strict=True))
    assert (row["Event ID"], row["Event Type"], row["Event Mode"], row["Quad Code"]) == ("ev-1", "ASSAULT", "aerial",
                                                                                          "4")
    assert (row["Event Date"], row["Publication Date"]) == ("2021-02-26", "2021-02-27")
    assert (row["Actor Name"], row["Primary Actor Sector"], row["Actor Name Raw"]) == ("Air force (unspecified)",
                                                                                       "MIL", "طائرات حربية")
    assert (row["Recipient Name"], row["Recipient Country"]) == ("Militants (unspecified)", "SYR")
    assert (row["Placename"], row["City"], row["Province"], row["Country"]) == ("Aleppo", "Aleppo", "SY-HL", "SYR")
    assert (row["Latitude"], row["GeoNames ID"], row["Language"], row["Contexts"]) == ("36.2", "170063", "ar", "")


def test_every_format_from_jsonl(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [make_event(), make_event("ev-2", actor=None, killed=None)])
    data = load_input(str(path))
    lines = export_bytes(data, "jsonl").decode().splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == ["ev-1", "ev-2"]
    rows = list(csv.DictReader(io.StringIO(export_bytes(data, "csv").decode())))
    assert tuple(rows[0]) == TABLE_COLUMN_NAMES
    assert (rows[0]["trigger_text"], rows[0]["article_ids"], rows[1]["actor_name"]) == ("قصفت", "a1", "")
    for fmt, columns in (("gdelt", GDELT_COLUMNS), ("polecat", POLECAT_COLUMNS)):
        table = list(csv.reader(io.StringIO(export_bytes(data, fmt).decode()), delimiter="\t"))
        assert tuple(table[0]) == columns and len(table) == 3 and all(len(r) == len(columns) for r in table)

    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert export(str(path), "parquet", str(out)) == 2
    table = pq.read_table(out)
    assert table.column_names == list(TABLE_COLUMN_NAMES)
    assert table.column("article_ids").to_pylist() == [["a1"], ["a1"]]
    assert table.column("location_lat").to_pylist() == [36.2, 36.2]


def test_export_from_the_store_uses_article_metadata(tmp_path: Path) -> None:
    db = str(tmp_path / "events.duckdb")
    with open_store(db) as store:
        store.write([pair(make_event(date={"value": None, "precision": "publication"}))],
                    [Article(id="a1", text=TEXT, url="https://example.org/a1", published_at="2021-02-27")])
    out = tmp_path / "gdelt.tsv"
    assert export(db, "gdelt", str(out)) == 1
    header, row = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t"))
    values = dict(zip(header, row, strict=True))
    assert (values["SQLDATE"], values["SOURCEURL"]) == ("20210227", "https://example.org/a1")
    assert len(values["DATEADDED"]) == 14


def test_cli_export_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert hadath_main(["export", "--from", str(tmp_path / "nothing.duckdb"), "--format", "csv"]) == 1
    assert "no such store file" in capsys.readouterr().err
    path = _jsonl(tmp_path, [make_event()])
    assert hadath_main(["export", "--from", str(path), "--format", "polecat", "--out", str(tmp_path / "p.tsv")]) == 0
    assert "exported 1 event(s)" in capsys.readouterr().err


# --- the web page's evidence view --------------------------------------------------------------


def test_highlight_segments_cut_at_every_edge_and_rejoin() -> None:
    text = "abcdefghij"
    pieces = highlight_segments(text, [("evidence", 0, 10), ("trigger", 2, 4), ("actor", 3, 6)])
    assert "".join(p["text"] for p in pieces) == text
    assert [(p["text"], p["roles"]) for p in pieces] == [
        ("ab", ["evidence"]), ("c", ["evidence", "trigger"]), ("d", ["evidence", "actor", "trigger"]),
        ("ef", ["evidence", "actor"]), ("ghij", ["evidence"])]
    trigger = "".join(p["text"] for p in pieces if "trigger" in p["roles"])
    assert trigger == text[2:4]


def test_highlight_segments_with_a_base_offset_clip_outside_spans() -> None:
    pieces = highlight_segments("cdef", [("trigger", 3, 5), ("actor", 0, 3)], base=2)
    assert [(p["text"], p["start"], p["roles"]) for p in pieces] == [("c", 2, ["actor"]), ("de", 3, ["trigger"]),
                                                                     ("f", 5, [])]


def test_event_detail_highlights_the_article_or_falls_back_to_the_evidence() -> None:
    event = make_event().model_dump(mode="json")
    stored = {"event": event, "linked_article_ids": ["a1"], "first_seen_at": None, "updated_at": None}
    detail = event_detail(stored, {"article_id": "a1", "text": TEXT, "title": None})
    assert detail["text_origin"] == "article" and all(s["ok"] for s in detail["spans"])
    assert "".join(p["text"] for p in detail["segments"] if "trigger" in p["roles"]) == "قصفت"
    assert "".join(p["text"] for p in detail["segments"] if "location" in p["roles"]) == "مدينة حلب"
    fallback = event_detail(stored, None)
    assert fallback["text_origin"] == "evidence" and fallback["article"] is None
    assert "".join(p["text"] for p in fallback["segments"] if "actor" in p["roles"]) == "طائرات حربية"
    wrong = event_spans(event, "x" * len(TEXT))
    assert not any(s["ok"] for s in wrong)


def test_every_column_is_documented() -> None:
    from hadath.subscribers.store import ARTICLE_COLUMNS, EVENT_ARTICLE_COLUMNS, EVENT_COLUMNS

    docs = (Path(__file__).resolve().parents[2] / "docs" / "subscribers.md").read_text(encoding="utf-8")
    names = [c.name for c in (*EVENT_COLUMNS, *EVENT_ARTICLE_COLUMNS, *ARTICLE_COLUMNS)]
    missing = [n for n in (*names, *GDELT_COLUMNS, *POLECAT_COLUMNS) if f"`{n}`" not in docs]
    assert not missing, f"not in docs/subscribers.md: {missing}"
