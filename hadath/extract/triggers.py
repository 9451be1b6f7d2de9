"""The event trigger lexicon (PLOVER types, modes, CAMEO codes) and its matcher.

Data: ``hadath/data/triggers/<type>.yaml``, one file per PLOVER type (the file name is the
type in lower case), and ``hadath/data/triggers/negative_cues.yaml``.

Type file schema::

    type: ASSAULT
    entries:
      - id: assault.airstrike        # unique across all files, "<type>.<name>"
        mode: aerial                 # a PLOVER mode of this type (PLOVER_MODES), or null
        cameo: "195"                 # CAMEO code (a string of digits) of this type's CAMEO range
        pos: noun                    # noun | verb | phrase (verb: the subject usually follows;
                                     #   noun: the actor follows, or comes with بـ / من قبل)
        weight: 1.0                  # (0, 1]: how sure the words alone make the event; lower
                                     #   for ambiguous words (هجوم in sports prose, دعم, زيارة)
        patterns: ["غارة", "غارات", "قصف جوي"]
        shared: true                 # optional: a pattern of this entry may also be another entry's
        reason: "..."                # required with shared: why the words belong to both

One entry is one lemma (a verb with its verbal nouns, or a noun, or a fixed phrase). A
pattern is words separated by spaces; a word may list alternatives separated by ``|``, and
the pattern then stands for every combination (``هدد|توعد|يهدد رد|انتقام`` is four
patterns): the loader expands them, so ``TriggerEntry.patterns`` holds plain patterns
only. A pattern matches consecutive tokens, and a word matches a
token when its matching form (``normalize(word)``) is one of ``readings(token.norm)``
(``hadath.text.clitics``): patterns are written without the proclitics و ف ب ل ك س, usually
without ال, and without pronoun suffixes. ``readings`` does not conjugate, so every verb form
is listed (قصف قصفت قصفوا قصفا يقصف تقصف يقصفون …; the undiacritized passive is the same
string). Two spellings are listed for the same reason:

* the construct stem of a noun in ة (زيارة → زيارت), because ``readings`` turns زيارته
  into زيارت, not زيارة; likewise لقاء → لقائ (لقائه) and the 3rd person plural perfect
  without its alef (قتلوا → قتلو, for قتلوه);
* the accusative of indefinite nouns (هجوما، قصفا), since the tanween alef is not a clitic.

CAMEO codes follow CAMEO2PLOVER-2021 (each file's header names its range). Where
shared/gold/GUIDELINES.md and the 2021 table disagree, the entries follow the guidelines and
keep a code of their own type: the release of prisoners is CONCEDE (080), sanctions and court
sentences are SANCTION (160; the table puts embargoes under COERCE 163 and convictions under
ACCUSE 116), a ceasefire agreed is AGREE (0356).

Negative cue file schema::

    cues:
      - id: sports
        applies_to: [ALL]            # ALL, PLOVER types, and/or trigger entry ids
        scope: sentence              # sentence | window | overlap
        window: 0                    # window scope: the cue lies within N tokens (adjacent = 1)
        side: both                   # window scope: before | after | both (default both)
        effect: cancel               # cancel, or a factor in (0, 1) multiplied into the weight
        patterns: ["مباراة", "الدوري"]

Cue patterns are written like trigger patterns (readings, ``|`` alternatives). A trigger's
``TriggerMatch.weight`` is its entry's weight times the factors of the cues that reach it.
``scope: sentence`` applies when the cue is anywhere in the tokens given to ``find`` (one
sentence); ``window`` when at most ``window - 1`` tokens separate the cue from the trigger on
the given side; ``overlap`` when the cue's tokens overlap the trigger's (a name such as
مجلس التعاون that contains a trigger word, or ال-forms such as الفجر "dawn" that hide the
verb فجر "detonated"). Cues are applied to every candidate before the longest-match
selection, so a cancelled candidate never hides another one.

Selection: among all candidate matches of a sentence, longer matches win; at equal length
the one whose first token needed fewer clitics stripped wins (بحث "discussed" over حث
"urged" inside بحث), then the higher weight. Matches with the same span from entries
flagged ``shared`` are all returned (e.g. مقاطعة: a popular boycott, PROTEST, or a state's
boycott, SANCTION), for event assembly to decide from the context.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import yaml

from hadath.text.clitics import readings
from hadath.text.normalize import normalize

TRIGGERS_DIR = Path(__file__).resolve().parents[1] / "data" / "triggers"
NEGATIVE_CUES_FILE = "negative_cues.yaml"

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# The mode tables of the PLOVER manual (draft 0.8, 2021), one per type; types without a
# table take no mode. Names are the manual's, spelled as it spells them.
PLOVER_MODES: dict[str, frozenset[str]] = {
    "AGREE": frozenset(),
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "SUPPORT": frozenset(),
    "CONCEDE": frozenset(),
    "COOPERATE": frozenset(),
    "AID": frozenset(),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
                         "withhold", "misinformation", "cyber"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                          "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                          "crowd-control", "unconventional"}),
}
POS_VALUES = frozenset({"noun", "verb", "phrase"})
CUE_SCOPES = frozenset({"sentence", "window", "overlap"})
CUE_SIDES = frozenset({"before", "after", "both"})
_ENTRY_KEYS = frozenset({"id", "mode", "cameo", "pos", "weight", "patterns", "shared", "reason"})
_REQUIRED_ENTRY_KEYS = frozenset({"id", "mode", "cameo", "pos", "weight", "patterns"})
_CUE_KEYS = frozenset({"id", "applies_to", "scope", "window", "side", "effect", "patterns"})

try:  # the C loader is several times faster; PyYAML built without libyaml lacks it
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _YamlLoader = yaml.SafeLoader


class LexiconError(ValueError):
    """A trigger or cue file breaks the schema."""


class HasNorm(Protocol):
    """A token with a matching form (``hadath.text.segment.TokenSpan``, ``schemas`` tokens)."""

    @property
    def norm(self) -> str: ...


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One lemma of the lexicon: its PLOVER type and mode, CAMEO code and surface patterns."""

    id: str
    event_type: str
    mode: str | None
    cameo: str
    pos: str
    weight: float
    patterns: tuple[str, ...]
    shared: bool = False


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found at token indices ``[first, last)`` of the tokens given to ``find``."""

    entry: TriggerEntry
    first: int
    last: int
    weight: float


@dataclass(frozen=True, slots=True)
class NegativeCue:
    """Words that cancel or down-weight triggers of some types or entries near them."""

    id: str
    applies_to: frozenset[str]
    scope: str
    window: int
    side: str
    factor: float  # 0.0 cancels
    patterns: tuple[str, ...]

    def applies(self, entry: TriggerEntry) -> bool:
        """True when this cue concerns ``entry`` (by type, by id, or ALL)."""
        targets = self.applies_to
        return "ALL" in targets or entry.event_type in targets or entry.id in targets


# The index: first word -> (owners of one-word patterns, second word -> [(all words, owner)]).
# Keying multi-word patterns on their second word too keeps the per-token work to dict lookups:
# a frequent first word (قصف، دعا، هدد) heads dozens of phrases, and most sentences continue none.
_Slot = tuple[list[int], dict[str, list[tuple[tuple[str, ...], int]]]]


def _index(patterns: Iterable[tuple[str, int]]) -> dict[str, _Slot]:
    by_first: dict[str, _Slot] = {}
    for pattern, owner in patterns:
        words = tuple(normalize(pattern).split())
        if not words:
            continue
        singles, by_second = by_first.setdefault(words[0], ([], {}))
        if len(words) == 1:
            singles.append(owner)
        else:
            by_second.setdefault(words[1], []).append((words, owner))
    return by_first


def _scan(by_first: dict[str, _Slot], token_readings: list[tuple[str, ...]]) -> list[tuple[int, int, int, int]]:
    """Every match as (first, last, owner, rank of the first token's reading), duplicates removed."""
    found: dict[tuple[int, int, int], int] = {}
    count = len(token_readings)
    for index in range(count):
        following = token_readings[index + 1] if index + 1 < count else ()
        for rank, reading in enumerate(token_readings[index]):
            slot = by_first.get(reading)
            if slot is None:
                continue
            singles, by_second = slot
            for owner in singles:
                key = (index, index + 1, owner)
                if key not in found:  # readings come most literal first: the first rank is the lowest
                    found[key] = rank
            if not by_second:
                continue
            for second in following:
                for words, owner in by_second.get(second, ()):
                    end = index + len(words)
                    if end > count or (index, end, owner) in found:
                        continue
                    if all(words[k] in token_readings[index + k] for k in range(2, len(words))):
                        found[(index, end, owner)] = rank
    return [(first, last, owner, rank) for (first, last, owner), rank in found.items()]


class TriggerLexicon:
    """The trigger entries and negative cues, indexed by the first word of each pattern."""

    def __init__(self, entries: Sequence[TriggerEntry], cues: Sequence[NegativeCue], version: str) -> None:
        self.entries: tuple[TriggerEntry, ...] = tuple(entries)
        self.cues: tuple[NegativeCue, ...] = tuple(cues)
        self.version = version
        self.by_id: dict[str, TriggerEntry] = {entry.id: entry for entry in self.entries}
        self._entry_index = _index(
            (pattern, number) for number, entry in enumerate(self.entries) for pattern in entry.patterns)
        self._cue_index = _index(
            (pattern, number) for number, cue in enumerate(self.cues) for pattern in cue.patterns)
        # Which cues concern which entry, computed once: the per-sentence loop stays small.
        self._entry_cues: tuple[frozenset[int], ...] = tuple(
            frozenset(number for number, cue in enumerate(self.cues) if cue.applies(entry))
            for entry in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, tokens: Sequence[HasNorm]) -> list[TriggerMatch]:
        """Triggers in one sentence's tokens: longest non-overlapping matches, cues applied, in text order."""
        token_readings = [trigger_readings(token.norm) for token in tokens]
        raw = _scan(self._entry_index, token_readings)
        if not raw:
            return []
        # (only a word with the article reads differently for the cues)
        cue_hits = (_scan(self._cue_index, [cue_readings(token.norm) if token.norm.startswith(_DEFINITE_HEADS)
                                            else forms for token, forms in zip(tokens, token_readings, strict=True)])
                    if self._cue_index else [])
        candidates: list[tuple[int, int, int, int, float]] = []
        for first, last, number, rank in raw:
            weight = self._cued_weight(number, first, last, cue_hits)
            if weight > 0.0:
                candidates.append((first, last, number, rank, weight))
        return self._select(candidates)

    def _cued_weight(self, number: int, first: int, last: int,
                     cue_hits: list[tuple[int, int, int, int]]) -> float:
        weight = self.entries[number].weight
        relevant = self._entry_cues[number]
        if not relevant or not cue_hits:
            return weight
        for cue_first, cue_last, cue_number, _ in cue_hits:
            if cue_number not in relevant:
                continue
            cue = self.cues[cue_number]
            if _cue_reaches(cue, cue_first, cue_last, first, last):
                if cue.factor == 0.0:
                    return 0.0
                weight *= cue.factor
        return weight

    def _select(self, candidates: list[tuple[int, int, int, int, float]]) -> list[TriggerMatch]:
        # Longest first; then the more literal reading of the first token; then the weight.
        candidates.sort(key=lambda c: (c[0] - c[1], c[3], -c[4], c[0]))
        taken: list[tuple[int, int, int, int, float]] = []
        for candidate in candidates:
            first, last, number, rank, _ = candidate
            entry = self.entries[number]
            clash = False
            for other in taken:
                if first < other[1] and other[0] < last:
                    same_span = (first, last, rank) == (other[0], other[1], other[3])
                    if not (same_span and entry.shared and self.entries[other[2]].shared):
                        clash = True
                        break
            if not clash:
                taken.append(candidate)
        taken.sort(key=lambda c: (c[0], c[1]))
        return [TriggerMatch(self.entries[c[2]], c[0], c[1], round(c[4], 4)) for c in taken]


_DEFINITE_HEADS = ("ال", "وال", "فال", "بال", "وبال", "فبال", "كال", "وكال", "لل", "ولل", "فلل")


@lru_cache(maxsize=200_000)
def cue_readings(token: str) -> tuple[str, ...]:
    """``readings`` for the negative cues, with no pronoun stripped off a word with the article:
    ال and a possessive never go together, so the final ه of "الدورية" (the patrol; ة is matched
    as ه) is no pronoun, and the cue "الدوري" (the league) must not match it, nor "طريق" the
    word "الطريقة" (the manner). (A word whose first letters are ال, إلقائه, loses its pronoun
    reading here: cues name no such word.)"""
    forms = readings(token)
    if not token.startswith(_DEFINITE_HEADS):
        return forms
    return tuple(form for form in forms
                 if token.endswith(form) or (form.startswith("ال") and token.endswith(form[2:])))


@lru_cache(maxsize=200_000)
def trigger_readings(token: str) -> tuple[str, ...]:
    """``readings`` for the trigger entries: a word with the article takes no pronoun, so its final
    ه is its taa marbuta and no bare stem is read off it ("العذبة" sweet is not عذب tortured + ه,
    "القتلة" the killers not قتل, "الطالبة" the student not طالب). A stem that keeps ال stays: the
    entries are written without the article, so one of theirs that starts with ال has it as root
    letters (إلغائه → الغاء، التزامه → التزام)."""
    forms = readings(token)
    if len(forms) < 4 or not token.startswith(_DEFINITE_HEADS):
        return forms
    return tuple(form for form in forms
                 if form.startswith("ال") or token.endswith(form))


def _cue_reaches(cue: NegativeCue, cue_first: int, cue_last: int, first: int, last: int) -> bool:
    if cue.scope == "sentence":
        return True
    overlaps = cue_first < last and first < cue_last
    if cue.scope == "overlap":
        return overlaps
    if overlaps:
        return False  # a window cue is about the words around a trigger, not inside it
    if cue_first >= last:  # the cue follows the trigger
        return cue.side != "before" and cue_first - last < cue.window
    return cue.side != "after" and first - cue_last < cue.window


def quad_class(cameo: str) -> int:
    """GDELT's quad class of a CAMEO code: 1 verbal/2 material cooperation, 3 verbal/4 material conflict."""
    if len(cameo) < 2 or not cameo.isdigit():
        raise ValueError(f"not a CAMEO code: {cameo!r}")
    root = int(cameo[:2])
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 9:
        return 2
    if 10 <= root <= 14:
        return 3
    if 15 <= root <= 20:
        return 4
    raise ValueError(f"CAMEO root out of range 01-20: {cameo!r}")


# ---------------------------------------------------------------------------------------------
# Loading and validation


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)
    except yaml.YAMLError as error:
        raise LexiconError(f"{path.name}: not valid YAML: {error}") from error


