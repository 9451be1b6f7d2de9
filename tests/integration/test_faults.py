"""Faults on a real broker: kill -9, broker restart, a dead group member, fuzzed and poison input.

Every test has its own topics and consumer group (``harness.Pipeline``) and bounded waits.
"0 lost" is checked against the embedded mode: the events ``run_article`` gives for each
generated article must all be published, and a record published twice under one event id
must be byte-identical (a replay). Generated articles are dated ``DAY_STEP`` days apart, so
no two of them merge and every event record belongs to one article.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from hadath import stages
from hadath.pipeline import run_article
from schemas import Article, DeadLetter, Event
from tests.integration.fuzz import (
    FuzzMessage,
    Outcomes,
    article_message,
    compare,
    fuzz_messages,
    generated_article,
    generated_articles,
    predict,
)
from tests.integration.harness import BROKER, REPO, Pipeline, free_port
from tests.integration.test_dead_letters import poisoned_normalized_article

KAFKA_SCRIPT = REPO / "scripts" / "kafka.sh"
# A killed member leaves the group after this many seconds instead of Faust's default 60 s, so
# a restarted or surviving worker gets the partitions quickly (Faust reads these from the env).
FAST_GROUP_ENV = {"BROKER_SESSION_TIMEOUT": "8", "BROKER_HEARTBEAT_INTERVAL": "1"}


# ---------------------------------------------------------------------------------------------
# helpers


@pytest.fixture
def pipeline_factory(tmp_path: Path) -> Iterator[Callable[..., Pipeline]]:
    """Make a private pipeline with extra ``HADATH_*`` (or Faust) environment variables; their
    topics are deleted after the test."""
    made: list[Pipeline] = []

    def make(**overrides: str) -> Pipeline:
        made.append(Pipeline.create(tmp_path / f"data-{uuid.uuid4().hex[:6]}", **overrides))
        return made[-1]
    yield make
    for pipeline in made:
        pipeline.delete_topics()


def produce_all(pipeline: Pipeline, topic: str, messages: list[tuple[bytes | None, bytes]]) -> None:
    """Send every message in one go (pipelined, not one round trip each) and wait for the acks."""
    async def run() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=BROKER, acks="all",
                                    max_request_size=pipeline.settings.max_message_bytes)
        await producer.start()
        try:
            futures = [await producer.send(topic, value=value, key=key) for key, value in messages]
            await asyncio.gather(*futures)
        finally:
            await producer.stop()
    asyncio.run(run())


def produce_paced(pipeline: Pipeline, messages: list[tuple[bytes | None, bytes]], rate: float) -> None:
    """Send the messages at ``rate`` per second (for a background thread), waiting for each batch's acks."""
    async def run() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=BROKER, acks="all",
                                    max_request_size=pipeline.settings.max_message_bytes)
        await producer.start()
        try:
            started = time.monotonic()
            futures = []
            for index, (key, value) in enumerate(messages):
                await asyncio.sleep(max(0.0, started + index / rate - time.monotonic()))
                futures.append(await producer.send(pipeline.settings.topic_raw, value=value, key=key))
            await asyncio.gather(*futures)
        finally:
            await producer.stop()
    asyncio.run(run())


def read_topics(topics: list[str], until: Callable[[dict[str, list[bytes]]], bool], timeout: float,
                idle: float = 0.0, max_bytes: int = 33_554_432) -> dict[str, list[bytes]]:
    """Values of ``topics`` from the beginning until ``until(values)`` holds or ``timeout`` passes.

    Afterwards keep reading until nothing arrives for ``idle`` seconds (to catch duplicates).
    """
    async def run() -> dict[str, list[bytes]]:
        consumer = AIOKafkaConsumer(*topics, bootstrap_servers=BROKER, auto_offset_reset="earliest",
                                    enable_auto_commit=False, group_id=None, fetch_max_bytes=max_bytes,
                                    max_partition_fetch_bytes=max_bytes)
        await consumer.start()
        values: dict[str, list[bytes]] = {topic: [] for topic in topics}
        try:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and not until(values):
                for tp, messages in (await consumer.getmany(timeout_ms=300)).items():
                    values[tp.topic] += [m.value for m in messages]
            if idle:
                while batch := await consumer.getmany(timeout_ms=int(idle * 1000)):
                    for tp, messages in batch.items():
                        values[tp.topic] += [m.value for m in messages]
        finally:
            await consumer.stop()
        return values
    return asyncio.run(run())


