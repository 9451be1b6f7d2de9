"""Arabic named-entity recognition (PERS, LOC, ORG, MISC; IOB2), trained on ANERcorp.

``tag_tokens`` tags raw token strings and ``entities`` gives the entity spans of pipeline
tokens (``hadath.text.segment.TokenSpan``), ``entities_in_document`` those of every sentence
of an article at once (a second, document-level pass: names found elsewhere in the article);
all use the CRF model shipped in ``hadath/data/ner/``, loaded once per process on first use. ``hadath.ner.camel`` offers
the same API over camel-tools' BERT model where its data is installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hadath.text.segment import TokenSpan

__all__ = ["entities", "entities_in_document", "tag_tokens"]


def tag_tokens(tokens: Sequence[str]) -> list[str]:
    """IOB2 tags for raw token strings (see :func:`hadath.ner.model.tag_tokens`)."""
    from hadath.ner.model import tag_tokens as tag

    return tag(tokens)


def entities(tokens: Sequence[TokenSpan]) -> list[tuple[int, int, str]]:
    """Entity spans ``(first, last + 1, type)`` of pipeline tokens (see :func:`hadath.ner.model.entities`)."""
    from hadath.ner.model import entities as find

    return find(tokens)


def entities_in_document(sentences: Sequence[Sequence[TokenSpan]]) -> list[list[tuple[int, int, str]]]:
    """Entity spans of each sentence of one article (see :func:`hadath.ner.model.entities_in_document`)."""
    from hadath.ner.model import entities_in_document as find

    return find(sentences)
