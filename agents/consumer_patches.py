"""Four fixes to how faust-streaming 0.15 drives its aiokafka 0.14 consumer.

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

2. An off-by-one in Faust's commit offset (``Consumer._new_offset``). A committed offset is the
next offset to read, so the acked offsets may be committed past only when the smallest one is
that offset. Faust lets the smallest be one more (``min(acked) - committed > 1`` stops it only
two above), and with no committed offset it takes the first run of acked offsets wherever it
starts: after a rebalance cleared a buffer and later messages were acked first, the commit
skipped the message at the committed offset (1 of 2,272 events lost in a run of the two-worker
fault test, 11 in a CI run, with fix 1 in place). :func:`next_commit_offset` is the corrected
rule; a partition without a committed offset counts from 0 (see the note there).

3. Messages dropped between fetch and agent. Even with 1 and 2, a worker that took over a
partition sometimes never processed a few of its first messages (3-9 of 2,272 events in 1 run
of 3 of the fault test; a resolve log showed their candidates never reached the stage), while
the messages after them were processed: Faust's fetch loop drops records it fetched for a
partition it does not count as active yet, and the fetch position has already moved past them.
With 2 the commit then stays at the first dropped message, so nothing is skipped for good, but
the messages wait for the next rebalance. Worse, when the next message the fetch loop sees is
above the last one it read, Faust records the offsets between as a "gap" (meant for compacted
topics and transaction markers) and counts them as acked, so the commit passed the dropped
messages and they were lost (2 of 2,272 events in one run, with 1 and 2 in place). This
pipeline's topics are neither compacted nor transactional: their offsets have no gaps, so a gap
is always dropped messages, and it is no longer counted as acked. :func:`skipped_from` finds such a hole (the offsets
acked start above the committed one) and the worker reads the partition again from there (a
timer in agents/app.py, after ``skip_repair_seconds``).

4. Fetch long-polls. Faust creates its consumer with ``fetch_max_wait_ms=1500`` (not a setting).
aiokafka keeps one fetch in flight per broker, so when that fetch waits on partitions with no
data, a partition whose buffered records the agents have just drained is not fetched again
until the long-poll returns: up to 1.5 s of idle worker between bursts. ``fetch_max_wait_ms``
(``HADATH_FETCH_MAX_WAIT_MS``) sets it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from aiokafka import AIOKafkaConsumer
from faust.transport.consumer import Consumer
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread
from faust.types import TP
from faust.utils.functional import consecutive_numbers

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


def skipped_from(acked: list[int], committed: int | None, start: int) -> int | None:
    """The offset a partition must be read again from when messages were skipped: the committed
    offset (``start``, the partition's first offset, when none is) when the acked offsets are
    all above it. None when there is no hole. (Each agent handles its partition's messages one at
    a time, in order: a later message acked before the one at the committed offset means that
    one was skipped, not that it is still being processed.)"""
    first = start if committed is None else committed
    return first if acked and min(acked) > first else None


def next_commit_offset(acked: list[int], committed: int | None) -> tuple[int | None, int]:
    """The offset to commit for one partition, and how many of the (sorted) ``acked`` offsets
    it uses up: the end of the run of consecutive offsets that starts at or below ``committed``
    (the next offset to read; None, no commit yet, counts as 0). ``(None, 0)`` while the
    message at ``committed`` is not acked (:func:`skipped_from`): committing past it would skip it.

    (A new group on a topic whose first offsets retention has deleted would never commit here;
    this pipeline's topics keep their data, and a replay after a restart loses nothing.)
    """
    if not acked or skipped_from(acked, committed, 0) is not None:
        return None, 0
    run = next(consecutive_numbers(acked))
    return run[-1] + 1, len(run)


def _new_offset(self: Consumer, tp: TP) -> int | None:
    """Faust's ``Consumer._new_offset`` with :func:`next_commit_offset`. (Faust's gap filling is
    gone: with :func:`_no_gap` installed alongside, no gap is ever recorded.)"""
    acked = self._acked[tp]
    acked.sort()
    offset, used = next_commit_offset(acked, self._committed_offset[tp])
    if used:
        self._acked_index[tp].difference_update(acked[:used])
        acked[:used] = []
    return offset


async def _no_gap(self: Consumer, tp: TP, offset_from: int, offset_to: int) -> None:
    """Faust's ``Consumer._add_gap`` replaced: offsets the fetch loop jumped over were dropped,
    not absent; they stay unacked (fix 3)."""
    logger.debug("%s[%s]: offsets %s-%s jumped over, left unacked", tp.topic, tp.partition, offset_from, offset_to)


def commit_only_what_was_processed() -> None:
    """Install fixes 2 and 3 (idempotent): commits never pass a message no agent processed."""
    Consumer._new_offset = _new_offset  # type: ignore[method-assign]
    Consumer._add_gap = _no_gap  # type: ignore[method-assign]


_create_worker_consumer = AIOKafkaConsumerThread._create_worker_consumer


def use_fetch_max_wait(milliseconds: int) -> None:
    """Install fix 4: the worker's consumer long-polls at most ``milliseconds`` per fetch."""
    def create(self: AIOKafkaConsumerThread, transport: object) -> AIOKafkaConsumer:
        consumer = _create_worker_consumer(self, transport)
        # Read by the consumer when it starts its fetcher, so setting it here takes effect.
        consumer._fetch_max_wait_ms = milliseconds
        return consumer
    AIOKafkaConsumerThread._create_worker_consumer = create  # type: ignore[method-assign]