def metrics(pipeline: Pipeline) -> dict[str, float]:
    """The worker's /metrics as ``{'name{labels}': value}`` (empty when it doesn't answer)."""
    url = f"http://127.0.0.1:{pipeline.env['HADATH_WEB_PORT']}/metrics"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return {}
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = float(value)
    return values


def counter(values: dict[str, float], name: str, stage: str) -> float:
    """One stage's counter (``hadath_messages_in`` …) summed over its other labels."""
    prefix = f"{name}_total{{"
    return sum(v for k, v in values.items() if k.startswith(prefix) and f'stage="{stage}"' in k)


def health(pipeline: Pipeline) -> tuple[int, dict]:
    """Status code and body of the worker's /health."""
    url = f"http://127.0.0.1:{pipeline.env['HADATH_WEB_PORT']}/health"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def wait_for(condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.2) -> None:
    """Poll ``condition`` until it holds; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def sibling(pipeline: Pipeline, data_dir: Path) -> Pipeline:
    """A second worker of the same pipeline (same topics and group): own web port and data dir."""
    return Pipeline(pipeline.env | {"HADATH_WEB_PORT": str(free_port()), "HADATH_DATA_DIR": str(data_dir)},
                    pipeline.settings)


def expected_events(articles: list[Article]) -> dict[str, dict]:
    """Event id → event (JSON form) from the embedded mode, as the worker must publish them."""
    state: dict[str, dict] = {}
    events = {}
    for article in articles:
        for event in run_article(article, state):
            events[event.event_id] = event.model_dump(mode="json")
    merged = [e for e in events.values() if len(e["article_ids"]) > 1]
    assert not merged, "generated articles must not merge (their records would depend on the order)"
    return events


def check_nothing_lost(expected: dict[str, dict], values: list[bytes]) -> None:
    """Every expected event published, nothing else, and each repeat an exact replay."""
    published: dict[str, list[bytes]] = defaultdict(list)
    for value in values:
        published[Event.model_validate_json(value).event_id].append(value)
    missing = sorted(set(expected) - set(published))
    assert not missing, f"{len(missing)} of {len(expected)} events lost, e.g. {missing[:5]}"
    unexpected = sorted(set(published) - set(expected))
    assert not unexpected, f"{len(unexpected)} events the embedded mode doesn't give, e.g. {unexpected[:5]}"
    for event_id, copies in published.items():
        assert all(copy == copies[0] for copy in copies), f"{event_id}: a duplicate differs from the first copy"
        assert json.loads(copies[0]) == expected[event_id], f"{event_id}: differs from the embedded mode"


def all_events_published(pipeline: Pipeline, expected: dict[str, dict], timeout: float) -> list[bytes]:
    """Read ``events`` until every expected event id is there (then 2 s more for duplicates)."""
    seen: set[str] = set()
    counted = [0]

    def done(values: dict[str, list[bytes]]) -> bool:
        new = values[pipeline.settings.topic_events][counted[0]:]
        counted[0] += len(new)
        seen.update(json.loads(v)["event_id"] for v in new)
        return seen >= expected.keys()

    return read_topics([pipeline.settings.topic_events], done, timeout, idle=2)[pipeline.settings.topic_events]


def kafka_script(command: str) -> subprocess.CompletedProcess:
    """``scripts/kafka.sh COMMAND`` for the broker the tests use."""
    port = BROKER.rpartition(":")[2]
    return subprocess.run([str(KAFKA_SCRIPT), command], env=os.environ | {"HADATH_KAFKA_PORT": port},
                          capture_output=True, text=True, timeout=90, check=False)


def broker_port_open() -> bool:
    """True when the test broker accepts connections."""
    host, _, port = BROKER.rpartition(":")
    with contextlib.suppress(OSError), socket.create_connection((host, int(port)), timeout=1):
        return True
    return False


def committed_offsets(group: str) -> dict[TopicPartition, int]:
    """The consumer group's committed offsets."""
    async def run() -> dict[TopicPartition, int]:
        admin = AIOKafkaAdminClient(bootstrap_servers=BROKER)
        await admin.start()
        try:
            offsets = await admin.list_consumer_group_offsets(group)
        finally:
            await admin.close()
        return {tp: meta.offset for tp, meta in offsets.items()}
    return asyncio.run(run())


