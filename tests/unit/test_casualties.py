"""Casualty counts: the cue lexicon, the patterns on news phrases, and recall on the gold set.

Expected counts follow GUIDELINES.md (Numbers): approximate figures count as stated, vague
ones are null, parts are summed only when all are stated.
"""

from __future__ import annotations

import json

import pytest

from hadath.extract.casualties import KILLED, CasualtyMention, find_casualties
from hadath.extract.numbers import load_yaml
from hadath.text.normalize import normalize, normalize_text
from hadath.text.segment import TokenSpan, tokenize
from tests.conftest import shared_path

INJURED = "injured"


def _tokens(text: str) -> list[TokenSpan]:
    return tokenize(normalize_text(text))


def _counts(text: str) -> list[tuple[str, int | None]]:
    return [(m.kind, m.count) for m in find_casualties(_tokens(text))]


def _text(tokens: list[TokenSpan], mention: CasualtyMention) -> str:
    return " ".join(token.norm for token in tokens[mention.first:mention.last])


# --- the lexicon file ---------------------------------------------------------------------------------


def test_casualties_yaml_has_both_kinds_everywhere() -> None:
    data = load_yaml("casualties.yaml")
    for section in ("post_verbs", "nouns", "singular_casualty"):
        assert set(data[section]) == {"killed", "injured"}, section
    for kind in ("killed", "injured"):
        assert data["cues"][kind]["nouns"] and data["cues"][kind]["verbs"]
    assert {int(count) for count in data["death_idiom"]["objects"]} == {0, 1, 2}
    assert data["humans"]["singular"] and data["humans"]["plural"]


def test_no_word_is_both_a_person_and_a_non_human_noun() -> None:
    data = load_yaml("casualties.yaml")
    people = {normalize(w) for w in data["humans"]["singular"] + data["humans"]["plural"]}
    things = {normalize(w) for w in data["non_human"]}
    assert not people & things


# --- patterns -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cue + number, and a second cue joined by و
        ("أسفر الهجوم عن مقتل 3 وإصابة 7", [(KILLED, 3), (INJURED, 7)]),
        ("ما أدى إلى استشهاد 26 شخصا وإصابة 227 آخرين", [(KILLED, 26), (INJURED, 227)]),
        ("قتل 9 مدنيين وأصيب 42 آخرون", [(KILLED, 9), (INJURED, 42)]),
        ("مصرع 4 أشخاص في حادث سير", [(KILLED, 4)]),
        ("جرح ثلاثة مدنيين", [(INJURED, 3)]),
        ("قتل خمسة وعشرين شخصا", [(KILLED, 25)]),
        # singular persons count one each; a list is summed
        ("أدى إلى مقتل مدني ومتعاقد أجنبي وجرح آخرين", [(KILLED, 2), (INJURED, None)]),
        ("استشهد طفل وأصيب 4 آخرون", [(KILLED, 1), (INJURED, 4)]),
        ("مقتل شخص وإصابة آخر", [(KILLED, 1), (INJURED, 1)]),
        ("مقتل أحد الجنود", [(KILLED, 1)]),
        ("قتل 3 جنود و2 مدنيين في الهجوم", [(KILLED, 5)]),
        ("مقتل أربعة مدنيين وجندي", [(KILLED, 5)]),
        # a part introduced by بينهم is not added; a second noun of one number is not a person more
        ("قتل 38 سائحا بينهم ثلاثون بريطانيا", [(KILLED, 38)]),
        ("مقتل أربعة من إرهابيي داعش بينهم قيادي", [(KILLED, 4)]),
        ("قتل 17 جنديا وضابطا", [(KILLED, 17)]),
        # approximate numbers count
        ("وقتل ما لا يقل عن 260 مقاتلا كرديا وأصيب حوالى 400", [(KILLED, 260), (INJURED, 400)]),
        ("أعدموا نحو ألفي مواطن", [(KILLED, 2000)]),
        # vague numbers are null, and so is a sum with a vague part
        ("إصابة العشرات", [(INJURED, None)]),
        ("مقتل مئات المعتصمين وثمانية من قوات الأمن", [(KILLED, None)]),
        ("استشهاد عدد من رجال الأمن وإصابة بعض منهم", [(KILLED, None), (INJURED, None)]),
        ("سقوط 28 قتيلا وعشرات الجرحى", [(KILLED, 28), (INJURED, None)]),
        # number + casualty noun, duals, a lone indefinite قتيل
        ("أسفر الانفجار عن 5 قتلى و10 جرحى", [(KILLED, 5), (INJURED, 10)]),
        ("سقط قتيلان وثلاثة جرحى", [(KILLED, 2), (INJURED, 3)]),
        ("أصيب جنديان بجروح", [(INJURED, 2)]),
        ("سقوط قتيل وثلاثة جرحى", [(KILLED, 1), (INJURED, 3)]),
        ("وخلف الحادث ثلاثة مصابين", [(INJURED, 3)]),
        ("إلى جانب موت الرضيع حرقا", [(KILLED, 1)]),
        # the verb's subject sits between verb and count
        ("قتلت القوات الإسرائيلية 3 فلسطينيين", [(KILLED, 3)]),
        ("قتل الجندي 3 مسلحين", [(KILLED, 3)]),
        # the count comes before the verb
        ("الضحايا الـ32 الذين قضوا في التفجير", [(KILLED, 32)]),
        ("ثلاثة أشخاص لقوا حتفهم", [(KILLED, 3)]),
        # لقي … حتفه / مصرعه
        ("لقي شاب حتفه", [(KILLED, 1)]),
        ("لقي ثلاثة أشخاص مصرعهم", [(KILLED, 3)]),
        ("لقيت امرأتان مصرعهما", [(KILLED, 2)]),
        # tolls
        ("ارتفعت حصيلة القتلى إلى 20 شخصا", [(KILLED, 20)]),
        ("وبلغ عدد الجرحى 45", [(INJURED, 45)]),
        # Saudi Interior Ministry formulas name one person
        ("أقدم / صالح على قتل / عطية بن حسن", [(KILLED, 1)]),
        ("وقد تم تنفيذ حكم القتل قصاصا بالجاني", [(KILLED, 1)]),
    ],
)
def test_casualty_patterns(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "رصدت الحكومة ألف دولار لأسر الضحايا",  # no casualty cue, a non-human noun
        "إصابة 3 منازل بالقذائف",  # إصابة = hitting a thing
        "مقتل وإصابة 20 شخصا",  # one number for both kinds
        "سقط نحو 80 بين قتيل وجريح",
        "سجلت الوزارة 500 إصابة جديدة بفيروس كورونا",  # illness, not violence
        "لقي الوزير ترحيبا حارا",  # لقي without حتفه
        "تصل الخطورة إلى الإصابة ببعض أنواع السرطان",
        "وقد قضى الطلاب عطلتهم",
        "وقال الجيش إن القتيل كان مسلحا",  # a definite قتيل refers back
    ],
)
def test_no_casualty_count(text: str) -> None:
    assert _counts(text) == []


