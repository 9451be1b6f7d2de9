"""Two fixes to how faust-streaming 0.15 drives its aiokafka 0.14 consumer.

1. An at-least-once gap at rebalances.

On a rebalance Faust drops the messages already fetched but not yet processed
(``flow_control.clear()``) and relies on "seek to committed" to read them again. aiokafka's
``seek_to_committed`` only seeks when a partition has a committed offset above 0, so on a
partition the group has never committed the fetch position stays after the dropped
messages, and the first offset committed later skips them: those articles are lost. Measured
on the real broker (tests/integration/test_faults.py): a second worker joining before the
first one's first commit lost 290 of 2,293 events; with this fix, none.

The fix: a partition without a committed offset is read from its beginning after every
rebalance, as ``auto_offset_reset="earliest"`` means. Messages this worker had already
processed are read again (a replay; the stages are idempotent), never skipped.

2. Fetch long-polls. Faust creates its consumer with ``fetch_max_wait_ms=1500`` (not a setting).
aiokafka keeps one fetch in flight per broker, so when that fetch waits on partitions with no
data, a partition whose buffered records the agents have just drained is not fetched again
until the long-poll returns: up to 1.5 s of idle worker between bursts. ``fetch_max_wait_ms``
(``HADATH_FETCH_MAX_WAIT_MS``) sets it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from aiokafka import AIOKafkaConsumer
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread
from faust.types import TP

logger = logging.getLogger("hadath")

_seek_to_committed = AIOKafkaConsumerThread.seek_to_committed


async def _seek_to_committed_or_beginning(self: AIOKafkaConsumerThread) -> Mapping[TP, int]:
    """Seek each assigned partition to its committed offset, or to its beginning if it has none
    (changelog partitions excepted)."""
    committed = await _seek_to_committed(self)
    # Table changelogs are not read at committed offsets (recovery seeks them itself).
    changelogs = self.app.tables.changelog_topics
    uncommitted = [tp for tp, offset in committed.items() if not offset and tp.topic not in changelogs]
    if uncommitted:
        await self.call_thread(_seek_to_offset_zero, self._ensure_consumer(), uncommitted)
        logger.debug("no committed offset, read from the beginning: %s",
                     sorted(f"{tp.topic}[{tp.partition}]" for tp in uncommitted))
    return committed


async def _seek_to_offset_zero(consumer: AIOKafkaConsumer, partitions: list[TP]) -> None:
    # ``seek`` only sets the position (and drops prefetched records); ``seek_to_beginning`` would
    # wait for a ListOffsets answer, which never comes while recovery has the partitions paused.
    # Offset 0 below the log start is answered with OffsetOutOfRange, and
    # ``auto_offset_reset="earliest"`` then moves to the first offset kept.
    for tp in partitions:
        consumer.seek(tp, 0)


def read_uncommitted_partitions_from_the_beginning() -> None:
    """Install fix 1 (idempotent); call before the app's consumer starts."""
    AIOKafkaConsumerThread.seek_to_committed = _seek_to_committed_or_beginning  # type: ignore[method-assign]


_create_worker_consumer = AIOKafkaConsumerThread._create_worker_consumer


def use_fetch_max_wait(milliseconds: int) -> None:
    """Install fix 2: the worker's consumer long-polls at most ``milliseconds`` per fetch."""
    def create(self: AIOKafkaConsumerThread, transport: object) -> AIOKafkaConsumer:
        consumer = _create_worker_consumer(self, transport)
        # Read by the consumer when it starts its fetcher, so setting it here takes effect.
        consumer._fetch_max_wait_ms = milliseconds
        return consumer
    AIOKafkaConsumerThread._create_worker_consumer = create  # type: ignore[method-assign]