def worker_log(pipeline: Pipeline) -> str:
    """Every worker log of this pipeline's data-dir parent (the harness writes them there)."""
    folder = Path(pipeline.env["HADATH_DATA_DIR"]).parent
    return "\n".join(p.read_text(errors="replace") for p in sorted(folder.glob("worker-*.log")))


def wait_progress(pipeline: Pipeline, stage: str, at_least: int, timeout: float = 60) -> float:
    """Wait until ``stage`` has taken ``at_least`` messages; the count then seen."""
    seen = [0.0]

    def enough() -> bool:
        seen[0] = counter(metrics(pipeline), "hadath_messages_in", stage)
        return seen[0] >= at_least

    wait_for(enough, timeout, f"{stage} to take {at_least} messages", interval=0.1)
    return seen[0]


# ---------------------------------------------------------------------------------------------
# crashes


def test_kill_9_mid_stream_then_restart_loses_nothing_and_duplicates_are_replays(
        pipeline_factory: Callable[..., Pipeline]) -> None:
    pipeline = pipeline_factory(**FAST_GROUP_ENV)
    articles = generated_articles(2000, seed=11)
    expected = expected_events(articles)
    assert len({e["article_ids"][0] for e in expected.values()}) > 1900, "the generator must yield events"
    # Articles keep arriving (~25 s) while the worker is killed and restarted: every stage is mid-stream.
    producer = threading.Thread(target=produce_paced, daemon=True,
                                args=(pipeline, [article_message(a) for a in articles], 80.0))
    producer.start()
    with pipeline.worker() as process:
        resolved = wait_progress(pipeline, "resolve", 300)
        taken = counter(metrics(pipeline), "hadath_messages_in", "normalize")
        process.kill()  # SIGKILL: no shutdown, no final commit
        process.wait(10)
    assert 0 < taken < len(articles), f"not mid-stream: {taken} articles taken before the kill"
    assert resolved > 0
    with pipeline.worker():
        producer.join(60)
        values = all_events_published(pipeline, expected, timeout=90)
    check_nothing_lost(expected, values)


def test_broker_stop_and_start_while_the_worker_runs_loses_nothing(pipeline: Pipeline) -> None:
    if kafka_script("status").returncode != 0:
        pytest.skip(f"the broker at {BROKER} was not started by scripts/kafka.sh: can't restart it")
    articles = generated_articles(800, seed=12)
    expected = expected_events(articles)
    produce_all(pipeline, pipeline.settings.topic_raw, [article_message(a) for a in articles])
    try:
        with pipeline.worker() as process:
            wait_progress(pipeline, "normalize", 100)
            resolved = counter(metrics(pipeline), "hadath_messages_in", "resolve")
            stopped = kafka_script("stop")
            assert stopped.returncode == 0, stopped.stderr
            time.sleep(2)  # an outage, kept short: other tests share this broker
            started = kafka_script("start")
            assert started.returncode == 0, started.stderr + started.stdout
            values = all_events_published(pipeline, expected, timeout=100)
            assert process.poll() is None, "the worker died during the outage"
            status, body = health(pipeline)
            assert status == 200 and body["broker"], body
    finally:
        if not broker_port_open():
            kafka_script("start")
    assert resolved < len(expected), "the worker had finished before the broker stopped: not mid-stream"
    check_nothing_lost(expected, values)


