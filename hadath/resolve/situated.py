"""Which statement-like events happen in a place: proceedings of courts, prosecutors, parliaments,
and the acts of bodies that only ever act at home.

Data: ``hadath/data/places/situated.yaml`` (a list of trigger entry ids). A statement has no
place unless one is stated for it (GUIDELINES); a trial or an indictment is held in a country's
institutions, so it takes a place as a material event does.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from hadath.text.normalize import normalize

SITUATED_PATH = Path(__file__).resolve().parent.parent / "data" / "places" / "situated.yaml"


class SituatedDataError(ValueError):
    """The situated-entries file breaks its schema."""


@lru_cache(maxsize=4)
def load_situated(path: Path = SITUATED_PATH) -> frozenset[str]:
    """Trigger entry ids of proceedings that happen somewhere (cached)."""
    return _load_list(path, "situated_entries", "entry ids")


HOME_BODIES_PATH = SITUATED_PATH.with_name("home_bodies.yaml")


@lru_cache(maxsize=4)
def load_home_bodies(path: Path = HOME_BODIES_PATH) -> frozenset[str]:
    """Actor entry names of bodies that act only at home (courts, prosecutors, parliaments; cached)."""
    return _load_list(path, "home_bodies", "actor names")


RESIDENCE_PATH = SITUATED_PATH.with_name("residence.yaml")


@lru_cache(maxsize=4)
def load_residence_words(path: Path = RESIDENCE_PATH) -> frozenset[str]:
    """Words before a place that make it where someone lives or comes from (سكان، ينحدر), in
    matching form (normalized; cached)."""
    return frozenset(normalize(word) for word in _load_list(path, "residence_words", "words"))


def _load_list(path: Path, key: str, what: str) -> frozenset[str]:
    """The non-empty strings listed under ``key`` in the YAML mapping at ``path``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
        raise SituatedDataError(f"{path}: expected a mapping with a '{key}' list of {what}")
    return frozenset(items)
