"""Real-broker test harness: unique topics per test, a worker subprocess, produce/consume helpers."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from agents.kafka_io import create_topics, delete_topics, pipeline_topics
from hadath.settings import Settings

BROKER = os.environ.get("HADATH_TEST_BROKER") or f"127.0.0.1:{os.environ.get('HADATH_KAFKA_PORT', '9092')}"
REPO = Path(__file__).resolve().parents[2]


def broker_reachable() -> bool:
    """True when something listens on the test broker's port."""
    host, _, port = BROKER.rpartition(":")
    with contextlib.suppress(OSError), socket.create_connection((host, int(port)), timeout=1):
        return True
    return False


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Pipeline:
    """One test's private pipeline: its own topics, app id (consumer group) and data dir."""

    env: dict[str, str]
    settings: Settings

    @classmethod
    def create(cls, data_dir: Path, **overrides: str) -> Pipeline:
        """Unique topic names and group for one test, topics created on the broker."""
        tag = "t" + uuid.uuid4().hex[:10]
        env = {
            "HADATH_BROKER": f"kafka://{BROKER}",
            "HADATH_APP_ID": f"hadath-{tag}",
            "HADATH_TOPIC_RAW": f"{tag}.articles.raw",
            "HADATH_TOPIC_NORMALIZED": f"{tag}.articles.normalized",
            "HADATH_TOPIC_CANDIDATES": f"{tag}.events.candidates",
            "HADATH_TOPIC_EVENTS": f"{tag}.events",
            "HADATH_PARTITIONS": "2",
            "HADATH_WEB_PORT": str(free_port()),
            "HADATH_DATA_DIR": str(data_dir),
            "HADATH_LOG_LEVEL": "warn",
        } | overrides
        settings = Settings.from_env(env)
        asyncio.run(create_topics(settings))
        return cls(env, settings)

    @property
    def tag(self) -> str:
        """The test's unique part of every topic and group name."""
        return self.env["HADATH_APP_ID"].removeprefix("hadath-")

    def delete_topics(self) -> None:
        """Delete the test's topics, Faust's changelog and assignor topics included: a broker
        kept across runs otherwise collects thousands of them and slows down."""
        asyncio.run(delete_topics(BROKER, self.tag))

    @contextlib.contextmanager
    def worker(self, ready_timeout: float = 60.0) -> Iterator[subprocess.Popen]:
        """Run ``hadath worker`` as a subprocess until the block ends (SIGTERM, then wait)."""
        log_path = Path(self.env["HADATH_DATA_DIR"]).parent / f"worker-{uuid.uuid4().hex[:6]}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen([sys.executable, "-m", "hadath.cli", "worker"], cwd=REPO,
                                       env=os.environ | self.env, stdout=log, stderr=subprocess.STDOUT)
            try:
                self._wait_ready(process, ready_timeout, str(log_path))
                yield process
            finally:
                stop_process(process)

    def _wait_ready(self, process: subprocess.Popen, timeout: float, log_name: str) -> None:
        url = f"http://127.0.0.1:{self.env['HADATH_WEB_PORT']}/health"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"worker exited with {process.returncode}: {Path(log_name).read_text()[-3000:]}")
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=1) as response:
                body = json.loads(response.read())
                if body.get("assigned_partitions", 0) > 0:
                    return
            time.sleep(0.3)
        raise TimeoutError(f"worker not ready after {timeout} s: {Path(log_name).read_text()[-3000:]}")

    def produce(self, topic: str, messages: list[tuple[bytes | None, bytes]]) -> None:
        """Send raw messages and wait for the broker's acks."""
        async def run() -> None:
            producer = AIOKafkaProducer(bootstrap_servers=BROKER, max_request_size=self.settings.max_message_bytes)
            await producer.start()
            try:
                for key, value in messages:
                    await producer.send_and_wait(topic, value=value, key=key)
            finally:
                await producer.stop()
        asyncio.run(run())

    def consume(self, topic: str, count: int, timeout: float = 30.0, idle: float | None = None) -> list[bytes]:
        """Values of ``topic`` from the beginning until ``count`` arrived or ``timeout`` passed.

        With ``idle``, keep reading after ``count`` until nothing more arrives for ``idle`` seconds
        (to see duplicates that should not be there).
        """
        async def run() -> list[bytes]:
            consumer = AIOKafkaConsumer(topic, bootstrap_servers=BROKER, auto_offset_reset="earliest",
                                        enable_auto_commit=False, group_id=None,
                                        max_partition_fetch_bytes=self.settings.max_message_bytes,
                                        fetch_max_bytes=self.settings.max_message_bytes)
            await consumer.start()
            values: list[bytes] = []
            try:
                deadline = time.monotonic() + timeout
                while time.monotonic() < deadline and len(values) < count:
                    batch = await consumer.getmany(timeout_ms=500)
                    values += [m.value for ms in batch.values() for m in ms]
                if idle:
                    while batch := await consumer.getmany(timeout_ms=int(idle * 1000)):
                        values += [m.value for ms in batch.values() for m in ms]
            finally:
                await consumer.stop()
            return values
        return asyncio.run(run())

    @property
    def all_topics(self) -> list[str]:
        """Every topic of this pipeline."""
        return pipeline_topics(self.settings)


def stop_process(process: subprocess.Popen, timeout: float = 20.0) -> None:
    """SIGTERM, then SIGKILL if it doesn't stop within ``timeout``."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
