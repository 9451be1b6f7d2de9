"""The worker's operational surface on a real broker: /health verdicts, /metrics timings, logs in an outage."""

from __future__ import annotations

import collections
import contextlib
import json
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import SEED_PATH
from tests.integration.harness import REPO, Pipeline

KAFKA_SCRIPT = REPO / "scripts" / "kafka.sh"
HEADER = re.compile(r"^\[\d{4}-[^\]]*\] \[\d+\] ")  # Faust's "[time] [pid] " before "[LEVEL] message"
SEED = json.dumps({"id": "seed", "text": SEED_PATH.read_text(encoding="utf-8"), "published_at": "2021-02-27"},
                  ensure_ascii=False).encode()


def get(pipeline: Pipeline, path: str) -> tuple[int, bytes]:
    """GET a path of the pipeline's worker: (status, body); (0, b"") when it does not answer."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{pipeline.env['HADATH_WEB_PORT']}{path}", timeout=10) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def health(pipeline: Pipeline) -> tuple[int, dict]:
    """The /health status and JSON body."""
    status, body = get(pipeline, "/health")
    return status, json.loads(body) if body else {}


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` until it holds; fail the test naming ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def metric(pipeline: Pipeline, name: str, stage: str) -> float:
    """One stage's sample of a /metrics series (0 when absent)."""
    text = get(pipeline, "/metrics")[1].decode()
    match = re.search(rf'^{re.escape(name)}{{stage="{stage}"}} (\S+)$', text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def test_health_names_every_agent_running_and_no_partition_stalled_once_the_work_is_done(tmp_path: Path) -> None:
    # A stall threshold of 2 s makes every input partition "idle" in this test: /health must then
    # ask the broker for each one's lag and find it 0, so quiet partitions are no stall.
    pipeline = Pipeline.create(tmp_path / "data", HADATH_HEALTH_STALL_SECONDS="2")
    pipeline.produce(pipeline.settings.topic_raw, [(b"seed", SEED)])
    with pipeline.worker():
        events = pipeline.consume(pipeline.settings.topic_events, count=1, timeout=60)
        assert events
        time.sleep(3)
        status, body = health(pipeline)
        processing = metric(pipeline, "hadath_processing_seconds_count", "normalize")
        sending = metric(pipeline, "hadath_send_seconds_count", "normalize")
    assert status == 200, body
    assert body["status"] == "ok" and body["reasons"] == [] and body["stalled_partitions"] == []
    assert body["agents"] == {"normalize": "running", "extract": "running", "resolve": "running"}
    assert body["broker"] and body["assigned_partitions"] > 0
    assert processing == sending == 1


# ---------------------------------------------------------------------------------------------
# a private broker, so that stopping it disturbs nobody else's tests


def free_port_pair() -> int:
    """A port P with P + 1 free too (the broker's controller listens on P + 1)."""
    for _ in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        with contextlib.suppress(OSError), socket.socket() as other:
            other.bind(("127.0.0.1", port + 1))
            return port
    raise RuntimeError("no two adjacent free ports")


def kafka(port: int, command: str) -> subprocess.CompletedProcess:
    """``scripts/kafka.sh COMMAND`` for the private broker on ``port``."""
    return subprocess.run([str(KAFKA_SCRIPT), command], env=os.environ | {"HADATH_KAFKA_PORT": str(port)},
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def private_broker() -> Iterator[int]:
    """A broker of our own on a free port (removed afterwards, data and all)."""
    if kafka(9092, "status").returncode not in (0, 3):  # no Java / no jars: kafka.sh can't run here
        pytest.skip("scripts/kafka.sh can't run on this machine")
    port = free_port_pair()
    started = kafka(port, "start")
    if started.returncode != 0:
        pytest.skip(f"could not start a private broker: {started.stderr[-500:]}")
    try:
        yield port
    finally:
        kafka(port, "reset")


def test_a_broker_outage_gives_503_with_the_reason_and_a_rate_limited_log(private_broker: int,
                                                                           tmp_path: Path) -> None:
    pipeline = Pipeline.create(tmp_path / "data", HADATH_BROKER=f"kafka://127.0.0.1:{private_broker}",
                               HADATH_LOG_REPEAT_SECONDS="3", HADATH_STORE="memory://")
    with pipeline.worker():
        log_path = next(tmp_path.glob("worker-*.log"))
        before = log_path.stat().st_size
        stopped = kafka(private_broker, "stop")
        assert stopped.returncode == 0, stopped.stderr
        time.sleep(2)
        status, body = health(pipeline)
        time.sleep(7)  # a 9 s outage: without the filter, tens of thousands of lines
        outage_log = log_path.read_bytes()[before:].decode(errors="replace")
        restarted = kafka(private_broker, "start")
        assert restarted.returncode == 0, restarted.stderr
        wait_for(lambda: health(pipeline)[0] == 200, 90, "/health to return 200 after the broker came back")
    assert status == 503
    assert body["broker"] is False
    assert f"broker not reachable at 127.0.0.1:{private_broker}" in body["reasons"]
    lines = [line for line in outage_log.splitlines() if line.strip()]
    assert lines, "the worker logged nothing about the outage"
    # Each distinct message at most once per 3 s of the 9 s: 3 times, plus slack for when the
    # interval started; each repeat after the first carries the count it stood for.
    records = [HEADER.sub("", line) for line in lines if HEADER.match(line)]
    counts = collections.Counter(re.sub(r" \[this message was repeated \d+ .*", "", line) for line in records)
    assert max(counts.values()) <= 5, counts.most_common(3)
    assert len(lines) < 500, f"{len(lines)} lines in 9 s"
    assert any("[this message was repeated" in line for line in lines), "\n".join(lines[:40])
