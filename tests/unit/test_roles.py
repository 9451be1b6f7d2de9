"""Roles and participant mentions on short sentences (hadath.extract.roles / mentions)."""

from __future__ import annotations

from hadath.extract.actors import load_actors
from hadath.extract.mentions import mentions_of_sentence
from hadath.extract.roles import crosses_clause
from hadath.text.normalize import normalize_text
from hadath.text.segment import tokenize


def tokens_of(text: str):
    return tokenize(normalize_text(text))


def test_crosses_clause() -> None:
    tokens = tokens_of("قصفت الطائرات المدينة، وقال الجيش")
    comma = [t.norm for t in tokens].index("،")
    assert crosses_clause(tokens, 0, len(tokens))
    assert not crosses_clause(tokens, 0, comma)


def test_mention_does_not_stretch_over_a_stop() -> None:
    tokens = tokens_of("أدانت جامعة الدول العربية الاقتحامات المتكررة")
    stop = [t.norm for t in tokens].index("الاقتحامات")
    free = mentions_of_sentence(tokens, load_actors())
    stopped = mentions_of_sentence(tokens, load_actors(), frozenset({stop}))
    assert max(m.last for m in stopped) <= stop
    assert any(m.last > stop for m in free)  # without the stop, the object noun is swallowed


def _events(text: str):
    from hadath.extract.events import extract_events
    from hadath.stages import normalize
    from schemas import Article

    return extract_events(normalize(Article(id="t", text=text, published_at="2015-08-09")))


def test_genitive_of_a_killing_is_the_victim() -> None:
    (killing,) = [e for e in _events("وأعلن الجيش مقتل أربعة من عناصر تنظيم داعش في الرمادي.")
                  if e.event_type == "ASSAULT"]
    assert killing.actor is None or "داعش" not in killing.actor.text


def test_host_of_a_reception_is_the_target() -> None:
    (meeting,) = [e for e in _events("استقبل الملك سلمان بن عبد العزيز وزير الخارجية المصري سامح شكري.")
                  if e.event_type == "CONSULT"]
    assert meeting.target is not None and "سلمان" in meeting.target.text
    assert meeting.actor is None or "سلمان" not in meeting.actor.text


def test_the_one_called_on_is_the_target_and_the_caller_carries_over() -> None:
    events = _events("وأكد رئيس الوزراء حيدر العبادي رفضه للفساد. ودعا الكتل السياسية إلى دعم الإصلاح.")
    call = next(e for e in events if e.event_type == "REQUEST")
    assert call.target is not None and call.target.text == "الكتل السياسية"
    assert call.actor is not None and "العبادي" in call.actor.text


def test_a_news_agency_is_no_party_to_the_statement() -> None:
    events = _events("وبحسب وكالة الصحافة الفرنسية فإن المفوضية الأوروبية رفضت الطلب الروسي.")
    assert all(e.actor is None or "الفرنسية" not in e.actor.text for e in events)


def test_a_speaker_reporting_its_own_act_is_its_doer() -> None:
    events = _events("وقالت وزارة الداخلية إنها اعتقلت خمسة متشددين في الرياض.")
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert arrest.actor is not None and "الداخلية" in arrest.actor.text
    assert arrest.target is not None and "متشددين" in arrest.target.text


def test_the_subject_of_a_passive_verb_suffers_the_act() -> None:
    events = _events("اغتيل القيادي في حركة حماس على يد مسلحين في غزة.")
    killing = next(e for e in events if e.event_type == "ASSAULT")
    assert killing.actor is not None and "مسلحين" in killing.actor.text
    assert killing.target is not None and "حماس" in killing.target.text


def test_passive_shapes_are_told_from_active_ones() -> None:
    from types import SimpleNamespace

    from hadath.extract.roles import passive

    def is_passive(word: str) -> bool:
        trigger = SimpleNamespace(first=0, last=1, entry=SimpleNamespace(pos="verb"))
        return passive(tokens_of(word), trigger)  # type: ignore[arg-type]

    assert all(is_passive(w) for w in ("عوقب", "حوكموا", "هوجمت", "أحيلوا", "اغتيل"))
    assert not any(is_passive(w) for w in ("اعتقلت", "قصفت", "أدان", "أشاد", "تواصل", "استهدف"))
