"""All configuration in one frozen object; nothing else in hadath reads the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

ENV_PREFIX = "HADATH_"


@dataclass(frozen=True, slots=True)
class Settings:
    """Runtime settings. Each field can be set by the env var ``HADATH_<FIELD>`` (upper case)."""

    broker: str = "kafka://127.0.0.1:9092"
    app_id: str = "hadath"
    topic_raw: str = "articles.raw"
    topic_normalized: str = "articles.normalized"
    topic_candidates: str = "events.candidates"
    topic_events: str = "events"
    dlq_suffix: str = ".dlq"
    partitions: int = 4
    replication: int = 1
    web_host: str = "127.0.0.1"
    web_port: int = 6066
    data_dir: Path = Path("hadath-data")
    store: str = "rocksdb://"
    max_article_bytes: int = 1_000_000
    max_message_bytes: int = 33_554_432
    merge_tolerance_days: int = 1
    merge_window_days: int = 7
    # NER in extraction: "none" (default: on the dev gold the CRF's extra names cost a little
    # actor precision and gained no recall), "crf" (shipped ANERcorp model) or "camel".
    ner_backend: str = "none"
    identity_stages: bool = False
    # An input partition whose acked offsets stay above its committed one this long had messages
    # skipped by the consumer; it is read again from the committed offset (agents/app.py).
    skip_repair_seconds: int = 10
    # The worker consumer's fetch long-poll. Faust hard-codes 1,500 ms, which left the worker idle
    # between bursts (agents/consumer_patches.py, fix 4; bench/README.md).
    fetch_max_wait_ms: int = 100
    # How long topic creation waits for every new partition to have a leader (agents/kafka_io.py).
    topic_ready_seconds: int = 30
    log_json: bool = False
    log_level: str = "info"  # faust levels: crit, error, warn, info, debug
    # The same warning or error line is written at most once per this many seconds; the next
    # one let through says how many were suppressed (a broker outage otherwise floods the log).
    log_repeat_seconds: int = 10
    # /health turns 503 when an assigned input partition has lag but no message was taken from
    # it for this long (Faust's own check only logs, after stream_processing_timeout = 5 min).
    health_stall_seconds: int = 60
    # /health stays 503 this long after an agent crashed, even once Faust restarted it: a crash
    # may have skipped a message, and a restart within a second would hide it from any probe.
    health_crash_seconds: int = 60

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``HADATH_*`` variables (``os.environ`` by default); bad values raise ValueError."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field in fields(cls):
            raw = environ.get(ENV_PREFIX + field.name.upper())
            if raw is not None:
                values[field.name] = _parse(field.name, field.type, raw)
        return cls(**values)  # type: ignore[arg-type]

    def dlq_topic(self, topic: str) -> str:
        """The dead-letter topic of ``topic``."""
        return topic + self.dlq_suffix

    @property
    def stage_topics(self) -> tuple[str, str, str, str]:
        """The pipeline's topics in order: raw, normalized, candidates, events."""
        return (self.topic_raw, self.topic_normalized, self.topic_candidates, self.topic_events)

    @property
    def bootstrap_servers(self) -> str:
        """The broker list without the ``kafka://`` scheme, as aiokafka wants it."""
        return ",".join(part.removeprefix("kafka://") for part in self.broker.split(";"))


def _parse(name: str, annotation: object, raw: str) -> object:
    kind = str(annotation)
    try:
        if kind == "int":
            return int(raw)
        if kind == "bool":
            if raw.lower() not in {"1", "0", "true", "false", "yes", "no"}:
                raise ValueError(raw)
            return raw.lower() in {"1", "true", "yes"}
        if kind == "Path":
            return Path(raw)
    except ValueError as error:
        raise ValueError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {kind}") from error
    return raw
