"""The corrected commit rule of agents/consumer_patches.py: never commit past an unprocessed message."""

from __future__ import annotations

from faust.transport.consumer import Consumer
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

import agents.app  # (installs the patches, as the worker does)
from agents.consumer_patches import next_commit_offset, skipped_from


def test_a_run_of_acked_offsets_from_the_committed_one_is_committed() -> None:
    assert next_commit_offset([5, 6, 7], 5) == (8, 3)
    assert next_commit_offset([5, 6, 8, 9], 5) == (7, 2)  # stops at the first hole


def test_the_message_at_the_committed_offset_must_be_acked_first() -> None:
    # Faust committed past offset 5 here (its check lets the smallest acked be committed + 1).
    assert next_commit_offset([6, 7, 8], 5) == (None, 0)


def test_with_no_committed_offset_the_partition_counts_from_zero() -> None:
    # Faust committed 61 here, skipping the 14 messages a rebalance had dropped from its buffer.
    assert next_commit_offset(list(range(14, 61)), None) == (None, 0)
    assert next_commit_offset([0, 1, 2], None) == (3, 3)


def test_replayed_offsets_below_the_committed_one_are_used_up_without_moving_it_back() -> None:
    assert next_commit_offset([3, 4], 5) == (5, 2)
    assert next_commit_offset([], 5) == (None, 0)


def test_the_worker_app_installs_the_patches() -> None:
    assert Consumer._new_offset.__module__ == "agents.consumer_patches"
    assert AIOKafkaConsumerThread.seek_to_committed.__module__ == "agents.consumer_patches"


def test_a_hole_is_where_the_acked_offsets_start_above_the_committed_one() -> None:
    assert skipped_from([391, 392, 400], 387, 0) == 387
    assert skipped_from([387, 388], 387, 0) is None
    assert skipped_from([380, 381], 387, 0) is None  # replays below it: no hole
    assert skipped_from([], 387, 0) is None


def test_without_a_commit_the_hole_is_counted_from_the_partitions_first_offset() -> None:
    assert skipped_from([3, 4], None, 0) == 0
    assert skipped_from([500, 501], None, 500) is None  # (retention removed offsets 0-499)


def test_offsets_the_fetch_loop_jumped_over_are_not_counted_as_acked() -> None:
    assert Consumer._add_gap.__module__ == "agents.consumer_patches"


def test_the_worker_consumer_long_polls_as_the_settings_say() -> None:
    # Faust creates it with fetch_max_wait_ms=1500 whatever its settings; the patch applies ours.
    assert AIOKafkaConsumerThread._create_worker_consumer.__module__ == "agents.consumer_patches"
    assert agents.app.settings.fetch_max_wait_ms > 0
