"""Throughput and latency through the real broker: transport ceiling, Faust overhead, the pipeline.

    .venv/bin/python bench/broker.py [--articles 2000] [--latency-articles 600] [--cpu 1]
                                     [--driver-cpu 0] [--partitions 4] [--rate R] [--json FILE]
                                     [--scenarios embedded,pipeline,passthrough,identity,pipeline2]

One run, the same corpus messages (SaudiNewsNet articles as ``hadath produce`` writes them:
key = article id, value = Article JSON), the same 3-hop topic layout (raw → normalized →
candidates → events), each scenario on fresh topics and a fresh consumer group:

* ``embedded``: ``bench/embedded.py`` over the same articles, pinned to ``--cpu`` (the baseline);
* ``pipeline``: the real worker (``python -m hadath.cli worker``), pinned to ``--cpu``;
* ``passthrough``: the transport ceiling, raw aiokafka: three consume → produce loops in one
  process pinned to ``--cpu`` (no processing; producer acks=all like Faust's, auto-commit);
* ``identity``: the real worker with ``HADATH_IDENTITY_STAGES=true`` (each agent forwards the
  bytes unchanged: Faust's own cost), pinned to ``--cpu``;
* ``pipeline2``: two real workers, same app id, ``--partitions`` partitions, not pinned.

Each scenario is measured twice on the same workers:

1. throughput: the workers are up and hold their partitions (/health), then all ``--articles``
   messages are produced at once; articles/s = articles ÷ (last output consumed − first
   message produced). Completion is checked on the workers' /metrics (every stage has taken what
   the previous one published, and every event published was consumed).
2. latency: ``--latency-articles`` other articles produced at a steady ``--rate`` (default: half
   of the pipeline's measured throughput); latency of an article = its last output consumed
   (last event; for passthrough/identity the forwarded message) − its produce call.

CPU seconds of every process (workers, passthrough, this driver, the broker JVM, and the rest
of the machine) are taken from /proc via psutil over each phase. The driver is pinned to
``--driver-cpu``. Prints tables and writes JSON to ``bench/results/`` (or ``--json``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # noqa: E402
from aiokafka.admin import AIOKafkaAdminClient, NewTopic  # noqa: E402

from agents.kafka_io import create_topics, delete_topics  # noqa: E402
from bench.common import (  # noqa: E402
    CORPUS,
    CpuMeter,
    Worker,
    broker_pid,
    free_port,
    load_corpus,
    machine_info,
    median,
    percentile,
    pin_to_cpu,
    stage_counter,
    table,
    write_results,
)
from hadath.settings import Settings  # noqa: E402

MAX_MESSAGE = 33_554_432
PHASE_TIMEOUT_S = 900.0
STAGE_NAMES = ("normalize", "extract", "resolve")


@dataclass
class Scenario:
    """One way of moving the messages through the three hops."""

    name: str
    description: str
    workers: int = 1  # 0: the aiokafka passthrough
    pinned: bool = True
    identity: bool = False
    # Pre-load the input topic, then start the consumer side (the fast, transport-bound scenarios:
    # otherwise this driver's producer would be what is measured).
    preload: bool = False


SCENARIOS = {
    "pipeline": Scenario("pipeline", "(3) real pipeline, 1 worker pinned to one CPU"),
    "passthrough": Scenario("passthrough", "(1) transport ceiling: aiokafka consume→produce ×3", workers=0,
                            preload=True),
    "identity": Scenario("identity", "(2) Faust, identity stages, 1 worker pinned", identity=True, preload=True),
    "pipeline2": Scenario("pipeline2", "(4) real pipeline, 2 workers, same group, unpinned", workers=2,
                          pinned=False),
}


@dataclass
class Collector:
    """Consumes the last topic; per article: outputs seen and when the last one arrived."""

    bootstrap: str
    topic: str
    events: bool  # values are Event JSON (the article is the last of article_ids), else key = article
    watch_only: bool = False  # only note when the first message arrives
    count: int = 0
    last_seen: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, int] = field(default_factory=dict)
    last_receive: float = 0.0
    first_receive: float = 0.0
    first_arrival: asyncio.Event = field(default_factory=asyncio.Event)
    _task: asyncio.Task | None = None
    _consumer: AIOKafkaConsumer | None = None

    async def start(self) -> None:
        """Start consuming from the beginning of the (empty) topic."""
        self._consumer = AIOKafkaConsumer(self.topic, bootstrap_servers=self.bootstrap, group_id=None,
                                          auto_offset_reset="earliest", enable_auto_commit=False,
                                          fetch_max_bytes=MAX_MESSAGE, max_partition_fetch_bytes=MAX_MESSAGE)
        await self._consumer.start()
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        assert self._consumer is not None
        while True:
            batch = await self._consumer.getmany(timeout_ms=200)
            now = time.time()
            if batch and not self.first_arrival.is_set():
                self.first_receive = now
                self.first_arrival.set()
            for messages in batch.values():
                for message in messages:
                    if self.watch_only:
                        continue
                    article = (json.loads(message.value)["article_ids"][-1] if self.events
                               else (message.key or b"").decode())
                    self.last_seen[article] = now
                    self.outputs[article] = self.outputs.get(article, 0) + 1
                    self.count += 1
                    self.last_receive = now

    async def stop(self) -> None:
        """Stop consuming."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._consumer is not None:
            await self._consumer.stop()