def _two_workers_one_killed(pipeline: Pipeline, other: Pipeline, articles: list[Article],
                            kill_when: Callable[[], bool], timeout: float) -> None:
    """Two workers of one group; kill -9 the second once ``kill_when()`` holds; check 0 lost."""
    expected = expected_events(articles)
    with pipeline.worker() as survivor, other.worker() as victim:
        def both_assigned() -> bool:
            return health(pipeline)[1].get("assigned_partitions", 0) > 0 and \
                health(other)[1].get("assigned_partitions", 0) > 0
        wait_for(both_assigned, 60, "both workers to hold partitions")
        before = health(pipeline)[1]["assigned_partitions"]
        produce_all(pipeline, pipeline.settings.topic_raw, [article_message(a) for a in articles])
        wait_for(kill_when, 60, "the moment to kill the second worker", interval=0.1)
        victim.kill()
        victim.wait(10)
        wait_for(lambda: health(pipeline)[1].get("assigned_partitions", 0) > before, 60,
                 "the dead worker's partitions to move to the survivor")
        values = all_events_published(pipeline, expected, timeout=timeout)
        assert survivor.poll() is None
    check_nothing_lost(expected, values)


def test_two_workers_one_killed_its_partitions_move_and_nothing_is_lost(pipeline_factory: Callable[..., Pipeline],
                                                                       tmp_path: Path) -> None:
    pipeline = pipeline_factory(HADATH_PARTITIONS="4", **FAST_GROUP_ENV)
    other = sibling(pipeline, tmp_path / "data-b")
    raw = pipeline.settings.topic_raw

    def victim_has_committed() -> bool:
        """The victim has worked and committed on its partitions (every raw partition has an offset)."""
        return counter(metrics(other), "hadath_messages_in", "normalize") >= 100 and \
            sum(tp.topic == raw for tp in committed_offsets(pipeline.settings.app_id)) == pipeline.settings.partitions

    _two_workers_one_killed(pipeline, other, generated_articles(800, seed=13), victim_has_committed, timeout=100)


def test_a_worker_joining_before_the_first_commit_loses_nothing(pipeline_factory: Callable[..., Pipeline],
                                                                tmp_path: Path) -> None:
    """The rebalance a joining worker causes drops the fetched, unprocessed messages; on partitions
    with no committed offset they must be read again from the beginning (agents/consumer_patches.py)."""
    # No commit before the join: the group has no offset on any partition when it rebalances.
    pipeline = pipeline_factory(HADATH_PARTITIONS="4", BROKER_COMMIT_INTERVAL="600", **FAST_GROUP_ENV)
    second = sibling(pipeline, tmp_path / "data-b")
    articles = generated_articles(800, seed=14)
    expected = expected_events(articles)
    with pipeline.worker():
        produce_all(pipeline, pipeline.settings.topic_raw, [article_message(a) for a in articles])
        wait_progress(pipeline, "normalize", 50)
        assert not committed_offsets(pipeline.settings.app_id), "an offset was committed before the join"
        with second.worker():
            values = all_events_published(pipeline, expected, timeout=60)
    check_nothing_lost(expected, values)


def test_two_workers_one_killed_as_soon_as_it_takes_work_nothing_is_lost(
        pipeline_factory: Callable[..., Pipeline], tmp_path: Path) -> None:
    pipeline = pipeline_factory(HADATH_PARTITIONS="4", **FAST_GROUP_ENV)
    other = sibling(pipeline, tmp_path / "data-b")
    _two_workers_one_killed(pipeline, other, generated_articles(1500, seed=13),
                            lambda: counter(metrics(other), "hadath_messages_in", "normalize") >= 1, timeout=30)


# ---------------------------------------------------------------------------------------------
# bad input


