"""Event store write speed: the sink's path beside a plain ``executemany`` insert of the same rows.

    .venv/bin/python bench/sink.py [--events 10000] [--batch 500] [--repeat 3] [--json FILE] [--no-kafka]

For DuckDB (a temp file) and PostgreSQL (a throwaway server, fsync on, when PostgreSQL is
installed; see tests/integration/postgres.py), times:

- ``sink``: what the sink does per batch: parse and validate each Event JSON, flatten it, and
  upsert the batch (events, event_articles) in one transaction; as in the sink, the next batch
  is decoded while the database thread writes the previous one;
- ``store only``: the same upsert from already-parsed records (the database part alone);
- ``executemany``: the same rows the sink writes (the flattened ``events`` rows and their
  ``event_articles`` links) with plain ``INSERT … VALUES`` ``executemany`` into tables of the
  same columns and keys, one transaction per batch (rows/s counts events, as for the sink);
- ``through Kafka`` (broker on 127.0.0.1:9092 reachable, unless ``--no-kafka``): the events
  produced to a fresh topic, then the real ``agents.sink.Sink`` consuming them (poll, upsert,
  commit) into a fresh store, until all are stored.

Each store measurement is the best of ``--repeat`` rounds (the machine may be shared). Prints
a table (rows/s and the sink/executemany ratio) and writes the figures as JSON
(``bench/sink-results.json`` by default). Exit code 1 when a ratio is under 0.5.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import platform
import random
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hadath.subscribers.store import EventStore, event_row, open_store, utc_now  # noqa: E402
from schemas import Event  # noqa: E402

TEXT = "قالت وزارة الدفاع إن طائرات حربية قصفت مواقع في مدينة حلب أمس، ما أدى إلى مقتل ثلاثة مسلحين."
TYPES = [("ASSAULT", "aerial", "195", 4), ("PROTEST", "demo", "141", 3), ("CONSULT", None, "040", 1),
         ("COERCE", "arrest", "173", 4), ("AID", None, "070", 2)]  # fmt: skip
PLACES = [("Aleppo", "SYR", "SY-HL", 36.2, 37.16), ("Baghdad", "IRQ", "IQ-BG", 33.34, 44.4),
          ("Gaza", "PSE", None, 31.5, 34.47), ("Tripoli", "LBY", None, 32.89, 13.19)]  # fmt: skip


def _span(words: str) -> dict[str, Any]:
    start = TEXT.index(words)
    return {"text": words, "start": start, "end": start + len(words)}


def make_events(count: int, seed: int = 7) -> list[bytes]:
    """``count`` distinct, varied Event records as the sink receives them (JSON bytes)."""
    rng = random.Random(seed)
    values = []
    for i in range(count):
        event_type, mode, cameo, quad = rng.choice(TYPES)
        name, country, admin1, lat, lon = rng.choice(PLACES)
        articles = [f"art-{i}-{k}" for k in range(rng.choice((1, 1, 1, 2, 3)))]
        record = {
            "event_id": f"ev-{uuid.UUID(int=rng.getrandbits(128)).hex[:16]}", "fingerprint": f"fp-{i}",
            "article_ids": articles, "outlets": [f"outlet-{k}" for k in range(len(articles))],
            "corroboration": len(articles), "event_type": event_type, "mode": mode, "cameo": cameo,
            "quad_class": quad, "trigger": _span("قصفت"), "evidence": {"text": TEXT, "start": 0, "end": len(TEXT)},
            "actor": _span("طائرات حربية") | {"name": "Air force", "kind": "military", "country": country},
            "target": _span("مسلحين") | {"name": "Militants", "kind": "armed_group", "country": None},
            "location": _span("مدينة حلب") | {"name": name, "country": country, "admin1": admin1,
                                             "geonames_id": 1000 + i, "lat": lat, "lon": lon, "precision": "city"},
            "date": _span("أمس") | {"value": f"2021-02-{1 + i % 28:02d}", "precision": "day"},
            "killed": rng.choice((None, 0, 1, 3, 12)), "injured": rng.choice((None, 2, 5)),
            "modality": rng.choice(("asserted", "claimed")),
            "source": _span("وزارة الدفاع") | {"name": "Ministry of Defence", "kind": "government", "country": None},
            "confidence": round(rng.random(), 3), "extractor": "bench",
        }  # fmt: skip
        values.append(Event.model_validate(record).model_dump_json().encode())
    return values


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def time_sink_path(store: EventStore, values: list[bytes], batch: int) -> float:
    """Seconds for parse + validate + flatten + upsert, batch by batch, as ``agents.sink`` does it:
    the next batch is decoded while the database thread writes the previous one, and a batch is
    written only after the previous write returned."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=1) as database:
        pending = None
        for chunk in _batches(values, batch):
            records = []
            for value in chunk:
                raw = value.decode()
                records.append((Event.model_validate_json(raw), raw))
            if pending is not None:
                pending.result()
            pending = database.submit(store.write, records)
        if pending is not None:
            pending.result()
    return time.perf_counter() - started


