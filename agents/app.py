"""The Faust app, its topics and the merge table, declared once where a reader finds them.

Pipeline: articles.raw ─normalize─► articles.normalized ─extract─► events.candidates
─resolve─► events; a message a stage can't process goes to ``<input topic>.dlq``.
The agents live in ``agents.normalize``, ``agents.extract`` and ``agents.resolve``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

import faust
from pydantic import BaseModel

from agents import metrics
from agents.logs import json_logging_config
from hadath.deadletter import dead_letter, encode_outputs, fit_dead_letter
from hadath.settings import Settings

settings = Settings.from_env()
logger = logging.getLogger("hadath")

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

Handler = Callable[[bytes], Sequence[tuple[str, BaseModel | bytes]]]


async def run_stage(event: faust.EventT, stage: str, handler: Handler, output: faust.TopicT) -> None:
    """Run ``handler`` on one message; publish its records, or a dead letter if it fails."""
    message = event.message
    started = time.perf_counter()
    metrics.MESSAGES_IN.labels(stage).inc()
    try:
        # Encoded and size-checked before the first send, so a message either publishes all
        # its records or becomes a dead letter: never a half-published failure.
        encoded = encode_outputs(handler(event.value), event.key, settings.max_message_bytes)
    except Exception as error:  # every failure becomes a dead letter; the worker goes on
        letter = fit_dead_letter(dead_letter(stage, error, event.value, event.key, message.topic,
                                             message.partition, message.offset), settings.max_message_bytes)
        metrics.DEAD_LETTERS.labels(stage, letter.reason).inc()
        logger.warning("%s: %s at %s[%s]@%s: %s", stage, letter.reason, message.topic, message.partition,
                       message.offset, letter.error_message[:200])
        await dead_letter_topics[message.topic].send(key=event.key, value=letter.model_dump_json().encode())
        return
    for key, value in encoded:
        await output.send(key=key, value=value)
    metrics.MESSAGES_OUT.labels(stage).inc(len(encoded))
    metrics.PROCESSING_SECONDS.labels(stage).observe(time.perf_counter() - started)
