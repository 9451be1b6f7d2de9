"""The actor dictionary: Arabic surface forms of who acts in the news → a canonical actor.

The knowledge lives in ``hadath/data/actors/*.yaml`` (split by theme); this module loads it,
checks it and finds its forms in token sequences. The subdirectories hold word lists of other
schemas, not actor entries: ``names/person_names.yaml`` (``load_person_names``: honorifics and
first names, for people the dictionary doesn't list) and ``roles/role_cues.yaml`` (roles.py).

Schema of each file::

    actors:
      - name: Kataib Hezbollah          # canonical English name, unique over all files
        name_ar: كتائب حزب الله          # canonical Arabic name (always matched too)
        kind: armed_group                # state, government, military, police, armed_group,
                                         # party, organisation, person, civilians, media
        country: IRQ                     # ISO 3166-1 alpha-3, or null
        forms: [كتائب حزب الله, كتائب حزب الله العراقي]

Matching. A form is a sequence of words separated by spaces (letters only, no punctuation:
the tokenizer splits at punctuation). It matches consecutive tokens when, for each word,
``normalize(word)`` is one of ``readings(token.norm)`` (``hadath.text.clitics``): readings
strip the proclitics و ف ب ل ك س and لل, the article ال and one pronoun suffix. Hence:

* forms are written without و ف ب ل ك and pronoun suffixes: "الحوثيين" also matches
  "للحوثيين" and "والحوثيين";
* a word written *without* ال matches with or without it ("قوات عراقية" matches
  "القوات العراقية" too), while a word written *with* ال needs it in the text ("القاعدة",
  al-Qaeda, does not match "قاعدة", a base). Generated and composed forms use the bare
  spelling for that reason; a word whose definite form differs in meaning keeps its ال;
* the suffix ه is a pronoun to ``readings``, so a feminine adjective ("السعودية" read as
  "السعودي") also matches the masculine form; case and number forms are listed explicitly
  (الحوثيون/الحوثيين، جنود/جنودا، مسؤول/مسؤولا).

Among the matches starting at a token the longest wins ("كتائب حزب الله" over "حزب الله");
matches do not overlap and are taken left to right. A normalized form belongs to one entry
only, so a match never depends on file order.

Conventions (how the files decide the hard cases):

* ``state``: countries (every UN member and a few more), their capitals as metonyms
  (واشنطن، طهران …) and nationality adjectives and plurals (العراقي، الأتراك، الأميركيين).
  A state's other institutions are entries of their own, composed from the nationality
  (الجيش العراقي → Iraqi Armed Forces).
* Offices are ``government`` entries with the country ("وزير الدفاع الأميركي" → US Defence
  Secretary): a title names whoever holds it. Named people are ``person`` entries.
* Coalitions are ``military`` with the lead state's country: the Arab (Saudi-led) coalition
  in Yemen is SAU, the international anti-IS coalition is USA; a bare "التحالف" is the
  country-less "Coalition (unspecified)", for event assembly to resolve from context.
* Transnational groups (Islamic State, al-Qaeda core, the Muslim Brotherhood), international
  bodies and generic categories (civilians, protesters, militants, "the government") have
  ``country: null``; branches of a group have the country they fight in.
* The corpus is the Saudi press, whose conventions are kept where they are the dominant
  reading: "المملكة" is Saudi Arabia, "خادم الحرمين الشريفين" is King Salman, "ولي العهد"
  is the Saudi crown prince, "المخلوع" is Ali Abdullah Saleh.
* A word with a common non-actor reading is not a one-word form of the actor it may name;
  longer forms carry it: "مالي" (financial/Mali), "عمان" (Oman/Amman), "فتح" (opened/Fatah),
  "الشباب" (youth/al-Shabaab), "الصدر" (chest/al-Sadr), "المعلم" (teacher/Muallem),
  "الجزيرة" (island/Al Jazeera), "روسيا اليوم" (Russia today/RT). Nor is a word whose
  readings take in a frequent adjective: ``readings`` strips ي as "my", so "العرب" would
  match "العربي" and "الإرهابي" would match "الإرهابية"; such entries list plurals only.

Files: states, military (armed forces, air forces, navies, police, security forces),
governments (governments, ministries, parliaments, intelligence, embassies), titles (heads of
state, prime ministers, ministers) and peoples (a nation's citizens) are drafted by
``scripts/draft_actor_forms.py`` from its nationality tables and reviewed; institutions,
armed_groups, parties, international, media, people (named persons) and generic (country-less
categories) are written by hand. The YAML is the source of truth: nothing is generated at run
time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from hadath.text.normalize import has_arabic, normalize
from hadath.text.phrases import HasNorm, PhraseIndex
from hadath.text.segment import TokenSpan

KINDS = frozenset({
    "state", "government", "military", "police", "armed_group", "party", "organisation",
    "person", "civilians", "media",
})  # fmt: skip
DEFAULT_DIRECTORY = Path(__file__).resolve().parent.parent / "data" / "actors"
_ENTRY_KEYS = frozenset({"name", "name_ar", "kind", "country", "forms"})
# libyaml's loader reads the ~16,000 forms some ten times faster than the pure-Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ActorDataError(ValueError):
    """The actor files break their schema (a bad kind, a form claimed by two entries …)."""


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor: canonical names, kind, country and every surface form that names it."""

    name: str
    name_ar: str
    kind: str
    country: str | None
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor found at token indices ``[first, last)`` of the token list searched."""

    entry: ActorEntry
    first: int
    last: int


class ActorDictionary:
    """All actor entries, indexed by the first word of each form for longest-match lookup."""

    __slots__ = ("_by_name", "_index", "_recent", "entries", "version")

    def __init__(self, entries: Sequence[ActorEntry], version: str) -> None:
        self.entries: tuple[ActorEntry, ...] = tuple(entries)
        self.version = version
        self._by_name = {entry.name: entry for entry in self.entries}
        self._index: PhraseIndex[ActorEntry] = PhraseIndex(
            (form, entry) for entry in self.entries for form in entry.forms
        )
        # The last sentence scanned and its matches: extraction asks about one sentence several
        # times in a row (its speakers, their setting, its events), and a scan is the costly part.
        self._recent: tuple[tuple[str, ...], list[ActorMatch]] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, tokens: Sequence[TokenSpan] | Sequence[HasNorm]) -> list[ActorMatch]:
        """Longest non-overlapping actor mentions in ``tokens``, left to right."""
        # Keyed by the words, not the object: callers build and reuse token lists.
        words = tuple(token.norm for token in tokens)
        recent = self._recent
        if recent is not None and recent[0] == words:
            return list(recent[1])
        found = [ActorMatch(m.value, m.first, m.last) for m in self._index.find(tokens)]
        self._recent = (words, found)
        return list(found)

    def by_name(self, name: str) -> ActorEntry | None:
        """The entry with canonical English ``name``, if any."""
        return self._by_name.get(name)


def load_actors(directory: Path | None = None) -> ActorDictionary:
    """The actor dictionary of ``directory`` (default ``hadath/data/actors``), loaded once."""
    return _load_cached(str((directory or DEFAULT_DIRECTORY).resolve()))


@lru_cache(maxsize=8)
def _load_cached(directory: str) -> ActorDictionary:
    paths = sorted(Path(directory).glob("*.yaml"))
    if not paths:
        raise ActorDataError(f"no actor files (*.yaml) in {directory}")
    digest = hashlib.sha256()
    entries: list[ActorEntry] = []
    for path in paths:
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
        entries.extend(parse_actor_file(raw.decode("utf-8"), path.name))
    _check_unique(entries)
    return ActorDictionary(entries, digest.hexdigest()[:12])


def parse_actor_file(text: str, source: str = "<string>") -> list[ActorEntry]:
    """Entries of one actor file's text, validated against the schema."""
    data = yaml.load(text, Loader=_YAML_LOADER)  # a safe loader: plain data only
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ActorDataError(f"{source}: expected a mapping with an 'actors' list")
    return [_entry(item, f"{source}#{i}") for i, item in enumerate(data["actors"])]


