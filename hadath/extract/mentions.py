"""Participant mentions of a sentence: who could be an actor, a target or a source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hadath.extract.actors import ActorDictionary
from hadath.text.phrases import HasNorm

# A state name after these words is a place ("في العراق"), not a participant.
PLACE_PREPOSITIONS = frozenset({"في", "من", "الى", "داخل", "قرب", "شمال", "جنوب", "شرق", "غرب", "وسط",
                                "انحاء", "مدن", "محافظات", "اراضي"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A participant found at token indices ``[first, last)``."""

    first: int
    last: int
    name: str
    kind: str | None
    country: str | None


def mentions_of_sentence(tokens: Sequence[HasNorm], actors: ActorDictionary) -> list[Mention]:
    """Dictionary actors of one sentence, without states used as places."""
    found = []
    for match in actors.find(tokens):
        entry = match.entry
        if entry.kind == "state" and _used_as_place(tokens, match.first):
            continue
        found.append(Mention(match.first, match.last, entry.name, entry.kind, entry.country))
    return found


def _used_as_place(tokens: Sequence[HasNorm], first: int) -> bool:
    token = tokens[first].norm
    if token.startswith(("بال", "وبال", "فبال", "لل")) and len(token) > 5:
        return True  # بالعراق: "in Iraq"
    return first > 0 and tokens[first - 1].norm in PLACE_PREPOSITIONS