MAX_EXPANSION = 5000  # alternations of one pattern; more is a typo, not a lexicon


def expand_pattern(pattern: str) -> list[str]:
    """The plain patterns an alternation pattern stands for (``a|b c`` → ``a c``, ``b c``)."""
    slots = [word.split("|") for word in pattern.split()]
    if any(not alternative for slot in slots for alternative in slot):
        raise ValueError(f"empty alternative in {pattern!r}")
    count = 1
    for slot in slots:
        count *= len(slot)
    if count > MAX_EXPANSION:
        raise ValueError(f"{pattern!r} expands to {count} patterns (limit {MAX_EXPANSION})")
    return [" ".join(words) for words in itertools.product(*slots)]


def _patterns(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{where}: patterns must be a non-empty list")
    patterns: dict[str, None] = {}
    for pattern in value:
        if not isinstance(pattern, str) or not normalize(pattern.replace("|", " ")):
            raise LexiconError(f"{where}: empty or non-string pattern {pattern!r}")
        try:
            patterns.update(dict.fromkeys(expand_pattern(pattern)))
        except ValueError as error:
            raise LexiconError(f"{where}: {error}") from error
    return tuple(patterns)


def _entry(path: Path, event_type: str, raw: Any) -> TriggerEntry:
    if not isinstance(raw, dict):
        raise LexiconError(f"{path.name}: an entry is not a mapping: {raw!r}")
    where = f"{path.name}: {raw.get('id', '?')}"
    missing = _REQUIRED_ENTRY_KEYS - raw.keys()
    unknown = raw.keys() - _ENTRY_KEYS
    if missing or unknown:
        raise LexiconError(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    entry_id, mode, cameo, pos, weight = raw["id"], raw["mode"], raw["cameo"], raw["pos"], raw["weight"]
    if not isinstance(entry_id, str) or not entry_id.startswith(event_type.lower() + "."):
        raise LexiconError(f"{where}: id must start with '{event_type.lower()}.'")
    if mode is not None and mode not in PLOVER_MODES[event_type]:
        raise LexiconError(f"{where}: {mode!r} is not a PLOVER mode of {event_type}")
    if not isinstance(cameo, str) or not cameo.isdigit() or not 2 <= len(cameo) <= 4:
        raise LexiconError(f"{where}: cameo must be a string of 2-4 digits, got {cameo!r}")
    if pos not in POS_VALUES:
        raise LexiconError(f"{where}: pos must be one of {sorted(POS_VALUES)}")
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0.0 < weight <= 1.0:
        raise LexiconError(f"{where}: weight must be a number in (0, 1]")
    shared = raw.get("shared", False)
    if not isinstance(shared, bool) or (shared and not str(raw.get("reason", "")).strip()):
        raise LexiconError(f"{where}: shared must be a boolean, and needs a reason")
    patterns = _patterns(where, raw["patterns"])
    return TriggerEntry(entry_id, event_type, mode, cameo, pos, float(weight), patterns, shared)


def _cue(path: Path, raw: Any, known: set[str]) -> NegativeCue:
    if not isinstance(raw, dict):
        raise LexiconError(f"{path.name}: a cue is not a mapping: {raw!r}")
    where = f"{path.name}: {raw.get('id', '?')}"
    unknown = raw.keys() - _CUE_KEYS
    missing = {"id", "applies_to", "scope", "effect", "patterns"} - raw.keys()
    if missing or unknown:
        raise LexiconError(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    applies_to = raw["applies_to"]
    if not isinstance(applies_to, list) or not applies_to:
        raise LexiconError(f"{where}: applies_to must be a non-empty list")
    bad = [t for t in applies_to if t != "ALL" and t not in EVENT_TYPES and t not in known]
    if bad:
        raise LexiconError(f"{where}: applies_to names no type or entry: {bad}")
    scope, window, side = raw["scope"], raw.get("window", 0), raw.get("side", "both")
    if scope not in CUE_SCOPES or side not in CUE_SIDES:
        raise LexiconError(f"{where}: scope must be one of {sorted(CUE_SCOPES)}, "
                           f"side one of {sorted(CUE_SIDES)}")
    if not isinstance(window, int) or window < 0 or (scope == "window") != (window > 0):
        raise LexiconError(f"{where}: window must be a positive integer exactly when scope is window")
    effect = raw["effect"]
    if effect == "cancel":
        factor = 0.0
    elif isinstance(effect, int | float) and not isinstance(effect, bool) and 0.0 < effect < 1.0:
        factor = float(effect)
    else:
        raise LexiconError(f"{where}: effect must be 'cancel' or a factor in (0, 1)")
    return NegativeCue(raw["id"], frozenset(applies_to), scope, window, side, factor,
                       _patterns(where, raw["patterns"]))


def read_lexicon(directory: Path) -> TriggerLexicon:
    """Read and validate every trigger file and the negative cues of ``directory`` (no cache)."""
    digest = hashlib.sha256()
    entries: list[TriggerEntry] = []
    seen: set[str] = set()
    type_files = sorted(p for p in directory.glob("*.yaml") if p.name != NEGATIVE_CUES_FILE)
    for path in type_files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        data = _load_yaml(path)
        if not isinstance(data, dict) or set(data) != {"type", "entries"}:
            raise LexiconError(f"{path.name}: expected exactly the keys 'type' and 'entries'")
        event_type = data["type"]
        if event_type not in EVENT_TYPES or path.stem != str(event_type).lower():
            raise LexiconError(f"{path.name}: type {event_type!r} is not the PLOVER type its file name says")
        if not isinstance(data["entries"], list):
            raise LexiconError(f"{path.name}: entries must be a list")
        for raw in data["entries"]:
            entry = _entry(path, event_type, raw)
            if entry.id in seen:
                raise LexiconError(f"{path.name}: duplicate id {entry.id}")
            seen.add(entry.id)
            entries.append(entry)
    cues: list[NegativeCue] = []
    cue_path = directory / NEGATIVE_CUES_FILE
    if cue_path.exists():
        digest.update(cue_path.name.encode() + b"\0" + cue_path.read_bytes())
        data = _load_yaml(cue_path)
        if not isinstance(data, dict) or not isinstance(data.get("cues"), list):
            raise LexiconError(f"{cue_path.name}: expected a 'cues' list")
        cue_ids: set[str] = set()
        for raw in data["cues"]:
            cue = _cue(cue_path, raw, seen)
            if cue.id in cue_ids:
                raise LexiconError(f"{cue_path.name}: duplicate cue id {cue.id}")
            cue_ids.add(cue.id)
            cues.append(cue)
    if not entries:
        raise LexiconError(f"{directory}: no trigger files")
    return TriggerLexicon(entries, cues, digest.hexdigest()[:12])


@lru_cache(maxsize=8)
def _cached(directory: Path) -> TriggerLexicon:
    return read_lexicon(directory)


def load_lexicon(directory: Path | None = None) -> TriggerLexicon:
    """The trigger lexicon of ``directory`` (default: the package data), loaded once per process."""
    return _cached((directory or TRIGGERS_DIR).resolve())
