"""The event store: one row per ``event_id``, upserted, in DuckDB (a file) or PostgreSQL.

Tables (every column is documented in ``docs/subscribers.md``):

- ``events``: one row per event id, the main fields flattened, plus the raw Event JSON;
- ``event_articles``: ``(event_id, article_id)``, every article ever seen reporting the event;
- ``articles``: the articles' texts and metadata (for the evidence view and ``SOURCEURL``).

A re-published event (a merge, or an exact replay) updates its row in place. A record that
carries fewer article ids than the stored row is older than it and leaves the row alone, so a
replay after a crash can't move an event backwards. Each :meth:`EventStore.write` is one
transaction: the sink commits its Kafka offsets only after it returns.

The store is synchronous and thread-safe: the sink writes from one worker thread while the
web page reads through a second connection.
"""

from __future__ import annotations

import contextlib
import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

from schemas import Article, Event

DEFAULT_DUCKDB_PATH = "hadath-events.duckdb"
READ_CHUNK = 1000


class StoreError(RuntimeError):
    """Something went wrong with the event store."""


class StoreUnavailableError(StoreError):
    """The database can't be reached or refused the write; trying again later may work."""


class StoreConfigError(StoreError):
    """The store's address is wrong (no such directory, unknown scheme): retrying won't help."""


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its name, a portable SQL type and what it holds."""

    name: str
    kind: str  # TEXT, INTEGER, BIGINT, DOUBLE, TIMESTAMP, JSON
    doc: str


EVENT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "TEXT", "stable event id (primary key)"),
    Column("event_type", "TEXT", "PLOVER event type"),
    Column("mode", "TEXT", "PLOVER mode"),
    Column("cameo", "TEXT", "CAMEO event code"),
    Column("quad_class", "INTEGER", "CAMEO quad class 1-4"),
    Column("modality", "TEXT", "asserted, claimed, denied, planned or hypothetical"),
    Column("confidence", "DOUBLE", "extractor confidence 0-1"),
    Column("corroboration", "INTEGER", "distinct outlets reporting the event"),
    Column("n_articles", "INTEGER", "number of article ids in the stored record"),
    Column("first_article_id", "TEXT", "article_ids[0]: the article the spans point into"),
    Column("outlets", "TEXT", "outlets, joined with ';'"),
    Column("actor_name", "TEXT", "actor canonical name"),
    Column("actor_country", "TEXT", "actor country, ISO 3166-1 alpha-3"),
    Column("actor_kind", "TEXT", "actor kind"),
    Column("actor_text", "TEXT", "actor words in the article"),
    Column("target_name", "TEXT", "target canonical name"),
    Column("target_country", "TEXT", "target country, ISO 3166-1 alpha-3"),
    Column("target_kind", "TEXT", "target kind"),
    Column("target_text", "TEXT", "target words in the article"),
    Column("source_name", "TEXT", "who the article attributes the statement to"),
    Column("source_country", "TEXT", "source country, ISO 3166-1 alpha-3"),
    Column("source_kind", "TEXT", "source kind"),
    Column("location_name", "TEXT", "place name"),
    Column("location_country", "TEXT", "place country, ISO 3166-1 alpha-3"),
    Column("location_admin1", "TEXT", "first-level division, ISO 3166-2 code or name"),
    Column("location_lat", "DOUBLE", "latitude (WGS84)"),
    Column("location_lon", "DOUBLE", "longitude (WGS84)"),
    Column("location_precision", "TEXT", "point, city, admin1, region or country"),
    Column("location_geonames_id", "BIGINT", "GeoNames id of the place"),
    Column("location_text", "TEXT", "place words in the article"),
    Column("event_date", "TEXT", "resolved date: YYYY-MM-DD, YYYY-MM or YYYY"),
    Column("date_precision", "TEXT", "day, month, year or publication"),
    Column("killed", "INTEGER", "number killed stated for the event"),
    Column("injured", "INTEGER", "number injured stated for the event"),
    Column("trigger_text", "TEXT", "the words expressing the event"),
    Column("trigger_start", "INTEGER", "trigger start offset (code points) in the first article"),
    Column("trigger_end", "INTEGER", "trigger end offset"),
    Column("evidence_text", "TEXT", "the sentence stating the event"),
    Column("evidence_start", "INTEGER", "evidence start offset"),
    Column("evidence_end", "INTEGER", "evidence end offset"),
    Column("fingerprint", "TEXT", "merge key of the resolve stage"),
    Column("extractor", "TEXT", "package and lexicon versions"),
    Column("schema_version", "INTEGER", "Event contract version"),
    Column("first_seen_at", "TIMESTAMP", "when the sink first stored the event (UTC)"),
    Column("updated_at", "TIMESTAMP", "when the sink last wrote the row (UTC)"),
    Column("raw", "JSON", "the Event record as published"),
)
EVENT_ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "TEXT", "event id"),
    Column("article_id", "TEXT", "an article reporting the event"),
    Column("added_at", "TIMESTAMP", "when the sink first saw the pair (UTC)"),
)
ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("article_id", "TEXT", "article id (primary key)"),
    Column("source", "TEXT", "outlet"),
    Column("url", "TEXT", "article URL"),
    Column("title", "TEXT", "title"),
    Column("published_at", "TIMESTAMP", "publication time (UTC)"),
    Column("language", "TEXT", "language tag"),
    Column("text", "TEXT", "raw article text; event offsets point into it"),
    Column("received_at", "TIMESTAMP", "when the sink last stored the article (UTC)"),
)
EVENT_COLUMN_NAMES = tuple(c.name for c in EVENT_COLUMNS)
SUMMARY_COLUMN_NAMES = tuple(n for n in EVENT_COLUMN_NAMES if n != "raw")
ARTICLE_COLUMN_NAMES = tuple(c.name for c in ARTICLE_COLUMNS)
_NOT_UPDATED = {"event_id", "first_seen_at"}


def utc_now() -> datetime:
    """The current UTC time without tzinfo (how the stores keep timestamps)."""
    return datetime.now(UTC).replace(tzinfo=None)


def naive_utc(value: datetime | None) -> datetime | None:
    """``value`` in UTC without tzinfo (naive values are taken as UTC already)."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def event_row(event: Event, raw: str, now: datetime) -> tuple[Any, ...]:
    """The ``events`` row of one record, in :data:`EVENT_COLUMNS` order."""
    actor, target, source, place = event.actor, event.target, event.source, event.location
    values: dict[str, Any] = {
        "event_id": event.event_id, "event_type": event.event_type, "mode": event.mode,
        "cameo": event.cameo, "quad_class": event.quad_class, "modality": event.modality,
        "confidence": event.confidence, "corroboration": event.corroboration,
        "n_articles": len(event.article_ids), "first_article_id": event.article_ids[0],
        "outlets": ";".join(event.outlets) or None,
        "actor_name": actor and actor.name, "actor_country": actor and actor.country,
        "actor_kind": actor and actor.kind, "actor_text": actor and actor.text,
        "target_name": target and target.name, "target_country": target and target.country,
        "target_kind": target and target.kind, "target_text": target and target.text,
        "source_name": source and source.name, "source_country": source and source.country,
        "source_kind": source and source.kind,
        "location_name": place and place.name, "location_country": place and place.country,
        "location_admin1": place and place.admin1, "location_lat": place and place.lat,
        "location_lon": place and place.lon, "location_precision": place and place.precision,
        "location_geonames_id": place and place.geonames_id, "location_text": place and place.text,
        "event_date": event.date.value, "date_precision": event.date.precision,
        "killed": event.killed, "injured": event.injured,
        "trigger_text": event.trigger.text, "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end, "evidence_text": event.evidence.text,
        "evidence_start": event.evidence.start, "evidence_end": event.evidence.end,
        "fingerprint": event.fingerprint, "extractor": event.extractor,
        "schema_version": event.schema_version, "first_seen_at": now, "updated_at": now, "raw": raw,
    }  # fmt: skip
    return tuple(values[name] for name in EVENT_COLUMN_NAMES)


