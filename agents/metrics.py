"""Prometheus metrics of the worker, served on its web port at /metrics."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry()
BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
MESSAGES_IN = Counter("hadath_messages_in", "Messages a stage received", ["stage"], registry=REGISTRY)
MESSAGES_OUT = Counter("hadath_messages_out", "Records a stage published", ["stage"], registry=REGISTRY)
DEAD_LETTERS = Counter("hadath_dead_letters", "Messages sent to a DLQ", ["stage", "reason"],
                       registry=REGISTRY)
PROCESSING_SECONDS = Histogram(
    "hadath_processing_seconds", "Time a stage spent processing one message (handler and encoding, "
    "not the sends)", ["stage"], registry=REGISTRY, buckets=BUCKETS,
)
# The main thread's CPU time in the handler: the wall-clock histogram above also counts the time
# the handler waited for the GIL while the consumer thread ran, so it overstates the stage's cost.
PROCESSING_CPU_SECONDS = Counter(
    "hadath_processing_cpu_seconds", "CPU time of the worker's main thread in a stage's handler and "
    "encoding", ["stage"], registry=REGISTRY,
)
SEND_SECONDS = Histogram(
    "hadath_send_seconds", "Time a stage waited to hand one message's records to the producer "
    "(other agents run meanwhile)", ["stage"], registry=REGISTRY, buckets=BUCKETS,
)
REREADS = Counter("hadath_rereads", "Times an input partition was read again from its committed offset "
                  "because the consumer had skipped messages there", ["topic", "partition"], registry=REGISTRY)
CONSUMER_LAG = Gauge("hadath_consumer_lag", "Messages not yet consumed, per topic partition",
                     ["topic", "partition"], registry=REGISTRY)


@dataclass(frozen=True)
class StageMetrics:
    """One stage's labelled metrics, looked up once instead of by label on every message."""

    messages_in: Counter  # labels() returns a child of the same class
    messages_out: Counter
    processing: Histogram
    processing_cpu: Counter
    sending: Histogram


@cache
def for_stage(stage: str) -> StageMetrics:
    """The metrics of ``stage`` (cached: ``labels()`` takes a lock and builds a key each call)."""
    return StageMetrics(MESSAGES_IN.labels(stage), MESSAGES_OUT.labels(stage),
                        PROCESSING_SECONDS.labels(stage), PROCESSING_CPU_SECONDS.labels(stage),
                        SEND_SECONDS.labels(stage))
