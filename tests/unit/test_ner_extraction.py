"""The NER in extraction: one document pass per article, and the rules that keep its spans
from costing precision (dictionaries first, places only after a preposition)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from hadath.extract import events
from hadath.extract.actors import load_actors
from hadath.extract.mentions import mentions_of_sentence
from hadath.resolve.geo import load_gazetteer
from hadath.stages import normalize
from hadath.text.normalize import normalize_text
from hadath.text.phrases import HasNorm
from hadath.text.segment import tokenize
from schemas import Article

DEV_ARTICLES = Path(__file__).resolve().parents[3] / "shared" / "gold" / "dev_articles.jsonl"

Spans = list[tuple[int, int, str]]


def _tokens(text: str) -> list:
    return tokenize(normalize_text(text))


def _index(tokens: Sequence[HasNorm], word: str) -> int:
    return [t.norm for t in tokens].index(word)


def test_the_crf_backend_tags_every_sentence_of_an_article_at_once() -> None:
    finder = events.entity_finder("crf")
    assert finder is not None and events.entity_finder("none") is None
    sentences = [_tokens("وقال الرئيس السوري بشار الأسد في دمشق إن الحكومة ستواصل الحوار"),
                 _tokens("وأضاف الأسد أن المعارضة رفضت")]
    found = finder(sentences)
    assert len(found) == 2
    assert any(label == "PERS" for _, _, label in found[0])
    with pytest.raises(ValueError, match="expected crf"):
        events.entity_finder("bert")


def test_a_person_span_over_a_known_place_names_no_participant() -> None:
    tokens = _tokens("ألقت المروحيات البراميل على بلدة بقين القريبة من مدينة الزبداني")
    town = _index(tokens, "الزبداني")
    places = load_gazetteer().find(tokens)
    assert any(p.first <= town < p.last for p in places)
    kept = events._party_entities([(town, town + 1, "PERS"), (1, 2, "ORG")], places)
    assert kept == [(1, 2, "ORG")]


def test_an_organisation_may_contain_a_place_but_not_lie_inside_one() -> None:
    tokens = _tokens("وأكدت تركيا أنها فتحت قاعدة إنجرليك الجوية للطائرات")
    base = _index(tokens, "انجرليك")
    places = load_gazetteer().find(tokens)
    assert events._party_entities([(base, base + 1, "ORG")], places) == []
    tokens = _tokens("وتظاهر طلاب جامعة بغداد أمس")
    first = _index(tokens, "جامعه")
    span = (first, first + 2, "ORG")
    assert events._party_entities([span], load_gazetteer().find(tokens)) == [span]


def test_a_ner_place_is_taken_after_a_preposition_only_and_never_a_class_noun() -> None:
    tokens = _tokens("قضوا في العملية الانتحارية في سوروتش جنوب تركيا")
    town = _index(tokens, "سوروتش")
    assert events._named_place(tokens, town, town + 1)
    tokens = _tokens("وقد عبر خادم الحرمين الشريفين عن اعتزازه")
    title = _index(tokens, "الحرمين")
    assert not events._named_place(tokens, title, title + 2)  # part of a title, no place
    tokens = _tokens("أدى إلى هروب كثير منهم من المدينة")
    city = _index(tokens, "المدينه")
    assert not events._named_place(tokens, city, city + 1)  # refers back, names nothing


def test_class_named_places_win_over_the_ner_span_inside_them() -> None:
    tokens = _tokens("صد هجوم حول قرية بيتا عند الطرف الجنوبي")
    village = _index(tokens, "بيتا")
    places = events._with_unknown_places([], [(village, village + 1, "LOC")], tokens, load_gazetteer())
    assert [(p.first, p.last) for p in places] == [(village - 1, village + 1)]


def test_the_dictionaries_bound_a_name_before_the_ner_does() -> None:
    tokens = _tokens('وقال مدير شرطة المحافظة اللواء هادي رزيج لـ"الوطن" إن القوات وصلت')
    name = _index(tokens, "هادي")
    found = mentions_of_sentence(tokens, load_actors(), entities=[(name, name + 2, "PERS")])
    covering = [m for m in found if m.first <= name < m.last]
    assert len(covering) == 1 and covering[0].first < name - 1  # title, rank and name: one mention


def test_a_name_the_ner_ends_takes_no_definite_words_after_it() -> None:
    # (without the NER's end the person would stretch over "الأمين العام")
    tokens = _tokens("وأكد زبير ايدار الأمين العام للمجلس أن القصف مستمر")
    name = _index(tokens, "زبير")
    found = mentions_of_sentence(tokens, load_actors(), entities=[(name, name + 2, "PERS")])
    person = next(m for m in found if m.first <= name < m.last)
    assert person.last == name + 2


def _dev_article(article_id: str) -> Article:
    for line in DEV_ARTICLES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("id") == article_id:
            return Article.model_validate(record)
    raise LookupError(article_id)


@pytest.mark.skipif(not DEV_ARTICLES.is_file(), reason="needs ../shared/gold/dev_articles.jsonl")
def test_an_article_is_tagged_once_and_the_ner_finds_a_place_the_gazetteer_lacks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    doc = normalize(_dev_article("snn-e1591fa15438"))
    finder = events.entity_finder("crf")
    assert finder is not None
    calls: list[int] = []

    def counted(sentences: Sequence[Sequence[HasNorm]]) -> list[Spans]:
        calls.append(len(sentences))
        return finder(sentences)

    kb = dataclasses.replace(events.knowledge(), entities=counted)
    monkeypatch.setattr(events, "knowledge", lambda: kb)
    found = events.extract_events(doc)
    assert len(calls) == 1 and calls[0] < len(doc.sentences)  # once, event sentences only
    assert any(c.location is not None and c.location.text == "سوروتش" for c in found)
    monkeypatch.setattr(events, "knowledge", lambda: dataclasses.replace(kb, entities=None))
    # Without the NER only the bracketed gloss "(جنوب تركيا)" could name it: without that, nothing does.
    article = _dev_article("snn-e1591fa15438")
    unglossed = normalize(article.model_copy(update={"text": article.text.replace(" (جنوب تركيا)", "")}))
    assert not any(c.location is not None and c.location.text == "سوروتش" for c in events.extract_events(unglossed))
