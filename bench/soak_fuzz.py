"""Soak a real worker with fuzzed messages: does every message end as events or on a DLQ?

    .venv/bin/python bench/soak_fuzz.py [--messages 10000] [--seed 1] [--corpus-articles 300]
                                        [--include token_bomb,oversized_raw] [--exclude KIND,…]
                                        [--cpu N] [--timeout 1800] [--json FILE]

Generates seeded fuzzed ``articles.raw`` messages (``tests/integration/fuzz.py``: random
bytes, truncated JSON, wrong types, huge fields, deep nesting, mixed scripts, empty text, bidi
marks, a 10 MB text, valid articles …; ``--corpus-articles`` real SaudiNewsNet articles mixed
in), predicts the fate of each by running the stage handlers in memory (a dead letter with its
stage and reason, or N events), sends them all to one worker on fresh topics, waits until
every stage has handled what it received (the worker's /metrics), then reads every DLQ and
``events`` and compares, message by message: a dead letter must carry the predicted stage
and reason; a valid article must give exactly its predicted events (zero: nothing at all).
Reports the outcome counts by reason and by kind, the worker's liveness, /health, RSS and CPU,
and any agent crash in its log. Exit code 1 when a message is unaccounted for or the worker
died.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # noqa: E402

from agents.kafka_io import create_topics, delete_topics  # noqa: E402
from bench.common import (  # noqa: E402
    CORPUS,
    CpuMeter,
    Worker,
    broker_pid,
    free_port,
    load_corpus,
    machine_info,
    peak_rss_mb,
    stage_counter,
    table,
    write_results,
)
from hadath.settings import Settings  # noqa: E402
from tests.integration.fuzz import FuzzMessage, Outcome, Outcomes, compare, fuzz_messages, predict  # noqa: E402

STAGES = ("normalize", "extract", "resolve")


def main(argv: list[str] | None = None) -> int:
    """Run the soak; print and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000, help="fuzzed messages (plus corpus articles)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus-articles", type=int, default=300, help="real articles mixed in (0: none)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--include", default="", help="extra kinds (token_bomb, oversized_raw)")
    parser.add_argument("--exclude", default="", help="kinds to leave out")
    parser.add_argument("--cpu", type=int, default=-1, help="pin the worker to this CPU (-1: don't)")
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait for the worker")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = asyncio.run(soak(args))
    path = write_results("soak_fuzz", results, args.json)
    print_report(results)
    print(f"results: {path}")
    return 0 if results["verdict"]["ok"] else 1


