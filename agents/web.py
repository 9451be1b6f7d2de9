"""The worker's web views: /health (broker connectivity) and /metrics (Prometheus text)."""

from __future__ import annotations

import asyncio

from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from agents import metrics
from agents.app import app, settings

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
    """200 when the broker answers on its port, 503 otherwise."""

    async def get(self, request: Request) -> Response:
        """Health as JSON: broker reachability and the partitions this worker holds."""
        reachable = await _broker_reachable()
        body = {"status": "ok" if reachable else "unavailable", "broker": reachable,
                "assigned_partitions": len(app.consumer.assignment())}
        return self.json(body, status=200 if reachable else 503)


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
