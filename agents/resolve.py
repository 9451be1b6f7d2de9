"""resolve: events.candidates → events (canonicalize, merge across articles, stable ids)."""

import faust

from agents.app import agent_tracker, app, event_candidates, events, merge_table, run_stage, settings
from hadath import stages


def _handle(value: bytes) -> list:
    if settings.identity_stages:
        return stages.identity_message(value)
    return stages.resolve_message(value, merge_table, settings.merge_tolerance_days)


@app.agent(event_candidates)
async def resolve(stream: faust.StreamT) -> None:
    """Each candidate → the event it belongs to (new or merged), keyed by event id."""
    with agent_tracker.running("resolve"):
        async for event in stream.events():
            await run_stage(event, "resolve", _handle, events)