def time_store_only(store: EventStore, records: list[tuple[Event, str]], batch: int) -> float:
    """Seconds for the upserts alone, from parsed records."""
    started = time.perf_counter()
    for chunk in _batches(records, batch):
        store.write(chunk)
    return time.perf_counter() - started


def time_executemany(store: EventStore, rows: list[tuple[Any, ...]], links: list[list[tuple[Any, ...]]],
                     batch: int, table: str) -> float:
    """Seconds for plain executemany inserts of the same rows the sink writes: the flattened
    events and their (event_id, article_id) links, one transaction per batch."""
    store.create_events_table(table)
    store.create_links_table(table + "_links")
    started = time.perf_counter()
    for start in range(0, len(rows), batch):
        chunk_links = [link for per_event in links[start:start + batch] for link in per_event]
        store.executemany_insert(rows[start:start + batch], table, chunk_links, table + "_links")
    return time.perf_counter() - started


def broker_reachable(address: str = "127.0.0.1:9092") -> bool:
    """True when something listens on the broker's port."""
    host, _, port = address.rpartition(":")
    with contextlib.suppress(OSError), socket.create_connection((host, int(port)), timeout=1):
        return True
    return False


def time_through_kafka(db: str, values: list[bytes], batch: int) -> float:
    """Seconds for the real Sink to consume ``values`` from a fresh topic into ``db`` (production excluded)."""
    from aiokafka import AIOKafkaProducer

    from agents.kafka_io import create_topics
    from agents.sink import Sink, SinkConfig
    from hadath.settings import Settings

    tag = "bench" + uuid.uuid4().hex[:8]
    settings = Settings.from_env({"HADATH_TOPIC_EVENTS": f"{tag}.events", "HADATH_PARTITIONS": "2",
                                  "HADATH_APP_ID": tag})

    async def run() -> float:
        await create_topics(settings, [settings.topic_events, settings.dlq_topic(settings.topic_events)])
        producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, linger_ms=20)
        await producer.start()
        try:
            futures = [await producer.send(settings.topic_events, value=v) for v in values]
            await asyncio.gather(*futures)
        finally:
            await producer.stop()
        config = SinkConfig(db=db, events_topic=settings.topic_events, articles_topic=None, group_id=tag,
                            from_beginning=True, batch_size=batch)
        stop = asyncio.Event()
        sink = Sink(settings, config, stop)
        task = asyncio.create_task(sink.run())
        while sink.status.events_written == 0 and not task.done():
            await asyncio.sleep(0.001)
        started = time.perf_counter()  # from the first stored batch: group join excluded
        first = sink.status.events_written
        while sink.status.events_written < len(values) and not task.done():
            await asyncio.sleep(0.005)
        elapsed = time.perf_counter() - started
        stop.set()
        await task
        return elapsed * len(values) / max(1, len(values) - first)

    return asyncio.run(run())


