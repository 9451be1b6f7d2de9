"""Every kind of bad input lands on the DLQ with its reason; the worker keeps going."""

from __future__ import annotations

import base64
import json

from schemas import Article, DeadLetter, Event, NormalizedArticle
from tests.conftest import SEED_PATH
from tests.integration.harness import Pipeline

GOOD = Article(id="good-after-bad", text=SEED_PATH.read_text(encoding="utf-8"), published_at="2021-02-27")
# An article whose text is 1.1 MB: over the default 1 MB limit.
HUGE = json.dumps({"id": "huge", "text": "هجوم " * 230_000}, ensure_ascii=False).encode()

BAD_RAW = {
    b"not-utf8": (b"\xff\xfe\x00 not utf-8 \xc3\x28", "not_utf8"),
    b"not-json": (b'{"id": "x", "text": ', "not_json"),
    b"schema": (json.dumps({"id": "no-text", "title": "عنوان"}).encode(), "schema"),
    b"wrong-type": (json.dumps({"id": 5, "text": ["list"]}).encode(), "schema"),
    b"no-arabic": (json.dumps({"id": "english", "text": "An English article only."}).encode(), "no_arabic"),
    b"too-large": (HUGE, "too_large"),
}


def poisoned_normalized_article() -> bytes:
    """Valid against the NormalizedArticle schema, but its offsets make the extract stage raise."""
    text = "قصفت الطائرات مواقع المسلحين"
    doc = {
        "article": {"id": "poison", "text": text},
        "published_at": "2021-02-27T00:00:00",
        "sentences": [{"start": 0, "end": len(text),
                       "tokens": [{"start": -9, "end": -4, "norm": "قصفت"},
                                  {"start": 5, "end": 14, "norm": "الطائرات"}]}],
    }
    NormalizedArticle.model_validate(doc)  # the schema accepts it: the failure is the stage's
    return json.dumps(doc, ensure_ascii=False).encode()


def test_each_bad_input_goes_to_the_dlq_with_its_reason_and_work_goes_on(pipeline: Pipeline) -> None:
    settings = pipeline.settings
    with pipeline.worker():
        pipeline.produce(settings.topic_raw, [(key, value) for key, (value, _) in BAD_RAW.items()])
        pipeline.produce(settings.topic_normalized, [(b"poison", poisoned_normalized_article())])
        pipeline.produce(settings.topic_raw, [(GOOD.id.encode(), GOOD.model_dump_json().encode())])
        raw_letters = pipeline.consume(settings.dlq_topic(settings.topic_raw), len(BAD_RAW), timeout=30)
        stage_letters = pipeline.consume(settings.dlq_topic(settings.topic_normalized), 1, timeout=30)
        events = pipeline.consume(settings.topic_events, 1, timeout=30)

    letters = [DeadLetter.model_validate_json(v) for v in raw_letters]
    by_key = {base64.b64decode(letter.original_key_base64 or ""): letter for letter in letters}
    assert set(by_key) == set(BAD_RAW)
    for key, (value, reason) in BAD_RAW.items():
        letter = by_key[key]
        assert letter.reason == reason, (key, letter.error_message)
        assert letter.stage == "normalize"
        assert letter.error_message
        assert base64.b64decode(letter.original_base64) == value
        assert letter.topic == settings.topic_raw and letter.partition is not None and letter.offset is not None

    (poison,) = [DeadLetter.model_validate_json(v) for v in stage_letters]
    assert poison.stage == "extract" and poison.reason == "stage_error"
    assert poison.error_class == "InconsistentOffsetsError"

    assert events, "the good article sent after the bad ones was not processed"
    assert all(Event.model_validate_json(v).article_ids == [GOOD.id] for v in events)
