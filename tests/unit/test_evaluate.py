"""The evaluation package: the gold scoring rules of GUIDELINES.md and the GSR scorer."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from hadath.evaluate import (
    FIELDS,
    GoldDataError,
    evaluate_gold,
    evaluate_gsr,
    format_diagnostics,
    format_table,
    normalize_for_scoring,
    string_matches,
    to_json,
)
from hadath.evaluate.gold import GoldEvent, locate_gold_events, match_events, score_article
from schemas.models import Article, Event, Participant, Place, Span, When

SHARED_GOLD = Path("/work/shared/gold")

# Our own tiny article: three sentences, three events.
TEXT = (
    "قصفت الطائرات مواقع المسلحين في الموصل يوم الأحد وقتل 4 منهم. "
    "وتظاهر مئات الطلاب في بغداد. "
    "واتهمت الحكومة المعارضة بالتحريض."
)
STRIKE = "قصفت الطائرات مواقع المسلحين في الموصل يوم الأحد وقتل 4 منهم"
DEMO = "وتظاهر مئات الطلاب في بغداد"
ACCUSATION = "واتهمت الحكومة المعارضة بالتحريض"


def _span(text: str, words: str, cls: type[Any] = Span, **extra: Any) -> Any:
    start = text.index(words)
    return cls(text=words, start=start, end=start + len(words), **extra)


def make_event(
    text: str,
    event_type: str,
    evidence: str,
    trigger: str | None = None,
    *,
    actor: str | None = None,
    target: str | None = None,
    location: str | None = None,
    country: str | None = None,
    date: str | None = None,
    killed: int | None = None,
    injured: int | None = None,
    modality: str = "asserted",
    source: str | None = None,
) -> Event:
    """A hand-built system event; strings are located in ``text`` (first occurrence)."""
    evidence_span = _span(text, evidence)
    trigger_words = trigger or evidence.split()[0]
    trigger_start = evidence_span.start + evidence.index(trigger_words)
    place = None
    if location is not None or country is not None:
        words = location or ""
        start = text.index(words) if words else 0
        place = Place(text=words, start=start, end=start + len(words), name=words or "?", country=country)
    return Event(
        event_id="e",
        fingerprint="f",
        article_ids=["a"],
        corroboration=1,
        event_type=event_type,
        cameo="19",
        quad_class=4,
        confidence=0.5,
        extractor="test",
        evidence=evidence_span,
        trigger=Span(text=trigger_words, start=trigger_start, end=trigger_start + len(trigger_words)),
        actor=_span(text, actor, Participant, name=actor) if actor else None,
        target=_span(text, target, Participant, name=target) if target else None,
        source=_span(text, source, Participant, name=source) if source else None,
        location=place,
        date=When(value=date),
        killed=killed,
        injured=injured,
        modality=modality,
    )


def gold_event(evidence: str, event_type: str, trigger: str, **fields: Any) -> dict[str, Any]:
    """A raw gold event as a gold JSONL line holds it."""
    raw: dict[str, Any] = {
        "event_type": event_type, "mode": None, "evidence": evidence, "trigger": trigger,
        "actor": [], "target": [], "location": [], "location_country": None, "date": None,
        "killed": None, "injured": None, "modality": "asserted", "source": [],
    }  # fmt: skip
    raw.update(fields)
    return raw


def located(*raw: dict[str, Any], text: str = TEXT) -> list[GoldEvent]:
    return locate_gold_events("a", text, list(raw))


# --- normalization and the string rule -------------------------------------------------------


def test_normalization_unifies_alef_yaa_taa_marbuta_and_drops_diacritics_tatweel_spaces() -> None:
    assert normalize_for_scoring("أَحْمَد  إلى") == "احمد الي"
    assert normalize_for_scoring("آمنة ٱلقوى") == "امنه القوي"
    assert normalize_for_scoring(" الـــقوات\tالأمنيّة ") == "القوات الامنيه"


def test_normalization_keeps_digits_as_written() -> None:
    # The guidelines do not map digits (unlike the pipeline's matching normalization).
    assert normalize_for_scoring("٤") != normalize_for_scoring("4")


def test_string_matches_when_one_contains_the_other_and_is_at_least_half_as_long() -> None:
    assert string_matches("بالعراق", ["العراق"])
    assert string_matches("العراق", ["بالعراق"])
    assert string_matches("الحكومة العراقية", ["القوات", "الحكومه العراقيه"])
    assert string_matches("الأمم المتحدة", ["الامم المتحده"])


def test_string_does_not_match_a_much_longer_or_unrelated_string() -> None:
    assert not string_matches("قوات", ["قوات التحالف الدولي"])  # contained, but under half as long
    assert not string_matches("قوات التحالف الدولي", ["قوات"])
    assert not string_matches("الجيش", ["الشرطة"])
    assert not string_matches("", ["الجيش"])
    assert not string_matches("الجيش", [])


def test_string_half_length_boundary_is_inclusive() -> None:
    assert string_matches("ابجد", ["ابجدهوزح"])  # 4 of 8: exactly half
    assert not string_matches("ابج", ["ابجدهوز"])  # 3 of 7


# --- gold loading ------------------------------------------------------------------------------


def test_gold_evidence_and_trigger_are_located_by_offsets() -> None:
    (event,) = located(gold_event(DEMO, "PROTEST", "وتظاهر", location=["بغداد"]))
    assert TEXT[event.start : event.end] == DEMO
    assert TEXT[event.trigger_start : event.trigger_end] == "وتظاهر"
    assert event.location == ("بغداد",)


def test_gold_evidence_must_occur_exactly_once() -> None:
    with pytest.raises(GoldDataError, match="more than once"):
        located(gold_event("في", "PROTEST", "في"))
    with pytest.raises(GoldDataError, match="never"):
        located(gold_event("نص غير موجود", "PROTEST", "نص"))


def test_gold_trigger_must_be_inside_the_evidence() -> None:
    with pytest.raises(GoldDataError, match="trigger"):
        located(gold_event(DEMO, "PROTEST", "قصفت"))


# --- event matching ----------------------------------------------------------------------------


def test_two_system_events_on_one_gold_event_give_one_tp_and_one_fp() -> None:
    gold = located(gold_event(STRIKE, "ASSAULT", "قصفت"))
    system = [
        make_event(TEXT, "ASSAULT", "مواقع المسلحين في الموصل", "مواقع"),
        make_event(TEXT, "ASSAULT", "قصفت الطائرات", "قصفت"),
    ]
    # The earlier evidence (the second output) takes the gold event.
    assert match_events(gold, system) == [(0, 1)]
    score = score_article("a", TEXT, gold, system)
    assert (score.events.tp, score.events.fp, score.events.fn) == (1, 1, 0)
    assert [e.evidence for e in score.diagnostics.spurious] == ["مواقع المسلحين في الموصل"]


def test_events_match_only_with_equal_type_and_overlapping_evidence() -> None:
    gold = located(gold_event(STRIKE, "ASSAULT", "قصفت"), gold_event(DEMO, "PROTEST", "وتظاهر"))
    system = [
        make_event(TEXT, "PROTEST", STRIKE, "قصفت"),  # overlaps, wrong type
        make_event(TEXT, "ASSAULT", DEMO, "وتظاهر"),  # right type of another event, no overlap
    ]
    score = score_article("a", TEXT, gold, system)
    assert (score.events.tp, score.events.fp, score.events.fn) == (0, 2, 2)
    assert len(score.diagnostics.missed) == 2


def test_greedy_matching_follows_text_order_one_to_one() -> None:
    text = "هجوم أول على القرية ثم هجوم ثان على المدينة"
    gold = located(
        gold_event("هجوم أول على القرية", "ASSAULT", "هجوم"),
        gold_event("هجوم ثان على المدينة", "ASSAULT", "هجوم"),
        text=text,
    )
    # One system event spans both gold events, another only the second: the wide one comes first
    # in text order and takes the first gold event; the second system event takes the other.
    system = [make_event(text, "ASSAULT", "هجوم ثان", "هجوم"), make_event(text, "ASSAULT", text, "هجوم")]
    assert match_events(gold, system) == [(0, 1), (1, 0)]


# --- arguments ---------------------------------------------------------------------------------


def test_argument_counts_on_matched_and_unmatched_events() -> None:
    gold = located(
        gold_event(STRIKE, "ASSAULT", "قصفت", actor=["الطائرات"], target=["مواقع المسلحين", "المسلحين"],
                   location=["الموصل"], location_country="IRQ", killed=4),
        gold_event(DEMO, "PROTEST", "وتظاهر", actor=["مئات الطلاب", "الطلاب"], location=["بغداد"],
                   location_country="IRQ"),
    )  # fmt: skip
    system = [
        # matched: actor right, target wrong, location right, country right, killed right
        make_event(TEXT, "ASSAULT", STRIKE, "قصفت", actor="الطائرات", target="يوم الأحد",
                   location="في الموصل", country="IRQ", killed=4),
        # unmatched (no gold ACCUSE): its actor and target are false positives
        make_event(TEXT, "ACCUSE", ACCUSATION, "واتهمت", actor="الحكومة", target="المعارضة"),
    ]  # fmt: skip
    score = score_article("a", TEXT, gold, system)
    fields = {name: (c.tp, c.fp, c.fn) for name, c in score.fields.items()}
    assert fields["actor"] == (1, 1, 1)  # TP on the strike, FP on the accusation, FN on the demo
    assert fields["target"] == (0, 2, 1)  # wrong on the strike (FP+FN), FP on the accusation
    assert fields["location"] == (1, 0, 1)  # the demo's Baghdad is missed with its event
    assert fields["location_country"] == (1, 0, 1)
    assert fields["killed"] == (1, 0, 0)
    assert fields["injured"] == (0, 0, 0)  # null in gold and system: not counted
    assert fields["date"] == (0, 0, 0)
    assert fields["source"] == (0, 0, 0)
    assert fields["modality"] == (1, 1, 1)  # gold and system always carry one
    assert (score.country.correct, score.country.total) == (1, 1)
    assert {m.field for m in score.diagnostics.mismatches} == {"target"}


def test_country_date_and_numbers_must_be_exact() -> None:
    gold = located(
        gold_event(STRIKE, "ASSAULT", "قصفت", location=["الموصل"], location_country="IRQ",
                   date="2015-08-02", killed=4, injured=10, modality="claimed"),
    )  # fmt: skip
    system = [
        make_event(TEXT, "ASSAULT", STRIKE, "قصفت", location="الموصل", country="SYR",
                   date="2015-08", killed=5, injured=10, modality="asserted"),
    ]  # fmt: skip
    score = score_article("a", TEXT, gold, system)
    fields = {name: (c.tp, c.fp, c.fn) for name, c in score.fields.items()}
    assert fields["location"] == (1, 0, 0)  # the place string is right ...
    assert fields["location_country"] == (0, 1, 1)  # ... its country is not
    assert fields["date"] == (0, 1, 1)  # a month is not the day
    assert fields["killed"] == (0, 1, 1)
    assert fields["injured"] == (1, 0, 0)
    assert fields["modality"] == (0, 1, 1)
    assert (score.country.correct, score.country.total) == (0, 1)


def test_wrong_system_offsets_are_reported() -> None:
    event = make_event(TEXT, "PROTEST", DEMO, "وتظاهر")
    shifted = event.model_copy(update={"evidence": Span(text=DEMO, start=0, end=len(DEMO))})
    score = score_article("a", TEXT, located(gold_event(DEMO, "PROTEST", "وتظاهر")), [shifted])
    assert len(score.diagnostics.span_errors) == 1


# --- evaluate_gold end to end ------------------------------------------------------------------


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def gold_files(tmp_path: Path) -> tuple[Path, Path]:
    articles = _write_jsonl(
        tmp_path / "articles.jsonl",
        [
            {"id": "a1", "text": TEXT, "source": "test", "published_at": "2015-08-03"},
            # corpus style: date_extracted instead of published_at
            {"id": "a2", "text": "اعتقلت الشرطة ثلاثة أشخاص.", "date_extracted": "2015-08-05 10:11:12"},
            {"id": "unused", "text": "نص آخر."},
        ],
    )
    gold = _write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {"article_id": "a1", "published_at": "2015-08-03", "events": [
                gold_event(STRIKE, "ASSAULT", "قصفت", actor=["الطائرات"], killed=4),
                gold_event(DEMO, "PROTEST", "وتظاهر", location=["بغداد"], location_country="IRQ"),
            ]},
            {"article_id": "a2", "events": [
                gold_event("اعتقلت الشرطة ثلاثة أشخاص", "COERCE", "اعتقلت", actor=["الشرطة"]),
            ]},
        ],
    )  # fmt: skip
    return gold, articles


def fake_system(article: Article) -> list[Event]:
    """Finds the strike (with its actor) and a wrong-type event on the arrest."""
    if article.id == "a1":
        return [make_event(article.text, "ASSAULT", STRIKE, "قصفت", actor="الطائرات", killed=4)]
    return [make_event(article.text, "ASSAULT", "اعتقلت الشرطة", "اعتقلت", actor="الشرطة")]


def test_evaluate_gold_scores_every_article_and_reports_progress(gold_files: tuple[Path, Path]) -> None:
    seen: dict[str, Any] = {}

    def system(article: Article) -> list[Event]:
        seen[article.id] = article.published_at
        return fake_system(article)

    progress = io.StringIO()
    result = evaluate_gold(*gold_files, system, progress=progress, progress_every=1)
    assert result.n_articles == 2 and result.n_gold_events == 3 and result.n_system_events == 2
    assert (result.events.tp, result.events.fp, result.events.fn) == (1, 1, 2)
    assert (result.fields["actor"].tp, result.fields["actor"].fp, result.fields["actor"].fn) == (1, 1, 1)
    assert (result.fields["killed"].tp, result.fields["killed"].fp) == (1, 0)
    assert (result.country.correct, result.country.total) == (0, 0)  # the demo is not matched
    assert seen["a2"].date().isoformat() == "2015-08-05"  # from date_extracted
    assert "eval: 2/2" in progress.getvalue()
    assert result.wall_seconds > 0 and result.articles_per_second > 0

    table = format_table(result)
    assert table.splitlines()[3].split() == ["field", "tp", "fp", "fn", "P", "R", "F1"]
    assert all(name in table for name in FIELDS)
    payload = to_json(result)
    json.dumps(payload)  # serializable
    assert payload["events"]["tp"] == 1 and payload["fields"]["actor"]["fn"] == 1
    verbose = format_diagnostics(result)
    assert "missed" in verbose and "spurious" in verbose and DEMO in verbose
    assert format_table(result, verbose=True).endswith(verbose)


def test_system_errors_are_reraised_unless_keep_going(gold_files: tuple[Path, Path]) -> None:
    def flaky(article: Article) -> list[Event]:
        if article.id == "a2":
            raise RuntimeError("boom")
        return fake_system(article)

    with pytest.raises(RuntimeError, match="boom") as caught:
        evaluate_gold(*gold_files, flaky, progress=None)
    assert any("a2" in note for note in caught.value.__notes__)

    result = evaluate_gold(*gold_files, flaky, keep_going=True, progress=None)
    assert [(f.article_id, f.error) for f in result.failures] == [("a2", "RuntimeError: boom")]
    assert result.events.fn == 2  # the failed article's gold event counts as missed
    assert "system failed on 1 article" in format_table(result)


def test_a_system_returning_something_else_than_events_fails(gold_files: tuple[Path, Path]) -> None:
    with pytest.raises(TypeError):
        evaluate_gold(*gold_files, lambda article: None, progress=None)  # type: ignore[arg-type,return-value]


def test_gold_article_without_text_is_an_error(tmp_path: Path, gold_files: tuple[Path, Path]) -> None:
    gold = _write_jsonl(tmp_path / "bad.jsonl", [{"article_id": "nowhere", "events": []}])
    with pytest.raises(GoldDataError, match="nowhere"):
        evaluate_gold(gold, gold_files[1], fake_system, progress=None)


# --- GSR ---------------------------------------------------------------------------------------


def _gsr_record(record_id: str, event_type: str, text: str, label: str, text_hash: str) -> dict[str, Any]:
    is_event = {"yes": True, "easy no": False, "difficult no": False, "ambiguous": None}[label]
    doc_date = "2008-01-02" if event_type == "ASSAULT" else None
    return {"id": record_id, "event_type": event_type, "text": text, "label": label, "is_event": is_event,
            "text_hash": text_hash, "doc_date": doc_date}  # fmt: skip


def keyword_system(article: Article) -> list[Event]:
    """ASSAULT on قصف, PROTEST on تظاهر; raises on the word that marks ambiguous test records."""
    if "غامض" in article.text:
        raise AssertionError("ambiguous records must not be run")
    events = []
    for word, event_type in (("قصف", "ASSAULT"), ("تظاهر", "PROTEST")):
        if word in article.text:
            events.append(make_event(article.text, event_type, article.text, word))
    return events


@pytest.fixture
def gsr_file(tmp_path: Path) -> Path:
    return _write_jsonl(
        tmp_path / "gsr.jsonl",
        [
            _gsr_record("assault:1", "ASSAULT", "قصف الجيش القرية", "yes", "h1"),
            _gsr_record("assault:2", "ASSAULT", "قصف الجيش القرية", "yes", "h1"),  # duplicate text
            _gsr_record("assault:3", "ASSAULT", "هاجم مسلحون الحاجز", "yes", "h3"),  # missed
            _gsr_record("assault:4", "ASSAULT", "قصف الخبر الصحفيين", "easy no", "h4"),  # false positive
            _gsr_record("assault:5", "ASSAULT", "قصف مدفعي محتمل", "difficult no", "h5"),  # FP, main only
            _gsr_record("assault:6", "ASSAULT", "اجتمع الوزراء", "easy no", "h6"),
            _gsr_record("assault:7", "ASSAULT", "نص غامض", "ambiguous", "h7"),
            _gsr_record("protest:1", "PROTEST", "تظاهر الطلاب", "yes", "p1"),
            _gsr_record("protest:2", "PROTEST", "قصف الجيش القرية", "easy no", "p2"),  # ASSAULT is no PROTEST
        ],
    )


def test_gsr_scores_each_type_and_variant_with_deduplication(gsr_file: Path) -> None:
    progress = io.StringIO()
    result = evaluate_gsr(gsr_file, keyword_system, progress=progress, resamples=200)
    main = result.score("ASSAULT", "main")
    assert (main.n_records, main.n_duplicates) == (5, 1)
    assert (main.counts.tp, main.counts.fp, main.counts.fn, main.tn) == (1, 2, 1, 1)
    strict = result.score("ASSAULT", "strict")
    assert (strict.counts.tp, strict.counts.fp, strict.counts.fn, strict.tn) == (1, 1, 1, 1)
    protest = result.score("PROTEST", "main")
    assert (protest.counts.tp, protest.counts.fp, protest.counts.fn, protest.tn) == (1, 0, 0, 1)
    assert protest.counts.f1 == protest.f1_ci.high == 1.0
    for score in result.scores:
        assert 0.0 <= score.f1_ci.low <= score.f1_ci.high <= 1.0
    assert result.n_records_run == 7  # the duplicate and the ambiguous record are not run
    assert "gsr: 7/7" in progress.getvalue()
    assert "accuracy" not in format_table(result).lower()
    json.dumps(to_json(result))
    assert {e.record_id for e in result.errors} == {"assault:3", "assault:4", "assault:5"}


def test_gsr_bootstrap_is_seeded_and_limit_applies(gsr_file: Path) -> None:
    first = evaluate_gsr(gsr_file, keyword_system, progress=None, resamples=100, seed=7)
    second = evaluate_gsr(gsr_file, keyword_system, progress=None, resamples=100, seed=7)
    assert [s.f1_ci for s in first.scores] == [s.f1_ci for s in second.scores]
    limited = evaluate_gsr(gsr_file, keyword_system, progress=None, limit=3, resamples=10)
    assert limited.score("ASSAULT").n_records == 2 and limited.score("PROTEST").n_records == 0


# --- the gold agrees with the scorer ---------------------------------------------------------


def _oracle_events(text: str, raw_events: list[dict[str, Any]]) -> list[Event]:
    """System events copied from gold: evidence, trigger and the first string of each list."""

    def participant(strings: list[str]) -> Participant | None:
        return _span(text, strings[0], Participant, name=strings[0]) if strings else None

    events = []
    for raw in raw_events:
        evidence = _span(text, raw["evidence"])
        trigger_start = evidence.start + raw["evidence"].index(raw["trigger"])
        location = None
        if raw["location"] or raw["location_country"]:
            # A country without a place string travels on a place with no words.
            words = raw["location"][0] if raw["location"] else ""
            start = text.index(words) if words else 0
            location = Place(text=words, start=start, end=start + len(words), name=words or "-",
                             country=raw["location_country"])  # fmt: skip
        events.append(
            Event(
                event_id="oracle",
                fingerprint="oracle",
                article_ids=["oracle"],
                corroboration=1,
                event_type=raw["event_type"],
                cameo="01",
                quad_class=1,
                confidence=1.0,
                extractor="oracle",
                evidence=evidence,
                trigger=Span(
                    text=raw["trigger"], start=trigger_start, end=trigger_start + len(raw["trigger"])
                ),
                actor=participant(raw["actor"]),
                target=participant(raw["target"]),
                source=participant(raw["source"]),
                location=location,
                date=When(value=raw["date"]),
                killed=raw["killed"],
                injured=raw["injured"],
                modality=raw["modality"],
            )
        )
    return events


@pytest.mark.skipif(
    not (SHARED_GOLD / "dev.jsonl").exists(), reason="needs /work/shared/gold (not in the repo)"
)
@pytest.mark.parametrize("gold_name", ["dev.jsonl", "seed.jsonl"])
def test_an_oracle_built_from_the_gold_scores_perfectly(gold_name: str) -> None:
    gold_path, articles_path = SHARED_GOLD / gold_name, SHARED_GOLD / "dev_articles.jsonl"
    raw_by_id = {
        record["article_id"]: record["events"]
        for record in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())
    }

    def oracle(article: Article) -> list[Event]:
        return _oracle_events(article.text, raw_by_id[article.id])

    result = evaluate_gold(gold_path, articles_path, oracle, progress=None)
    assert result.n_gold_events > 0 and not result.failures and not result.n_span_errors
    assert result.events.f1 == 1.0
    for name in FIELDS:
        counts = result.fields[name]
        assert counts.fp == 0 and counts.fn == 0, name
        if counts.tp:
            assert counts.f1 == 1.0, name
    assert result.country.total > 0 and result.country_accuracy == 1.0