def run_fuzz(pipeline: Pipeline, messages: list[FuzzMessage], timeout: float) -> tuple[Outcomes, dict[str, float]]:
    """Send ``messages`` to a running worker; wait until every stage has handled what it got."""
    settings = pipeline.settings
    produce_all(pipeline, settings.topic_raw, [(m.key, m.value) for m in messages])

    def settled() -> bool:
        values = metrics(pipeline)
        n_in = {s: counter(values, "hadath_messages_in", s) for s in ("normalize", "extract", "resolve")}
        out = {s: counter(values, "hadath_messages_out", s) for s in ("normalize", "extract")}
        return n_in["normalize"] >= len(messages) and n_in["extract"] >= out["normalize"] \
            and n_in["resolve"] >= out["extract"]
    wait_for(settled, timeout, "the worker to handle every message", interval=0.5)
    final = metrics(pipeline)
    letters = sum(counter(final, "hadath_dead_letters", s) for s in ("normalize", "extract", "resolve"))
    events = counter(final, "hadath_messages_out", "resolve")
    topics = [settings.dlq_topic(t) for t in settings.stage_topics[:3]] + [settings.topic_events]
    values = read_topics(topics, lambda v: sum(len(x) for x in v.values()) >= letters + events, timeout=60)
    observed = Outcomes()
    for topic, topic_values in values.items():
        for value in topic_values:
            if topic == settings.topic_events:
                observed.add_event(value)
            else:
                observed.add_dead_letter(value)
    return observed, final


def test_fuzzed_input_each_message_ends_as_events_or_a_dead_letter_and_the_worker_lives(
        pipeline: Pipeline) -> None:
    messages = fuzz_messages(300, seed=2024)
    state: dict[str, dict] = {}
    predicted = {m.key: predict(m, pipeline.settings, state) for m in messages}
    with pipeline.worker() as process:
        observed, final = run_fuzz(pipeline, messages, timeout=90)
        status, body = health(pipeline)
        alive = process.poll() is None
    tally, problems = compare(messages, predicted, observed)
    assert not problems, f"{len(problems)} messages with the wrong fate: {problems[:10]}; tally {dict(tally)}"
    assert not observed.unattributed, observed.unattributed
    assert counter(final, "hadath_messages_in", "normalize") == len(messages)
    assert alive and status == 200, body
    assert "Crashed" not in worker_log(pipeline)




def test_poison_message_is_dead_lettered_once_committed_and_not_replayed_after_a_restart(
        pipeline_factory: Callable[..., Pipeline]) -> None:
    pipeline = pipeline_factory(**FAST_GROUP_ENV)
    settings = pipeline.settings
    dlq = settings.dlq_topic(settings.topic_normalized)
    with pipeline.worker() as process:
        produce_all(pipeline, settings.topic_normalized, [(b"poison", poisoned_normalized_article())])
        (first,) = read_topics([dlq], lambda v: len(v[dlq]) >= 1, timeout=30)[dlq]
        letter = DeadLetter.model_validate_json(first)
        assert letter.stage == "extract" and letter.reason == "stage_error"
        poisoned = TopicPartition(settings.topic_normalized, letter.partition)

        def committed_past_poison() -> bool:
            return committed_offsets(settings.app_id).get(poisoned, -1) > letter.offset
        wait_for(committed_past_poison, 20, "the poison message's offset to be committed", interval=0.5)
        process.kill()  # no graceful shutdown: only what was committed counts
        process.wait(10)
    good = generated_article(0, seed=15)
    with pipeline.worker() as process:
        produce_all(pipeline, settings.topic_raw, [article_message(good)])
        events = pipeline.consume(settings.topic_events, 1, timeout=30)
        assert events, "the restarted worker doesn't process new articles"
        letters = read_topics([dlq], lambda v: False, timeout=3)[dlq]
        assert process.poll() is None
        assert counter(metrics(pipeline), "hadath_dead_letters", "extract") == 0, "the poison was reprocessed"
    assert letters == [first], f"{len(letters)} dead letters for one poison message"
    assert worker_log(pipeline).count("Crashed") == 0


