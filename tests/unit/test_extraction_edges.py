"""Edge cases found by running the whole corpus (bench/corpus_robustness.py): no article may crash."""

from __future__ import annotations

from datetime import UTC, datetime

from hadath.pipeline import run_article
from schemas import Article


def events_of(text: str) -> list:
    article = Article(id="edge", text=text, published_at=datetime(2015, 1, 1, tzinfo=UTC), outlet="x")
    return run_article(article, {})


def test_a_count_that_ends_the_text_after_an_act_is_no_target_and_no_crash() -> None:
    # Corpus article snn-781c1de8e09b: the object phrase ran past the last token (IndexError).
    (event,) = events_of("واعتقلت الشرطة ثلاثة")
    assert event.event_type == "COERCE" and event.target is None
    (event,) = events_of("وقال المتحدث إن الشرطة اعتقلت 12")
    assert event.target is None