def article_row(article: Article, now: datetime) -> tuple[Any, ...]:
    """The ``articles`` row of one Article, in :data:`ARTICLE_COLUMNS` order."""
    return (article.id, article.source, article.url, article.title, naive_utc(article.published_at),
            article.language, article.text, now)


def latest_versions(records: Sequence[tuple[Event, str]]) -> list[tuple[Event, str]]:
    """One record per event id, as applying them one by one with the store's rule would leave it.

    The rule: a record replaces the row unless it has fewer article ids. Applied in order, the
    survivor is the last record with the most article ids. Order: first appearance of each id.
    """
    best: dict[str, tuple[Event, str]] = {}
    for event, raw in records:
        kept = best.get(event.event_id)
        if kept is None or len(event.article_ids) >= len(kept[0].article_ids):
            best[event.event_id] = (event, raw)
    return list(best.values())


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters of the event list; ``None`` means any. Same rules as the web page's filters.

    ``country`` matches the location's, the actor's or the target's country; ``actor`` is a
    case-insensitive substring of the actor's or target's name or words; dates compare as
    ISO strings against ``event_date``, or the first article's publication date when the
    event has no date of its own.
    """

    event_type: str | None = None
    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for messages)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = (parts.username or "") + ":***"
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[-1]}"))


def is_postgres_url(target: str) -> bool:
    """True for ``postgresql://`` / ``postgres://`` addresses."""
    return target.startswith(("postgresql://", "postgres://"))


