"""The seed article through a real broker: events out, identical to the embedded mode."""

from __future__ import annotations

import json
from datetime import datetime

from hadath.pipeline import articles_from_text, run_article
from schemas import Article, Event
from tests.conftest import SEED_PATH
from tests.integration.harness import Pipeline


def _seed_article() -> Article:
    (article,) = articles_from_text(SEED_PATH.name, SEED_PATH.read_text(encoding="utf-8"))
    assert isinstance(article, Article)
    return article


def test_seed_article_comes_out_as_the_same_events_as_embedded_mode(pipeline: Pipeline) -> None:
    article = _seed_article()
    embedded = [event.model_dump(mode="json") for event in run_article(article, {})]
    assert embedded, "the seed must yield events"
    with pipeline.worker():
        pipeline.produce(pipeline.settings.topic_raw, [(article.id.encode(), article.model_dump_json().encode())])
        values = pipeline.consume(pipeline.settings.topic_events, len(embedded), timeout=30)
    streamed = [Event.model_validate_json(v).model_dump(mode="json") for v in values]
    key = lambda e: e["event_id"]  # noqa: E731
    assert sorted(streamed, key=key) == sorted(embedded, key=key)


def test_seed_yields_the_syria_air_strike_and_the_kurdistan_rocket_attack(pipeline: Pipeline) -> None:
    article = _seed_article().model_copy(update={"published_at": datetime(2021, 2, 27)})
    with pipeline.worker():
        pipeline.produce(pipeline.settings.topic_raw, [(article.id.encode(), article.model_dump_json().encode())])
        values = pipeline.consume(pipeline.settings.topic_events, 3, timeout=30, idle=3)
    events = [Event.model_validate_json(v) for v in values]
    assaults = [e for e in events if e.event_type == "ASSAULT"]
    syria = [e for e in assaults if e.location and e.location.country == "SYR"]
    assert syria, json.dumps([e.model_dump(mode="json") for e in assaults], ensure_ascii=False)[:2000]
    assert any("كتائب حزب الله" in e.evidence.text for e in syria)
    kurdistan = [e for e in assaults if "كردستان" in e.evidence.text]
    assert kurdistan and kurdistan[0].killed == 2
    assert kurdistan[0].date.value == "2021-02-15"
    for event in events:
        assert article.text[event.evidence.start:event.evidence.end] == event.evidence.text
        assert article.text[event.trigger.start:event.trigger.end] == event.trigger.text
