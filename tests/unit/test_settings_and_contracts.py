"""Settings from the environment, the schema files, dead letters and input parsing."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from hadath.deadletter import dead_letter
from hadath.pipeline import InputError, articles_from_text
from hadath.settings import Settings
from hadath.stages import BadInputError, normalize, parse_article
from schemas import Article
from schemas.export import JSON_DIR, export_json_schemas, json_schemas


def test_settings_read_hadath_variables_and_reject_bad_values() -> None:
    settings = Settings.from_env({"HADATH_PARTITIONS": "8", "HADATH_TOPIC_RAW": "in", "HADATH_LOG_JSON": "yes"})
    assert (settings.partitions, settings.topic_raw, settings.log_json) == (8, "in", True)
    assert settings.dlq_topic("in") == "in.dlq"
    assert Settings.from_env({}).broker == "kafka://127.0.0.1:9092"
    with pytest.raises(ValueError, match="HADATH_PARTITIONS"):
        Settings.from_env({"HADATH_PARTITIONS": "many"})
    with pytest.raises(ValueError, match="HADATH_IDENTITY_STAGES"):
        Settings.from_env({"HADATH_IDENTITY_STAGES": "maybe"})


def test_committed_json_schemas_are_current() -> None:
    for name, text in json_schemas().items():
        path = JSON_DIR / name
        assert path.exists(), f"run: hadath schema export schemas/json ({name} missing)"
        assert path.read_text(encoding="utf-8") == text, f"run: hadath schema export schemas/json ({name})"


def test_schema_export_writes_one_file_per_contract(tmp_path: Path) -> None:
    written = export_json_schemas(tmp_path)
    assert {p.name for p in written} == {"article.schema.json", "normalized_article.schema.json",
                                         "event_candidate.schema.json", "event.schema.json",
                                         "dead_letter.schema.json"}
    event_schema = json.loads((tmp_path / "event.schema.json").read_text())
    assert "event_id" in event_schema["required"]


@pytest.mark.parametrize(("value", "reason"), [
    (b"\xff\xfe", "not_utf8"),
    (b"{not json", "not_json"),
    (b"[" * 100_000, "not_json"),  # nesting deeper than the parser's recursion limit
    (b'{"id": "a", "text": "x", "n": ' + b"9" * 5000 + b"}", "not_json"),  # an int past 4,300 digits
    (b"[1, 2]", "schema"),
    (json.dumps({"id": "a"}).encode(), "schema"),
    (json.dumps({"id": "a", "text": "نص", "published_at": "yesterday"}).encode(), "schema"),
    (b"x" * 101, "too_large"),
])
def test_parse_article_names_the_rule_a_bad_message_broke(value: bytes, reason: str) -> None:
    with pytest.raises(BadInputError) as caught:
        parse_article(value, max_bytes=len(value) - 1 if reason == "too_large" else 1_000_000)
    assert caught.value.reason == reason


def test_article_without_arabic_is_rejected_by_normalize() -> None:
    with pytest.raises(BadInputError, match="no Arabic") as caught:
        normalize(Article(id="en", text="Only English here."))
    assert caught.value.reason == "no_arabic"


def test_missing_publication_date_falls_back_to_ingest_time_and_says_so() -> None:
    doc = normalize(Article(id="a", text="قصفت الطائرات مواقع"))
    assert doc.published_at_is_ingest_time
    dated = normalize(Article(id="b", text="قصفت الطائرات مواقع", published_at="2021-02-27"))
    assert not dated.published_at_is_ingest_time and dated.published_at.date().isoformat() == "2021-02-27"


def test_dead_letter_keeps_the_original_bytes_and_the_reason() -> None:
    letter = dead_letter("normalize", BadInputError("not_json", "not JSON: x"), b"\x00raw", b"k", "articles.raw", 3, 42)
    assert base64.b64decode(letter.original_base64) == b"\x00raw"
    assert (letter.reason, letter.error_class, letter.partition, letter.offset) == ("not_json", "BadInputError", 3, 42)
    crash = dead_letter("extract", ZeroDivisionError("division by zero"), b"{}")
    assert crash.reason == "stage_error" and crash.error_class == "ZeroDivisionError"


def test_inputs_read_text_files_and_jsonl_and_report_bad_lines() -> None:
    (article,) = articles_from_text("dir/some-id.txt", "نص الخبر")
    assert isinstance(article, Article) and article.id == "some-id"
    items = list(articles_from_text("in.jsonl", '{"id": "a", "text": "خبر"}\nnot json\n{"id": "b"}\n'))
    assert isinstance(items[0], Article)
    assert [(i.where, i.error.reason) for i in items[1:] if isinstance(i, InputError)] == [
        ("in.jsonl:2", "not_json"), ("in.jsonl:3", "schema"),
    ]
    line = '{"id": "s", "text": "خبر", "date_extracted": "2015-08-01 10:00:00"}'
    (corpus_style,) = articles_from_text("c.jsonl", line)
    assert isinstance(corpus_style, Article) and corpus_style.published_at.date().isoformat() == "2015-08-01"


def test_extract_refuses_token_offsets_outside_the_text() -> None:
    from hadath.stages import InconsistentOffsetsError, extract
    from schemas import NormalizedArticle

    doc = normalize(Article(id="a", text="قصفت الطائرات مواقع", published_at="2021-02-27"))
    broken = doc.model_copy(update={"sentences": [doc.sentences[0].model_copy(update={"end": 99})]})
    extract(broken)  # a sentence end is not used for spans; tokens are
    tokens = [t._replace(end=99) for t in doc.sentences[0].tokens]
    sentence = {"start": 0, "end": 5, "tokens": tokens}
    bad = NormalizedArticle.model_validate(doc.model_dump() | {"sentences": [sentence]})
    with pytest.raises(InconsistentOffsetsError, match="outside the article text"):
        extract(bad)


def test_json_log_lines_carry_level_logger_message_and_exception() -> None:
    import logging

    from agents.logs import JsonFormatter

    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("hadath", logging.WARNING, __file__, 1, "stage %s failed", ("extract",),
                                   sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert (entry["level"], entry["logger"], entry["message"]) == ("warning", "hadath", "stage extract failed")
    assert "ValueError: boom" in entry["exception"]


def test_an_output_too_large_to_publish_is_a_failure_before_anything_is_sent() -> None:
    from hadath.deadletter import encode_outputs

    small = Article(id="a", text="خبر")
    assert encode_outputs([("a", small)], None, 100_000) == [(b"a", small.model_dump_json().encode())]
    big = Article(id="b", text="خبر " * 30_000)
    with pytest.raises(BadInputError) as caught:
        encode_outputs([("a", small), ("b", big)], None, 100_000)
    assert caught.value.reason == "output_too_large"


def test_a_dead_letter_too_large_to_publish_keeps_a_decodable_prefix_and_says_so() -> None:
    from hadath.deadletter import RECORD_OVERHEAD, fit_dead_letter

    original = ("خبر " * 20_000).encode()
    letter = dead_letter("normalize", BadInputError("too_large", "too large"), original, b"k", "articles.raw", 0, 7)
    limit = RECORD_OVERHEAD + 50_000
    fitted = fit_dead_letter(letter, limit)
    assert fitted.original_truncated and len(fitted.model_dump_json().encode()) <= limit - RECORD_OVERHEAD
    assert original.startswith(base64.b64decode(fitted.original_base64))
    assert (fitted.topic, fitted.offset) == ("articles.raw", 7)  # where the whole original still is
    assert fit_dead_letter(letter, 10_000_000) == letter


def test_loaded_knowledge_is_frozen_out_of_the_garbage_collector() -> None:
    import gc

    from hadath.stages import freeze_loaded_knowledge, warm_up

    warm_up()
    try:
        freeze_loaded_knowledge()
        assert gc.get_freeze_count() > 10_000  # the lexicons, dictionaries and gazetteer
    finally:
        gc.unfreeze()
