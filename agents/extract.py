"""extract: articles.normalized → events.candidates (entities, triggers, event candidates)."""

import faust

from agents.app import agent_tracker, app, event_candidates, normalized_articles, run_stage, settings
from hadath import stages

_handle = stages.identity_message if settings.identity_stages else stages.extract_message


@app.agent(normalized_articles)
async def extract(stream: faust.StreamT) -> None:
    """Each normalized article → its event candidates keyed by article id, or a dead letter."""
    with agent_tracker.running("extract"):
        async for event in stream.events():
            await run_stage(event, "extract", _handle, event_candidates)
