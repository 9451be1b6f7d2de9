"""The pipeline's stages as pure functions, and their byte-level message handlers.

``normalize(article) -> NormalizedArticle``, ``extract(doc) -> list[EventCandidate]`` and
``resolve(candidate, state) -> Event`` are the stage entry points. The ``*_message``
handlers take a message value as it arrives on a topic (bytes), validate it, run the stage
and return ``(key, record)`` pairs to publish; any failure raises, and the caller (a Faust
agent, or the embedded runner) turns the exception into a dead letter.
"""

from __future__ import annotations

import json
from collections.abc import MutableMapping
from datetime import UTC, datetime
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from hadath.errors import BadInputError
from hadath.extract.events import extract_events
from hadath.resolve.merge import MergeState, merge_candidate, merge_key
from hadath.text.normalize import has_arabic, normalize_text
from hadath.text.segment import split_sentences
from schemas import Article, Event, EventCandidate, NormalizedArticle

ModelT = TypeVar("ModelT", bound=BaseModel)
# json.loads raises ValueError beyond JSONDecodeError (an integer of more than 4,300 digits) and
# RecursionError on deeply nested arrays: all of them mean the bytes are not usable JSON.
UNPARSEABLE = (ValueError, RecursionError)


def parse_article(value: bytes, max_bytes: int) -> Article:
    """Validate raw ``articles.raw`` bytes into an Article (BadInputError on any problem)."""
    if len(value) > max_bytes:
        raise BadInputError("too_large", f"message of {len(value)} bytes exceeds the limit of {max_bytes}")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInputError("not_utf8", f"not UTF-8: {error}") from error
    try:
        payload = json.loads(text)
    except UNPARSEABLE as error:
        raise BadInputError("not_json", f"not JSON: {type(error).__name__}: {error}") from error
    return validate_record(Article, payload)


def validate_record(model: type[ModelT], payload: object) -> ModelT:
    """``model.model_validate(payload)`` with schema errors turned into BadInputError("schema")."""
    if not isinstance(payload, dict):
        raise BadInputError("schema", f"expected a JSON object, got {type(payload).__name__}")
    try:
        return model.model_validate(payload)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in error.errors()[:5]
        )
        raise BadInputError("schema", f"{model.__name__} schema: {problems}") from error


def normalize(article: Article, received_at: datetime | None = None) -> NormalizedArticle:
    """Validate the text, segment it and keep the matching form of each token."""
    if not has_arabic(article.text):
        raise BadInputError("no_arabic", f"article {article.id!r} has no Arabic text")
    normalized = normalize_text(article.text)
    sentences = [
        {"start": sentence.start, "end": sentence.end,
         "tokens": [(t.start, t.end, t.norm) for t in sentence.tokens]}
        for sentence in split_sentences(normalized)
    ]
    published_at = article.published_at
    return NormalizedArticle.model_validate({
        "article": article,
        "published_at": published_at or received_at or datetime.now(UTC),
        "published_at_is_ingest_time": published_at is None,
        "sentences": sentences,
    })


class InconsistentOffsetsError(ValueError):
    """A normalized article whose token offsets don't fit its text: spans would be garbage."""


def extract(doc: NormalizedArticle) -> list[EventCandidate]:
    """Event candidates of one normalized article."""
    _check_offsets(doc)
    return extract_events(doc)


def _check_offsets(doc: NormalizedArticle) -> None:
    length = len(doc.article.text)
    for sentence in doc.sentences:
        for token in sentence.tokens:
            if not 0 <= token.start < token.end <= length:
                raise InconsistentOffsetsError(
                    f"token [{token.start}, {token.end}) lies outside the article text (length {length})")


def resolve(candidate: EventCandidate, state: MutableMapping[str, dict], tolerance_days: int = 1) -> Event:
    """Canonicalize and merge one candidate into ``state``; the Event to (re)publish."""
    return merge_candidate(candidate, MergeState(state, tolerance_days))


def normalize_message(value: bytes, max_bytes: int) -> list[tuple[str, NormalizedArticle]]:
    """``articles.raw`` bytes → ``[(article id, NormalizedArticle)]``."""
    doc = normalize(parse_article(value, max_bytes))
    return [(doc.article.id, doc)]


def extract_message(value: bytes) -> list[tuple[str, EventCandidate]]:
    """``articles.normalized`` bytes → ``[(merge key, EventCandidate), …]``.

    Keying candidates by their merge key puts every report of one event on one partition,
    beside the merge-table partition that holds it.
    """
    doc = validate_record(NormalizedArticle, _json(value))
    return [(merge_key(candidate), candidate) for candidate in extract(doc)]


def resolve_message(
    value: bytes, state: MutableMapping[str, dict], tolerance_days: int = 1
) -> list[tuple[str, Event]]:
    """``events.candidates`` bytes → ``[(event id, Event)]``."""
    event = resolve(validate_record(EventCandidate, _json(value)), state, tolerance_days)
    return [(event.event_id, event)]


def identity_message(value: bytes) -> list[tuple[str, bytes]]:
    """Bench-only stand-in for a stage: forwards the bytes unchanged (measures Faust's own cost)."""
    return [("", value)]


def _json(value: bytes) -> object:
    try:
        return json.loads(value)
    except (UnicodeDecodeError, *UNPARSEABLE) as error:
        raise BadInputError("not_json", f"not JSON: {type(error).__name__}: {error}") from error
