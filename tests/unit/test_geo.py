"""The gazetteer's data files and the place finder (hadath/resolve/geo.py)."""

from __future__ import annotations

import gzip
import json
from collections import Counter

import pycountry
import pytest
import yaml

from hadath.resolve.geo import PLACES_DIR, Gazetteer, GeoPlace, PlaceMatch, load_gazetteer
from hadath.text.normalize import normalize, normalize_text
from hadath.text.segment import tokenize
from tests.conftest import shared_path

ARAB_LEAGUE = {
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT",
    "MAR", "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM",
}  # fmt: skip
REGION = ARAB_LEAGUE | {"IRN", "TUR", "AFG", "PAK"}
PRECISIONS = {"point", "city", "admin1", "region", "country"}
# Plausible numbers of first-level divisions (ISO 3166-2 as pycountry has it).
ADMIN1_COUNTS = {
    "IRQ": (18, 19), "SYR": (14, 14), "YEM": (21, 22), "SAU": (13, 13), "EGY": (27, 27),
    "TUR": (81, 81), "IRN": (31, 31), "AFG": (34, 34), "DZA": (48, 58), "JOR": (12, 12),
    "LBN": (8, 9), "PSE": (16, 16), "LBY": (22, 22), "TUN": (24, 24), "MAR": (12, 12),
    "SDN": (18, 18), "SOM": (18, 18), "OMN": (11, 11), "ARE": (7, 7), "KWT": (6, 6),
}  # fmt: skip


