"""Wire contracts: one pydantic v2 model per topic (see ``schemas.models``)."""

from schemas.models import (
    PLOVER_TYPES,
    Article,
    DeadLetter,
    Event,
    EventCandidate,
    NormalizedArticle,
    Participant,
    Place,
    Span,
    When,
)

__all__ = [
    "PLOVER_TYPES",
    "Article",
    "DeadLetter",
    "Event",
    "EventCandidate",
    "NormalizedArticle",
    "Participant",
    "Place",
    "Span",
    "When",
]
