"""Cross-article merging on real reports (SaudiNewsNet, 6 Aug 2015 Asir bombing)."""

from __future__ import annotations

import gzip
import json

from hadath.pipeline import articles_from_text, run_article
from schemas import Article, Event
from tests.conftest import shared_path

# Four outlets on the suicide bombing of the emergency forces' mosque in Asir (6 Aug 2015).
ASIR_BOMBING = ("snn-cd06cc415364", "snn-e0485d96a988", "snn-b6532605e58d", "snn-6f51f77d5809")
# The same day, fighting in southern Yemen: another incident of the same type.
YEMEN_SAME_DAY = "snn-2a8b053fcbcd"


def _articles(ids: set[str]) -> dict[str, Article]:
    found = {}
    with gzip.open(shared_path("corpus/saudinewsnet.jsonl.gz"), "rt", encoding="utf-8") as lines:
        for line in lines:
            if json.loads(line)["id"] in ids:
                (article,) = articles_from_text("corpus.jsonl", line)
                assert isinstance(article, Article)
                found[article.id] = article
    assert set(found) == ids
    return found


def test_outlets_reporting_one_bombing_give_one_event_and_other_incidents_stay_apart() -> None:
    articles = _articles({*ASIR_BOMBING, YEMEN_SAME_DAY})
    state: dict[str, dict] = {}
    latest: dict[str, Event] = {}
    for article_id in (*ASIR_BOMBING, YEMEN_SAME_DAY):
        for event in run_article(articles[article_id], state):
            latest[event.event_id] = event  # a re-published event replaces its earlier record
    in_asir = [e for e in latest.values()
               if e.event_type == "ASSAULT" and e.location is not None and e.location.admin1 == "SA-14"]
    merged = max(in_asir, key=lambda e: len(e.article_ids))
    assert set(merged.article_ids) == set(ASIR_BOMBING)
    assert merged.corroboration == 4  # four distinct outlets
    yemen = [e for e in latest.values() if e.event_type == "ASSAULT" and YEMEN_SAME_DAY in e.article_ids]
    assert yemen
    assert all(e.event_id != merged.event_id and set(e.article_ids) == {YEMEN_SAME_DAY} for e in yemen)