def bench_backend(name: str, make_db: Any, values: list[bytes], batch: int, kafka: bool,
                  repeat: int = 3) -> dict[str, Any]:
    """Every measurement on one backend, each on a fresh empty store (``make_db()``), best of ``repeat``.

    The three store measurements take turns in each round, so a busy neighbour on the machine
    slows them alike; the best round of each is kept.
    """
    records = [(Event.model_validate_json(v), v.decode()) for v in values]
    now = utc_now()
    rows = [event_row(e, raw, now) for e, raw in records]
    links = [[(e.event_id, a, now) for a in e.article_ids] for e, _ in records]
    n = len(values)
    result: dict[str, Any] = {"backend": name, "events": n, "batch": batch, "repeat": repeat}
    times: dict[str, list[float]] = {"sink_s": [], "store_only_s": [], "executemany_s": []}
    for _ in range(repeat):
        with open_store(make_db()) as store:
            times["sink_s"].append(time_sink_path(store, values, batch))
            assert store.counts()["events"] == n
        with open_store(make_db()) as store:
            times["store_only_s"].append(time_store_only(store, records, batch))
        with open_store(make_db()) as store:
            times["executemany_s"].append(time_executemany(store, rows, links, batch, "events_raw"))
    for key, values_s in times.items():
        result[key] = min(values_s)
        result[key.removesuffix("_s") + "_all_s"] = values_s
    if kafka:
        result["kafka_s"] = time_through_kafka(make_db(), values, batch)
    for key in ("sink", "store_only", "executemany", "kafka"):
        if f"{key}_s" in result:
            result[f"{key}_rows_per_s"] = n / result[f"{key}_s"]
    result["ratio_sink_vs_executemany"] = result["sink_rows_per_s"] / result["executemany_rows_per_s"]
    return result


def main() -> int:
    """Run the benchmark, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--json", default=str(REPO / "bench" / "sink-results.json"))
    parser.add_argument("--no-kafka", action="store_true", help="skip the through-Kafka measurement")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best of each measurement is kept")
    args = parser.parse_args()
    values = make_events(args.events)
    kafka = not args.no_kafka and broker_reachable()
    results = []
    with tempfile.TemporaryDirectory(prefix="hadath-bench-") as tmp:
        with open_store(f"{tmp}/warm-up.duckdb") as store:  # one-time imports (pyarrow, drivers) not timed
            store.write([(Event.model_validate_json(v), v.decode()) for v in values[:10]])
        counter = iter(range(1_000_000))
        results.append(bench_backend("duckdb", lambda: f"{tmp}/events-{next(counter)}.duckdb", values,
                                     args.batch, kafka, args.repeat))
        try:
            from tests.integration.postgres import find_pg_bin, postgres_server
        except ImportError:
            find_pg_bin = None  # type: ignore[assignment]
        if find_pg_bin is not None and find_pg_bin() is not None:
            with postgres_server(fsync=True) as server:
                databases = iter(range(1_000_000))

                def fresh_pg() -> str:
                    import psycopg

                    name = f"bench{next(databases)}"
                    with psycopg.connect(server.url, autocommit=True) as con:
                        con.execute(f"CREATE DATABASE {name}")
                    return server.url.rsplit("/", 1)[0] + "/" + name

                results.append(bench_backend("postgresql", fresh_pg, values, args.batch, kafka, args.repeat))
        else:
            print("postgresql: skipped (initdb not found; scripts/install_system_deps.sh installs it)")
    print(f"\n{args.events} events, batches of {args.batch}, best of {args.repeat}, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.machine()}")
    header = f"{'backend':<11} {'sink':>10} {'store only':>11} {'executemany':>12} {'through Kafka':>14} {'ratio':>6}"
    print(header + "\n" + "-" * len(header))
    for r in results:
        kafka_rate = f"{r['kafka_rows_per_s']:>14,.0f}" if "kafka_rows_per_s" in r else f"{'-':>14}"
        print(f"{r['backend']:<11} {r['sink_rows_per_s']:>10,.0f} {r['store_only_rows_per_s']:>11,.0f} "
              f"{r['executemany_rows_per_s']:>12,.0f} {kafka_rate} {r['ratio_sink_vs_executemany']:>6.2f}")
    print("rows/s; ratio = sink / executemany (target >= 0.5)")
    Path(args.json).write_text(json.dumps({"results": results}, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.json}")
    return 0 if all(r["ratio_sink_vs_executemany"] >= 0.5 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
