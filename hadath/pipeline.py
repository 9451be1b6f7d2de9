"""The three stages chained in memory: the embedded mode (``hadath extract``) and evaluation.

The functions are the ones the Faust agents run; only the transport differs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from hadath.stages import BadInputError, extract, normalize, resolve, validate_record
from schemas import Article, Event


@dataclass(frozen=True, slots=True)
class InputError:
    """An input record that could not be read as an Article."""

    where: str
    error: BadInputError


def articles_from_text(name: str, text: str) -> Iterator[Article | InputError]:
    """Articles from one input: JSONL of Article records, or a whole plain-text article.

    A ``.jsonl``/``.json`` name, or text whose first non-blank character is ``{``, is read as
    JSONL; anything else is one article whose id is the file name without its extension.
    """
    stripped = text.lstrip()
    if name.endswith((".jsonl", ".json")) or stripped.startswith("{"):
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield _article_from_json_line(f"{name}:{number}", line)
        return
    article_id = Path(name).stem if name != "-" else "stdin"
    try:
        yield validate_record(Article, {"id": article_id, "text": text})
    except BadInputError as error:
        yield InputError(name, error)


def _article_from_json_line(where: str, line: str) -> Article | InputError:
    try:
        payload = json.loads(line)
    except json.JSONDecodeError as error:
        return InputError(where, BadInputError("not_json", f"not JSON: {error}"))
    if isinstance(payload, dict) and "published_at" not in payload and payload.get("date_extracted"):
        # SaudiNewsNet-style records carry their crawl time instead of a publication date.
        payload = payload | {"published_at": str(payload["date_extracted"])[:10]}
    try:
        return validate_record(Article, payload)
    except BadInputError as error:
        return InputError(where, error)


def read_inputs(paths: Iterable[str], stdin: TextIO) -> Iterator[Article | InputError]:
    """Articles from files (or ``-`` for standard input), in order."""
    for path in paths:
        if path == "-":
            yield from articles_from_text("-", stdin.read())
            continue
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            yield InputError(path, BadInputError("unreadable", f"cannot read {path}: {error}"))
            continue
        yield from articles_from_text(path, text)


def run_article(article: Article, state: MutableMapping[str, dict], tolerance_days: int = 1) -> list[Event]:
    """normalize → extract → resolve for one article; the records the stream would publish."""
    doc = normalize(article)
    return [resolve(candidate, state, tolerance_days) for candidate in extract(doc)]


def extract_article(article: Article) -> list[Event]:
    """The events of one article on its own (no merging with other articles): for evaluation."""
    return run_article(article, {})
