"""Plain aiokafka clients for the CLI: create topics, produce articles, tail a topic."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator, Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from hadath.settings import Settings


class BrokerUnavailableError(RuntimeError):
    """The broker could not be reached."""


def pipeline_topics(settings: Settings) -> list[str]:
    """Every topic the worker reads or writes (stage topics and their dead-letter topics)."""
    stage_topics = list(settings.stage_topics)
    return stage_topics + [settings.dlq_topic(t) for t in stage_topics[:3]]


async def create_topics(settings: Settings, names: Iterable[str] | None = None) -> list[str]:
    """Create the pipeline's topics that don't exist yet; returns the ones created."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers, request_timeout_ms=10000)
    try:
        await admin.start()
    except KafkaConnectionError as error:
        raise BrokerUnavailableError(f"no Kafka broker at {settings.bootstrap_servers}: {error}") from error
    try:
        existing = set(await admin.list_topics())
        wanted = [n for n in (names or pipeline_topics(settings)) if n not in existing]
        if wanted:
            new = [NewTopic(n, settings.partitions, settings.replication,
                            topic_configs={"max.message.bytes": str(settings.max_message_bytes)})
                   for n in wanted]
            with contextlib.suppress(TopicAlreadyExistsError):  # another process was quicker
                await admin.create_topics(new)
            await _until_led(admin, wanted, settings.topic_ready_seconds)
        return wanted
    finally:
        await admin.close()


async def _until_led(admin: AIOKafkaAdminClient, topics: list[str], timeout: float) -> None:
    # The broker answers CreateTopics before every partition has a leader in its metadata. A
    # Faust worker that subscribes in that window ignores the topic ("Ignoring missing topic")
    # and holds no partition of it until its next metadata refresh, minutes later.
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        waiting = [t["topic"] for t in await admin.describe_topics(topics) if not _led(t)]
        if not waiting:
            return
        if asyncio.get_running_loop().time() >= deadline:
            raise BrokerUnavailableError(f"topics without a leader for every partition after {timeout} s: "
                                         f"{', '.join(sorted(waiting))}")
        await asyncio.sleep(0.1)


def _led(topic: dict) -> bool:
    """A topic's metadata shows it with partitions, each with a leader."""
    found = topic.get("partitions", [])
    return topic.get("error_code") == 0 and bool(found) and all(p.get("leader", -1) >= 0 for p in found)


async def delete_topics(bootstrap: str, tag: str) -> None:
    """Delete every topic whose name holds ``tag`` (a benchmark's or soak's own, Faust's internal
    ones included). Cleanup only: a failure is reported on stderr, not raised."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        await admin.start()
        doomed = [t for t in await admin.list_topics() if tag in t]
        if doomed:
            await admin.delete_topics(doomed)
    except Exception as error:  # cleanup only: report, don't fail the run
        print(f"could not delete the topics of {tag}: {error}", file=sys.stderr)
    finally:
        await admin.close()


async def start_producer(settings: Settings) -> AIOKafkaProducer:
    """A started producer that waits for the broker's acks (nothing lost silently)."""
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all",
                                max_request_size=settings.max_message_bytes, enable_idempotence=True)
    try:
        await producer.start()
    except KafkaConnectionError as error:
        await producer.stop()
        raise BrokerUnavailableError(f"no Kafka broker at {settings.bootstrap_servers}: {error}") from error
    return producer


async def produce_records(settings: Settings, records: Iterable[tuple[bytes | None, bytes]],
                          topic: str | None = None, total: int | None = None,
                          progress: bool = False) -> int:
    """Send ``(key, value)`` pairs to ``topic`` (articles.raw by default); returns how many were sent."""
    producer = await start_producer(settings)
    sent = 0
    try:
        pending = []
        for key, value in records:
            pending.append(await producer.send(topic or settings.topic_raw, value=value, key=key))
            sent += 1
            if progress and sent % 100 == 0:
                _progress_bar(sent, total)
        await asyncio.gather(*pending)
        if progress:
            _progress_bar(sent, total, final=True)
    finally:
        await producer.stop()
    return sent


def _progress_bar(sent: int, total: int | None, *, final: bool = False) -> None:
    bar = ""
    if total:
        filled = min(30, 30 * sent // total)
        bar = f"/{total} [{'#' * filled}{'.' * (30 - filled)}]"
    print(f"\rsent {sent}{bar}", end="\n" if final else "", file=sys.stderr, flush=True)


async def tail(settings: Settings, topic: str, from_beginning: bool = False,
               timeout_s: float | None = None, group_id: str | None = None) -> AsyncIterator[bytes]:
    """Yield message values of ``topic`` as they arrive (stop after ``timeout_s`` idle seconds)."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=settings.bootstrap_servers, group_id=group_id,
                                auto_offset_reset="earliest" if from_beginning else "latest",
                                enable_auto_commit=group_id is not None,
                                fetch_max_bytes=settings.max_message_bytes,
                                max_partition_fetch_bytes=settings.max_message_bytes)
    try:
        await consumer.start()
    except KafkaConnectionError as error:
        await consumer.stop()
        raise BrokerUnavailableError(f"no Kafka broker at {settings.bootstrap_servers}: {error}") from error
    try:
        while True:
            batch = await consumer.getmany(timeout_ms=int((timeout_s or 1.0) * 1000))
            if not batch and timeout_s is not None:
                return
            for messages in batch.values():
                for message in messages:
                    yield message.value
    finally:
        await consumer.stop()


def decode_json(value: bytes) -> object:
    """A message value as JSON (for printing)."""
    return json.loads(value)
