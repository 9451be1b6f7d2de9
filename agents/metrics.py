"""Prometheus metrics of the worker, served on its web port at /metrics."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry()
MESSAGES_IN = Counter("hadath_messages_in", "Messages a stage received", ["stage"], registry=REGISTRY)
MESSAGES_OUT = Counter("hadath_messages_out", "Records a stage published", ["stage"], registry=REGISTRY)
DEAD_LETTERS = Counter("hadath_dead_letters", "Messages sent to a DLQ", ["stage", "reason"],
                       registry=REGISTRY)
PROCESSING_SECONDS = Histogram(
    "hadath_processing_seconds", "Time a stage spent on one message", ["stage"], registry=REGISTRY,
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
CONSUMER_LAG = Gauge("hadath_consumer_lag", "Messages not yet consumed, per topic partition",
                     ["topic", "partition"], registry=REGISTRY)
