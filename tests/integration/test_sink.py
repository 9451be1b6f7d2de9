"""``hadath sink`` on the real broker: upserts, dead letters, PostgreSQL arriving late, kill -9."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from agents.kafka_io import create_topics, delete_topics
from hadath.settings import Settings
from hadath.subscribers.store import DuckDBStore, EventStore, open_store
from schemas import Article, DeadLetter, Event
from tests.integration.harness import BROKER, REPO, free_port, stop_process
from tests.integration.postgres import find_pg_bin, postgres_or_skip, postgres_server
from tests.unit.test_store import TEXT, make_event

# Tags of the topics this module's tests made; deleted when the module is done.
CREATED_TAGS: list[str] = []


@pytest.fixture(autouse=True, scope="module")
def _delete_created_topics() -> Iterator[None]:
    yield
    for tag in CREATED_TAGS:
        asyncio.run(delete_topics(BROKER, tag))


@dataclass
class SinkTopics:
    """Unique topics and group for one test, created on the broker."""

    env: dict[str, str]
    settings: Settings

    @classmethod
    def create(cls) -> SinkTopics:
        """Fresh topic names (2 partitions each), and the events topic's DLQ."""
        tag = "s" + uuid.uuid4().hex[:10]
        CREATED_TAGS.append(tag)
        env = {"HADATH_BROKER": f"kafka://{BROKER}", "HADATH_APP_ID": f"hadath-{tag}",
               "HADATH_TOPIC_RAW": f"{tag}.articles.raw", "HADATH_TOPIC_EVENTS": f"{tag}.events",
               "HADATH_PARTITIONS": "2"}  # fmt: skip
        settings = Settings.from_env(env)
        asyncio.run(create_topics(settings, [settings.topic_events, settings.topic_raw,
                                             settings.dlq_topic(settings.topic_events)]))
        return cls(env, settings)

    def produce(self, messages: list[tuple[str, bytes, bytes]]) -> None:
        """Send ``(topic, key, value)`` messages and wait for the acks."""
        async def run() -> None:
            producer = AIOKafkaProducer(bootstrap_servers=BROKER, linger_ms=5)
            await producer.start()
            try:
                futures = [await producer.send(topic, value=value, key=key) for topic, key, value in messages]
                await asyncio.gather(*futures)
            finally:
                await producer.stop()
        asyncio.run(run())

    def events(self, events: list[Event]) -> None:
        """Publish Event records on the events topic, keyed by event id."""
        self.produce([(self.settings.topic_events, e.event_id.encode(), e.model_dump_json().encode()) for e in events])

    def articles(self, articles: list[Article]) -> None:
        """Publish Article records on the articles topic."""
        self.produce([(self.settings.topic_raw, a.id.encode(), a.model_dump_json().encode()) for a in articles])


class SinkProcess:
    """``hadath sink --web`` as a subprocess, with its log file and health endpoint."""

    def __init__(self, topics: SinkTopics, db: str, log_dir: Path, *extra: str) -> None:
        self.port = free_port()
        self.log_path = log_dir / f"sink-{uuid.uuid4().hex[:6]}.log"
        self._log = self.log_path.open("wb")
        args = [sys.executable, "-m", "hadath.cli", "sink", "--db", db, "--web", "--port", str(self.port),
                "--from-beginning", "--tiles", "", *extra]
        self.process = subprocess.Popen(args, cwd=REPO, env=os.environ | topics.env, stdout=self._log,
                                        stderr=subprocess.STDOUT)

    @property
    def url(self) -> str:
        """The page's address."""
        return f"http://127.0.0.1:{self.port}/"

    def log(self) -> str:
        """What the sink printed so far."""
        return self.log_path.read_text(errors="replace")

    def health(self) -> dict[str, Any] | None:
        """``/api/health``, or None while the web server isn't up."""
        with contextlib.suppress(OSError, ValueError), urllib.request.urlopen(self.url + "api/health", timeout=2) as r:
            return json.loads(r.read())
        return None

    def wait(self, predicate: Any, timeout: float, what: str) -> dict[str, Any]:
        """Poll health until ``predicate(health)`` holds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sink exited with {self.process.returncode}: {self.log()[-3000:]}")
            health = self.health()
            if health is not None and predicate(health):
                return health
            time.sleep(0.05)
        raise TimeoutError(f"sink: {what} not reached in {timeout} s; health {self.health()}; log {self.log()[-3000:]}")

    def wait_ready(self, timeout: float = 30.0) -> dict[str, Any]:
        """Until the consumer holds partitions and the store is open."""
        return self.wait(lambda h: h.get("ready"), timeout, "ready")

    def stop(self) -> None:
        """SIGTERM, then wait (the sink finishes its batch and closes the store)."""
        stop_process(self.process)
        self._log.close()

    def kill(self) -> None:
        """SIGKILL: no chance to finish anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self._log.close()


