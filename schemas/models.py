"""Pydantic models of the messages on each topic.

Offsets are Python string indices (code points) into the raw article ``text``; every span
satisfies ``text == article.text[start:end]``. Each model carries ``schema_version`` so a
subscriber can tell which contract a record follows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
Modality = Literal["asserted", "claimed", "denied", "planned", "hypothetical"]
ActorKind = Literal[
    "state", "government", "military", "police", "armed_group", "party", "organisation",
    "person", "civilians", "media",
]  # fmt: skip
PlacePrecision = Literal["point", "city", "admin1", "region", "country"]
DatePrecision = Literal["day", "month", "year", "publication"]


class _Contract(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Contract):
    """A piece of the raw article text: ``text == article.text[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Participant(Span):
    """An actor, target or source: its words in the text and who it is."""

    name: str = Field(description="canonical name")
    kind: ActorKind | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3")


class Place(Span):
    """Where an event happened, geocoded where the gazetteer knows the place.

    A country known from the article but named nowhere near the event (a court acting at home,
    the article's country) has an empty span at the trigger: ``text == ""``, ``start == end``.
    """

    name: str
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3")
    admin1: str | None = Field(default=None, description="ISO 3166-2 code or name")
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None


class When(_Contract):
    """When an event happened: the words that say so (or none) and the resolved date."""

    text: str | None = None
    start: int | None = None
    end: int | None = None
    value: str | None = Field(default=None, description="YYYY-MM-DD, YYYY-MM or YYYY")
    precision: DatePrecision = "publication"


class Article(_Contract):
    """A raw news article, as producers write it to ``articles.raw``."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    schema_version: Literal[1] = 1
    id: str = Field(min_length=1, max_length=512)
    text: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="outlet")
    published_at: datetime | None = None
    language: str | None = None

    @field_validator("published_at", mode="before")
    @classmethod
    def _date_only_means_midnight(cls, value: object) -> object:
        if isinstance(value, str) and len(value) == 10:
            return value + "T00:00:00"
        return value


class Token(NamedTuple):
    """A token: raw offsets and its matching form, on the wire as ``[start, end, norm]``.

    A tuple, not an object: an article has thousands of tokens, and arrays keep both the
    message and its validation small.
    """

    start: int
    end: int
    norm: str


class Sentence(_Contract):
    """A sentence: raw offsets and tokens."""

    start: int
    end: int
    tokens: list[Token]


class NormalizedArticle(_Contract):
    """An article after ``normalize``: validated, segmented, with matching forms of its tokens."""

    schema_version: Literal[1] = 1
    article: Article
    published_at: datetime = Field(description="the article's date, or the ingest time")
    published_at_is_ingest_time: bool = False
    sentences: list[Sentence]


class _EventFields(_Contract):
    event_type: PloverType
    mode: str | None = None
    cameo: str = Field(description="CAMEO root code")
    quad_class: int = Field(ge=1, le=4)
    trigger: Span
    evidence: Span
    actor: Participant | None = None
    target: Participant | None = None
    location: Place | None = None
    date: When = When()
    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    modality: Modality = "asserted"
    source: Participant | None = None
    confidence: float = Field(ge=0, le=1)
    extractor: str


class EventCandidate(_EventFields):
    """One event as the extract stage found it in one article."""

    schema_version: Literal[1] = 1
    article_id: str
    outlet: str | None = None
    published_at: datetime
    index: int = Field(ge=0, description="position of the candidate in its article")


class Event(_EventFields):
    """One real-world event, as published on ``events``; spans point into ``article_ids[0]``."""

    schema_version: Literal[1] = 1
    event_id: str
    fingerprint: str
    article_ids: list[str] = Field(min_length=1)
    outlets: list[str] = Field(default_factory=list)
    corroboration: int = Field(ge=1, description="number of distinct outlets reporting it")


class DeadLetter(_Contract):
    """A message a stage could not process, with why, where it came from and its bytes."""

    schema_version: Literal[1] = 1
    stage: str
    reason: str = Field(description="short machine-readable cause, e.g. not_json, schema")
    error_class: str
    error_message: str
    original_base64: str
    original_truncated: bool = Field(default=False, description="the copy of the original is cut short "
                                     "(too large to travel whole); the original is at topic/partition/offset")
    original_key_base64: str | None = None
    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    failed_at: datetime