def build_messages(args: argparse.Namespace) -> list[FuzzMessage]:
    """The fuzzed messages, with real articles interleaved."""
    split = [k.strip() for k in args.include.split(",") if k.strip()], \
        [k.strip() for k in args.exclude.split(",") if k.strip()]
    messages = fuzz_messages(args.messages, args.seed, include=split[0], exclude=split[1])
    if args.corpus_articles and args.corpus.exists():
        articles = load_corpus(args.corpus_articles, 5000, args.corpus)
        real = [FuzzMessage(a.id.encode(), a.model_dump_json(exclude_none=True).encode(), "corpus_article")
                for a in articles]
        step = max(1, len(messages) // (len(real) + 1))
        for index, message in enumerate(real):
            messages.insert(min(len(messages), (index + 1) * step + index), message)
    return messages


async def soak(args: argparse.Namespace) -> dict[str, Any]:
    """Predict, send, wait, collect, compare."""
    results: dict[str, Any] = {"benchmark": "soak_fuzz", "machine": machine_info(),
                               "params": {k: str(v) for k, v in vars(args).items()}}
    messages = build_messages(args)
    tag = "s" + uuid.uuid4().hex[:10]
    workdir = Path(tempfile.mkdtemp(prefix="hadath-soak-"))
    env = {
        "HADATH_BROKER": f"kafka://{args.bootstrap}", "HADATH_APP_ID": f"hadath-{tag}",
        "HADATH_TOPIC_RAW": f"{tag}.articles.raw", "HADATH_TOPIC_NORMALIZED": f"{tag}.articles.normalized",
        "HADATH_TOPIC_CANDIDATES": f"{tag}.events.candidates", "HADATH_TOPIC_EVENTS": f"{tag}.events",
        "HADATH_WEB_PORT": str(free_port()), "HADATH_DATA_DIR": str(workdir / "data"), "HADATH_LOG_LEVEL": "warn",
    }
    settings = Settings.from_env(env)
    started = time.perf_counter()
    state: dict[str, dict] = {}
    predicted = {m.key: predict(m, settings, state) for m in messages}
    results["prediction_s"] = round(time.perf_counter() - started, 1)
    results["messages"] = len(messages)
    results["bytes"] = sum(len(m.value) for m in messages)
    results["kinds"] = dict(Counter(m.kind for m in messages).most_common())
    results["predicted"] = dict(Counter(_label(o) for o in predicted.values()).most_common())

    await create_topics(settings)
    worker = Worker(env, workdir / "worker.log", {args.cpu} if args.cpu >= 0 else None).start()
    try:
        await asyncio.to_thread(worker.wait_ready, 120)
        pids = {"worker": worker.pid} | ({"broker": pid} if (pid := broker_pid()) else {})
        meter = CpuMeter(pids).start()
        sent_at = time.perf_counter()
        await produce(args.bootstrap, settings, messages)
        results["produce_s"] = round(time.perf_counter() - sent_at, 1)
        settled, progress = await wait_settled(worker, len(messages), args.timeout)
        results["cpu"] = meter.stop()
        results["settled"] = settled
        results["processing_s"] = round(time.perf_counter() - sent_at, 1)
        results["progress"] = progress
        final = await asyncio.to_thread(worker.metrics)
        results["metrics"] = {f"{name}:{stage}": stage_counter(final, f"hadath_{name}", stage)
                              for name in ("messages_in", "messages_out", "dead_letters") for stage in STAGES}
        observed = await collect(args.bootstrap, settings, results["metrics"])
        health = await asyncio.to_thread(worker.health)
        results["worker"] = {"alive": worker.alive(), "health": health,
                             "rss_mb": round(peak_rss_mb(worker.pid), 1),
                             "crashes": [line[:300] for line in worker.log_tail(10**9).splitlines()
                                         if "Crashed" in line]}
    finally:
        worker.stop()
        results["worker_log_tail"] = worker.log_tail(2000)
        shutil.rmtree(workdir, ignore_errors=True)
        await delete_topics(args.bootstrap, tag)

    tally, problems = compare(messages, predicted, observed)
    by_kind: dict[str, Counter[str]] = {}
    for message in messages:
        seen = observed.outcome(message.key)
        by_kind.setdefault(message.kind, Counter())[_label(seen) if seen else "no events"] += 1
    results["outcomes"] = dict(tally.most_common())
    results["outcomes_by_kind"] = {k: dict(v.most_common()) for k, v in sorted(by_kind.items())}
    results["dead_letters_unattributed"] = observed.unattributed
    results["problems"] = problems[:200]
    results["problem_count"] = len(problems)
    results["verdict"] = {
        "ok": not problems and results["worker"]["alive"] and results["worker"]["health"].get("http_status") == 200
        and not results["worker"]["crashes"] and results["settled"],
        "messages_accounted_for": len(messages) - len({p.split(" ", 1)[0] for p in problems}),
        "messages": len(messages),
    }
    return results


def _label(outcome: Outcome | None) -> str:
    if outcome is None:
        return "no events"
    if outcome.kind == "events":
        return "events" if outcome.events else "no events"
    return f"{outcome.kind} {outcome.stage}/{outcome.reason}"


async def produce(bootstrap: str, settings: Settings, messages: list[FuzzMessage]) -> None:
    """Send every message (acks=all) and wait for the acks."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=settings.max_message_bytes)
    await producer.start()
    try:
        futures = [await producer.send(settings.topic_raw, value=m.value, key=m.key) for m in messages]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def wait_settled(worker: Worker, count: int, timeout: float) -> tuple[bool, list[dict[str, float]]]:
    """Until every stage has taken what the previous one published (or no progress for 120 s)."""
    deadline = time.monotonic() + timeout
    progress: list[dict[str, float]] = []
    last_change, last = time.monotonic(), None
    while time.monotonic() < deadline and worker.alive():
        values = await asyncio.to_thread(worker.metrics)
        if values:
            now = {f"{n}:{s}": stage_counter(values, f"hadath_{n}", s)
                   for n in ("messages_in", "messages_out") for s in STAGES}
            if now != last:
                last, last_change = now, time.monotonic()
                progress.append({"t": round(time.monotonic() - deadline + timeout, 1)} | now)
            if (now["messages_in:normalize"] >= count and now["messages_in:extract"] >= now["messages_out:normalize"]
                    and now["messages_in:resolve"] >= now["messages_out:extract"]):
                return True, progress[-20:]
        if time.monotonic() - last_change > 120:
            break  # stuck: an agent crashed, or a message takes forever
        await asyncio.sleep(2)
    return False, progress[-20:]


async def collect(bootstrap: str, settings: Settings, metrics: dict[str, float]) -> Outcomes:
    """Every dead letter and event the worker published (as many as its counters say, or 60 s idle)."""
    expected = sum(metrics[f"dead_letters:{s}"] for s in STAGES) + metrics["messages_out:resolve"]
    topics = [settings.dlq_topic(t) for t in settings.stage_topics[:3]] + [settings.topic_events]
    consumer = AIOKafkaConsumer(*topics, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest",
                                enable_auto_commit=False, fetch_max_bytes=settings.max_message_bytes,
                                max_partition_fetch_bytes=settings.max_message_bytes)
    await consumer.start()
    observed = Outcomes()
    seen = 0
    try:
        idle_since = time.monotonic()
        while seen < expected and time.monotonic() - idle_since < 60:
            batch = await consumer.getmany(timeout_ms=1000)
            if batch:
                idle_since = time.monotonic()
            for tp, records in batch.items():
                for record in records:
                    seen += 1
                    if tp.topic == settings.topic_events:
                        observed.add_event(record.value)
                    else:
                        observed.add_dead_letter(record.value)
    finally:
        await consumer.stop()
    return observed


def print_report(results: dict[str, Any]) -> None:
    """Tables on stdout."""
    m = results["machine"]
    print(f"\nfuzz soak — {m['date']}, {m['nproc']} × {m['cpu_model']}, {m['ram_gb']} GB, commit {m['commit']}")
    print(f"{results['messages']} messages ({results['bytes'] / 2**20:.1f} MB), produced in {results['produce_s']} s, "
          f"handled in {results['processing_s']} s (settled: {results['settled']}); "
          f"prediction took {results['prediction_s']} s\n")
    print(table(sorted(results["outcomes"].items(), key=lambda kv: -kv[1]), ["outcome", "messages"]))
    print()
    rows = [(kind, sum(c.values()), ", ".join(f"{k}: {v}" for k, v in c.items()))
            for kind, c in results["outcomes_by_kind"].items()]
    print(table(rows, ["kind", "messages", "outcomes"]))
    w = results["worker"]
    print(f"\nworker alive: {w['alive']}, /health: {w['health']}, RSS {w['rss_mb']} MB, CPU {results['cpu']['cpu_s']}")
    if w["crashes"]:
        print("agent crashes:\n  " + "\n  ".join(w["crashes"]))
    print(f"messages whose fate differs from the prediction: {results['problem_count']}")
    for problem in results["problems"][:20]:
        print(f"  {problem}")
    v = results["verdict"]
    print(f"\nverdict: {'OK' if v['ok'] else 'NOT OK'} — {v['messages_accounted_for']}/{v['messages']} accounted for")


if __name__ == "__main__":
    raise SystemExit(main())