# ---------------------------------------------------------------------------------------------
# the passthrough (runs as a subprocess of this script)


async def passthrough(bootstrap: str, topics: list[str], group: str, ready_file: Path) -> None:
    """Forward every message of topics[i] to topics[i + 1], for each hop, until killed."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=MAX_MESSAGE)
    await producer.start()
    consumers = [AIOKafkaConsumer(source, bootstrap_servers=bootstrap, group_id=f"{group}-hop{i}",
                                  auto_offset_reset="earliest", enable_auto_commit=True,
                                  fetch_max_bytes=MAX_MESSAGE, max_partition_fetch_bytes=MAX_MESSAGE)
                 for i, source in enumerate(topics[:-1])]
    for consumer in consumers:
        await consumer.start()

    async def hop(consumer: AIOKafkaConsumer, target: str) -> None:
        while True:
            for messages in (await consumer.getmany(timeout_ms=100)).values():
                for message in messages:
                    await producer.send(target, value=message.value, key=message.key)

    tasks = [asyncio.create_task(hop(c, t)) for c, t in zip(consumers, topics[1:], strict=True)]
    while not all(c.assignment() for c in consumers):
        await asyncio.sleep(0.1)
    ready_file.write_text("ready")
    await asyncio.gather(*tasks)


# ---------------------------------------------------------------------------------------------
# the driver


@dataclass
class Run:
    """One scenario's topics, processes and figures."""

    scenario: Scenario
    bootstrap: str
    partitions: int
    cpu: int
    workdir: Path
    tag: str = field(default_factory=lambda: "b" + uuid.uuid4().hex[:10])
    extra_env: dict[str, str] = field(default_factory=dict)
    workers: list[Worker] = field(default_factory=list)
    passthrough_process: subprocess.Popen | None = None

    @property
    def topics(self) -> list[str]:
        """raw, normalized, candidates, events of this run."""
        return [f"{self.tag}.{name}" for name in ("articles.raw", "articles.normalized", "events.candidates",
                                                  "events")]

    def env(self, index: int) -> dict[str, str]:
        """HADATH_* settings of worker ``index``."""
        raw, normalized, candidates, events = self.topics
        return {
            "HADATH_BROKER": f"kafka://{self.bootstrap}",
            "HADATH_APP_ID": f"hadath-{self.tag}",
            "HADATH_TOPIC_RAW": raw, "HADATH_TOPIC_NORMALIZED": normalized,
            "HADATH_TOPIC_CANDIDATES": candidates, "HADATH_TOPIC_EVENTS": events,
            "HADATH_PARTITIONS": str(self.partitions),
            "HADATH_WEB_PORT": str(free_port()),
            "HADATH_DATA_DIR": str(self.workdir / f"data-{index}"),
            "HADATH_LOG_LEVEL": "warn",
            "HADATH_IDENTITY_STAGES": "true" if self.scenario.identity else "false",
        } | self.extra_env

    async def create_topics(self) -> None:
        """The run's topics (for a worker run: all the pipeline's, with their DLQs)."""
        if self.scenario.workers:
            await create_topics(Settings.from_env(self.env(0)))
        else:
            await _create_plain_topics(self.bootstrap, self.topics, self.partitions)

    async def start(self, wait: bool = True) -> None:
        """Start the worker(s) or the passthrough; with ``wait``, until they hold stable partitions."""
        if not self.scenario.workers:
            ready = self.workdir / "passthrough.ready"
            cpu = self.cpu
            log = (self.workdir / "passthrough.log").open("wb")
            process = subprocess.Popen(
                [sys.executable, __file__, "passthrough", "--bootstrap", self.bootstrap,
                 "--topics", ",".join(self.topics), "--group", f"pt-{self.tag}", "--ready-file", str(ready)],
                cwd=REPO, stdout=log, stderr=subprocess.STDOUT, preexec_fn=lambda: os.sched_setaffinity(0, {cpu}))
            log.close()
            self.passthrough_process = process
            if wait:
                await _until(lambda: ready.exists() or process.poll() is not None, 60)
                if not ready.exists():
                    raise RuntimeError((self.workdir / "passthrough.log").read_text()[-2000:])
            return
        cpus = {self.cpu} if self.scenario.pinned else None
        self.workers = [Worker(self.env(i), self.workdir / f"worker-{i}.log", cpus).start()
                        for i in range(self.scenario.workers)]
        if wait:
            await self.wait_ready()

    async def wait_ready(self) -> None:
        """Until every worker holds partitions and the assignment is stable."""
        for worker in self.workers:
            await asyncio.to_thread(worker.wait_ready, 120)
        if self.workers:
            await _stable_assignment(self.workers)

    def pids(self) -> dict[str, int]:
        """The processes whose CPU is accounted."""
        pids = {"driver": os.getpid()}
        if self.passthrough_process is not None:
            pids["passthrough"] = self.passthrough_process.pid
        for i, worker in enumerate(self.workers):
            pids[f"worker{i}"] = worker.pid
        broker = broker_pid(int(self.bootstrap.rpartition(":")[2]))
        if broker:
            pids["broker"] = broker
        return pids

    def totals(self) -> dict[str, float]:
        """Stage counters summed over the workers."""
        values = [w.metrics() for w in self.workers]
        totals = {}
        for stage in STAGE_NAMES:
            for name in ("hadath_messages_in", "hadath_messages_out"):
                totals[f"{name}:{stage}"] = sum(stage_counter(v, name, stage) for v in values)
            totals[f"dead:{stage}"] = sum(stage_counter(v, "hadath_dead_letters", stage) for v in values)
            totals[f"seconds:{stage}"] = sum(v.get(f'hadath_processing_seconds_sum{{stage="{stage}"}}', 0.0)
                                             for v in values)
            totals[f"cpu_seconds:{stage}"] = sum(
                v.get(f'hadath_processing_cpu_seconds_total{{stage="{stage}"}}', 0.0) for v in values)
        return totals

    async def teardown(self, keep_topics: bool) -> None:
        """Stop the processes; delete the run's topics (and Faust's internal ones)."""
        for worker in self.workers:
            await asyncio.to_thread(worker.stop)
        if self.passthrough_process is not None:
            self.passthrough_process.kill()
            self.passthrough_process.wait()
        if not keep_topics:
            await delete_topics(self.bootstrap, self.tag)
        shutil.rmtree(self.workdir, ignore_errors=True)


