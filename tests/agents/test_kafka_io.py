"""When a topic counts as ready, judged from the broker's metadata (DescribeTopics) answers."""

from __future__ import annotations

from agents.kafka_io import _led


def _partition(number: int, leader: int) -> dict:
    return {"error_code": 0, "partition": number, "leader": leader, "replicas": [1], "isr": [1],
            "offline_replicas": []}


def test_every_partition_with_a_leader_is_ready() -> None:
    assert _led({"error_code": 0, "topic": "t", "partitions": [_partition(0, 1), _partition(1, 1)]})


def test_a_partition_without_a_leader_is_not_ready() -> None:
    assert not _led({"error_code": 0, "topic": "t", "partitions": [_partition(0, 1), _partition(1, -1)]})


def test_an_unknown_topic_or_one_without_partitions_is_not_ready() -> None:
    assert not _led({"error_code": 3, "topic": "t", "partitions": []})  # UNKNOWN_TOPIC_OR_PARTITION
    assert not _led({"error_code": 0, "topic": "t", "partitions": []})