def _load(name: str) -> dict:
    return yaml.safe_load((PLACES_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def find(gazetteer: Gazetteer, text: str, context: tuple[str, ...] = ()) -> list[tuple[str, GeoPlace]]:
    """(matched raw text, place) for each place ``find`` reports in ``text``."""
    tokens = tokenize(normalize_text(text))
    return [
        (text[tokens[match.first].start : tokens[match.last - 1].end], match.place)
        for match in gazetteer.find(tokens, context)
    ]


def only(gazetteer: Gazetteer, text: str, context: tuple[str, ...] = ()) -> tuple[str, GeoPlace]:
    found = find(gazetteer, text, context)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- data integrity


def test_admin1_covers_the_26_countries_with_valid_iso_codes() -> None:
    data = _load("admin1.yaml")
    assert set(data) == REGION
    for alpha3, divisions in data.items():
        alpha2 = pycountry.countries.get(alpha_3=alpha3).alpha_2
        low, high = ADMIN1_COUNTS.get(alpha3, (3, 60))
        assert low <= len(divisions) <= high, (alpha3, len(divisions))
        for division in divisions:
            subdivision = pycountry.subdivisions.get(code=division["code"])
            assert subdivision is not None, division["code"]
            assert subdivision.country_code == alpha2
            assert division["name"] and division["ar"]
            assert -90 <= division["lat"] <= 90 and -180 <= division["lon"] <= 180
            assert division["geonames_id"] is None or isinstance(division["geonames_id"], int)
        codes = [division["code"] for division in divisions]
        assert len(codes) == len(set(codes)), alpha3


def test_admin1_forms_are_unique_within_a_country() -> None:
    for alpha3, divisions in _load("admin1.yaml").items():
        # Spelling variants of one division (نينوى، نينوي) normalize alike: count each once.
        forms = Counter(form for division in divisions for form in {normalize(ar) for ar in division["ar"]})
        repeated = [form for form, count in forms.items() if count > 1]
        assert not repeated, (alpha3, repeated)


def test_regions_file_is_well_formed() -> None:
    data = _load("regions.yaml")
    for direction in data["directions"]:
        assert direction["ar"] and direction["en"]
        assert -1 <= direction["dlat"] <= 1 and -1 <= direction["dlon"] <= 1
    for word in data["class_words"]:
        assert word["ar"] and set(word.get("prefer", [])) <= PRECISIONS
    for region in data["regions"]:
        assert region["ar"] and region["name"], region
        assert region.get("precision", "region") in PRECISIONS
        country = region.get("country")
        assert country is None or pycountry.countries.get(alpha_3=country) is not None, region
        if region.get("admin1"):
            assert pycountry.subdivisions.get(code=region["admin1"]) is not None, region
        if region.get("lat") is not None:
            assert -90 <= region["lat"] <= 90 and -180 <= region["lon"] <= 180


def test_countries_extra_is_well_formed() -> None:
    data = _load("countries_extra.yaml")
    for alpha3, entry in data["countries"].items():
        assert pycountry.countries.get(alpha_3=alpha3) is not None, alpha3
        assert entry["ar"], alpha3
        assert isinstance(entry["nisba"], list)
    assert set(data["ambiguous"]) == {"strong", "weak"}
    strong = {normalize(form) for form in data["ambiguous"]["strong"]}
    weak = {normalize(form) for form in data["ambiguous"]["weak"]}
    assert not strong & weak
    for alpha3 in data["homonyms"].values():
        assert all(pycountry.countries.get(alpha_3=code) for code in alpha3)
    assert data["prepositions"] and data["not_places"]
    # Outlet words are single words, compared with a token's proclitic-free readings.
    for key in ("outlet_words", "outlet_name_words", "not_names_after_class", "relative_clause_words"):
        assert data[key] and all(len(normalize(word).split()) == 1 for word in data[key]), key


def test_cities_file_is_small_and_consistent() -> None:
    path = PLACES_DIR / "cities.json.gz"
    assert path.stat().st_size < 3_000_000
    data = json.loads(gzip.decompress(path.read_bytes()))
    fields = ["geonames_id", "name", "country", "admin1", "lat", "lon", "population", "ar", "cue"]
    assert data["fields"] == fields
    countries: Counter[str] = Counter()
    for geonames_id, _name, alpha3, admin1, lat, lon, population, forms, cues in data["cities"]:
        # Towns added by hand (regions.yaml `towns`) may have no GeoNames id.
        assert (geonames_id is None or isinstance(geonames_id, int)) and population >= 0
        assert pycountry.countries.get(alpha_3=alpha3) is not None
        assert admin1 is None or admin1.startswith(pycountry.countries.get(alpha_3=alpha3).alpha_2 + "-")
        assert -90 <= lat <= 90 and -180 <= lon <= 180
        assert forms and all(normalize(form) == form for form in forms)
        assert len(cues) == len(forms) and set(cues) <= {0, 1, 2}
        countries[alpha3] += 1
    # Every Arab League country has towns with Arabic names; Syria and Iraq have many.
    assert all(countries[alpha3] > 0 for alpha3 in ARAB_LEAGUE)
    assert countries["SYR"] > 200 and countries["IRQ"] > 100


def test_gazetteer_knows_every_region_country() -> None:
    gazetteer = Gazetteer()
    for alpha3 in REGION:
        place = gazetteer.country(alpha3)
        assert place is not None and place.precision == "country" and place.country == alpha3
    assert gazetteer.country("irq") == gazetteer.country("IRQ")
    assert gazetteer.country("XXX") is None
    assert gazetteer.admin1("IQ-NI") is not None


# ---------------------------------------------------------------- the finder


def test_direction_and_country_compose_a_region(gazetteer: Gazetteer) -> None:
    text, place = only(gazetteer, "ضربة ضد مواقع شرق سوريا")
    assert text == "شرق سوريا"
    assert (place.country, place.precision) == ("SYR", "region")
    syria = gazetteer.country("SYR")
    assert place.lon is not None and syria is not None and syria.lon is not None
    assert place.lon > syria.lon  # moved east


def test_compound_direction(gazetteer: Gazetteer) -> None:
    text, place = only(gazetteer, "في شمال شرق سوريا")
    assert text == "شمال شرق سوريا" and place.country == "SYR" and place.precision == "region"


def test_named_region_kurdistan(gazetteer: Gazetteer) -> None:
    text, place = only(gazetteer, "في كردستان العراق")
    assert text == "كردستان العراق"
    assert (place.country, place.precision, place.admin1) == ("IRQ", "region", "IQ-KR")


def test_governorate_with_its_cue_word(gazetteer: Gazetteer) -> None:
    text, place = only(gazetteer, "في محافظة نينوى شمال البلاد")
    assert text == "محافظة نينوى"
    assert (place.admin1, place.precision, place.country) == ("IQ-NI", "admin1", "IRQ")


def test_country_with_a_proclitic(gazetteer: Gazetteer) -> None:
    text, place = only(gazetteer, "الغارات الجوية بالعراق")
    assert text == "بالعراق" and place.country == "IRQ" and place.precision == "country"


def test_common_noun_is_not_a_place(gazetteer: Gazetteer) -> None:
    assert find(gazetteer, "نشر صور الضحايا") == []
    assert find(gazetteer, "نشرت في صور الضحايا") == []
    assert find(gazetteer, "قال عدنان إن") == []  # not عدن + نا


def test_ambiguous_name_after_a_class_word(gazetteer: Gazetteer) -> None:
    text, place = only(gazetteer, "في مدينة صور")
    assert text == "مدينة صور"
    assert (place.country, place.name, place.precision) == ("LBN", "Tyre", "city")


def test_aden(gazetteer: Gazetteer) -> None:
    _, place = only(gazetteer, "وقع الانفجار في عدن صباح اليوم")
    assert place.country == "YEM" and place.name == "Aden"


def test_oman_or_amman(gazetteer: Gazetteer) -> None:
    assert only(gazetteer, "وصل الوزير إلى عمان")[1].country == "OMN"
    assert only(gazetteer, "وصل الوزير إلى عمان", ("JOR",))[1].country == "JOR"
    assert only(gazetteer, "في مدينة عمان")[1].name == "Amman"
    assert only(gazetteer, "وصل إلى سلطنة عمان", ("JOR",))[1].country == "OMN"
    assert only(gazetteer, "في العاصمة الأردنية عمان")[1].name == "Amman"


def test_country_name_over_its_capital(gazetteer: Gazetteer) -> None:
    assert only(gazetteer, "في الكويت")[1].precision == "country"
    assert only(gazetteer, "في الجزائر")[1] == gazetteer.country("DZA")


def test_nisba_after_a_place_word(gazetteer: Gazetteer) -> None:
    text, place = only(gazetteer, "في العاصمة التونسية")
    assert text == "العاصمة التونسية" and place.name == "Tunis" and place.precision == "city"
    text, place = only(gazetteer, "في عدد من المدن الليبية")
    assert text == "المدن الليبية" and place.country == "LBY" and place.precision == "country"
    text, place = only(gazetteer, "في الشمال السوري")
    assert text == "الشمال السوري" and place.country == "SYR" and place.precision == "region"


def test_nisba_after_a_name_is_part_of_the_match(gazetteer: Gazetteer) -> None:
    text, place = only(gazetteer, "محافظة نينوى العراقية")
    assert text == "محافظة نينوى العراقية" and place.admin1 == "IQ-NI"


def test_countryside_with_a_direction(gazetteer: Gazetteer) -> None:
    text, place = only(gazetteer, "قصف في ريف حلب الشمالي")
    assert text == "ريف حلب الشمالي"
    assert (place.country, place.precision, place.admin1) == ("SYR", "region", "SY-HL")


def test_city_centre_is_the_city(gazetteer: Gazetteer) -> None:
    text, place = only(gazetteer, "أمام مبنى المحافظة وسط مدينة الحلة")
    assert text == "وسط مدينة الحلة" and place.precision == "city" and place.country == "IRQ"


def test_named_entity_beats_composition(gazetteer: Gazetteer) -> None:
    assert only(gazetteer, "زار جنوب السودان")[1].country == "SSD"
    assert only(gazetteer, "في شمال سيناء")[1].admin1 == "EG-SIN"


def test_several_places_in_one_sentence(gazetteer: Gazetteer) -> None:
    found = find(gazetteer, "وصل الوزير إلى بغداد قادما من طهران")
    assert [place.name for _, place in found] == ["Baghdad", "Tehran"]
    found = find(gazetteer, "في حلب وحماة")
    assert [place.country for _, place in found] == ["SYR", "SYR"]


def test_organisation_names_are_not_places(gazetteer: Gazetteer) -> None:
    assert find(gazetteer, "أعلنت سرايا القدس") == []
    assert find(gazetteer, "قوات سوريا الديمقراطية") == []


def test_matches_are_token_ranges(gazetteer: Gazetteer) -> None:
    tokens = tokenize(normalize_text("قصفت الطائرات مواقع في محافظة إدلب"))
    (match,) = gazetteer.find(tokens)
    assert isinstance(match, PlaceMatch)
    assert (match.first, match.last) == (4, 6)


# ---------------------------------------------------------------- the gold set


def test_gold_locations_are_found_with_the_right_country(gazetteer: Gazetteer) -> None:
    """Every gold event's location strings: a place is found, in the annotated country."""
    path = shared_path("gold/dev.jsonl")
    events = [event for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
              for event in json.loads(line)["events"] if event.get("location")]  # fmt: skip
    covered = judged = right = 0
    for event in events:
        place = None
        for text in event["location"]:  # most specific first; the first one found counts
            matches = gazetteer.find(tokenize(normalize_text(text)))
            if matches:
                place = matches[0].place
                break
        covered += place is not None
        if place is not None and event.get("location_country"):
            judged += 1
            right += place.country == event["location_country"]
    coverage, accuracy = covered / len(events), right / max(judged, 1)
    print(
        f"gold locations: coverage {covered}/{len(events)} = {coverage:.3f}, "
        f"country accuracy {right}/{judged} = {accuracy:.3f}"
    )
    assert coverage >= 0.8
    assert accuracy >= 0.9


def test_home_bodies_name_actor_entries() -> None:
    from hadath.extract.actors import load_actors
    from hadath.resolve.situated import HOME_BODIES_PATH, load_home_bodies

    names = load_home_bodies()
    assert names, HOME_BODIES_PATH
    known = {entry.name for entry in load_actors().entries}
    assert names <= known, sorted(names - known)
    assert "Judiciary (unspecified)" in names and "Foreign Ministry (unspecified)" not in names
    listed = yaml.safe_load(HOME_BODIES_PATH.read_text(encoding="utf-8"))["home_bodies"]
    assert len(listed) == len(set(listed)), "duplicate names"


def test_a_country_read_with_a_conjunction_beats_a_town_reached_by_more_proclitics(gazetteer: Gazetteer) -> None:
    # "ولبنان" is و + Lebanon, not ول + a village بنان in the country listed before it.
    found = find(gazetteer, "في العراق وسوريا ولبنان")
    assert [place.country for _, place in found] == ["IRQ", "SYR", "LBN"]
    # Two towns read with the same proclitic still keep a list in one country.
    assert [place.country for _, place in find(gazetteer, "الرياض وجدة")] == ["SAU", "SAU"]


@pytest.mark.parametrize("text", [
    "في أي منطقة فسوف يتم التصدي لها",  # ف + سوف "will", not Suf
    "وكانت على متنه عشرون راكبا",  # "on its board"
    "ولا يأخذ في الحسبان المكاسب",  # "into account"
    "مئات الفارين من الحرب وفارين آخرين",  # "fleeing"
    "الأمر الذي مكن هذه الأجهزة من العمل",  # "enabled"
    "وما تلا ذلك من انتهاك للحرمات",  # "followed"
    "توزع شروره ذات اليمين وذات اليسار",  # "its evils", not Sharurah
    "لم يكن برداً وسلاماً عليه",  # "cold", not Breda
    "أو لنكن أكثر صراحة",  # "let us be", not Lincoln
    "هاجمت الصحيفة تشكيكه في حواره الأخير",  # "his interview", not Huwara
    "وكان يبين العنف الذي يتعرضون له",  # "shows", not Yibin
])  # fmt: skip
def test_common_words_that_geonames_gives_as_towns_are_no_places(gazetteer: Gazetteer, text: str) -> None:
    assert find(gazetteer, text) == []


def test_a_word_after_a_class_word_must_look_like_a_name(gazetteer: Gazetteer) -> None:
    def unknown(text: str) -> list[str]:
        tokens = tokenize(normalize_text(text))
        taken = {i for m in gazetteer.find(tokens) for i in range(m.first, m.last)}
        return [text[tokens[m.first].start : tokens[m.last - 1].end] for m in gazetteer.unknown_classed(tokens, taken)]

    assert unknown("وقتل ثلاثة في بلدة بقين أمس") == ["بلدة بقين"]
    assert unknown("ومن ناحية أخرى قال المتحدث") == []  # "on the other hand"
    assert unknown("في حي شعبي وسط المدينة") == []  # an adjective
    assert unknown("وهي مدينة سيطرت عليها الجماعة") == []  # a relative clause: a verb
    assert unknown("وقال للقضاء عليهم") == []  # ل + القضاء "the judiciary", not a district
    assert unknown("أن ينفذ عملية في بلده الأصلي") == []  # بلده "his country", not بلدة "town"


def test_news_spellings_of_towns_reach_their_geonames_town(gazetteer: Gazetteer) -> None:
    # The news spellings of Suruç and Kobani (regions.yaml towns) reach their GeoNames towns.
    assert [p.country for p in gazetteer.lookup("سوروج")] == ["TUR"]
    assert [p.country for p in gazetteer.lookup("كوباني")] == ["SYR"]


def test_a_sentences_nisba_picks_the_namesake_in_its_country(gazetteer: Gazetteer) -> None:
    # Zinjibar (Yemen) is smaller than Zanzibar, but the Yemeni government's forces took it.
    found = find(gazetteer, "سيطرت القوات الموالية للحكومة اليمنية على زنجبار")
    assert [place.country for _, place in found] == ["YEM"]
    assert [place.country for _, place in find(gazetteer, "وصل الوفد إلى زنجبار")] == ["TZA"]
    # The article's context still comes first.
    assert [p.country for _, p in find(gazetteer, "وصل الوفد اليمني إلى زنجبار", ("TZA",))] == ["TZA"]
