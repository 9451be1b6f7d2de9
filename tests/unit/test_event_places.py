"""Where an event happened: the place chosen for it among the sentence's places (hadath/extract/events.py)
and the words it is quoted by."""

from __future__ import annotations

import yaml

from hadath.extract.events import _locative, _quoted, extract_events
from hadath.resolve.geo import load_gazetteer
from hadath.resolve.situated import RESIDENCE_PATH, load_residence_words
from hadath.stages import normalize
from hadath.text.normalize import normalize_text
from hadath.text.segment import tokenize
from schemas import Article, EventCandidate


def events_of(text: str) -> list[EventCandidate]:
    return extract_events(normalize(Article(id="t", text=text, published_at="2015-08-09")))


def one_of_type(text: str, event_type: str) -> EventCandidate:
    (event,) = [e for e in events_of(text) if e.event_type == event_type]
    return event


def place_texts(text: str) -> list[str]:
    tokens = tokenize(normalize_text(text))
    return [text[tokens[m.first].start : tokens[m.last - 1].end] for m in load_gazetteer().find(tokens)]


def test_a_name_after_the_proclitic_b_is_stated_as_where() -> None:
    # "ببغداد" is ب + بغداد, like "في بغداد" or "بالعراق"; "بعض" is no place at all.
    tokens = normalize(Article(id="t", text="وتظاهر المئات ببغداد وبالبصرة وفي بعض المدن", published_at="2015-08-09")
                       ).sentences[0].tokens
    norms = [t.norm for t in tokens]
    assert _locative(tokens, norms.index("ببغداد")) and _locative(tokens, norms.index("وبالبصره"))
    assert not _locative(tokens, norms.index("المئات"))


def test_an_elided_article_is_left_out_of_the_place_words() -> None:
    # "للمملكة" is ل + المملكة: the words that can be quoted are "مملكة".
    event = one_of_type("واستقبل خادم الحرمين الشريفين الملك سلمان وزير الخارجية المصري في ختام زيارته للمملكة.",
                        "CONSULT")
    assert event.location is not None and event.location.text == "مملكة"
    assert event.location.country == "SAU"
    assert load_gazetteer().elided_article("للمملكه") == 2
    assert load_gazetteer().elided_article("وللعراق") == 3
    assert load_gazetteer().elided_article("بغداد") == 0


def test_a_place_in_an_outlets_name_is_no_place() -> None:
    assert place_texts("وقالت صحيفة لوس انجليس تايمز إن الشرطة اعتقلت عشرة أشخاص") == []
    assert place_texts("ونقلت وكالة موسكو عن مسؤول قوله") == []
    assert place_texts("كما ذكرت نيويورك تايمز") == []
    # A place named after the outlet's words is still a place.
    assert place_texts("وقالت صحيفة محلية إن الشرطة اعتقلت عشرة أشخاص في بغداد") == ["بغداد"]


def test_a_town_glossed_in_brackets_takes_the_glosss_country() -> None:
    event = one_of_type("قتل 32 شخصا في تفجير انتحاري في سوروتش (جنوب تركيا) أمس.", "ASSAULT")
    assert event.location is not None and event.location.text == "سوروتش"
    assert event.location.country == "TUR"


def test_a_town_after_a_speakers_title_is_where_the_speaker_spoke() -> None:
    # "خطيب جمعة مسجد الكوفة": the preacher of Kufa's mosque speaks in Kufa.
    event = one_of_type("وطالب خطيب جمعة مسجد الكوفة الحكومة بحماية المتظاهرين.", "REQUEST")
    assert event.location is not None and event.location.text == "الكوفة"



def test_a_country_name_that_is_also_its_nisba_is_an_adjective_after_a_feminine_noun() -> None:
    # "سورية" is Syria and "Syrian (f.)": after "فرقة" or "فصائل" it agrees with the noun.
    assert place_texts("خطفت جبهة النصرة ثمانية من فرقة سورية مقاتلة") == []
    assert place_texts("واشتبكت فصائل معارضة سورية مع التنظيم") == []
    # After a preposition, or a noun it is the genitive of, it is the country.
    assert place_texts("وانتقلوا إلى سورية أمس") == ["سورية"]
    assert place_texts("خارج حدود سورية") == ["سورية"]


def test_a_phone_call_is_held_at_no_hosts_place() -> None:
    event = one_of_type("وأجرى الرئيس التركي اتصالا هاتفيا مع الرئيس الأمريكي باراك أوباما.", "CONSULT")
    assert event.location is None


