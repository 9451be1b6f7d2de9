"""Normalization with offsets, segmentation and clitic readings on real Arabic text."""

from __future__ import annotations

import gzip
import json
from itertools import islice

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

from hadath.text.clitics import readings
from hadath.text.normalize import has_arabic, normalize, normalize_text
from hadath.text.phrases import PhraseIndex
from hadath.text.segment import MAX_PIECE, clause_ranges, split_sentences, tokenize
from tests.conftest import shared_path


def test_matching_form_drops_marks_and_unifies_letters() -> None:
    raw = "وَجّهَ سلاحُ الجوّ ضربةً إلى مُنشأةٍ أميركيّـة\u200f عام ٢٠٢١ و۱۵"
    assert normalize(raw) == "وجه سلاح الجو ضربه الي منشاه اميركيه عام 2021 و15"


def test_offset_map_points_back_into_the_raw_text() -> None:
    raw = "قال مسؤولٌ: إنّ الغاراتِ استهدفت «داعش» في ٣ مواقع"
    normalized = normalize_text(raw)
    for token in tokenize(normalized):
        assert normalize(raw[token.start:token.end]) == token.norm
    word = normalized.text.index("الغارات")
    start, end = normalized.raw_span(word, word + len("الغارات"))
    assert raw[start:end] == "الغاراتِ"  # the trailing kasra belongs to the word


def test_matching_form_agrees_with_camel_tools_on_corpus_text() -> None:
    corpus = shared_path("corpus/saudinewsnet.jsonl.gz")
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in islice(lines, 200):
            text = json.loads(line)["text"][:2000]
            camel = dediac_ar(normalize_unicode(text))
            camel = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(camel)))
            camel = camel.replace("\u0640", "")
            ours = normalize(text)
            # camel-tools leaves digits and bidi marks alone; compare the letters.
            letters = lambda s: [c for c in s if "\u0621" <= c <= "\u064a"]  # noqa: E731
            assert letters(ours) == letters(camel)


def test_sentences_split_at_line_breaks_and_arabic_question_marks() -> None:
    raw = "العنوان هنا\n\nقال الوزير إن الهجوم وقع. هل انتهت الحرب؟ لا، لم تنته."
    sentences = split_sentences(normalize_text(raw))
    assert [raw[s.start:s.end] for s in sentences] == [
        "العنوان هنا", "قال الوزير إن الهجوم وقع.", "هل انتهت الحرب؟", "لا، لم تنته.",
    ]


def test_decimal_numbers_stay_one_token() -> None:
    assert [t.norm for t in tokenize(normalize_text("ارتفع 3.5 بالمئة في 15/2"))] == [
        "ارتفع", "3.5", "بالمئه", "في", "15/2",
    ]


def test_clauses_split_at_arabic_comma_and_quotes() -> None:
    tokens = tokenize(normalize_text("قال الوزير، إن \"القوات انسحبت\" أمس"))
    assert [[t.norm for t in tokens[i:j]] for i, j in clause_ranges(tokens)] == [
        ["قال", "الوزير"], ["ان"], ["القوات", "انسحبت"], ["امس"],
    ]


def test_readings_strip_proclitics_and_pronoun_suffixes() -> None:
    assert "غارات" in readings("والغارات")
    assert "الحوثيين" in readings("للحوثيين")
    assert "يقصف" in readings("وسيقصف")
    assert "نفي" in readings("ونفيها")
    assert readings("قصف") == ("قصف",)


def test_phrase_index_prefers_the_longest_phrase() -> None:
    index = PhraseIndex([("حزب الله", "Hezbollah"), ("كتائب حزب الله", "Kataib Hezbollah")])
    tokens = tokenize(normalize_text("استهدفت الغارة مواقع لكتائب حزب الله وحزب الله"))
    assert [(m.value, m.first, m.last) for m in index.find(tokens)] == [
        ("Kataib Hezbollah", 3, 6), ("Hezbollah", 6, 8),
    ]


