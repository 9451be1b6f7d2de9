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
