"""Event assembly on short news sentences: which words become events, and their place.

Expected values follow shared/gold/GUIDELINES.md: a noun that names a known thing is not an
occurrence, participants are not triggers, a statement has no place unless one is stated.
"""

from __future__ import annotations

import pytest

from hadath.extract.events import extract_events
from hadath.stages import normalize
from schemas import Article, EventCandidate


def events_of(text: str) -> list[EventCandidate]:
    return extract_events(normalize(Article(id="t", text=text, published_at="2015-08-09")))


def types_of(text: str) -> list[str]:
    return [event.event_type for event in events_of(text)]


@pytest.mark.parametrize("text", [
    "وتحدث الوزير طويلا عن الاتفاق النووي مع إيران.",  # a known agreement, no occurrence
    "وأثار اغتيال بوتو موجة غضب واسعة.",  # a past killing as the subject of another verb
    "ورفع المتظاهرون الأعلام العراقية في ساحة التحرير.",  # protesters are participants, not a protest
])
def test_topics_and_participants_are_not_events(text: str) -> None:
    assert types_of(text) == []


def test_noun_after_light_verb_is_an_event() -> None:
    (event,) = events_of("شنت الطائرات غارات على مواقع الحوثيين في صنعاء أمس.")
    assert event.event_type == "ASSAULT"
    assert event.location is not None and event.location.text == "صنعاء"
    assert event.date.value == "2015-08-08"


def test_finite_verb_needs_no_occurrence_cue() -> None:
    (event,) = events_of("واعتقلت الشرطة التركية 300 شخص في اسطنبول أمس.")
    assert event.event_type == "COERCE"
    assert event.actor is not None and event.actor.text == "الشرطة التركية"
    assert event.location is not None and event.location.text == "اسطنبول"


def test_statement_gets_no_place_unless_stated() -> None:
    events = [e for e in events_of("أدانت جامعة الدول العربية الاقتحامات المتكررة للمسجد الأقصى في القدس.")
              if e.event_type == "ACCUSE"]
    (condemnation,) = events
    assert condemnation.location is None
    # The actor's name stops before the event noun that follows it.
    assert condemnation.actor is not None and condemnation.actor.text == "جامعة الدول العربية"
