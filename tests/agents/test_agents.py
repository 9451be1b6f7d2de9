"""Agent tier: each Faust agent driven through ``agent.test_context()``, no broker.

The agents' output topics are swapped for Faust in-memory channels (the transport Faust
itself uses for unnamed topics), so the agents' routing is tested without Kafka; the
real-broker path is covered by tests/integration.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

import faust
import pytest

from agents import extract as extract_agent
from agents import metrics
from agents import normalize as normalize_agent
from agents import resolve as resolve_agent
from agents.app import agent_tracker, app, dead_letter_topics, settings
from agents.web import health_report
from schemas import DeadLetter, Event, EventCandidate, NormalizedArticle
from schemas.models import When
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


async def test_resolve_agent_publishes_an_event_with_a_count_past_64_bits(outputs: Outputs) -> None:
    # The merge table stores the count (agents/codecs.py): orjson alone refused it (a dead letter).
    from hadath.stages import extract_message, normalize_message

    article = dict(SEED, id="big-count")
    ((_, doc),) = normalize_message(json.dumps(article, ensure_ascii=False).encode(), settings.max_article_bytes)
    (key, candidate), *_ = extract_message(doc.model_dump_json().encode())
    # another day than the seed's events, which earlier tests left in the table: not a merge
    huge = candidate.model_copy(update={"killed": 10**30, "date": When(value="1999-01-01", precision="day")})
    async with resolve_agent.resolve.test_context(sink=[]) as agent:
        await agent.put(huge.model_dump_json().encode(), key=key.encode())
        published = await outputs.next_output()
    assert Event.model_validate_json(published.value).killed == 10**30


async def test_extract_agent_routes_a_schema_violation_to_its_dead_letter_topic(outputs: Outputs) -> None:
    async with extract_agent.extract.test_context(sink=[]) as agent:
        await agent.put(b'{"article": {"id": "x"}}', key=b"x")
        letter = await outputs.next_dead_letter()
    assert (letter.stage, letter.reason) == ("extract", "schema")
    assert "NormalizedArticle" in letter.error_message


@dataclass
class SlowOutput:
    """An output topic whose every send takes ``delay`` seconds (a slow broker, a full buffer)."""

    channel: faust.ChannelT
    delay: float

    async def send(self, *, key: bytes | None, value: bytes) -> None:
        await asyncio.sleep(self.delay)
        await self.channel.send(key=key, value=value)


def sample(name: str, stage: str) -> float:
    return metrics.REGISTRY.get_sample_value(name, {"stage": stage}) or 0.0


async def test_processing_seconds_times_the_stage_not_a_slow_send(outputs: Outputs,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(normalize_agent, "normalized_articles", SlowOutput(outputs.output, delay=0.5))
    before = {name: sample(name, "normalize") for name in ("hadath_processing_seconds_sum",
                                                           "hadath_processing_seconds_count",
                                                           "hadath_send_seconds_sum",
                                                           "hadath_processing_cpu_seconds_total")}
    async with normalize_agent.normalize.test_context(sink=[]) as agent:
        await agent.put(json.dumps(SEED, ensure_ascii=False).encode(), key=b"seed")
        await outputs.next_output()
        await asyncio.sleep(0.05)  # the agent observes the send time once the send returned
    processing = sample("hadath_processing_seconds_sum", "normalize") - before["hadath_processing_seconds_sum"]
    sending = sample("hadath_send_seconds_sum", "normalize") - before["hadath_send_seconds_sum"]
    assert sample("hadath_processing_seconds_count", "normalize") - before["hadath_processing_seconds_count"] == 1
    cpu = sample("hadath_processing_cpu_seconds_total", "normalize") - before["hadath_processing_cpu_seconds_total"]
    assert 0 < processing < 0.4, processing  # normalizing the seed takes milliseconds
    assert 0 < cpu <= processing + 0.002, (cpu, processing)  # CPU of the same span, never the send's wait
    assert sending >= 0.5, sending


async def test_health_turns_503_naming_the_agent_when_faust_cancels_it(outputs: Outputs) -> None:
    agent_tracker.reset()
    async with normalize_agent.normalize.test_context(sink=[]) as agent:
        await agent.put(json.dumps(SEED, ensure_ascii=False).encode(), key=b"seed")
        await outputs.next_output()
        _, body = await health_report()
        assert body["agents"]["normalize"] == "running"
        # Faust's cancel ends the actor's stream: the agent returns, and no supervisor restarts it.
        agent.cancel()
        await asyncio.sleep(0.1)
        status, body = await health_report()
    assert status == 503
    assert body["agents"]["normalize"] == "not running (stream ended)"
    assert "agent normalize: not running (stream ended)" in body["reasons"], body


async def test_health_stays_503_after_a_cancelled_agent_task_was_restarted(outputs: Outputs) -> None:
    agent_tracker.reset()
    async with extract_agent.extract.test_context(sink=[]):
        await asyncio.sleep(0.1)
        actor_tasks = [task for task in asyncio.all_tasks()
                       if task.get_coro().__qualname__ == "Agent._execute_actor"]
        assert actor_tasks
        for task in actor_tasks:
            task.cancel()
        await asyncio.sleep(0.2)
        status, body = await health_report()
    assert status == 503
    assert "cancelled" in body["agents"]["extract"], body
    assert any(reason.startswith("agent extract:") for reason in body["reasons"]), body
