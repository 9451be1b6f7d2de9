"""A restarted worker neither re-emits committed work nor changes event ids."""

from __future__ import annotations

from schemas import Article, Event
from tests.conftest import SEED_PATH
from tests.integration.harness import Pipeline

ARTICLE = Article(id="restart-seed", text=SEED_PATH.read_text(encoding="utf-8"), published_at="2021-02-27",
                  source="sputnik")


def test_restart_does_not_reemit_and_a_replay_keeps_the_ids(pipeline: Pipeline) -> None:
    settings = pipeline.settings
    message = [(ARTICLE.id.encode(), ARTICLE.model_dump_json().encode())]
    with pipeline.worker():
        pipeline.produce(settings.topic_raw, message)
        first = pipeline.consume(settings.topic_events, 1, timeout=30, idle=3)
    assert first
    with pipeline.worker():
        # Nothing new was produced: committed work must not come out again.
        after_restart = pipeline.consume(settings.topic_events, len(first) + 1, timeout=8)
        assert len(after_restart) == len(first)
        # The same article again (a producer's retry): the same events, as exact replays.
        pipeline.produce(settings.topic_raw, message)
        replayed = pipeline.consume(settings.topic_events, 2 * len(first), timeout=30, idle=2)
    first_events = {Event.model_validate_json(v).event_id: v for v in first}
    second = replayed[len(first):]
    assert len(second) == len(first)
    for value in second:
        event = Event.model_validate_json(value)
        assert event.event_id in first_events
        assert value == first_events[event.event_id], "a replay must be byte-identical"
        assert event.article_ids == [ARTICLE.id]