def _entry(item: object, where: str) -> ActorEntry:
    if not isinstance(item, dict):
        raise ActorDataError(f"{where}: an entry must be a mapping")
    unknown = set(item) - _ENTRY_KEYS
    missing = {"name", "name_ar", "kind", "forms"} - set(item)
    if unknown or missing:
        raise ActorDataError(f"{where}: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
    name, name_ar, kind, country = item["name"], item["name_ar"], item["kind"], item.get("country")
    if not isinstance(name, str) or not name.strip():
        raise ActorDataError(f"{where}: name must be a non-empty string")
    if not isinstance(name_ar, str) or not has_arabic(name_ar):
        raise ActorDataError(f"{where} ({name}): name_ar must be Arabic")
    if kind not in KINDS:
        raise ActorDataError(f"{where} ({name}): unknown kind {kind!r}")
    if country is not None and not (isinstance(country, str) and len(country) == 3 and country.isupper()):
        raise ActorDataError(f"{where} ({name}): country must be an alpha-3 code or null")
    forms = item["forms"] or []
    if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
        raise ActorDataError(f"{where} ({name}): forms must be a list of strings")
    # The canonical Arabic name is always a form; duplicates by matching form are dropped.
    unique: dict[str, str] = {}
    for form in [name_ar, *forms]:
        key = normalize(form)
        if not key or not has_arabic(key):
            raise ActorDataError(f"{where} ({name}): form {form!r} has no Arabic letters")
        unique.setdefault(key, form.strip())
    return ActorEntry(name.strip(), name_ar.strip(), kind, country, tuple(unique.values()))


def _check_unique(entries: Sequence[ActorEntry]) -> None:
    names: set[str] = set()
    owner: dict[str, str] = {}
    for entry in entries:
        if entry.name in names:
            raise ActorDataError(f"duplicate actor name {entry.name!r}")
        names.add(entry.name)
        for form in entry.forms:
            key = normalize(form)
            other = owner.setdefault(key, entry.name)
            if other != entry.name:
                raise ActorDataError(f"form {form!r} belongs to both {other!r} and {entry.name!r}")


NAMES_PATH = DEFAULT_DIRECTORY / "names" / "person_names.yaml"
_NAME_LISTS = ("honorifics", "given_names", "links")


@dataclass(frozen=True, slots=True)
class PersonNames:
    """Words of personal names in matching form (``hadath/data/actors/names/person_names.yaml``).

    ``honorifics`` holds phrases (آية الله) as tuples of words; the other two hold single words.
    """

    honorifics: frozenset[tuple[str, ...]]
    given_names: frozenset[str]
    links: frozenset[str]
    # First words of the honorifics: most tokens open none, and one set test says so.
    honorific_openers: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "honorific_openers", frozenset(words[0] for words in self.honorifics if words))

    def is_given_name(self, word: str) -> bool:
        """A first name: listed, or a compound of عبد (عبدالله، عبداللطيف)."""
        return word in self.given_names or (word.startswith("عبد") and len(word) > 4)