async def _create_plain_topics(bootstrap: str, topics: list[str], partitions: int) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(t, partitions, 1, topic_configs={"max.message.bytes": str(MAX_MESSAGE)})
                                   for t in topics])
    finally:
        await admin.close()


async def _until(condition: Callable[[], bool], timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(interval)
    return False


async def _stable_assignment(workers: list[Worker], quiet_s: float = 3.0, timeout: float = 90) -> None:
    """Until every worker holds partitions and no assignment changed for ``quiet_s`` seconds."""
    last: list[int] = []
    since = time.monotonic()
    deadline = since + timeout
    while time.monotonic() < deadline:
        now = [int((await asyncio.to_thread(w.health)).get("assigned_partitions", 0)) for w in workers]
        if now != last or not all(now):
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return
        await asyncio.sleep(0.5)
    raise TimeoutError(f"assignment not stable: {last}")


async def _done(run: Run, collector: Collector, inputs: int) -> bool:
    """True when all ``inputs`` articles went through every stage and every output was consumed."""
    if not run.workers:
        return collector.count >= inputs
    if run.scenario.identity:
        return collector.count >= inputs
    totals = await asyncio.to_thread(run.totals)
    return (totals["hadath_messages_in:normalize"] >= inputs
            and totals["hadath_messages_in:extract"] >= totals["hadath_messages_out:normalize"]
            and totals["hadath_messages_in:resolve"] >= totals["hadath_messages_out:extract"]
            and collector.count >= totals["hadath_messages_out:resolve"])


async def produce_bulk(bootstrap: str, topic: str, messages: list[tuple[bytes, bytes]]) -> tuple[float, float]:
    """Send every message as fast as possible; (time of the first send, time all were acked)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=MAX_MESSAGE,
                                linger_ms=20, max_batch_size=1_048_576)
    await producer.start()
    try:
        started = time.time()
        futures = [await producer.send(topic, value=value, key=key) for key, value in messages]
        await asyncio.gather(*futures)
        return started, time.time()
    finally:
        await producer.stop()


async def produce_paced(bootstrap: str, topic: str, messages: list[tuple[bytes, bytes]],
                        rate: float) -> dict[str, float]:
    """Send one message every 1/rate s; the time of each send call, by article id."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=MAX_MESSAGE)
    await producer.start()
    sent: dict[str, float] = {}
    futures = []
    try:
        started = time.monotonic()
        for index, (key, value) in enumerate(messages):
            delay = started + index / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            sent[key.decode()] = time.time()
            futures.append(await producer.send(topic, value=value, key=key))
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return sent


async def run_scenario(run: Run, throughput_messages: list[tuple[bytes, bytes]],
                       latency_messages: list[tuple[bytes, bytes]], rate: float | None,
                       keep_topics: bool) -> dict[str, Any]:
    """Measure throughput, then latency at ``rate`` (None: half of this run's throughput)."""
    result: dict[str, Any] = {"scenario": run.scenario.name, "description": run.scenario.description,
                              "topics_tag": run.tag, "method": "preloaded" if run.scenario.preload else "live"}
    collector = Collector(run.bootstrap, run.topics[-1], events=run.scenario.workers > 0 and not run.scenario.identity)
    watcher = Collector(run.bootstrap, run.topics[1], events=False, watch_only=True)
    try:
        await run.create_topics()
        await collector.start()
        await watcher.start()
        started = time.perf_counter()
        if run.scenario.preload:
            result["throughput"] = await _throughput_preloaded(run, collector, watcher, throughput_messages)
            await run.wait_ready()
        else:
            await run.start()
            result["startup_s"] = round(time.perf_counter() - started, 1)
            result["throughput"] = await _throughput_live(run, collector, throughput_messages)
        result["latency"] = await _latency(run, collector, latency_messages,
                                           rate or result["throughput"]["articles_per_s"] / 2,
                                           len(throughput_messages))
        result["alive_at_end"] = all(w.alive() for w in run.workers) and (
            run.passthrough_process is None or run.passthrough_process.poll() is None)
    finally:
        await collector.stop()
        await watcher.stop()
        await run.teardown(keep_topics)
    return result


async def _wait_done(run: Run, collector: Collector, inputs: int) -> bool:
    deadline = time.monotonic() + PHASE_TIMEOUT_S
    while time.monotonic() < deadline:
        if await _done(run, collector, inputs):
            return True
        await asyncio.sleep(0.25)
    return False


async def _throughput_live(run: Run, collector: Collector, messages: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    """Workers up and idle; all messages produced at once; first produce → last output consumed."""
    before = await asyncio.to_thread(run.totals) if run.workers else {}
    meter = CpuMeter(run.pids()).start()
    first_send, all_acked = await produce_bulk(run.bootstrap, run.topics[0], messages)
    complete = await _wait_done(run, collector, len(messages))
    cpu = meter.stop()
    return await _throughput_figures(run, collector, messages, first_send, all_acked, complete, cpu, before)


async def _throughput_preloaded(run: Run, collector: Collector, watcher: Collector,
                                messages: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    """All messages on the input topic first; then the consumer side starts; first hop-1 output → last output."""
    first_send, all_acked = await produce_bulk(run.bootstrap, run.topics[0], messages)
    await run.start(wait=False)
    await asyncio.wait_for(watcher.first_arrival.wait(), 120)
    meter = CpuMeter(run.pids()).start()  # from the first message through: start-up CPU not counted
    complete = await _wait_done(run, collector, len(messages))
    cpu = meter.stop()
    figures = await _throughput_figures(run, collector, messages, watcher.first_receive, all_acked, complete, cpu,
                                        {})
    figures["preload_s"] = round(all_acked - first_send, 2)
    return figures


async def _throughput_figures(run: Run, collector: Collector, messages: list[tuple[bytes, bytes]], start: float,
                              all_acked: float, complete: bool, cpu: dict[str, Any],
                              before: dict[str, float]) -> dict[str, Any]:
    n = len(messages)
    elapsed = collector.last_receive - start
    done_at = sorted(collector.last_seen[k.decode()] for k, _ in messages if k.decode() in collector.last_seen)
    steady = None
    if len(done_at) >= 10:
        low, high = done_at[len(done_at) // 10], done_at[len(done_at) * 9 // 10]
        steady = round((len(done_at) * 9 // 10 - len(done_at) // 10) / (high - low), 1) if high > low else None
    deciles = [round(done_at[min(len(done_at) - 1, len(done_at) * q // 10)] - start, 2) for q in range(1, 11)] \
        if done_at else []
    result: dict[str, Any] = {
        "articles": n,
        "complete": complete,
        "completed_deciles_s": deciles,  # seconds from the start until 10 %, 20 % … of the articles were out
        "outputs": collector.count,
        "articles_with_output": len(done_at),
        "produce_s": round(all_acked - start, 2) if not run.scenario.preload else None,
        "elapsed_s": round(elapsed, 2),
        "articles_per_s": round(n / elapsed, 1) if elapsed > 0 else None,
        "articles_per_s_steady_10_90": steady,
        "outputs_per_s": round(collector.count / elapsed, 1) if elapsed > 0 else None,
        "cpu": cpu,
    }
    worker_cpu = sum(v for k, v in cpu["cpu_s"].items() if k.startswith(("worker", "passthrough")))
    result["processing_cpu_ms_per_article"] = round(1000 * worker_cpu / n, 3)
    if run.workers:
        after = await asyncio.to_thread(run.totals)
        result["stages"] = {k: round(after[k] - before.get(k, 0.0), 3) for k in after}
        handler = sum(result["stages"][f"seconds:{s}"] for s in STAGE_NAMES)
        result["stage_handler_s"] = round(handler, 2)
        handler_cpu = sum(result["stages"][f"cpu_seconds:{s}"] for s in STAGE_NAMES)
        result["stage_handler_cpu_s"] = round(handler_cpu, 2)
        # The handlers' own CPU (stage functions, JSON in and out) against the whole worker's:
        # the rest is Faust, aiokafka and asyncio. (Wall time in the handlers, stage_handler_s,
        # also counts waits for the GIL while the consumer thread runs.)
        result["stage_handler_share_of_worker_cpu"] = round(handler_cpu / worker_cpu, 3) if worker_cpu else None
    return result


async def _latency(run: Run, collector: Collector, messages: list[tuple[bytes, bytes]], rate: float,
                   previous_inputs: int) -> dict[str, Any]:
    meter = CpuMeter(run.pids()).start()
    sent = await produce_paced(run.bootstrap, run.topics[0], messages, rate)
    total = previous_inputs + len(messages)
    complete = await _wait_done(run, collector, total)
    cpu = meter.stop()
    latencies = [collector.last_seen[a] - t for a, t in sent.items() if a in collector.last_seen]
    return {
        "articles": len(messages),
        "rate_per_s": round(rate, 2),
        "complete": complete,
        "articles_measured": len(latencies),
        "articles_without_output": len(messages) - len(latencies),
        "p50_ms": round(1000 * median(latencies), 1),
        "p95_ms": round(1000 * percentile(latencies, 95), 1),
        "p99_ms": round(1000 * percentile(latencies, 99), 1),
        "max_ms": round(1000 * max(latencies), 1) if latencies else None,
        "cpu": cpu,
    }


def embedded_baseline(articles: int, offset: int, cpu: int, corpus: Path, workdir: Path) -> dict[str, Any]:
    """``bench/embedded.py`` over the same articles on the same CPU (a subprocess: its own core)."""
    out = workdir / "embedded.json"
    subprocess.run([sys.executable, str(REPO / "bench" / "embedded.py"), "--articles", str(articles),
                    "--offset", str(offset), "--cpu", str(cpu), "--profile-articles", "0",
                    "--corpus", str(corpus), "--json", str(out), "--quiet"], check=True, cwd=REPO)
    return json.loads(out.read_text())["throughput"]


async def drive(args: argparse.Namespace) -> dict[str, Any]:
    """Every requested scenario, in order; the pipeline first (its throughput sets the latency rate)."""
    pin_to_cpu(args.driver_cpu)
    results: dict[str, Any] = {"benchmark": "broker", "machine": machine_info(),
                               "params": {k: str(v) for k, v in vars(args).items()}, "scenarios": {}}
    articles = load_corpus(args.articles + args.latency_articles, args.offset, args.corpus)
    throughput_messages = [(a.id.encode(), a.model_dump_json(exclude_none=True).encode())
                           for a in articles[: args.articles]]
    latency_messages = [(a.id.encode(), a.model_dump_json(exclude_none=True).encode())
                        for a in articles[args.articles:]]
    results["message_bytes_median"] = median([len(v) for _, v in throughput_messages])
    names = [n.strip() for n in args.scenarios.split(",") if n.strip()]
    workdir = Path(tempfile.mkdtemp(prefix="hadath-bench-"))
    rate = args.rate
    try:
        if "embedded" in names:
            print("embedded baseline …", file=sys.stderr, flush=True)
            results["embedded"] = embedded_baseline(args.articles, args.offset, args.cpu, args.corpus, workdir)
        for name in [n for n in names if n != "embedded"]:
            print(f"{name} …", file=sys.stderr, flush=True)
            run = Run(SCENARIOS[name], args.bootstrap, args.partitions, args.cpu, workdir / name,
                      extra_env=dict(item.split("=", 1) for item in args.worker_env))
            run.workdir.mkdir(parents=True)
            results["scenarios"][name] = await run_scenario(run, throughput_messages, latency_messages, rate,
                                                           args.keep_topics)
            if name == "pipeline" and rate is None:
                rate = results["scenarios"][name]["throughput"]["articles_per_s"] / 2
            results["latency_rate_per_s"] = rate
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["targets"] = targets(results)
    return results


def targets(results: dict[str, Any]) -> dict[str, Any]:
    """The DESIGN.md targets, each with the ratio measured (None when a part was not run)."""
    s = results["scenarios"]

    def rate(name: str) -> float | None:
        return s.get(name, {}).get("throughput", {}).get("articles_per_s")

    embedded = results.get("embedded", {}).get("articles_per_s")
    out: dict[str, Any] = {}
    if rate("pipeline") and embedded:
        ratio = rate("pipeline") / embedded
        out["pipeline_vs_embedded"] = {"ratio": round(ratio, 3), "target": 0.8, "met": ratio >= 0.8}
        cpu_pipeline = s["pipeline"]["throughput"]["processing_cpu_ms_per_article"]
        cpu_embedded = 1000 / results["embedded"]["articles_per_cpu_s"]
        out["pipeline_vs_embedded_cpu"] = {"ratio": round(cpu_embedded / cpu_pipeline, 3), "target": 0.8,
                                           "met": cpu_embedded / cpu_pipeline >= 0.8,
                                           "note": "CPU per article, embedded ÷ worker"}
    if rate("identity") and rate("passthrough"):
        ratio = rate("identity") / rate("passthrough")
        out["identity_vs_passthrough"] = {"ratio": round(ratio, 3), "target": 0.5, "met": ratio >= 0.5}
    if rate("pipeline2") and rate("pipeline"):
        ratio = rate("pipeline2") / rate("pipeline")
        out["two_workers_vs_one"] = {"ratio": round(ratio, 3), "target": 1.5, "met": ratio >= 1.5}
    for name, scenario in s.items():
        p99 = scenario.get("latency", {}).get("p99_ms")
        if p99 is not None:
            out[f"p99_latency_{name}"] = {"p99_ms": p99, "target_ms": 1000, "met": p99 < 1000}
    return out


def print_report(results: dict[str, Any]) -> None:
    """Tables on stdout."""
    m = results["machine"]
    print(f"\nthrough the broker — {m['date']}, {m['nproc']} × {m['cpu_model']}, {m['ram_gb']} GB, "
          f"commit {m['commit']}, load {m['load_average_at_start']}")
    embedded = results.get("embedded")
    if embedded:
        print(f"embedded baseline (same {embedded['articles']} articles, same CPU): {embedded['articles_per_s']} "
              f"articles/s wall, {embedded['articles_per_cpu_s']} per CPU-second")
    rows = []
    for name, s in results["scenarios"].items():
        t, lat = s["throughput"], s["latency"]
        cpu = t["cpu"]
        rows.append((name, s["method"], t["articles_per_s"], t["articles_per_s_steady_10_90"], t["outputs_per_s"],
                     t["processing_cpu_ms_per_article"], t.get("stage_handler_share_of_worker_cpu", ""),
                     " ".join(f"{k}={v}" for k, v in cpu["cpu_s"].items()) + f" other={cpu['other_processes_cpu_s']}",
                     f"{lat['rate_per_s']}/s", lat["p50_ms"], lat["p95_ms"], lat["p99_ms"],
                     "yes" if t["complete"] and lat["complete"] else "NO"))
    print()
    print(table(rows, ["scenario", "method", "articles/s", "steady 10–90%", "outputs/s", "worker CPU ms/article",
                       "handlers' share", "CPU s in throughput phase", "latency at", "p50 ms", "p95 ms", "p99 ms",
                       "complete"]))
    print()
    print(table([(k, json.dumps({kk: vv for kk, vv in v.items() if kk != "met"}), "met" if v["met"] else "NOT met")
                 for k, v in results["targets"].items()], ["target", "measured", "verdict"]))


def main(argv: list[str] | None = None) -> int:
    """The benchmark, or (``passthrough`` subcommand) the aiokafka passthrough process."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "passthrough":
        parser = argparse.ArgumentParser(prog="broker.py passthrough")
        parser.add_argument("--bootstrap", required=True)
        parser.add_argument("--topics", required=True)
        parser.add_argument("--group", required=True)
        parser.add_argument("--ready-file", type=Path, required=True)
        sub = parser.parse_args(argv[1:])
        asyncio.run(passthrough(sub.bootstrap, sub.topics.split(","), sub.group, sub.ready_file))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="throughput messages")
    parser.add_argument("--latency-articles", type=int, default=600, help="paced messages (other articles)")
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--cpu", type=int, default=1, help="CPU of the pinned worker / passthrough / embedded")
    parser.add_argument("--driver-cpu", type=int, default=0, help="CPU of this driver (producer, consumer)")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--rate", type=float, help="latency phase rate (default: half the pipeline's)")
    parser.add_argument("--scenarios", default="embedded,pipeline,passthrough,identity,pipeline2")
    parser.add_argument("--bootstrap", default=os.environ.get("HADATH_TEST_BROKER", "127.0.0.1:9092"))
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--worker-env", action="append", default=[], metavar="NAME=VALUE",
                        help="extra environment of the workers, e.g. a Faust setting (repeatable)")
    parser.add_argument("--keep-topics", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = asyncio.run(drive(args))
    path = write_results("broker", results, args.json)
    print_report(results)
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
