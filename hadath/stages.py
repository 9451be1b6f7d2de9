"""The pipeline's stages as pure functions, and their byte-level message handlers.

``normalize(article) -> NormalizedArticle``, ``extract(doc) -> list[EventCandidate]`` and
``resolve(candidate, state) -> Event`` are the stage entry points. The ``*_message``
handlers take a message value as it arrives on a topic (bytes), validate it, run the stage
and return ``(key, record)`` pairs to publish; any failure raises, and the caller (a Faust
agent, or the embedded runner) turns the exception into a dead letter.
"""

from __future__ import annotations

import gc
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
from schemas.models import Sentence, Token

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


def validate_json(model: type[ModelT], value: bytes) -> ModelT:
    """``model`` from a JSON message value, with the dead-letter reasons of ``_json`` + ``validate_record``.

    pydantic parses and validates the bytes in one pass, with no Python dict in between (the
    normalized article's thousands of tokens made ``json.loads`` + ``model_validate`` cost about
    a tenth of the worker). Its parser is stricter than ``json.loads`` (integers past 64 bits,
    NaN, nesting deeper than 200), so a value it refuses is read again the old way: a message
    accepted before is accepted now, and a refused one gets the same reason and message.
    """
    try:
        return model.model_validate_json(value)
    except ValidationError:
        return validate_record(model, _json(value))


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
    # Built from already-typed parts without re-validating them: validating the thousands of
    # token tuples just made cost as much as tokenizing. Every reader of the record validates it
    # (extract_message; tests check this output passes), so the contract is still enforced.
    # tuple.__new__ is Token(...) without the Python-level __new__ a NamedTuple has: ~40 % less
    # per token, and an article has thousands.
    make_token = tuple.__new__
    sentences = [
        Sentence.model_construct(start=sentence.start, end=sentence.end,
                                 tokens=[make_token(Token, (t.start, t.end, t.norm)) for t in sentence.tokens])
        for sentence in split_sentences(normalize_text(article.text))
    ]
    published_at = article.published_at
    return NormalizedArticle.model_construct(
        article=article,
        published_at=published_at or received_at or datetime.now(UTC),
        published_at_is_ingest_time=published_at is None,
        sentences=sentences,
    )


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
    doc = validate_json(NormalizedArticle, value)
    return [(merge_key(candidate), candidate) for candidate in extract(doc)]


def resolve_message(
    value: bytes, state: MutableMapping[str, dict], tolerance_days: int = 1
) -> list[tuple[str, Event]]:
    """``events.candidates`` bytes → ``[(event id, Event)]``."""
    event = resolve(validate_json(EventCandidate, value), state, tolerance_days)
    return [(event.event_id, event)]


def identity_message(value: bytes) -> list[tuple[str, bytes]]:
    """Bench-only stand-in for a stage: forwards the bytes unchanged (measures Faust's own cost)."""
    return [("", value)]


def _json(value: bytes) -> object:
    try:
        return json.loads(value)
    except (UnicodeDecodeError, *UNPARSEABLE) as error:
        raise BadInputError("not_json", f"not JSON: {type(error).__name__}: {error}") from error


# A short report that takes every step of extraction (trigger, casualties, actor, target, place,
# date, source), so one pass through the stages loads every lexicon and the gazetteer.
WARM_UP_TEXT = ("قتل ثلاثة مدنيين وأصيب خمسة آخرون في غارة جوية شنها الجيش السوري على مدينة إدلب يوم "
                "الاثنين 5 آذار 2021، بحسب ما أعلنت وزارة الدفاع الأميركية.")


def warm_up() -> int:
    """Run the three stages once on a built-in article (throwaway merge state); the events made.

    Lexicons, dictionaries and the gazetteer load on first use, about half a second: a worker
    calls this at start so its first message does not pay for it.
    """
    article = Article(id="warm-up", text=WARM_UP_TEXT, published_at=datetime(2021, 3, 6))
    state: dict[str, dict] = {}
    return len([resolve(candidate, state) for candidate in extract(normalize(article))])


def freeze_loaded_knowledge() -> None:
    """Put every object alive now out of the garbage collector's reach, for the process's life.

    Call it once, in a process's entry point, after :func:`warm_up`. By then the lexicons,
    dictionaries and gazetteer are loaded, and they never die. Each full collection would
    otherwise walk them again. Measured: +7 % articles per CPU-second (bench/README.md, Session 4).
    """
    gc.collect()
    gc.freeze()
