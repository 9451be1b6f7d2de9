"""The actor dictionary: integrity of hadath/data/actors and behaviour of the matcher."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

from hadath.extract.actors import (
    KINDS,
    ActorDataError,
    ActorDictionary,
    ActorMatch,
    load_actors,
    parse_actor_file,
)
from hadath.text.normalize import has_arabic, normalize, normalize_text
from hadath.text.segment import TokenSpan, tokenize
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return load_actors()


def _tokens(text: str) -> list[TokenSpan]:
    return tokenize(normalize_text(text))


def _find(actors: ActorDictionary, text: str) -> list[ActorMatch]:
    return actors.find(_tokens(text))


def _names(actors: ActorDictionary, text: str) -> list[str]:
    return [m.entry.name for m in _find(actors, text)]


def _without_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) >= 4 else word


# --- integrity -------------------------------------------------------------------------------


def test_dictionary_is_large_and_versioned(actors: ActorDictionary) -> None:
    assert len(actors.entries) >= 500
    assert len(actors.version) == 12 and int(actors.version, 16) >= 0
    assert load_actors() is actors  # cached


def test_kinds_countries_and_names_are_valid(actors: ActorDictionary) -> None:
    names = [e.name for e in actors.entries]
    assert len(names) == len(set(names))
    for entry in actors.entries:
        assert entry.kind in KINDS, entry.name
        if entry.country is not None:
            assert pycountry.countries.get(alpha_3=entry.country) is not None, entry
        assert has_arabic(entry.name_ar), entry.name
        assert normalize(entry.name_ar) in {normalize(f) for f in entry.forms}, entry.name


def test_every_kind_is_used(actors: ActorDictionary) -> None:
    assert {e.kind for e in actors.entries} == KINDS


def test_forms_are_arabic_words_the_tokenizer_keeps_whole(actors: ActorDictionary) -> None:
    for entry in actors.entries:
        for form in entry.forms:
            key = normalize(form)
            assert key and has_arabic(key), (entry.name, form)
            # A form with punctuation inside could never match consecutive tokens.
            assert [t.norm for t in _tokens(form)] == key.split(), (entry.name, form)


def test_no_form_belongs_to_two_entries(actors: ActorDictionary) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    loose: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for entry in actors.entries:
        for form in entry.forms:
            key = normalize(form)
            owners[key].add(entry.name)
            # Forms that differ only by ال match the same tokens: one owner too, so that a
            # match never depends on which reading of a token comes first.
            loose[tuple(_without_article(w) for w in key.split())].add(entry.name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    assert {k: v for k, v in loose.items() if len(v) > 1} == {}


def test_every_sovereign_state_has_an_entry(actors: ActorDictionary) -> None:
    states = {e.country for e in actors.entries if e.kind == "state" and e.country}
    for code in ("SAU", "IRQ", "SYR", "YEM", "IRN", "TUR", "ISR", "USA", "RUS", "CHN", "GBR", "FRA",
                 "DEU", "PAK", "AFG", "EGY", "PSE", "NGA", "SOM", "BRA", "JPN", "FJI", "TUV"):
        assert code in states
    assert len(states) >= 190


# --- the loader ------------------------------------------------------------------------------


def _write(directory: Path, body: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "test.yaml").write_text("actors:\n" + body, encoding="utf-8")
    return directory


def test_load_from_another_directory(tmp_path: Path) -> None:
    directory = _write(tmp_path / "a", "  - {name: Test, name_ar: اختبار, kind: person, country: IRQ, "
                                       "forms: [المختبر]}\n")
    dictionary = load_actors(directory)
    assert [e.name for e in dictionary.entries] == ["Test"]
    assert dictionary.entries[0].forms == ("اختبار", "المختبر")
    assert [m.entry.name for m in dictionary.find(_tokens("قال المختبر"))] == ["Test"]


@pytest.mark.parametrize("body, message", [
    ("  - {name: X, name_ar: س, kind: robot, country: null, forms: []}\n", "unknown kind"),
    ("  - {name: X, name_ar: س, kind: person, country: Iraq, forms: []}\n", "alpha-3"),
    ("  - {name: X, name_ar: X, kind: person, country: null, forms: []}\n", "Arabic"),
    ("  - {name: X, name_ar: س, kind: person, country: null, forms: [abc]}\n", "no Arabic"),
    ("  - {name: X, name_ar: س, kind: person, forms: [], colour: red}\n", "unknown keys"),
])  # fmt: skip
def test_schema_errors_are_reported(body: str, message: str) -> None:
    with pytest.raises(ActorDataError, match=message):
        parse_actor_file("actors:\n" + body)


def test_a_form_claimed_by_two_entries_is_an_error(tmp_path: Path) -> None:
    directory = _write(tmp_path / "dup", "  - {name: A, name_ar: أول, kind: person, forms: [المشترك]}\n"
                                         "  - {name: B, name_ar: ثان, kind: person, forms: [المشترك]}\n")
    with pytest.raises(ActorDataError, match="belongs to both"):
        load_actors(directory)


# --- matching --------------------------------------------------------------------------------


def test_coalition_air_force_and_houthis_through_the_lil_clitic(actors: ActorDictionary) -> None:
    tokens = _tokens("وقصف طيران التحالف مواقع للحوثيين")
    matches = actors.find(tokens)
    assert [m.entry.name for m in matches] == ["Coalition (unspecified)", "Houthis (Ansar Allah)"]
    assert [(m.first, m.last) for m in matches] == [(1, 3), (4, 5)]
    assert matches[1].entry.country == "YEM" and matches[1].entry.kind == "armed_group"


def test_pentagon(actors: ActorDictionary) -> None:
    (match,) = _find(actors, "أعلن البنتاغون")
    assert match.entry.name == "US Defence Ministry" and match.entry.country == "USA"


def test_longest_match_wins(actors: ActorDictionary) -> None:
    (match,) = _find(actors, "كتائب حزب الله العراقي")
    assert match.entry.name == "Kataib Hezbollah" and (match.first, match.last) == (0, 4)
    assert _names(actors, "حزب الله") == ["Hezbollah"]


@pytest.mark.parametrize("text, name, country, kind", [
    ("وزير الدفاع الأميركي", "US Defence Minister", "USA", "government"),
    ("وزير الخارجية السعودي عادل الجبير", "Saudi Foreign Minister", "SAU", "government"),
    ("الجيش العراقي", "Iraqi Armed Forces", "IRQ", "military"),
    ("القوات العراقية", "Iraqi Armed Forces", "IRQ", "military"),
    ("قوات عراقية", "Iraqi Armed Forces", "IRQ", "military"),
    ("الحكومة اليمنية", "Yemeni Government", "YEM", "government"),
    ("الشرطة المصرية", "Egyptian Police", "EGY", "police"),
    ("قوات الأمن العراقية", "Iraqi Security Forces", "IRQ", "police"),
    ("السلطات السعودية", "Saudi Government", "SAU", "government"),
    ("سلاح الجو الأميركي", "US Air Force", "USA", "military"),
    ("الطيران الروسي", "Russian Air Force", "RUS", "military"),
    ("الجيش الأميركي", "US Armed Forces", "USA", "military"),
    ("العسكريين الأميركيين", "US Armed Forces", "USA", "military"),
    ("جنودا أميركيين", "US Armed Forces", "USA", "military"),
    ("الخارجية الأميركية", "US Foreign Ministry", "USA", "government"),
    ("الجيش التركي", "Turkish Armed Forces", "TUR", "military"),
    ("البيت الأبيض", "White House", "USA", "government"),
    ("الكرملين", "Kremlin", "RUS", "government"),
    ("التحالف العربي", "Arab Coalition (Saudi-led, Yemen)", "SAU", "military"),
    ("التحالف الدولي", "International Coalition against IS (US-led)", "USA", "military"),
    ("تنظيم الدولة الإسلامية", "Islamic State", None, "armed_group"),
    ("مجلس الأمن", "UN Security Council", None, "organisation"),
    ("المدنيين", "Civilians", None, "civilians"),
    ("المتظاهرون", "Protesters", None, "civilians"),
    ("وكالة الأنباء السعودية", "Saudi Press Agency", "SAU", "media"),
    ("خادم الحرمين الشريفين", "Salman bin Abdulaziz", "SAU", "person"),
    ("المملكة", "Saudi Arabia", "SAU", "state"),
    ("الإيراني", "Iran", "IRN", "state"),
    ("الأتراك", "Turkey", "TUR", "state"),
])  # fmt: skip
def test_composed_and_named_actors(actors: ActorDictionary, text: str, name: str, country: str | None,
                                   kind: str) -> None:
    match = _find(actors, text)[0]
    assert (match.entry.name, match.entry.country, match.entry.kind) == (name, country, kind)
    assert match.first == 0


@pytest.mark.parametrize("capital, country", [
    ("واشنطن", "USA"), ("طهران", "IRN"), ("الرياض", "SAU"), ("موسكو", "RUS"), ("بغداد", "IRQ"),
    ("دمشق", "SYR"), ("أنقرة", "TUR"), ("القاهرة", "EGY"), ("تل أبيب", "ISR"), ("بيروت", "LBN"),
])  # fmt: skip
def test_capitals_are_state_metonyms(actors: ActorDictionary, capital: str, country: str) -> None:
    (match,) = _find(actors, f"وردت {capital} على الاتهامات")
    assert match.entry.kind == "state" and match.entry.country == country


def test_article_in_the_form_is_required(actors: ActorDictionary) -> None:
    # "القاعدة" is al-Qaeda, a bare "قاعدة" (a base) is not.
    assert "Al-Qaeda" in _names(actors, "هاجم تنظيم القاعدة")
    assert "Al-Qaeda" not in _names(actors, "استهدف الهجوم قاعدة جوية")


def test_matches_do_not_overlap_and_keep_order(actors: ActorDictionary) -> None:
    text = "التقى وزير الخارجية الإيراني محمد جواد ظريف نظيره الروسي سيرغي لافروف في موسكو"
    matches = _find(actors, text)
    names = [m.entry.name for m in matches]
    assert names == ["Iranian Foreign Minister", "Mohammad Javad Zarif", "Russia", "Sergey Lavrov", "Russia"]
    assert all(a.last <= b.first for a, b in itertools.pairwise(matches))


def test_by_name_and_empty_input(actors: ActorDictionary) -> None:
    entry = actors.by_name("Houthis (Ansar Allah)")
    assert entry is not None and entry.country == "YEM"
    assert actors.by_name("no such actor") is None
    assert actors.find([]) == []


# --- coverage of the gold actors and targets ---------------------------------------------------


def test_gold_actor_and_target_coverage(actors: ActorDictionary) -> None:
    path = shared_path("gold/dev.jsonl")
    fields = hits = strings = string_hits = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        for event in json.loads(line)["events"]:
            for key in ("actor", "target"):
                values = event.get(key) or []
                if not values:
                    continue
                found = [bool(actors.find(_tokens(value))) for value in values]
                fields += 1
                hits += any(found)
                strings += len(found)
                string_hits += sum(found)
    share = hits / fields
    print(f"gold actor/target coverage: {hits}/{fields} = {share:.3f} of fields (any acceptable "
          f"string matched); {string_hits}/{strings} = {string_hits / strings:.3f} of strings")
    assert share >= 0.6


def test_a_token_list_changed_in_place_is_scanned_again() -> None:
    actors = load_actors()
    words = list(tokenize(normalize_text("قصفت إسرائيل غزة")))
    first = actors.find(words)
    words[1] = tokenize(normalize_text("واشنطن"))[0]
    second = actors.find(words)
    assert [m.entry.name for m in first] != [m.entry.name for m in second]
    assert [m.entry.name for m in second] == [m.entry.name for m in actors.find(list(words))]


def test_the_occupation_names_israel_unless_another_occupier_is_named() -> None:
    from hadath.extract.actors import load_actors
    from hadath.extract.mentions import mentions_of_sentence
    from hadath.text.normalize import normalize_text
    from hadath.text.segment import tokenize

    def names(text: str) -> list[str]:
        return [m.name for m in mentions_of_sentence(tokenize(normalize_text(text)), load_actors())]

    assert "Israeli Armed Forces" in names("واعتقل الاحتلال عشرين شابا في الخليل")
    assert "US Armed Forces" in names("واعتقلت قوات الاحتلال الأمريكي عشرة أشخاص في بغداد")
    assert "Israeli Armed Forces" not in names("واعتقلت قوات الاحتلال الأمريكي عشرة أشخاص في بغداد")