@contextlib.contextmanager
def running_sink(topics: SinkTopics, db: str, log_dir: Path, *extra: str, ready: bool = True) -> Iterator[SinkProcess]:
    """A sink for the duration of the block."""
    sink = SinkProcess(topics, db, log_dir, *extra)
    try:
        if ready:
            sink.wait_ready()
        yield sink
    finally:
        if sink.process.poll() is None:
            sink.stop()


def _counts(store: EventStore) -> dict[str, int]:
    return store.counts()


def test_sink_upserts_merges_and_dead_letters(tmp_path: Path) -> None:
    topics = SinkTopics.create()
    db = str(tmp_path / "events.duckdb")
    first, other = make_event("ev-a"), make_event("ev-b", event_type="PROTEST", cameo="141", quad_class=3)
    merged = make_event("ev-a", article_ids=("a1", "a2"), killed=5)
    with running_sink(topics, db, tmp_path) as sink:
        topics.articles([Article(id="a1", text=TEXT, published_at="2021-02-26", source="outlet-a1")])
        topics.events([first, other, merged, merged])  # the merge, then an exact replay
        topics.produce([(topics.settings.topic_events, b"bad", b'{"event_id": "broken"}')])
        health = sink.wait(lambda h: h["counts"]["events"] == 2 and h["counts"]["event_articles"] == 3
                           and h["dead_letters"] == 1 and h["counts"]["articles"] == 1, 30, "all stored")
        assert health["store_ok"] and health["last_error"] is None
        with urllib.request.urlopen(sink.url + "api/events/ev-a", timeout=5) as response:
            detail = json.loads(response.read())
        assert detail["text_origin"] == "article"
        assert "".join(s["text"] for s in detail["segments"] if "trigger" in s["roles"]) == "قصفت"
    with open_store(db) as store:
        assert isinstance(store, DuckDBStore)
        assert _counts(store) == {"events": 2, "event_articles": 3, "articles": 1}
        stored = store.get_event("ev-a")
        assert stored is not None and stored["event"]["article_ids"] == ["a1", "a2"] and stored["event"]["killed"] == 5
    (letter,) = _consume_all(topics.settings.dlq_topic(topics.settings.topic_events))
    dead = DeadLetter.model_validate_json(letter)
    assert (dead.stage, dead.reason, dead.topic) == ("sink", "schema", topics.settings.topic_events)


def _consume_all(topic: str, timeout: float = 10.0) -> list[bytes]:
    from aiokafka import AIOKafkaConsumer

    async def run() -> list[bytes]:
        consumer = AIOKafkaConsumer(topic, bootstrap_servers=BROKER, auto_offset_reset="earliest",
                                    enable_auto_commit=False, group_id=None)
        await consumer.start()
        values: list[bytes] = []
        try:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                batch = await consumer.getmany(timeout_ms=1000)
                if not batch and values:
                    break
                values += [m.value for ms in batch.values() for m in ms]
        finally:
            await consumer.stop()
        return values
    return asyncio.run(run())


