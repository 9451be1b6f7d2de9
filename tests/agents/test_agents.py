"""Agent tier: each Faust agent driven through ``agent.test_context()``, no broker.

The agents' output topics are swapped for Faust in-memory channels (the transport Faust
itself uses for unnamed topics), so the agents' routing is tested without Kafka; the
real-broker path is covered by tests/integration.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

import faust
import pytest

from agents import extract as extract_agent
from agents import normalize as normalize_agent
from agents import resolve as resolve_agent
from agents.app import app, dead_letter_topics, settings
from schemas import DeadLetter, Event, EventCandidate, NormalizedArticle
from tests.conftest import SEED_PATH

SEED = {"id": "seed", "text": SEED_PATH.read_text(encoding="utf-8"), "published_at": "2021-02-27"}


@dataclass
class Outputs:
    """In-memory stand-ins for one agent's output and dead-letter topics."""

    output: faust.ChannelT
    dead_letters: faust.ChannelT

    async def next_output(self) -> faust.EventT:
        return await self._output.get(timeout=10)

    async def next_dead_letter(self) -> DeadLetter:
        event = await self._dead_letters.get(timeout=10)
        return DeadLetter.model_validate_json(event.value)

    def __post_init__(self) -> None:
        self._output = self.output.__aiter__()
        self._dead_letters = self.dead_letters.__aiter__()


@pytest.fixture
async def outputs(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Outputs]:
    app.flow_control.resume()
    channels = Outputs(app.channel(), app.channel())
    for module, name in ((normalize_agent, "normalized_articles"), (extract_agent, "event_candidates"),
                         (resolve_agent, "events")):
        monkeypatch.setattr(module, name, channels.output)
    for topic in settings.stage_topics[:3]:
        monkeypatch.setitem(dead_letter_topics, topic, channels.dead_letters)
    yield channels


async def test_normalize_agent_publishes_the_normalized_article_keyed_by_its_id(outputs: Outputs) -> None:
    async with normalize_agent.normalize.test_context(sink=[]) as agent:
        await agent.put(json.dumps(SEED, ensure_ascii=False).encode(), key=b"seed")
        event = await outputs.next_output()
    doc = NormalizedArticle.model_validate_json(event.value)
    assert event.key == b"seed"
    assert doc.article.id == "seed" and doc.sentences
    first = doc.sentences[0].tokens[0]
    assert SEED["text"][first.start:first.end] == "التحالف"


async def test_normalize_agent_sends_a_non_json_message_to_the_dead_letter_topic(outputs: Outputs) -> None:
    async with normalize_agent.normalize.test_context(sink=[]) as agent:
        await agent.put(b"<html>not an article</html>", key=b"bad")
        letter = await outputs.next_dead_letter()
        # and the agent goes on with the next message
        await agent.put(json.dumps(SEED, ensure_ascii=False).encode(), key=b"seed")
        good = await outputs.next_output()
    assert (letter.stage, letter.reason, letter.topic) == ("normalize", "not_json", settings.topic_raw)
    assert base64.b64decode(letter.original_base64) == b"<html>not an article</html>"
    assert NormalizedArticle.model_validate_json(good.value).article.id == "seed"


async def test_extract_then_resolve_agents_turn_the_seed_into_events(outputs: Outputs) -> None:
    from hadath.stages import normalize_message

    ((_, doc),) = normalize_message(json.dumps(SEED, ensure_ascii=False).encode(), settings.max_article_bytes)
    async with extract_agent.extract.test_context(sink=[]) as agent:
        await agent.put(doc.model_dump_json().encode(), key=b"seed")
        first = await outputs.next_output()
    candidate = EventCandidate.model_validate_json(first.value)
    assert candidate.article_id == "seed"
    assert SEED["text"][candidate.trigger.start:candidate.trigger.end] == candidate.trigger.text

    async with resolve_agent.resolve.test_context(sink=[]) as agent:
        await agent.put(first.value, key=first.key)
        published = await outputs.next_output()
    event = Event.model_validate_json(published.value)
    assert published.key == event.event_id.encode()
    assert event.article_ids == ["seed"] and event.event_type == candidate.event_type


async def test_extract_agent_routes_a_schema_violation_to_its_dead_letter_topic(outputs: Outputs) -> None:
    async with extract_agent.extract.test_context(sink=[]) as agent:
        await agent.put(b'{"article": {"id": "x"}}', key=b"x")
        letter = await outputs.next_dead_letter()
    assert (letter.stage, letter.reason) == ("extract", "schema")
    assert "NormalizedArticle" in letter.error_message