def test_a_place_in_what_is_said_after_the_event_is_not_its_place() -> None:
    # "مؤكدة أن …": where the gunmen fled is another statement's, not where the arrests were made.
    event = one_of_type("واعتقلت الشرطة عشرة أشخاص مؤكدة أن بقية المسلحين فروا إلى مدينة حلب.", "COERCE")
    assert event.location is None or event.location.text == ""
    event = one_of_type("واعتقلت الشرطة عشرة أشخاص في مدينة حلب.", "COERCE")
    assert event.location is not None and event.location.text == "حلب"


def test_residence_words_are_single_words() -> None:
    data = yaml.safe_load(RESIDENCE_PATH.read_text(encoding="utf-8"))
    words = data["residence_words"]
    assert words and all(len(normalize_text(w).text.split()) == 1 for w in words)
    assert len(load_residence_words()) == len(set(words))


def test_where_a_person_lives_or_comes_from_is_not_the_events_place() -> None:
    event = one_of_type("واعتقلت الشرطة رجلا يقيم في مدينة حلب.", "COERCE")
    assert event.location is None or event.location.text != "مدينة حلب"
    event = one_of_type("وقتل مسلحون رجلا وهو من القامشلي.", "ASSAULT")
    assert event.location is None or event.location.text != "القامشلي"
    # Victims named by their town ("من أبناء الموصل") were mostly hit there.
    event = one_of_type("وأعدم التنظيم 20 شخصا من أبناء الموصل.", "ASSAULT")
    assert event.location is not None and event.location.text == "الموصل"


def test_a_place_that_ends_a_short_quoted_name_is_no_place() -> None:
    # "«لمجلس شورى مجاهدي درنة»" names a body; "«… في درنة»" states a place; so does a long quote.
    def quoted(text: str) -> bool:
        tokens = normalize(Article(id="t", text=text, published_at="2015-08-09")).sentences[0].tokens
        (match,) = load_gazetteer().find(tokens)
        return _quoted(tokens, match)

    assert quoted("قتل ثلاثة من كتيبة تابعة «لمجلس شورى مجاهدي درنة» أمس")
    assert quoted('نقلت صحيفة "الرياض" عنه')
    assert not quoted("وقال «قتل ثلاثة في درنة» أمس")
    assert not quoted("وقال «قتلنا ثلاثة من عناصر التنظيم أمس شرق درنة»")


def test_a_bracket_marks_a_dateline_only_at_the_head_of_the_line() -> None:
    # "القاهرة (رويترز) -": where the report was filed, the country of its placeless events.
    event = one_of_type("القاهرة (رويترز) - اعتقلت الشرطة عشرة أشخاص أمس.", "COERCE")
    assert event.location is not None and event.location.country == "EGY"


def test_a_known_town_is_quoted_by_its_name_without_the_word_city() -> None:
    event = one_of_type("واعتقلت الشرطة عشرة أشخاص بمدينة الزبداني أمس.", "COERCE")
    assert event.location is not None and event.location.text == "الزبداني"
    assert event.target is not None and event.target.text == "عشرة أشخاص"  # (the place is no part of it)
    event = one_of_type("وتظاهر المئات في العاصمة الأردنية عمان أمس.", "PROTEST")
    assert event.location is not None and event.location.text == "عمان"
    assert event.location.country == "JOR"
    # Other class words stay part of the words ("محافظة عدن"), and so does "مدينة" before a town
    # the gazetteer doesn't know ("قرية بيتا" is how readers quote it).
    event = one_of_type("واعتقلت الشرطة عشرة أشخاص في محافظة عدن أمس.", "COERCE")
    assert event.location is not None and event.location.text == "محافظة عدن"


def test_a_country_attacked_is_where_the_attack_happened_when_no_other_place_is_stated() -> None:
    event = one_of_type("وقصفت الطائرات الأمريكية سوريا أمس.", "ASSAULT")
    assert event.location is not None and event.location.country == "SYR"
    # A place stated in the clause still wins over the country attacked.
    event = one_of_type("وقصفت الطائرات الأمريكية سوريا في مدينة الرقة أمس.", "ASSAULT")
    assert event.location is not None and event.location.text == "الرقة"


def test_a_country_protested_against_is_not_where_the_protest_was() -> None:
    event = one_of_type("وتظاهر المئات أمس ضد إسرائيل.", "PROTEST")
    assert event.location is None or event.location.country != "ISR"


def test_the_country_across_a_border_is_not_where_the_event_happened() -> None:
    event = one_of_type("وقتل جنديان في كمين نصبه مسلحون قرب الحدود مع موريتانيا أمس.", "ASSAULT")
    assert event.location is None or event.location.country != "MRT"


def test_an_adjunct_after_the_object_is_not_part_of_the_target() -> None:
    event = one_of_type("واعتقلت الشرطة خمسة أشخاص بتهمة التهريب أمس.", "COERCE")
    assert event.target is not None and event.target.text == "خمسة أشخاص"
