"""Participant mentions: dictionary seeds, title + name, NER spans for unknown names."""

from __future__ import annotations

from hadath.extract.actors import load_actors
from hadath.extract.mentions import mentions_of_sentence
from hadath.ner import entities
from hadath.text.normalize import normalize_text
from hadath.text.segment import tokenize


def _tokens(text: str) -> list:
    return tokenize(normalize_text(text))


def test_an_unknown_name_after_a_title_joins_it_through_the_ner() -> None:
    tokens = _tokens("وقال رئيس الوزراء العراقي حيدر العبادي إن الحكومة ستحاسب المقصرين")
    mentions = mentions_of_sentence(tokens, load_actors(), entities=entities(tokens))
    texts = [" ".join(t.norm for t in tokens[m.first:m.last]) for m in mentions]
    assert any(text.endswith("حيدر العبادي") and text.startswith("رئيس الوزراء") for text in texts), texts


def test_ner_spans_add_people_the_dictionary_does_not_know_without_overlapping_it() -> None:
    tokens = _tokens("وأكد المتحدث سالم المسلط أن قوات النظام قصفت البلدة")
    spans = [(2, 4, "PERS"), (5, 7, "ORG"), (7, 8, "LOC")]  # as a tagger would mark them
    mentions = mentions_of_sentence(tokens, load_actors(), entities=spans)
    by_first = {m.first: m for m in mentions}
    assert by_first[2].kind == "person" and by_first[2].last == 4
    assert not any(m.first == 7 for m in mentions)  # a LOC is a place, not a participant


def test_an_indefinite_nationality_adjective_joins_the_noun_it_describes() -> None:
    tokens = tokenize(normalize_text("قتل جنود أميركيون في هجوم نفذه طالب تونسي"))
    texts = [" ".join(t.norm for t in tokens[m.first:m.last]) for m in mentions_of_sentence(tokens, load_actors())]
    assert "جنود اميركيون" in texts
    tokens = tokenize(normalize_text("وشنت مقاتلات ضربات أمريكية على مواقع التنظيم"))
    stops = frozenset({[t.norm for t in tokens].index("ضربات")})
    names = [m.name for m in mentions_of_sentence(tokens, load_actors(), stops)]
    assert not any("امريكيه" in n or n == "United States" for n in names)


def test_a_title_and_its_place_join_the_name_after_them() -> None:
    tokens = _tokens("وقال ممثل المرجعية الدينية في كربلاء أحمد الصافي إن الحكومة مقصرة")
    texts = [" ".join(t.norm for t in tokens[m.first:m.last]) for m in mentions_of_sentence(tokens, load_actors())]
    assert any(text.startswith("ممثل") and text.endswith("الصافي") for text in texts), texts


def test_a_state_after_an_indefinite_construct_head_is_its_genitive() -> None:
    tokens = _tokens("وطالب مجلس عشائر العراق العربية بطرد السفير")
    texts = [" ".join(t.norm for t in tokens[m.first:m.last]) for m in mentions_of_sentence(tokens, load_actors())]
    assert any(text.startswith("مجلس عشائر العراق") for text in texts), texts
    assert not any(text.startswith("العراق") for text in texts)


def test_a_capital_after_fi_is_a_place_not_a_party() -> None:
    tokens = _tokens("وتظاهر مئات الأشخاص في بروكسل السبت")
    assert not any(tokens[m.first].norm == "بروكسل" for m in mentions_of_sentence(tokens, load_actors()))


def test_a_definite_head_takes_no_state_genitive() -> None:
    # "حكومة إيران" is one party; "اتهمت الحكومة إيران" is the government accusing Iran.
    tokens = _tokens("اتهمت الحكومة إيران بدعم الإرهاب")
    texts = [" ".join(t.norm for t in tokens[m.first:m.last]) for m in mentions_of_sentence(tokens, load_actors())]
    assert "ايران" in texts and not any("الحكومه ايران" in text for text in texts), texts
    tokens = _tokens("اتهمت حكومة إيران المعارضة")
    texts = [" ".join(t.norm for t in tokens[m.first:m.last]) for m in mentions_of_sentence(tokens, load_actors())]
    assert any(text.startswith("حكومه ايران") for text in texts), texts


def test_a_state_after_a_verb_or_a_time_word_is_a_party_not_an_adjective() -> None:
    for text in ("أدانت السعودية الهجوم", "أدانت اليوم السعودية الهجوم"):
        tokens = _tokens(text)
        stops = frozenset({0})
        found = mentions_of_sentence(tokens, load_actors(), stops)
        assert any(tokens[m.first].norm == "السعوديه" for m in found), text


def _texts(sentence: str) -> list[str]:
    tokens = _tokens(sentence)
    mentions = mentions_of_sentence(tokens, load_actors(), entities=entities(tokens))
    return [" ".join(t.norm for t in tokens[m.first:m.last]) for m in mentions]


def test_a_second_title_after_a_complete_name_opens_a_second_party() -> None:
    texts = _texts("التقى الرئيس الأمريكي باراك أوباما الملك سلمان بن عبد العزيز في واشنطن")
    assert any(t.endswith("اوباما") for t in texts) and any(t.startswith("الملك سلمان") for t in texts), texts


def test_a_state_after_a_persons_name_is_not_its_genitive() -> None:
    texts = _texts("وهاجم المرشد علي خامنئي إسرائيل في خطابه")
    assert "اسرائيل" in texts and not any("خامنئي اسرائيل" in t for t in texts), texts


def test_officials_in_a_named_body_are_one_participant() -> None:
    from hadath.extract.actors import load_actors
    from hadath.extract.mentions import mentions_of_sentence
    from hadath.text.normalize import normalize_text
    from hadath.text.segment import tokenize

    tokens = tokenize(normalize_text("وضغط النواب على كبار المسؤولين في وزارة الخارجية الأمريكية"))
    texts = [" ".join(t.norm for t in tokens[m.first:m.last]) for m in mentions_of_sentence(tokens, load_actors())]
    assert any(text.startswith("كبار المسؤولين في وزاره الخارجيه") for text in texts)


def _texts(text: str) -> list[str]:
    from hadath.extract.actors import load_actors
    from hadath.extract.mentions import mentions_of_sentence
    from hadath.text.normalize import normalize_text
    from hadath.text.segment import tokenize

    tokens = tokenize(normalize_text(text))
    return [" ".join(t.norm for t in tokens[m.first:m.last]) for m in mentions_of_sentence(tokens, load_actors())]


def test_people_counted_from_among_residents_are_one_group() -> None:
    texts = _texts("أعدم المسلحون نحو ألفي مواطن من أبناء محافظة نينوى، معظمهم شبان")
    assert any(text.startswith("نحو الفي مواطن من ابناء محافظه") for text in texts)


def test_a_count_opens_the_next_phrase() -> None:
    texts = _texts("واعتقلت القوات الأمنية العشرات من عناصر التنظيم")
    assert "القوات الامنيه" in texts


def test_an_indefinite_head_takes_a_construct_of_its_own() -> None:
    assert any(text.startswith("امام مسجد الكوفه") or text.startswith("خطيب جمعه مسجد الكوفه")
               for text in _texts("وقال خطيب جمعة مسجد الكوفة إن الحكومة فشلت"))
    # a preposition after the head is no construct
    assert not any("في" in text.split() for text in _texts("وقال خطيب جمعة في الكوفة إن الحكومة فشلت"))