def test_phrase_index_of_equal_length_matches_keeps_the_phrase_listed_first() -> None:
    # "الامن" and "امن" are both readings of "الأمن": two phrases of two words match at once
    index = PhraseIndex([("مجلس الأمن", "Security Council"), ("مجلس أمن", "a security council"),
                         ("مجلس الأمن", "duplicate form")])
    tokens = tokenize(normalize_text("اجتمع مجلس الأمن أمس"))
    assert [(m.value, m.first, m.last) for m in index.find(tokens)] == [("Security Council", 1, 3)]
    reversed_index = PhraseIndex([("مجلس أمن", "a security council"), ("مجلس الأمن", "Security Council")])
    assert reversed_index.match_at(tokens, 1).value == "a security council"
    assert len(index) == 3


def test_has_arabic() -> None:
    assert has_arabic("Breaking: انفجار")
    assert not has_arabic("only English 123")


def test_fast_normalization_equals_the_character_by_character_definition() -> None:
    from hadath.text.normalize import _normalize_char

    samples = ["وَجّهَ ضربةً ٣", "中文\u3000テスト é ﷲ 😀 ﻻ ㎏", "عادي", "Mixed ABC ١٢٣ ۴۵", "\u200fنص\u202b\ufeff"]
    for raw in samples:
        fast = normalize_text(raw)
        expected_index = [i for i, c in enumerate(raw) for _ in _normalize_char(c)]
        assert fast.text == "".join(_normalize_char(c) for c in raw)
        assert list(fast.raw_index) == expected_index


def test_run_on_sentence_is_cut_where_new_statements_open() -> None:
    filler = " ".join(["في إطار خطة الإصلاح الشاملة"] * 8)
    raw = (f"وانطلقت تظاهرات في ساحة التحرير {filler} وكان رئيس الوزراء قد أكد الاستعداد للإصلاح "
           f"{filler}، فيما دعت كتلة المواطن الوزراء إلى الاستقالة {filler}؛ من جهته قال النائب إن المطالب مشروعة")
    pieces = [raw[s.start:s.end] for s in split_sentences(normalize_text(raw))]
    assert [p.split()[0] for p in pieces] == ["وانطلقت", "وكان", "فيما", "من"]
    assert pieces[1].endswith("،") and pieces[2].endswith("؛")


def test_short_sentences_and_phrasal_conjunctions_are_not_cut() -> None:
    short = "وقال الوزير إن القوات انسحبت، فيما دعت المعارضة إلى الحوار."
    assert len(split_sentences(normalize_text(short))) == 1
    filler = " ".join(["في إطار خطة الإصلاح الشاملة"] * 14)
    long = f"بحث الطرفان التعاون فيما يتعلق بالأمن {filler} كما هو معروف"
    assert len(split_sentences(normalize_text(long))) == 1


def test_a_full_stop_glued_to_the_next_word_still_ends_the_sentence() -> None:
    raw = "وافقت إيران عليها.وفي ظل ذلك قال الوزير إن المحادثات مستمرة."
    sentences = split_sentences(normalize_text(raw))
    assert [raw[s.start:s.end] for s in sentences] == [
        "وافقت إيران عليها.", "وفي ظل ذلك قال الوزير إن المحادثات مستمرة.",
    ]


def test_an_unpunctuated_text_is_cut_into_bounded_pieces_that_keep_every_token() -> None:
    words = "قصف الجيش مواقع المسلحين في مدينة حلب بالمدفعية الثقيلة صباح اليوم"  # no clause opener
    text = " ".join([words] * 2000) + "، " + " ".join([words] * 50)
    sentences = split_sentences(normalize_text(text))
    assert max(len(s.tokens) for s in sentences) <= MAX_PIECE
    assert sum(len(s.tokens) for s in sentences) == len(tokenize(normalize_text(text)))
    # the comma is preferred as a cut: some piece ends right after it
    assert any(s.tokens[-1].norm == "،" for s in sentences)