# Kafka's own default limit on a message (broker message.max.bytes): a common deployment value.
KAFKA_DEFAULT_MAX_MESSAGE = 1_048_576


def _dead_letter_then_next_article(pipeline: Pipeline, bad: tuple[bytes, bytes],
                                   timeout: float = 30) -> tuple[list[bytes], list[bytes]]:
    """Send ``bad``; wait for its dead letter (or an agent crash); then send a good article.

    Returns the dead letters on ``articles.raw.dlq`` and the events of the good article.
    """
    settings = pipeline.settings
    dlq = settings.dlq_topic(settings.topic_raw)
    produce_all(pipeline, settings.topic_raw, [bad])
    deadline = time.monotonic() + timeout
    letters: list[bytes] = []
    while time.monotonic() < deadline and not letters and "Crashed" not in worker_log(pipeline):
        letters = read_topics([dlq], lambda v: bool(v[dlq]), timeout=1)[dlq]
    good = generated_article(1, seed=16)
    produce_all(pipeline, settings.topic_raw, [article_message(good)])
    events = pipeline.consume(settings.topic_events, 1, timeout=timeout)
    return read_topics([dlq], lambda v: False, timeout=1)[dlq], events


def test_an_article_whose_normalized_record_is_too_large_to_publish_goes_to_the_dlq(
        pipeline_factory: Callable[..., Pipeline]) -> None:
    pipeline = pipeline_factory(HADATH_MAX_MESSAGE_BYTES=str(KAFKA_DEFAULT_MAX_MESSAGE))
    settings = pipeline.settings
    article = generated_articles(1, seed=17)[0]
    sentences = [generated_article(i, seed=17).text for i in range(1500)]
    long_article = article.model_copy(update={"id": "long", "text": " ".join(sentences)})
    key, value = article_message(long_article)
    ((_, normalized),) = stages.normalize_message(value, settings.max_article_bytes)
    # An ordinary article under the article limit whose normalized record is over the message limit.
    assert len(value) < settings.max_article_bytes < len(normalized.model_dump_json().encode())
    with pipeline.worker() as process:
        letters, events = _dead_letter_then_next_article(pipeline, (key, value))
        assert process.poll() is None
    assert events, "the article after the oversized one was not processed"
    assert [DeadLetter.model_validate_json(v).original_key_base64 for v in letters] == [
        base64.b64encode(key).decode()], "the oversized article has no dead letter"
    letter = DeadLetter.model_validate_json(letters[0])
    assert (letter.stage, letter.reason) == ("normalize", "output_too_large")
    assert base64.b64decode(letter.original_base64) == value
    assert "Crashed" not in worker_log(pipeline)


def test_a_raw_message_too_large_even_for_its_dead_letter_still_goes_to_the_dlq(
        pipeline_factory: Callable[..., Pipeline]) -> None:
    pipeline = pipeline_factory(HADATH_MAX_MESSAGE_BYTES=str(KAFKA_DEFAULT_MAX_MESSAGE))
    settings = pipeline.settings
    # Over the article limit (so: too_large), under the topic's message limit (so the broker takes it).
    huge = b'{"id": "huge", "text": "' + "خبر ".encode() * 143_000 + b'"}'
    assert settings.max_article_bytes < len(huge) < settings.max_message_bytes - 1000
    with pipeline.worker() as process:
        letters, events = _dead_letter_then_next_article(pipeline, (b"huge", huge))
        assert process.poll() is None
    assert events, "the article after the huge one was not processed"
    assert len(letters) == 1, f"{len(letters)} dead letters for the huge message"
    letter = DeadLetter.model_validate_json(letters[0])
    assert letter.reason == "too_large" and letter.original_truncated
    assert huge.startswith(base64.b64decode(letter.original_base64)), "the copy must be a prefix of the original"
    assert (letter.topic, letter.offset) == (settings.topic_raw, 0), "the letter must say where the original is"
    assert "Crashed" not in worker_log(pipeline)