def test_sink_waits_for_an_unreachable_postgres_and_skips_nothing(tmp_path: Path) -> None:
    if find_pg_bin() is None:
        print("SKIP: PostgreSQL not installed (no initdb): run scripts/install_system_deps.sh")
        pytest.skip("PostgreSQL not installed (no initdb)")
    topics = SinkTopics.create()
    port = free_port()
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    topics.events([make_event(f"ev-{i}") for i in range(20)])
    sink = SinkProcess(topics, url, tmp_path)
    try:
        deadline = time.monotonic() + 20
        while "cannot reach the database" not in sink.log() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "cannot reach the database at postgresql://postgres@127.0.0.1" in sink.log()
        assert "retrying in" in sink.log() and sink.process.poll() is None
        with postgres_server(port=port):
            sink.wait(lambda h: h["counts"]["events"] == 20, 40, "20 events in PostgreSQL")
            sink.stop()
            with open_store(url) as store:
                assert _counts(store)["events"] == 20
    finally:
        if sink.process.poll() is None:
            sink.stop()


def _kill_test_events(count: int) -> tuple[list[Event], dict[str, list[str]]]:
    """``count`` events, then merges of every 4th (one more article) and every 8th (two more)."""
    records = [make_event(f"ev-{i:05d}", article_ids=(f"a-{i}",)) for i in range(count)]
    final = {e.event_id: list(e.article_ids) for e in records}
    for step, extra in ((4, ("b",)), (8, ("b", "c"))):
        for i in range(0, count, step):
            ids = (f"a-{i}", *(f"{x}-{i}" for x in extra))
            records.append(make_event(f"ev-{i:05d}", article_ids=ids))
            final[f"ev-{i:05d}"] = list(ids)
    return records, final


@pytest.mark.parametrize("backend", ["duckdb", "postgresql"])
def test_kill_9_mid_stream_then_restart_leaves_one_row_per_event(tmp_path: Path, backend: str) -> None:
    with contextlib.ExitStack() as stack:
        duckdb_file = str(tmp_path / "events.duckdb")
        db = stack.enter_context(postgres_or_skip()).url if backend == "postgresql" else duckdb_file
        topics = SinkTopics.create()
        records, final = _kill_test_events(3000)
        sink = stack.enter_context(running_sink(topics, db, tmp_path, "--batch-size", "100"))

        def produce_slowly() -> None:
            for start in range(0, len(records), 150):
                topics.events(records[start:start + 150])
                time.sleep(0.03)

        producer = threading.Thread(target=produce_slowly)
        producer.start()
        at_kill = sink.wait(lambda h: h["counts"]["events"] >= 400, 60, "400 events stored")["counts"]["events"]
        sink.kill()
        producer.join()
        print(f"{backend}: SIGKILL with {at_kill} of {len(final)} events stored")
        assert at_kill < len(final), "the kill should land mid-stream"
        with running_sink(topics, db, tmp_path) as restarted:
            links = sum(len(v) for v in final.values())
            restarted.wait(lambda h: h["counts"]["events"] == len(final) and h["counts"]["event_articles"] == links,
                           60, "every event and link stored")
            time.sleep(1.0)  # nothing more should arrive
        with open_store(db) as store:
            assert _counts(store)["events"] == len(final)
            assert _counts(store)["event_articles"] == sum(len(v) for v in final.values())
            rows = store._query("SELECT event_id, count(*) AS n FROM events GROUP BY event_id HAVING count(*) > 1")
            assert rows == []
            stored = {item["event"]["event_id"]: item["event"]["article_ids"] for item in store.iter_events()}
            assert stored == final
            links_rows = store._query("SELECT event_id, article_id FROM event_articles")
            linked: dict[str, set[str]] = {}
            for row in links_rows:
                linked.setdefault(row["event_id"], set()).add(row["article_id"])
            assert linked == {k: set(v) for k, v in final.items()}
