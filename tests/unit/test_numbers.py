"""Numbers: the number-word lexicon, word sequences, digits, approximate and vague quantities."""

from __future__ import annotations

import itertools

import pytest

from hadath.extract.numbers import NumberMention, find_numbers, load_yaml, parse_number_words
from hadath.text.normalize import normalize, normalize_text
from hadath.text.segment import TokenSpan, tokenize


def _tokens(text: str) -> list[TokenSpan]:
    return tokenize(normalize_text(text))


def _values(text: str) -> list[tuple[str, int | None, bool]]:
    tokens = _tokens(text)
    return [(_text(tokens, m), m.value, m.approximate) for m in find_numbers(tokens)]


def _text(tokens: list[TokenSpan], mention: NumberMention) -> str:
    return " ".join(token.norm for token in tokens[mention.first:mention.last])


# --- the lexicon file ------------------------------------------------------------------------------


def test_numbers_yaml_has_every_section_with_sane_values() -> None:
    data = load_yaml("numbers.yaml")
    assert sorted(int(v) for v in data["units"]) == list(range(1, 11))
    assert sorted(int(v) for v in data["tens"]) == list(range(20, 100, 10))
    assert sorted(int(v) for v in data["hundreds"]) == list(range(100, 1000, 100))
    assert sorted(int(v) for v in data["scales"]) == [1000, 10**6, 10**9]
    for kinds in data["scales"].values():
        assert set(kinds) == {"singular", "dual", "plural"}
    for section in ("teen_ten", "hundred_word", "duals", "approximators", "vague", "not_numbers"):
        assert data[section], section
    for forms in [*data["units"].values(), *data["tens"].values(), *data["ordinals"].values()]:
        assert all(isinstance(form, str) and normalize(form) for form in forms)


def test_one_form_never_means_two_units() -> None:
    data = load_yaml("numbers.yaml")
    seen: dict[str, int] = {}
    for value, forms in [*data["units"].items(), *data["tens"].items(), *data["hundreds"].items()]:
        for form in forms:
            key = normalize(form)
            assert seen.setdefault(key, int(value)) == int(value), form


# --- number words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["خمسة", "وعشرين"], 25),
        (["خمسة", "و", "عشرين"], 25),
        (["ثلاثمائة"], 300),
        (["ثلاث", "مئة"], 300),
        (["ألفين"], 2000),
        (["ألفي"], 2000),
        (["مئة", "وخمسين"], 150),
        (["مائة", "وخمسة", "وعشرون"], 125),
        (["مئة", "وخمسة", "عشر"], 115),
        (["ثلاثة", "آلاف"], 3000),
        (["عشرة", "آلاف"], 10_000),
        (["خمسة", "وعشرين", "ألفا"], 25_000),
        (["ألف", "ومئتان"], 1200),
        (["ألفين", "وخمسمائة"], 2500),
        (["أحد", "عشر"], 11),
        (["اثنا", "عشر"], 12),
        (["خمس", "عشرة"], 15),
        (["ثماني"], 8),
        (["ثلاثين"], 30),
        (["مليون"], 1_000_000),
        (["ثلاثة", "ملايين"], 3_000_000),
        (["مئة", "ألف"], 100_000),
    ],
)
def test_number_words_are_read(words: list[str], value: int) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    "words",
    [
        [],
        ["و"],
        ["آلاف"],  # vague alone
        ["خمسة", "ثلاثة"],  # two units side by side
        ["عشرين", "وخمسة"],  # Arabic puts the unit first
        ["خمسة", "و"],
        ["الاثنين"],  # Monday, not two
        ["قتلى"],
    ],
)
def test_ill_formed_number_words_give_none(words: list[str]) -> None:
    assert parse_number_words(words) is None


# --- mentions in text ------------------------------------------------------------------------------


def test_digits_and_thousands_separators() -> None:
    assert _values("قتل 38 سائحا") == [("38", 38, False)]
    assert _values("نزح 1,200 شخص") == [("1,200", 1200, False)]
    assert _values("نزح 1.200 شخص") == [("1.200", 1200, False)]
    assert _values("نزح ١٢٠٠ شخص") == [("1200", 1200, False)]  # Eastern digits are normalized


def test_digits_with_a_scale_word() -> None:
    assert _values("نحو 3 آلاف لاجئ") == [("نحو 3 الاف", 3000, True)]
    assert _values("رصدت 2.5 مليون دولار") == [("2.5 مليون", 2_500_000, False)]
    assert _values("وصل 20 ألف زائر") == [("20 الف", 20_000, False)]


def test_a_bare_decimal_and_a_numeric_date_are_no_quantity() -> None:
    assert _values("بلغ النمو 3.5 بالمئة") == []
    assert _values("ارتفع 7 في المئة") == [("7", 7, False)]
    assert _values("في 15/2/2021") == []


def test_approximators_keep_the_value_and_are_in_the_span() -> None:
    # GUIDELINES, Numbers: "نحو 400" = 400, "ما لا يقل عن 260" = 260.
    assert _values("وأصيب نحو 400") == [("نحو 400", 400, True)]
    assert _values("وقتل ما لا يقل عن 260 مقاتلا") == [("ما لا يقل عن 260", 260, True)]
    assert _values("اعتقلت قرابة 300 شخص") == [("قرابه 300", 300, True)]
    assert _values("داهمت أكثر من 100 موقع") == [("اكثر من 100", 100, True)]
    assert _values("أعدموا نحو ألفي مواطن") == [("نحو الفي", 2000, True)]
    assert _values("وأصيب حوالى 400") == [("حوالي 400", 400, True)]
    assert _values("بنحو 50") == [("بنحو 50", 50, True)]


def test_vague_quantities_have_no_value() -> None:
    assert _values("إصابة العشرات") == [("العشرات", None, False)]
    assert _values("استشهاد عدد من رجال الأمن") == [("عدد من", None, False)]
    assert _values("تظاهر نحو مئات الأشخاص") == [("نحو مئات", None, True)]
    assert _values("خرج عشرات الآلاف") == [("عشرات الالاف", None, False)]
    assert _values("وإصابة بعض منهم") == [("بعض", None, False)]


def test_number_words_in_text() -> None:
    assert _values("قتل خمسة وعشرين شخصا") == [("خمسه وعشرين", 25, False)]
    assert _values("إعدام عشرة أفغان") == [("عشره", 10, False)]
    assert _values("مقتل ثلاثة وإصابة أربعة") == [("ثلاثه", 3, False), ("اربعه", 4, False)]
    assert _values("وثلاثة آخرون") == [("وثلاثه", 3, False)]
    assert _values("مقتل أحد الجنود") == [("احد", 1, False)]
    assert _values("تسلم مئة وخمسين طنا") == [("مئه وخمسين", 150, False)]


def test_duals_count_two() -> None:
    assert _values("سقط قتيلان") == [("قتيلان", 2, False)]
    assert _values("أسر جنديين") == [("جنديين", 2, False)]
    assert _values("مقتل مدنيين") == []  # a plural as often as a dual


def test_weekday_names_are_not_numbers() -> None:
    assert _values("قال يوم الاثنين إن") == []
    assert _values("وصل الأحد") == []


def test_mentions_do_not_overlap_and_keep_token_order() -> None:
    tokens = _tokens("قتل 3 جنود و2 مدنيين ونحو 40 آخرين")
    mentions = find_numbers(tokens)
    assert [m.value for m in mentions] == [3, 2, 40]
    assert all(a.last <= b.first for a, b in itertools.pairwise(mentions))
    assert isinstance(mentions[0], NumberMention)
