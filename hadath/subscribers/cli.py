"""Sub-commands ``hadath sink`` and ``hadath export`` (registered by :func:`add_subscriber_parsers`)."""

from __future__ import annotations

import argparse
import sys

from hadath.settings import Settings
from hadath.subscribers.store import DEFAULT_DUCKDB_PATH

DEFAULT_SINK_PORT = 6067


def _fail(message: str, code: int = 1) -> int:
    print(f"hadath: {message}", file=sys.stderr)
    return code


def cmd_sink(args: argparse.Namespace) -> int:
    """Consume events (and articles) into the store; optionally serve the live page."""
    from agents.kafka_io import BrokerUnavailableError
    from agents.sink import SinkConfig, run
    from hadath.subscribers.store import StoreConfigError

    settings = Settings.from_env()
    config = SinkConfig(
        db=args.db, events_topic=args.topic or settings.topic_events,
        articles_topic=None if args.no_articles else (args.articles_topic or settings.topic_raw),
        group_id=args.group or f"{settings.app_id}-sink", from_beginning=args.from_beginning,
        web=args.web, web_host=args.host or settings.web_host, web_port=args.port, tiles_url=args.tiles,
        batch_size=args.batch_size,
    )  # fmt: skip
    try:
        return run(settings, config)
    except StoreConfigError as error:
        return _fail(str(error), 2)
    except BrokerUnavailableError as error:
        return _fail(str(error) + " (start one with: hadath kafka start)")
    except OSError as error:  # the web port is taken
        return _fail(f"sink: {error}")


def cmd_export(args: argparse.Namespace) -> int:
    """Export the store or an Event JSONL file."""
    from hadath.subscribers.export import ExportError, export
    from hadath.subscribers.store import StoreError

    try:
        count = export(args.source, args.format, args.out)
    except (ExportError, StoreError) as error:
        return _fail(f"export: {error}")
    if args.out not in (None, "-"):
        print(f"exported {count} event(s) to {args.out}", file=sys.stderr)
    return 0


def add_subscriber_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``sink`` and ``export`` on the ``hadath`` sub-command parser."""
    sink = sub.add_parser(
        "sink", help="store events (upsert, one row per event id) in DuckDB or PostgreSQL; --web: live map",
        description="Consume the events topic (and the articles topic, for the evidence view) into a DuckDB "
        "file or a PostgreSQL database: one row per event id, updated when the event is re-published. "
        "Offsets are committed after each batch is stored; if the database is away the sink waits and "
        "retries. Column docs: docs/subscribers.md.")
    sink.add_argument("--db", default=DEFAULT_DUCKDB_PATH,
                      help=f"DuckDB file or postgresql://user@host:port/db (default {DEFAULT_DUCKDB_PATH})")
    sink.add_argument("--web", action="store_true", help="serve the live map, table and evidence page")
    sink.add_argument("--port", type=int, default=DEFAULT_SINK_PORT, help=f"web port (default {DEFAULT_SINK_PORT})")
    sink.add_argument("--host", help="web host (default HADATH_WEB_HOST, 127.0.0.1)")
    sink.add_argument("--topic", help="events topic (default HADATH_TOPIC_EVENTS, events)")
    sink.add_argument("--articles-topic", help="articles topic (default HADATH_TOPIC_RAW, articles.raw)")
    sink.add_argument("--no-articles", action="store_true", help="don't consume article texts")
    sink.add_argument("--group", help="consumer group (default <HADATH_APP_ID>-sink)")
    sink.add_argument("--from-beginning", action="store_true",
                      help="a new group starts at the oldest messages (default: only new ones)")
    sink.add_argument("--tiles", help="basemap tile URL template probed by the page ('' for outlines only; "
                      "default OpenStreetMap)")
    sink.add_argument("--batch-size", type=int, default=500, help="messages per transaction (default 500)")
    sink.set_defaults(func=cmd_sink)

    export = sub.add_parser(
        "export", help="export the store or an Event JSONL file (jsonl, csv, parquet, polecat, gdelt)",
        description="Write one record per event (re-published events collapse to their latest version). "
        "polecat: a POLECAT-style TSV with PLOVER fields; gdelt: the 61 columns of the GDELT 2.0 event table "
        "(TSV with a header). Mapping and column docs: docs/subscribers.md.")
    export.add_argument("--from", dest="source", required=True, metavar="DB_OR_JSONL",
                        help="DuckDB file, postgresql:// URL, or Event JSONL file (- for stdin)")
    export.add_argument("--format", required=True, choices=["jsonl", "csv", "parquet", "polecat", "gdelt"])
    export.add_argument("--out", metavar="FILE", help="output file (default stdout)")
    export.set_defaults(func=cmd_export)
