"""The worker's web views: /health (broker, agents, input partitions) and /metrics (Prometheus text)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterable

from faust.types import TP
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from agents import metrics
from agents.app import STAGES, agent_tracker, app, partitions_assigned_at, settings
from agents.health import Stall, idle_partitions, stalls

HEALTH_TIMEOUT_S = 2.0


@app.page("/metrics")
class MetricsView(View):
    """Prometheus exposition of the per-stage counters, histograms and consumer lag."""

    async def get(self, request: Request) -> Response:
        """Current metrics, with consumer lag refreshed."""
        await _refresh_lag()
        return self.bytes(generate_latest(metrics.REGISTRY), content_type=CONTENT_TYPE_LATEST.split(";")[0])


@app.page("/health")
class HealthView(View):
    """200 when all is well; 503 with the reasons otherwise (see :func:`health_report`)."""

    async def get(self, request: Request) -> Response:
        """Health as JSON: status, reasons, broker, agents, assigned and stalled partitions."""
        status, body = await health_report()
        return self.json(body, status=status)


async def health_report() -> tuple[int, dict[str, object]]:
    """(HTTP status, JSON body) of the worker's health.

    503 when any of these holds, each named in ``reasons``:

    * the broker does not answer on its port;
    * an agent's loop is not running (crashed, cancelled, its stream ended), or it left its loop
      less than ``HADATH_HEALTH_CRASH_SECONDS`` ago (Faust restarts a crashed agent within a
      second, and the message it crashed on may have been skipped);
    * an assigned input partition has messages waiting and none was taken from it for
      ``HADATH_HEALTH_STALL_SECONDS`` (the failover stall of faust-streaming #629/#471).
    """
    reachable = await _broker_reachable()
    assigned = _assignment()
    agent_problems = agent_tracker.problems(STAGES, settings.health_crash_seconds)
    stalled = await _stalled_partitions(assigned) if reachable else []
    reasons = [] if reachable else [f"broker not reachable at {settings.bootstrap_servers}"]
    reasons += [f"agent {name}: {problem}" for name, problem in agent_problems.items()]
    reasons += [f"{s.topic}[{s.partition}]: {s.lag} messages waiting, none taken for {s.idle_s:.0f} s"
                for s in stalled]
    body: dict[str, object] = {
        "status": "unavailable" if reasons else "ok",
        "reasons": reasons,
        "broker": reachable,
        "agents": {name: agent_problems.get(name, "running") for name in STAGES},
        "assigned_partitions": len(assigned),
        "stalled_partitions": [s.as_dict() for s in stalled],
    }
    return (503 if reasons else 200), body


def _assignment() -> set[TP]:
    # The consumer raises until it has started (and in the agent tests, which never start it).
    with contextlib.suppress(Exception):
        return app.consumer.assignment()
    return set()


async def _stalled_partitions(assigned: Iterable[TP]) -> list[Stall]:
    monitor = app.monitor  # Faust's own sensor: when each partition last fed a stream, and at which offset
    idle = idle_partitions(assigned, settings.stage_topics[:3], time.monotonic(), partitions_assigned_at,
                           monitor.stream_inbound_time, settings.health_stall_seconds)
    if not idle:
        return []
    try:
        lags = await asyncio.wait_for(_lags([TP(*tp) for tp in idle]), HEALTH_TIMEOUT_S)
    except Exception:  # broker away mid-check: no verdict on lag rather than a false one
        return []
    return stalls(idle, lags)


async def _lags(partitions: list[TP]) -> dict[TP, int]:
    """Messages after what this worker has taken from each partition (never read: its fetch position)."""
    consumer = app.consumer
    highwaters = await consumer.highwaters(*partitions)
    read = app.monitor.tp_read_offsets
    lags = {}
    for tp in partitions:
        taken = read[tp] + 1 if tp in read else await consumer.position(tp)
        if taken is not None and tp in highwaters:
            lags[tp] = max(0, highwaters[tp] - taken)
    return lags


async def _broker_reachable() -> bool:
    host, _, port = settings.bootstrap_servers.split(",")[0].rpartition(":")
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, int(port)), HEALTH_TIMEOUT_S)
    except (OSError, TimeoutError):
        return False
    writer.close()
    return True


async def _refresh_lag() -> None:
    consumer = app.consumer
    assigned = consumer.assignment()
    if not assigned:
        return
    try:
        highwaters = await consumer.highwaters(*assigned)
    except Exception:  # broker away: keep the last known lag rather than fail the scrape
        return
    for tp, highwater in highwaters.items():
        position = consumer._committed_offset.get(tp) or 0  # Faust keeps no public accessor
        metrics.CONSUMER_LAG.labels(tp.topic, str(tp.partition)).set(max(0, highwater - position))