@lru_cache(maxsize=4)
def load_person_names(path: Path = NAMES_PATH) -> PersonNames:
    """The name word lists, validated: every list present, every item an Arabic string."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    if not isinstance(data, dict) or any(not isinstance(data.get(key), list) for key in _NAME_LISTS):
        raise ActorDataError(f"{path}: expected the lists {list(_NAME_LISTS)}")
    for key in _NAME_LISTS:
        bad = [item for item in data[key] if not isinstance(item, str) or not has_arabic(item)]
        if bad:
            raise ActorDataError(f"{path}: {key} holds non-Arabic items {bad[:3]}")
        if key != "honorifics" and any(" " in item.strip() for item in data[key]):
            raise ActorDataError(f"{path}: {key} items must be single words")
    return PersonNames(
        honorifics=frozenset(tuple(normalize(item).split()) for item in data["honorifics"]),
        given_names=frozenset(normalize(item) for item in data["given_names"]),
        links=frozenset(normalize(item) for item in data["links"]),
    )


ROLE_CUES_PATH = DEFAULT_DIRECTORY / "roles" / "role_cues.yaml"


@lru_cache(maxsize=2)
def load_role_cues(path: Path = ROLE_CUES_PATH) -> dict[str, frozenset[str]]:
    """The role cue lists of ``hadath/data/actors/roles/role_cues.yaml`` (matching forms),
    validated: each key a non-empty list of Arabic words."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, list) and v for v in data.values()):
        raise ValueError(f"{path}: expected a mapping of non-empty lists")
    if any(not isinstance(word, str) or not has_arabic(word) for words in data.values() for word in words):
        raise ValueError(f"{path}: every cue must be an Arabic string")
    return {key: frozenset(normalize(word) for word in words) for key, words in data.items()}
