"""The worker's pure helpers: repeated-log filter, agent tracker, stalled partitions, JSON validation."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest

from agents.health import AgentTracker, Stall, idle_partitions, stalls
from agents.logs import RepeatFilter, tidy_worker_logging
from hadath.stages import BadInputError, normalize, validate_json, validate_record
from schemas import Article, NormalizedArticle
from tests.conftest import SEED_PATH


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def record(message: str, *args: object, level: int = logging.ERROR, name: str = "aiokafka.conn") -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, args, None)


def test_repeat_filter_lets_a_message_through_once_per_interval_and_reports_the_suppressed_count() -> None:
    clock = Clock()
    repeats = RepeatFilter(interval_s=10, clock=clock)
    first = record("Unable connect to node with id %s: %s", 1, "Connect call failed")
    assert repeats.filter(first)
    assert first.getMessage() == "Unable connect to node with id 1: Connect call failed"
    for _ in range(500):
        clock.now += 0.01
        assert not repeats.filter(record("Unable connect to node with id %s: %s", 1, "Connect call failed"))
    assert repeats.filter(record("Unable to update metadata from [%s]", 1))  # another message passes
    clock.now += 10
    again = record("Unable connect to node with id %s: %s", 1, "Connect call failed")
    assert repeats.filter(again)
    assert again.getMessage().startswith("Unable connect to node with id 1: Connect call failed [this message was "
                                         "repeated 500 more times in the 15 s before]")
    clock.now += 1
    assert not repeats.filter(record("Unable connect to node with id %s: %s", 1, "Connect call failed"))


def test_repeat_filter_leaves_info_and_debug_alone_and_gives_every_handler_the_same_verdict() -> None:
    repeats = RepeatFilter(interval_s=10, clock=Clock())
    assert all(repeats.filter(record("Worker ready", level=logging.INFO)) for _ in range(3))
    assert repeats.filter(record("boom"))
    second = record("boom")
    # one filter on two handlers: the second handler asks about the same record again
    assert repeats.filter(second) is False and repeats.filter(second) is False
    first_seen = record("other")
    assert repeats.filter(first_seen) and repeats.filter(first_seen)


def test_repeat_filter_stays_bounded_with_endless_distinct_messages() -> None:
    clock = Clock()
    repeats = RepeatFilter(interval_s=10, clock=clock, max_keys=50)
    for number in range(1000):
        clock.now += 0.001
        assert repeats.filter(record("offset %s failed", number))
    assert len(repeats._seen) <= 50


def test_tidy_worker_logging_undoes_fausts_debug_root_level_and_filters_each_handler_once() -> None:
    root = logging.getLogger()
    level, handler = root.level, logging.NullHandler()
    root.addHandler(handler)
    try:
        root.setLevel(logging.DEBUG)  # what Faust's worker does for its spinner at level warn
        tidy_worker_logging("warn", 5)
        tidy_worker_logging("warn", 5)
        assert root.level == logging.WARNING
        assert not logging.getLogger("aiokafka.conn").isEnabledFor(logging.DEBUG)
        assert [type(f) for f in handler.filters] == [RepeatFilter]
        assert handler.filters[0].interval_s == 5
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


async def test_agent_tracker_reports_an_agent_that_crashed_was_cancelled_or_never_started() -> None:
    clock = Clock()
    tracker = AgentTracker(clock)
    started = asyncio.Event()

    async def body(name: str) -> None:
        with tracker.running(name):
            started.set()
            await asyncio.sleep(3600)

    task = asyncio.create_task(body("normalize"))
    await started.wait()
    assert tracker.problems(["normalize", "extract"], crash_hold_s=60) == {"extract": "not started"}
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert tracker.problems(["normalize"], crash_hold_s=60) == {"normalize": "not running (cancelled)"}

    with pytest.raises(ValueError), tracker.running("extract"):
        raise ValueError("bad")
    assert tracker.problems(["extract"], 60) == {"extract": "not running (crashed: ValueError: bad)"}


async def test_agent_tracker_holds_a_restarted_agent_unhealthy_for_the_crash_window_only() -> None:
    clock = Clock()
    tracker = AgentTracker(clock)
    with pytest.raises(RuntimeError), tracker.running("resolve"):
        raise RuntimeError("send failed")
    with tracker.running("resolve"):  # Faust's supervisor started a new actor
        clock.now += 5
        problem = tracker.problems(["resolve"], crash_hold_s=60)["resolve"]
        assert problem.startswith("restarted 5 s ago after it stopped (crashed: RuntimeError: send failed)")
        clock.now += 56
        assert tracker.problems(["resolve"], crash_hold_s=60) == {}


def test_idle_partitions_counts_only_input_topics_and_time_since_assignment_or_last_message() -> None:
    assigned = [("raw", 0), ("raw", 1), ("normalized", 0), ("hadath-merge-changelog", 0)]
    assigned_at = dict.fromkeys(assigned, 100.0)
    last_in = {("raw", 1): 150.0}
    idle = idle_partitions(assigned, ["raw", "normalized"], 170.0, assigned_at, last_in, threshold_s=60)
    assert idle == {("raw", 0): 70.0, ("normalized", 0): 70.0}  # not raw/1 (read 20 s ago), not the changelog
    assert idle_partitions(assigned, ["raw"], 159.0, assigned_at, {}, threshold_s=60) == {}


def test_stalls_are_idle_partitions_with_messages_waiting() -> None:
    idle = {("raw", 0): 70.0, ("raw", 1): 80.0}
    found = stalls(idle, {("raw", 0): 0, ("raw", 1): 405})
    assert found == [Stall("raw", 1, 405, 80.0)]
    assert found[0].as_dict() == {"topic": "raw", "partition": 1, "lag": 405, "idle_s": 80.0}


@pytest.mark.parametrize("value", [
    b"\xff\xfe",
    b"{not json",
    b"[" * 100_000,
    b"[" * 500,  # deeper than pydantic's parser goes, not than json.loads
    b'{"article": {"id": "a", "text": "x", "n": ' + b"9" * 5000 + b"}}",
    b'{"article": {"id": "a", "text": "x", "n": NaN}}',
    b"[1, 2]",
    b'{"article": {"id": "x"}}',
    b'{"article": {"id": "a", "text": "x\\ud800"}}',
])
def test_validate_json_refuses_with_the_reason_and_message_of_json_loads_then_validate(value: bytes) -> None:
    with pytest.raises(BadInputError) as fast:
        validate_json(NormalizedArticle, value)
    with pytest.raises(BadInputError) as slow:
        try:
            payload = json.loads(value)
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise BadInputError("not_json", f"not JSON: {type(error).__name__}: {error}") from error
        validate_record(NormalizedArticle, payload)
    assert (fast.value.reason, str(fast.value)) == (slow.value.reason, str(slow.value))


def test_normalize_output_passes_its_contract_and_round_trips_through_validate_json() -> None:
    article = Article(id="seed", text=SEED_PATH.read_text(encoding="utf-8"))
    doc = normalize(article)
    wire = doc.model_dump_json().encode()
    assert validate_json(NormalizedArticle, wire) == doc == NormalizedArticle.model_validate(json.loads(wire))
    assert doc.published_at_is_ingest_time and doc.sentences[0].tokens[0].norm


def test_validate_json_accepts_what_json_loads_accepted_even_past_its_own_parser() -> None:
    # NaN in a field Article ignores: pydantic's parser refuses it, json.loads reads it; still accepted.
    value = json.dumps({"schema_version": 1, "article": {"id": "a", "text": "نص", "extra": float("nan")},
                        "published_at": "2021-02-27T00:00:00", "sentences": []}).encode()
    assert b"NaN" in value
    assert validate_json(NormalizedArticle, value).article.id == "a"


def test_repeat_filter_leaves_printed_lines_whole_and_its_count_survives_fausts_formatter() -> None:
    from mode.utils.logging import DefaultFormatter

    clock = Clock()
    repeats = RepeatFilter(interval_s=1, clock=clock)
    assert all(repeats.filter(record("Traceback (most recent call last):", name="mode.redirect"))
               for _ in range(3))
    assert repeats.filter(record("rate %s%%", 5))
    assert not repeats.filter(record("rate %s%%", 5))
    clock.now += 2
    again = record("rate %s%%", 5)
    assert repeats.filter(again)
    formatted = DefaultFormatter("%(message)s").format(again)
    assert formatted == "rate 5% [this message was repeated 1 more times in the 2 s before]"
