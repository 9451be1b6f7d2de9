"""The merge table survives a worker restart: it is rebuilt from its changelog topic."""

from __future__ import annotations

import shutil
from pathlib import Path

from schemas import Article, Event
from tests.integration.harness import Pipeline

# Two outlets' reports of one air strike (written for this test).
REPORT_A = Article(id="report-a", source="outlet-a", published_at="2015-08-02",
                   text="صعدة - قصفت طائرات التحالف العربي أمس مواقع للحوثيين في محافظة صعدة شمال اليمن، "
                        "وقالت مصادر محلية إن الغارات أسفرت عن مقتل 12 مسلحا.")
REPORT_B = Article(id="report-b", source="outlet-b", published_at="2015-08-02",
                   text="شن طيران التحالف غارات جوية على مواقع لميليشيا الحوثي في صعدة، ما أدى إلى مقتل 12 "
                        "من المسلحين الحوثيين، بحسب مصادر قبلية.")


def _in_saada(values: list[bytes]) -> list[Event]:
    events = [Event.model_validate_json(v) for v in values]
    return [e for e in events if e.event_type == "ASSAULT" and e.location and e.location.admin1 == "YE-SD"]


def test_merging_continues_with_the_same_id_after_a_restart_with_an_empty_data_dir(pipeline: Pipeline) -> None:
    settings = pipeline.settings
    with pipeline.worker():
        pipeline.produce(settings.topic_raw, [(b"report-a", REPORT_A.model_dump_json().encode())])
        first = _in_saada(pipeline.consume(settings.topic_events, 1, timeout=30, idle=2))
    assert first and all(e.article_ids == ["report-a"] for e in first)
    first_ids = {e.event_id for e in first}

    # No local RocksDB state left: the table must come back from its changelog topic.
    shutil.rmtree(Path(pipeline.env["HADATH_DATA_DIR"]), ignore_errors=True)
    with pipeline.worker():
        seen = len(pipeline.consume(settings.topic_events, 10_000, timeout=3))
        pipeline.produce(settings.topic_raw, [(b"report-b", REPORT_B.model_dump_json().encode())])
        values = pipeline.consume(settings.topic_events, seen + 1, timeout=30, idle=2)
    merged = [e for e in _in_saada(values[seen:]) if e.event_id in first_ids]
    assert merged, "the second report's air strike did not join the first report's event"
    assert merged[0].article_ids == ["report-a", "report-b"]
    assert merged[0].corroboration == 2