def open_store(target: str | None = None) -> EventStore:
    """The store at ``target``: a PostgreSQL URL, or a DuckDB file path (``duckdb:`` prefix optional).

    Raises :class:`StoreUnavailableError` when the database can't be reached (retry later) and
    :class:`StoreConfigError` when the address itself is wrong.
    """
    target = target or DEFAULT_DUCKDB_PATH
    if is_postgres_url(target):
        return PostgresStore(target)
    if "://" in target:
        raise StoreConfigError(f"unknown store address {target!r}: give a DuckDB file path or postgresql://…")
    return DuckDBStore(target.removeprefix("duckdb:"))


class EventStore(ABC):
    """Common SQL of both backends; subclasses bring the connection, types and bulk load."""

    dialect: str = ""
    placeholder: str = "?"
    types: ClassVar[dict[str, str]] = {}

    def __init__(self, address: str) -> None:
        self.address = address
        self._write_lock = threading.Lock()
        self._read_lock = threading.Lock()
        self._connect()
        self._create_tables()

    # --- backend hooks -------------------------------------------------------------------
    @abstractmethod
    def _connect(self) -> None:
        """Open the write and read connections (raises StoreUnavailableError)."""

    @abstractmethod
    def _write_cursor(self) -> Any:
        """A cursor of the write connection."""

    @abstractmethod
    def _read_cursor(self) -> Any:
        """A cursor of the read connection."""

    @abstractmethod
    def _transaction(self) -> contextlib.AbstractContextManager[Any]:
        """A transaction on the write connection; yields a cursor; maps driver errors."""

    @abstractmethod
    def _stage(self, cursor: Any, name: str, columns: Sequence[Column], rows: Sequence[tuple[Any, ...]]) -> str:
        """Load ``rows`` into a staging relation for this transaction; returns its name."""

    @abstractmethod
    def _unstage(self, cursor: Any, name: str) -> None:
        """Drop what :meth:`_stage` made."""

    @abstractmethod
    def close(self) -> None:
        """Close the connections."""

    # --- schema ----------------------------------------------------------------------------
    def ddl(self, table: str = "events") -> list[str]:
        """CREATE statements of the store's tables (``table`` renames ``events``, for benchmarks)."""
        def columns(cols: Sequence[Column]) -> str:
            return ", ".join(f"{c.name} {self.types[c.kind]}" for c in cols)

        return [
            f"CREATE TABLE IF NOT EXISTS {table} ({columns(EVENT_COLUMNS)}, PRIMARY KEY (event_id))",
            f"CREATE TABLE IF NOT EXISTS event_articles ({columns(EVENT_ARTICLE_COLUMNS)}, "
            "PRIMARY KEY (event_id, article_id))",
            f"CREATE TABLE IF NOT EXISTS articles ({columns(ARTICLE_COLUMNS)}, PRIMARY KEY (article_id))",
        ]

    def _create_tables(self) -> None:
        with self._write_lock, self._transaction() as cursor:
            for statement in self.ddl():
                cursor.execute(statement)

    def create_events_table(self, name: str) -> None:
        """Create an empty table with the ``events`` columns and key under another name (benchmarks)."""
        with self._write_lock, self._transaction() as cursor:
            cursor.execute(self.ddl(name)[0])

    def _sql(self, sql: str) -> str:
        return sql.replace("?", self.placeholder) if self.placeholder != "?" else sql

    # --- writes ----------------------------------------------------------------------------
    def write(self, events: Sequence[tuple[Event, str]], articles: Sequence[Article] = ()) -> list[dict[str, Any]]:
        """Upsert events (record, raw JSON) and articles in one transaction.

        Returns the summary rows (no ``raw``) of the events written, for live subscribers.
        """
        now = utc_now()
        latest = latest_versions(events)
        event_rows = [event_row(event, raw, now) for event, raw in latest]
        links = list(dict.fromkeys((e.event_id, a) for e, _ in events for a in e.article_ids))
        link_rows = [(event_id, article_id, now) for event_id, article_id in links]
        article_rows = list({a.id: article_row(a, now) for a in articles}.values())
        with self._write_lock, self._transaction() as cursor:
            if event_rows:
                self._merge_events(cursor, event_rows)
            if link_rows:
                self._insert_links(cursor, link_rows)
            if article_rows:
                updates = ", ".join(f"{n} = excluded.{n}" for n in ARTICLE_COLUMN_NAMES[1:])
                marks = ", ".join("?" * len(ARTICLE_COLUMN_NAMES))
                cursor.executemany(self._sql(f"INSERT INTO articles VALUES ({marks}) "
                                             f"ON CONFLICT (article_id) DO UPDATE SET {updates}"), article_rows)
        stamp = now.isoformat()
        summaries = [dict(zip(SUMMARY_COLUMN_NAMES, row, strict=False)) for row in event_rows]  # raw is last
        for summary in summaries:
            summary["updated_at"] = stamp
            del summary["first_seen_at"]  # the row keeps its own; a live update doesn't know it
        return summaries

    def _insert_links(self, cursor: Any, rows: Sequence[tuple[Any, ...]]) -> None:
        staged = self._stage(cursor, "_incoming_links", EVENT_ARTICLE_COLUMNS, rows)
        cursor.execute(f"INSERT INTO event_articles SELECT * FROM {staged} "
                       "ON CONFLICT (event_id, article_id) DO NOTHING")
        self._unstage(cursor, staged)

    def _merge_events(self, cursor: Any, rows: Sequence[tuple[Any, ...]], table: str = "events") -> None:
        staged = self._stage(cursor, "_incoming_events", EVENT_COLUMNS, rows)
        names = ", ".join(EVENT_COLUMN_NAMES)
        updates = ", ".join(f"{n} = excluded.{n}" for n in EVENT_COLUMN_NAMES if n not in _NOT_UPDATED)
        cursor.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {staged} "
                       f"ON CONFLICT (event_id) DO UPDATE SET {updates} "
                       f"WHERE excluded.n_articles >= {table}.n_articles")
        self._unstage(cursor, staged)

    def upsert_rows(self, rows: Sequence[tuple[Any, ...]], table: str = "events") -> None:
        """Upsert ready-made :func:`event_row` rows (unique ids) into ``table`` in one transaction."""
        with self._write_lock, self._transaction() as cursor:
            self._merge_events(cursor, rows, table)

    def create_links_table(self, name: str) -> None:
        """Create an empty table like ``event_articles`` under another name (benchmarks)."""
        columns = ", ".join(f"{c.name} {self.types[c.kind]}" for c in EVENT_ARTICLE_COLUMNS)
        with self._write_lock, self._transaction() as cursor:
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns}, PRIMARY KEY (event_id, article_id))")

    def executemany_insert(self, rows: Sequence[tuple[Any, ...]], table: str,
                           links: Sequence[tuple[Any, ...]] = (), links_table: str | None = None) -> None:
        """Plain ``INSERT … VALUES`` with ``executemany`` in one transaction (the benchmark baseline):
        event rows into ``table`` and, when given, link rows into ``links_table``."""
        marks = ", ".join("?" * len(EVENT_COLUMN_NAMES))
        with self._write_lock, self._transaction() as cursor:
            cursor.executemany(self._sql(f"INSERT INTO {table} VALUES ({marks})"), rows)
            if links and links_table:
                cursor.executemany(self._sql(f"INSERT INTO {links_table} VALUES (?, ?, ?)"), links)

    # --- reads -----------------------------------------------------------------------------
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._read_lock:
            cursor = self._read_cursor()
            try:
                cursor.execute(self._sql(sql), list(params))
                names = [d[0] for d in cursor.description]
                return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
            except StoreError:
                raise
            except Exception as error:  # driver errors: connection lost, file gone
                raise StoreUnavailableError(f"reading {self.address}: {error}") from error

    def list_events(self, filters: EventFilter | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        """Summary rows (no ``raw``), most recently updated first."""
        where, params = _where(filters or EventFilter())
        columns = ", ".join(f"e.{n}" for n in SUMMARY_COLUMN_NAMES)
        rows = self._query(f"SELECT {columns}, {_PUBLISHED_DATE} AS published_date "
                           f"FROM events e LEFT JOIN articles a ON a.article_id = e.first_article_id {where} "
                           f"ORDER BY e.updated_at DESC, e.event_id LIMIT {int(limit)}", params)
        return [{k: _jsonable(v) for k, v in row.items()} for row in rows]

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """The stored Event record (``event``), every article id linked to it, and its timestamps."""
        rows = self._query("SELECT raw, first_seen_at, updated_at FROM events WHERE event_id = ?", [event_id])
        if not rows:
            return None
        links = self._query("SELECT article_id FROM event_articles WHERE event_id = ? ORDER BY added_at, article_id",
                            [event_id])
        return {"event": _json_value(rows[0]["raw"]), "linked_article_ids": [r["article_id"] for r in links],
                "first_seen_at": _jsonable(rows[0]["first_seen_at"]), "updated_at": _jsonable(rows[0]["updated_at"])}

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """An ``articles`` row, or None."""
        rows = self._query(f"SELECT {', '.join(ARTICLE_COLUMN_NAMES)} FROM articles WHERE article_id = ?",
                           [article_id])
        return {k: _jsonable(v) for k, v in rows[0].items()} if rows else None

    def article_metadata(self) -> dict[str, dict[str, Any]]:
        """Every article's metadata (no text), by id: for exports."""
        rows = self._query("SELECT article_id, source, url, title, published_at FROM articles")
        return {row["article_id"]: row for row in rows}

    def iter_events(self) -> Iterator[dict[str, Any]]:
        """Every stored record with its store timestamps, oldest first: ``{"event", "first_seen_at", "updated_at"}``."""
        last: tuple[Any, str] | None = None
        while True:
            if last is None:
                rows = self._query(f"SELECT raw, first_seen_at, updated_at, event_id FROM events "
                                   f"ORDER BY first_seen_at, event_id LIMIT {READ_CHUNK}")
            else:
                rows = self._query(f"SELECT raw, first_seen_at, updated_at, event_id FROM events "
                                   f"WHERE first_seen_at > ? OR (first_seen_at = ? AND event_id > ?) "
                                   f"ORDER BY first_seen_at, event_id LIMIT {READ_CHUNK}", [last[0], last[0], last[1]])
            for row in rows:
                yield {"event": _json_value(row["raw"]), "first_seen_at": row["first_seen_at"],
                       "updated_at": row["updated_at"]}
            if len(rows) < READ_CHUNK:
                return
            last = (rows[-1]["first_seen_at"], rows[-1]["event_id"])

    def counts(self) -> dict[str, int]:
        """Row counts of the three tables."""
        out = {}
        for table in ("events", "event_articles", "articles"):
            out[table] = int(self._query(f"SELECT count(*) AS n FROM {table}")[0]["n"])
        return out

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_PUBLISHED_DATE = "substr(CAST(a.published_at AS VARCHAR), 1, 10)"


def _where(filters: EventFilter) -> tuple[str, list[Any]]:
    """WHERE clause over ``events e LEFT JOIN articles a`` (the first article)."""
    clauses: list[str] = []
    params: list[Any] = []
    shown_date = f"coalesce(e.event_date, {_PUBLISHED_DATE})"
    if filters.event_type:
        clauses.append("e.event_type = ?")
        params.append(filters.event_type)
    if filters.country:
        clauses.append("(e.location_country = ? OR e.actor_country = ? OR e.target_country = ?)")
        params += [filters.country] * 3
    if filters.date_from:
        clauses.append(f"{shown_date} >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append(f"{shown_date} <= ?")
        params.append(filters.date_to)
    if filters.actor:
        clauses.append("strpos(lower(concat_ws(' ', e.actor_name, e.actor_text, e.target_name, e.target_text)), ?) > 0")
        params.append(filters.actor.lower())
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _json_value(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


# --- DuckDB ---------------------------------------------------------------------------------


class DuckDBStore(EventStore):
    """The store in an embedded DuckDB file (one writing process at a time)."""

    dialect = "duckdb"
    types: ClassVar[dict[str, str]] = {
        "TEXT": "VARCHAR", "INTEGER": "INTEGER", "BIGINT": "BIGINT", "DOUBLE": "DOUBLE",
        "TIMESTAMP": "TIMESTAMP", "JSON": "JSON",
    }  # fmt: skip

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        if not self.path.parent.exists():
            raise StoreConfigError(f"cannot create {path}: directory {self.path.parent} does not exist")
        super().__init__(str(self.path))

    def _connect(self) -> None:
        import duckdb

        try:
            self._con = duckdb.connect(str(self.path))
        except duckdb.Error as error:
            raise StoreUnavailableError(f"cannot open the DuckDB file {self.path}: {error} "
                                        "(is another process, e.g. a running sink, holding it?)") from error
        self._reader = self._con.cursor()

    def _write_cursor(self) -> Any:
        return self._con

    def _read_cursor(self) -> Any:
        return self._reader

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        import duckdb

        con = self._con
        try:
            con.execute("BEGIN TRANSACTION")
            yield con
            con.execute("COMMIT")
        except duckdb.Error as error:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise StoreUnavailableError(f"writing {self.path}: {error}") from error
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise

    def _stage(self, cursor: Any, name: str, columns: Sequence[Column], rows: Sequence[tuple[Any, ...]]) -> str:
        import pyarrow as pa

        arrow_types = {"TEXT": pa.string(), "JSON": pa.string(), "INTEGER": pa.int64(), "BIGINT": pa.int64(),
                       "DOUBLE": pa.float64(), "TIMESTAMP": pa.timestamp("us")}  # fmt: skip
        arrays = [pa.array([row[i] for row in rows], type=arrow_types[col.kind]) for i, col in enumerate(columns)]
        table = pa.Table.from_arrays(arrays, names=[c.name for c in columns])
        cursor.register(name, table)
        return name

    def _unstage(self, cursor: Any, name: str) -> None:
        cursor.unregister(name)

    def close(self) -> None:
        """Close the DuckDB connections (releases the file lock)."""
        with self._write_lock, self._read_lock:
            with contextlib.suppress(Exception):
                self._reader.close()
            self._con.close()


# --- PostgreSQL -------------------------------------------------------------------------------


class PostgresStore(EventStore):
    """The store in a PostgreSQL database (several readers, e.g. analysts' tools, at once)."""

    dialect = "postgresql"
    placeholder = "%s"
    types: ClassVar[dict[str, str]] = {
        "TEXT": "TEXT", "INTEGER": "INTEGER", "BIGINT": "BIGINT", "DOUBLE": "DOUBLE PRECISION",
        "TIMESTAMP": "TIMESTAMP", "JSON": "JSONB",
    }  # fmt: skip
    connect_timeout_s = 5

    def __init__(self, url: str) -> None:
        self.url = url
        self._staging_tables: set[str] = set()  # temp tables made on the current write connection
        super().__init__(redact_url(url))

    def _connect(self) -> None:
        self._staging_tables = set()
        try:
            self._con = self._open()
            self._reader_con = self._open()
        except StoreUnavailableError:
            with contextlib.suppress(AttributeError):
                self._con.close()
            raise

    def _open(self) -> Any:
        import psycopg

        try:
            return psycopg.connect(self.url, connect_timeout=self.connect_timeout_s, autocommit=True)
        except psycopg.Error as error:
            raise StoreUnavailableError(f"cannot reach the database at {self.address}: {_first_line(error)}") from error

    def _ensure_writer(self) -> None:
        if self._con.closed or self._con.broken:
            with contextlib.suppress(Exception):
                self._con.close()
            self._staging_tables = set()
            self._con = self._open()

    def _ensure_reader(self) -> None:
        if self._reader_con.closed or self._reader_con.broken:
            with contextlib.suppress(Exception):
                self._reader_con.close()
            self._reader_con = self._open()

    def _write_cursor(self) -> Any:
        return self._con.cursor()

    def _read_cursor(self) -> Any:
        self._ensure_reader()
        return self._reader_con.cursor()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        import psycopg

        try:
            self._ensure_writer()
            with self._con.transaction(), self._con.cursor() as cursor:
                yield cursor
        except psycopg.Error as error:
            raise StoreUnavailableError(f"writing to {self.address}: {_first_line(error)}") from error

    def _create_tables(self) -> None:
        super()._create_tables()
        with self._write_lock, self._transaction() as cursor:
            for column in ("event_type", "location_country", "event_date", "updated_at"):
                cursor.execute(f"CREATE INDEX IF NOT EXISTS events_{column}_idx ON events ({column})")

    def _stage(self, cursor: Any, name: str, columns: Sequence[Column], rows: Sequence[tuple[Any, ...]]) -> str:
        # A temp table per connection, emptied by every commit (ON COMMIT DELETE ROWS).
        if name not in self._staging_tables:
            definition = ", ".join(f"{c.name} {self.types[c.kind]}" for c in columns)
            cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({definition}) ON COMMIT DELETE ROWS")
            self._staging_tables.add(name)
        with cursor.copy(f"COPY {name} ({', '.join(c.name for c in columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return name

    def _unstage(self, cursor: Any, name: str) -> None:
        """Nothing to do: the commit empties the staging table."""

    def _insert_links(self, cursor: Any, rows: Sequence[tuple[Any, ...]]) -> None:
        # One statement; every pair of a batch has the same added_at.
        cursor.execute("INSERT INTO event_articles SELECT e, a, %s::timestamp FROM unnest(%s::text[], %s::text[]) "
                       "AS pairs(e, a) ON CONFLICT (event_id, article_id) DO NOTHING",
                       [rows[0][2], [r[0] for r in rows], [r[1] for r in rows]])

    def close(self) -> None:
        """Close both connections."""
        with self._write_lock, self._read_lock:
            for con in (self._con, self._reader_con):
                with contextlib.suppress(Exception):
                    con.close()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
