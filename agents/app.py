"""The Faust app, its topics and the merge table, declared once where a reader finds them.

Pipeline: articles.raw ─normalize─► articles.normalized ─extract─► events.candidates
─resolve─► events; a message a stage can't process goes to ``<input topic>.dlq``.
The agents live in ``agents.normalize``, ``agents.extract`` and ``agents.resolve``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

import faust
from faust.types import TP
from pydantic import BaseModel

from agents import metrics
from agents.codecs import register_exact_json
from agents.consumer_patches import (
    commit_only_what_was_processed,
    read_uncommitted_partitions_from_the_beginning,
    skipped_from,
    use_fetch_max_wait,
)
from agents.health import AgentTracker
from agents.logs import json_logging_config, tidy_worker_logging
from hadath import stages
from hadath.deadletter import dead_letter, encode_outputs, fit_dead_letter
from hadath.settings import Settings

settings = Settings.from_env()
read_uncommitted_partitions_from_the_beginning()
commit_only_what_was_processed()
use_fetch_max_wait(settings.fetch_max_wait_ms)
logger = logging.getLogger("hadath")

STAGES = ("normalize", "extract", "resolve")  # the agents, by the names /health and /metrics use

app = faust.App(
    settings.app_id,
    broker=settings.broker,
    store=settings.store,
    datadir=str(settings.data_dir),
    web_host=settings.web_host,
    web_port=settings.web_port,
    topic_partitions=settings.partitions,
    topic_replication_factor=settings.replication,
    producer_max_request_size=settings.max_message_bytes,
    consumer_max_fetch_size=settings.max_message_bytes,
    consumer_auto_offset_reset="earliest",
    logging_config=json_logging_config(settings.log_level) if settings.log_json else None,
)


def _raw_topic(name: str) -> faust.TopicT:
    return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw",
                     value_serializer="raw", partitions=settings.partitions)


raw_articles = _raw_topic(settings.topic_raw)
normalized_articles = _raw_topic(settings.topic_normalized)
event_candidates = _raw_topic(settings.topic_candidates)
events = _raw_topic(settings.topic_events)
dead_letter_topics = {name: _raw_topic(settings.dlq_topic(name)) for name in settings.stage_topics[:3]}

# Event fingerprint → recent events under it (see hadath.resolve.merge); changelog-backed.
merge_table = app.Table("merge", default=dict, partitions=settings.partitions)
# Faust derives a table's codec from its value type (json for dict); the store and the changelog
# read this attribute when they are first made, so setting it here covers both.
merge_table.value_serializer = register_exact_json()

Handler = Callable[[bytes], Sequence[tuple[str, BaseModel | bytes]]]

# Whether each agent's loop runs, and when one last left it (see agents.health, /health).
agent_tracker = AgentTracker()
# When this worker was last given each partition: a partition never read counts as idle from then.
partitions_assigned_at: dict[tuple[str, int], float] = {}


@app.on_partitions_assigned.connect
async def _note_assignment(sender: faust.App, assigned: set[TP], **kwargs: Any) -> None:
    now = time.monotonic()
    partitions_assigned_at.clear()
    partitions_assigned_at.update(dict.fromkeys(assigned, now))


@app.task
async def _tidy_logging() -> None:
    # An app task starts after the worker has configured logging, so this undoes what it set.
    tidy_worker_logging(settings.log_level, settings.log_repeat_seconds)


# Input partitions with a hole in their acked offsets, and since when (see _reread_skipped).
holes_seen_at: dict[TP, float] = {}


@app.timer(interval=max(1.0, settings.skip_repair_seconds / 2))
async def _reread_skipped() -> None:
    # Faust can drop fetched messages of a partition it just took over (agents/consumer_patches.py,
    # fix 3): the commit waits at the first one; read the partition again from there.
    try:
        await _reread_skipped_partitions(time.monotonic())
    except Exception as error:  # (a broker outage, a rebalance): the next round tries again
        logger.warning("checking for skipped messages failed: %r", error)


async def _reread_skipped_partitions(now: float) -> None:
    consumer = app.consumer
    inputs = set(settings.stage_topics[:3])
    for tp in [tp for tp in consumer.assignment() if tp.topic in inputs]:
        acked, committed = list(consumer._acked.get(tp, ())), consumer._committed_offset.get(tp)
        start = 0 if committed is not None or not acked else (await consumer.earliest_offsets(tp)).get(tp, 0)
        hole = skipped_from(acked, committed, start)
        if hole is None:
            holes_seen_at.pop(tp, None)
        elif now - holes_seen_at.setdefault(tp, now) >= settings.skip_repair_seconds:
            logger.warning("%s[%s]: messages from offset %s were skipped (acked from %s); reading again from %s",
                           tp.topic, tp.partition, hole, min(acked), hole)
            holes_seen_at.pop(tp, None)
            metrics.REREADS.labels(tp.topic, str(tp.partition)).inc()
            await consumer.seek(tp, hole)


@app.task
async def _warm_up() -> None:
    # Lexicons and the gazetteer load on first use (~0.5 s); pay it at start, not on message one.
    if not settings.identity_stages:
        stages.warm_up()
        stages.freeze_loaded_knowledge()


async def run_stage(event: faust.EventT, stage: str, handler: Handler, output: faust.TopicT) -> None:
    """Run ``handler`` on one message; publish its records, or a dead letter if it fails.

    ``hadath_processing_seconds`` times the handler and the encoding of its records only: while
    a send is awaited other agents run, so a send's time is the stage's wait, not its work, and
    goes to ``hadath_send_seconds``. ``hadath_processing_cpu_seconds`` is the same span's CPU time.
    """
    stage_metrics = metrics.for_stage(stage)
    stage_metrics.messages_in.inc()
    started, cpu_started = time.perf_counter(), time.thread_time()
    try:
        # Encoded and size-checked before the first send, so a message either publishes all
        # its records or becomes a dead letter: never a half-published failure.
        encoded = encode_outputs(handler(event.value), event.key, settings.max_message_bytes)
    except Exception as error:  # every failure becomes a dead letter; the worker goes on
        _observe_processing(stage_metrics, started, cpu_started)
        await _send_dead_letter(event, stage, error)
        return
    _observe_processing(stage_metrics, started, cpu_started)
    sending = time.perf_counter()
    for key, value in encoded:
        await output.send(key=key, value=value)
    stage_metrics.sending.observe(time.perf_counter() - sending)
    stage_metrics.messages_out.inc(len(encoded))


def _observe_processing(stage_metrics: metrics.StageMetrics, started: float, cpu_started: float) -> None:
    stage_metrics.processing_cpu.inc(time.thread_time() - cpu_started)
    stage_metrics.processing.observe(time.perf_counter() - started)


async def _send_dead_letter(event: faust.EventT, stage: str, error: Exception) -> None:
    message = event.message
    letter = fit_dead_letter(dead_letter(stage, error, event.value, event.key, message.topic,
                                         message.partition, message.offset), settings.max_message_bytes)
    metrics.DEAD_LETTERS.labels(stage, letter.reason).inc()
    logger.warning("%s: %s at %s[%s]@%s: %s", stage, letter.reason, message.topic, message.partition,
                   message.offset, letter.error_message[:200])
    await dead_letter_topics[message.topic].send(key=event.key, value=letter.model_dump_json().encode())
