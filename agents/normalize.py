"""normalize: articles.raw → articles.normalized (validate, clean, segment)."""

import faust

from agents.app import agent_tracker, app, normalized_articles, raw_articles, run_stage, settings
from hadath import stages


def _handle(value: bytes) -> list:
    if settings.identity_stages:
        return stages.identity_message(value)
    return stages.normalize_message(value, settings.max_article_bytes)


@app.agent(raw_articles)
async def normalize(stream: faust.StreamT) -> None:
    """Each raw article → one normalized article keyed by its id, or a dead letter."""
    with agent_tracker.running("normalize"):
        async for event in stream.events():
            await run_stage(event, "normalize", _handle, normalized_articles)
