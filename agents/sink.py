"""``hadath sink``: consume ``events`` (and the articles topic) into the event store.

A plain aiokafka consumer (no Faust: the sink keeps no table and needs explicit commits):

- ``enable_auto_commit=False``; each polled batch is written in one store transaction, and only
  then are its offsets committed. A crash between the two replays the batch, which the store's
  upsert absorbs: one row per event id, every article id kept.
- The database unreachable (at start or later): a clear message, then retry with exponential
  backoff on the same batch; nothing is committed, so no event is ever skipped.
- An ``events`` message that isn't an Event goes to ``<events topic>.dlq`` (stage ``sink``), as
  in the pipeline; an article that isn't an Article is ignored here (the normalize stage already
  dead-letters it).
- ``--web``: the page of :mod:`hadath.subscribers.web` in the same event loop; each committed
  batch is pushed to the open pages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import CommitFailedError, KafkaConnectionError, KafkaError
from pydantic import ValidationError

from agents.kafka_io import BrokerUnavailableError, create_topics, start_producer
from hadath.deadletter import dead_letter
from hadath.errors import BadInputError
from hadath.settings import Settings
from hadath.subscribers.store import EventStore, StoreConfigError, StoreUnavailableError, open_store
from schemas import Article, Event

logger = logging.getLogger("hadath.sink")


@dataclass(frozen=True, slots=True)
class SinkConfig:
    """Options of one sink run (the CLI flags)."""

    db: str
    events_topic: str
    articles_topic: str | None
    group_id: str
    from_beginning: bool = False
    web: bool = False
    web_host: str = "127.0.0.1"
    web_port: int = 6067
    tiles_url: str | None = None
    batch_size: int = 500
    poll_ms: int = 500
    backoff_initial_s: float = 0.5
    backoff_max_s: float = 30.0


@dataclass
class SinkStatus:
    """What ``/api/health`` reports about the consumer."""

    assigned_partitions: int = 0
    events_written: int = 0
    articles_written: int = 0
    dead_letters: int = 0
    articles_ignored: int = 0
    commits: int = 0
    store_ok: bool = False
    last_error: str | None = None
    started_at: float = field(default_factory=time.time)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {"ready": self.assigned_partitions > 0 and self.store_ok,
                "assigned_partitions": self.assigned_partitions, "events_written": self.events_written,
                "articles_written": self.articles_written,
                "dead_letters": self.dead_letters, "articles_ignored": self.articles_ignored,
                "commits": self.commits, "store_ok": self.store_ok, "last_error": self.last_error}


@dataclass
class DecodedBatch:
    """A polled batch, split by kind."""

    events: list[tuple[Event, str]] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    rejected: list[tuple[Any, BaseException]] = field(default_factory=list)
    ignored: int = 0


def decode_batch(messages: Sequence[Any], events_topic: str) -> DecodedBatch:
    """Parse messages of both topics; bad events are kept aside for the dead-letter topic."""
    batch = DecodedBatch()
    for message in messages:
        if message.topic == events_topic:
            try:
                raw = message.value.decode("utf-8")
                batch.events.append((Event.model_validate_json(raw), raw))
            except UnicodeDecodeError as error:
                batch.rejected.append((message, BadInputError("not_utf8", str(error))))
            except ValidationError as error:
                reason = "not_json" if any(e["type"] == "json_invalid" for e in error.errors()) else "schema"
                batch.rejected.append((message, BadInputError(reason, str(error))))
        else:
            try:
                batch.articles.append(Article.model_validate_json(message.value))
            except (ValidationError, UnicodeDecodeError):
                batch.ignored += 1
    return batch


class Sink:
    """One running sink: consumer, store, optional web page."""

    def __init__(self, settings: Settings, config: SinkConfig, stop: asyncio.Event | None = None) -> None:
        self.settings = settings
        self.config = config
        self.stop = stop or asyncio.Event()
        self.status = SinkStatus()
        self.store: EventStore | None = None
        self.hub: Any = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hadath-sink-db")
        self._producer: AIOKafkaProducer | None = None

    async def _sleep(self, seconds: float) -> bool:
        """Sleep unless asked to stop; True when stopping."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stop.wait(), seconds)
        return self.stop.is_set()

    async def _in_db_thread(self, func: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, func, *args)

    async def open_store(self) -> EventStore | None:
        """Open the store, retrying with backoff while the database can't be reached (None: stopped)."""
        delay = self.config.backoff_initial_s
        while True:
            try:
                store = await self._in_db_thread(open_store, self.config.db)
            except StoreConfigError:
                raise
            except StoreUnavailableError as error:
                self.status.last_error = str(error)
                logger.error("%s; retrying in %.1f s", error, delay)
                if await self._sleep(delay):
                    return None
                delay = min(delay * 2, self.config.backoff_max_s)
                continue
            self.status.store_ok = True
            self.status.last_error = None
            return store

    async def write(self, batch: DecodedBatch) -> list[dict[str, Any]] | None:
        """Write one batch, retrying with backoff until it is stored (None: stopped first)."""
        assert self.store is not None
        delay = self.config.backoff_initial_s
        while True:
            try:
                rows = await self._in_db_thread(self.store.write, batch.events, batch.articles)
            except StoreUnavailableError as error:
                self.status.store_ok = False
                self.status.last_error = str(error)
                logger.error("%s; retrying in %.1f s (offsets stay uncommitted until the batch is stored)",
                             error, delay)
                if await self._sleep(delay):
                    return None
                delay = min(delay * 2, self.config.backoff_max_s)
                continue
            if not self.status.store_ok:
                logger.warning("store reachable again: %s", self.store.address)
            self.status.store_ok = True
            self.status.last_error = None
            return rows

    async def _dead_letter(self, rejected: list[tuple[Any, BaseException]]) -> None:
        if self._producer is None:
            self._producer = await start_producer(self.settings)
        for message, error in rejected:
            letter = dead_letter("sink", error, message.value, message.key, message.topic, message.partition,
                                 message.offset)
            logger.warning("%s at %s[%s]@%s: dead-lettered", letter.reason, message.topic,
                           message.partition, message.offset)
            await self._producer.send_and_wait(self.settings.dlq_topic(message.topic), key=message.key,
                                               value=letter.model_dump_json().encode())
        self.status.dead_letters += len(rejected)

    def _consumer(self) -> AIOKafkaConsumer:
        topics = [self.config.events_topic] + ([self.config.articles_topic] if self.config.articles_topic else [])
        return AIOKafkaConsumer(
            *topics, bootstrap_servers=self.settings.bootstrap_servers, group_id=self.config.group_id,
            enable_auto_commit=False, auto_offset_reset="earliest" if self.config.from_beginning else "latest",
            fetch_max_bytes=self.settings.max_message_bytes,
            max_partition_fetch_bytes=self.settings.max_message_bytes,
            max_poll_interval_ms=600_000,
        )

    async def run(self) -> int:
        """Consume until stopped; returns the exit code."""
        topics = [self.config.events_topic] + ([self.config.articles_topic] if self.config.articles_topic else [])
        await create_topics(self.settings, [*topics, self.settings.dlq_topic(self.config.events_topic)])
        self.store = await self.open_store()
        if self.store is None:
            return 0
        runner = None
        try:
            if self.config.web:
                runner = await self._start_web()
            consumer = self._consumer()
            try:
                await consumer.start()
            except KafkaConnectionError as error:
                await consumer.stop()
                broker = self.settings.bootstrap_servers
                raise BrokerUnavailableError(f"no Kafka broker at {broker}: {error}") from error
            logger.warning("%s%s → %s (group %s)%s", self.config.events_topic,
                           f" + {self.config.articles_topic}" if self.config.articles_topic else "",
                           self.store.address, self.config.group_id,
                           f"; web http://{self.config.web_host}:{self.config.web_port}/" if self.config.web else "")
            try:
                await self._consume(consumer)
            finally:
                await consumer.stop()
        finally:
            if runner is not None:
                self.hub.close()
                await runner.cleanup()
            if self._producer is not None:
                await self._producer.stop()
            await self._in_db_thread(self.store.close)
            self._executor.shutdown(wait=True)
        return 0

    async def _start_web(self) -> Any:
        from hadath.subscribers.web import DEFAULT_TILES_URL, EventHub, WebConfig, create_app, start_web

        assert self.store is not None
        self.hub = EventHub()
        tiles = DEFAULT_TILES_URL if self.config.tiles_url is None else (self.config.tiles_url or None)
        app = create_app(self.store, self.hub, WebConfig(tiles_url=tiles), self.status.as_dict)
        return await start_web(app, self.config.web_host, self.config.web_port)

    async def _consume(self, consumer: AIOKafkaConsumer) -> None:
        """Poll, decode, write, commit; decoding the next batch overlaps the write of the previous one.

        Batch N's offsets are committed only after batch N's transaction; batch N+1 is written
        only after that commit. At most one decoded batch waits while the database is away.
        """
        inflight: tuple[asyncio.Task[list[dict[str, Any]] | None], dict[Any, int], DecodedBatch] | None = None
        try:
            while not self.stop.is_set():
                polled = await consumer.getmany(timeout_ms=self.config.poll_ms, max_records=self.config.batch_size)
                self.status.assigned_partitions = len(consumer.assignment())
                current = None
                if polled:
                    messages = [m for records in polled.values() for m in records]
                    batch = decode_batch(messages, self.config.events_topic)
                    if batch.rejected:
                        await self._dead_letter(batch.rejected)
                    current = ({tp: records[-1].offset + 1 for tp, records in polled.items()}, batch)
                if inflight is not None:
                    if not await self._finish(consumer, *inflight):
                        return
                    inflight = None
                if current is not None:
                    offsets, batch = current
                    inflight = (asyncio.create_task(self._write_any(batch)), offsets, batch)
            if inflight is not None:
                await self._finish(consumer, *inflight)
                inflight = None
        finally:
            if inflight is not None and not inflight[0].done():
                inflight[0].cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await inflight[0]

    async def _write_any(self, batch: DecodedBatch) -> list[dict[str, Any]] | None:
        return await self.write(batch) if (batch.events or batch.articles) else []

    async def _finish(self, consumer: AIOKafkaConsumer, task: asyncio.Task[list[dict[str, Any]] | None],
                      offsets: dict[Any, int], batch: DecodedBatch) -> bool:
        """Wait for a batch's write, then commit its offsets; False when stopped before it was stored."""
        rows = await task
        if rows is None:  # stopped while the database was away: commit nothing
            return False
        try:
            await consumer.commit(offsets)
            self.status.commits += 1
        except (CommitFailedError, KafkaError) as error:  # a rebalance: the batch will come again
            logger.warning("commit failed (%s); the batch will be replayed and upserted again", error)
        self.status.events_written += len(rows)
        self.status.articles_written += len(batch.articles)
        self.status.articles_ignored += batch.ignored
        if self.hub is not None and rows:
            self.hub.publish("events", rows)
        return True

def run(settings: Settings, config: SinkConfig) -> int:
    """Run a sink until SIGINT/SIGTERM; returns the exit code."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO if settings.log_level == "debug" else logging.WARNING,
                            format="hadath sink: %(message)s", stream=sys.stderr)

    async def main() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        return await Sink(settings, config, stop).run()

    return asyncio.run(main())


__all__ = ["DecodedBatch", "Sink", "SinkConfig", "SinkStatus", "decode_batch", "run"]