def test_a_date_after_the_count_is_not_added() -> None:
    assert _counts("مقتل 3 أشخاص في 15 فبراير") == [(KILLED, 3)]


def test_span_covers_cue_number_and_noun() -> None:
    tokens = _tokens("أعلن الجيش مقتل 5 أشخاص في الغارة")
    [mention] = find_casualties(tokens)
    assert _text(tokens, mention) == "مقتل 5 اشخاص"
    tokens = _tokens("أسفر عن 5 قتلى")
    [mention] = find_casualties(tokens)
    assert _text(tokens, mention) == "5 قتلي"


def test_sentences_without_cues_cost_nothing_and_give_nothing() -> None:
    assert find_casualties(_tokens("التقى وزير الخارجية نظيره الروسي في موسكو")) == []
    assert find_casualties([]) == []


# --- gold recall ----------------------------------------------------------------------------------------


def test_gold_killed_and_injured_are_found() -> None:
    """Recall of the exact gold killed/injured numbers in find_casualties on each evidence string."""
    path = shared_path("gold/dev.jsonl")
    hits = {KILLED: 0, INJURED: 0}
    totals = {KILLED: 0, INJURED: 0}
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    for record in records:
        for event in record["events"]:
            mentions = find_casualties(_tokens(event["evidence"]))
            for kind in (KILLED, INJURED):
                if event[kind] is None:
                    continue
                totals[kind] += 1
                hits[kind] += event[kind] in [m.count for m in mentions if m.kind == kind]
    assert totals[KILLED] > 0 and totals[INJURED] > 0
    recall = {kind: hits[kind] / totals[kind] for kind in hits}
    print(f"casualty recall: killed {hits[KILLED]}/{totals[KILLED]} = {recall[KILLED]:.2f}, "
          f"injured {hits[INJURED]}/{totals[INJURED]} = {recall[INJURED]:.2f}")
    assert recall[KILLED] >= 0.8, recall
    assert recall[INJURED] >= 0.8, recall
