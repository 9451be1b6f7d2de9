"""The live web page of ``hadath sink --web``: a map, a filterable table and the evidence.

aiohttp serves the page (``static/``, with Leaflet, topojson-client and the world-atlas country
outlines vendored, so nothing is fetched from the internet at run time), a JSON API over the
store, exports, and ``/api/stream``: Server-Sent Events that push each batch the sink has
committed, so new events appear without a reload.

Offsets are code points (Python string indices); the page would count UTF-16 units, so the
article text is cut into highlighted segments here, in Python, and the page only renders them.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from hadath.subscribers.export import FORMATS, ExportInput, export_bytes, records_from_store_items
from hadath.subscribers.store import EventFilter, EventStore

STATIC_DIR = Path(__file__).resolve().parent / "static"
DEFAULT_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILES_ATTRIBUTION = "&copy; OpenStreetMap contributors"
KEEPALIVE_S = 15.0
CLIENT_QUEUE = 256
MAX_LIST = 5000
#: Roles drawn in the article, lowest first (a later role is drawn over an earlier one).
ROLES = ("evidence", "location", "date", "source", "target", "actor", "trigger")
EXPORT_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv", "parquet": "application/vnd.apache.parquet",
                "polecat": "text/tab-separated-values", "gdelt": "text/tab-separated-values"}  # fmt: skip
EXPORT_SUFFIX = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet", "polecat": "tsv", "gdelt": "tsv"}


@dataclass(frozen=True, slots=True)
class WebConfig:
    """What the page needs to know: the basemap tiles to probe (None: outlines only)."""

    tiles_url: str | None = DEFAULT_TILES_URL
    tiles_attribution: str = DEFAULT_TILES_ATTRIBUTION
    probe_timeout_ms: int = 3000


class EventHub:
    """Fan-out of committed batches to the open ``/api/stream`` connections."""

    def __init__(self) -> None:
        self._queues: set[asyncio.Queue[dict[str, Any] | None]] = set()

    def subscribe(self) -> asyncio.Queue[dict[str, Any] | None]:
        """A queue that receives every message published from now on (None: the hub closed)."""
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(CLIENT_QUEUE)
        self._queues.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[dict[str, Any] | None]) -> None:
        """Stop sending to ``queue``."""
        self._queues.discard(queue)

    @property
    def clients(self) -> int:
        """How many streams are open."""
        return len(self._queues)

    def publish(self, kind: str, data: Any) -> None:
        """Send ``data`` as an SSE ``kind`` event; a client too slow to keep up is told to reload."""
        for queue in list(self._queues):
            try:
                queue.put_nowait({"type": kind, "data": data})
            except asyncio.QueueFull:
                with contextlib.suppress(asyncio.QueueEmpty):
                    while True:
                        queue.get_nowait()
                queue.put_nowait({"type": "reload", "data": None})

    def close(self) -> None:
        """End every stream."""
        for queue in list(self._queues):
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait(None)


def highlight_segments(text: str, spans: Sequence[tuple[str, int, int]], base: int = 0) -> list[dict[str, Any]]:
    """Cut ``text`` (which starts at offset ``base``) at every span edge; each piece lists the roles covering it.

    ``spans`` are ``(role, start, end)`` in the article's code-point offsets; pieces are returned
    in order as ``{"text", "start", "roles"}``, and joining their texts gives ``text`` back.
    """
    end_all = base + len(text)
    kept = [(role, max(start, base), min(end, end_all)) for role, start, end in spans
            if start < end and end > base and start < end_all]
    cuts = sorted({base, end_all, *(s for _, s, _ in kept), *(e for _, _, e in kept)})
    pieces = []
    for left, right in itertools.pairwise(cuts):
        roles = sorted({role for role, s, e in kept if s <= left and right <= e}, key=_role_rank)
        pieces.append({"text": text[left - base:right - base], "start": left, "roles": roles})
    return pieces


def _role_rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else -1


def event_spans(event: dict[str, Any], text: str | None, base: int = 0) -> list[dict[str, Any]]:
    """Every span of ``event`` with its role and whether it matches ``text`` (starting at ``base``)."""
    spans = []
    for role in ("trigger", "evidence", "actor", "target", "location", "date", "source"):
        span = event.get(role)
        if not span or span.get("start") is None or span.get("end") is None or span.get("text") is None:
            continue
        start, end = int(span["start"]), int(span["end"])
        ok = None if text is None else text[start - base:end - base] == span["text"] and start >= base
        spans.append({"role": role, "text": span["text"], "start": start, "end": end, "ok": ok})
    return spans


def event_detail(stored: dict[str, Any], article: dict[str, Any] | None) -> dict[str, Any]:
    """What the page shows for one event: the record, its spans and the highlighted text.

    The text is the first article's (the one the offsets point into) when the store has it,
    otherwise the evidence sentence alone, so that the spans inside it can still be shown.
    """
    event = stored["event"]
    if article is not None and article.get("text") is not None:
        text, base, origin = article["text"], 0, "article"
    else:
        evidence = event["evidence"]
        text, base, origin = evidence["text"], int(evidence["start"]), "evidence"
    spans = event_spans(event, text, base)
    good = [(s["role"], s["start"], s["end"]) for s in spans if s["ok"]]
    meta = {k: v for k, v in (article or {}).items() if k != "text"}
    return {"event": event, "linked_article_ids": stored["linked_article_ids"],
            "first_seen_at": stored["first_seen_at"], "updated_at": stored["updated_at"],
            "article": meta or None, "text_origin": origin, "spans": spans,
            "segments": highlight_segments(text, good, base)}


def _filters(query: Any) -> EventFilter:
    return EventFilter(event_type=query.get("type") or None, country=query.get("country") or None,
                       date_from=query.get("date_from") or None, date_to=query.get("date_to") or None,
                       actor=query.get("actor") or None)


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(text=json.dumps(data, ensure_ascii=False, default=str), status=status,
                        content_type="application/json")


def create_app(store: EventStore, hub: EventHub, config: WebConfig | None = None,
               status: Callable[[], dict[str, Any]] | None = None) -> web.Application:
    """The aiohttp application: page, API, stream and exports over ``store``."""
    config = config or WebConfig()
    app = web.Application()

    async def index(_: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    async def api_config(_: web.Request) -> web.Response:
        return _json({"tiles_url": config.tiles_url, "tiles_attribution": config.tiles_attribution,
                      "probe_timeout_ms": config.probe_timeout_ms, "export_formats": list(FORMATS)})

    async def api_health(_: web.Request) -> web.Response:
        counts = await asyncio.to_thread(store.counts)
        return _json({"status": "ok", "store": store.address, "counts": counts, "stream_clients": hub.clients}
                     | (status() if status else {}))

    async def api_events(request: web.Request) -> web.Response:
        limit = min(int(request.query.get("limit", "1000")), MAX_LIST)
        rows = await asyncio.to_thread(store.list_events, _filters(request.query), limit)
        return _json(rows)

    async def api_event(request: web.Request) -> web.Response:
        stored = await asyncio.to_thread(store.get_event, request.match_info["event_id"])
        if stored is None:
            return _json({"error": "no such event"}, 404)
        article = await asyncio.to_thread(store.get_article, stored["event"]["article_ids"][0])
        return _json(event_detail(stored, article))

    async def api_article(request: web.Request) -> web.Response:
        article = await asyncio.to_thread(store.get_article, request.match_info["article_id"])
        return _json(article) if article else _json({"error": "no such article"}, 404)

    async def api_export(request: web.Request) -> web.Response:
        fmt = request.query.get("format", "csv")
        if fmt not in FORMATS:
            return _json({"error": f"format must be one of {', '.join(FORMATS)}"}, 400)

        def build() -> bytes:
            data = ExportInput(records_from_store_items(store.iter_events()), store.article_metadata())
            return export_bytes(data, fmt)

        body = await asyncio.to_thread(build)
        name = f"hadath-events.{EXPORT_SUFFIX[fmt]}"
        return web.Response(body=body, content_type=EXPORT_TYPES[fmt],
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})

    async def api_stream(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache",
                                               "X-Accel-Buffering": "no"})
        await response.prepare(request)
        queue = hub.subscribe()
        try:
            await response.write(b"retry: 2000\n: connected\n\n")
            while True:
                try:
                    item = await asyncio.wait_for(queue.get(), KEEPALIVE_S)
                except TimeoutError:
                    await response.write(b": keepalive\n\n")
                    continue
                if item is None:
                    break
                payload = json.dumps(item["data"], ensure_ascii=False, default=str)
                await response.write(f"event: {item['type']}\ndata: {payload}\n\n".encode())
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            hub.unsubscribe(queue)
        return response

    app.router.add_get("/", index)
    app.router.add_get("/api/config", api_config)
    app.router.add_get("/api/health", api_health)
    app.router.add_get("/api/events", api_events)
    app.router.add_get("/api/events/{event_id}", api_event)
    app.router.add_get("/api/articles/{article_id}", api_article)
    app.router.add_get("/api/export", api_export)
    app.router.add_get("/api/stream", api_stream)
    app.router.add_static("/static/", STATIC_DIR, follow_symlinks=False)
    return app


async def start_web(app: web.Application, host: str, port: int) -> web.AppRunner:
    """Serve ``app`` on ``host:port`` in the running loop; ``await runner.cleanup()`` stops it."""
    runner = web.AppRunner(app, shutdown_timeout=2.0, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    return runner
