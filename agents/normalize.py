"""normalize: articles.raw → articles.normalized (validate, clean, segment)."""

from agents.app import app, normalized_articles, raw_articles, run_stage, settings
from hadath import stages


def _handle(value: bytes) -> list:
    if settings.identity_stages:
        return stages.identity_message(value)
    return stages.normalize_message(value, settings.max_article_bytes)


@app.agent(raw_articles)
async def normalize(stream):
    """Each raw article → one normalized article keyed by its id, or a dead letter."""
    async for event in stream.events():
        await run_stage(event, "normalize", _handle, normalized_articles)
