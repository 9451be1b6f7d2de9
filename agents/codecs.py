"""The merge table's value codec: JSON that keeps every integer exact.

Faust encodes table values and changelog records with orjson when it is installed (it is: a
dependency, for speed). orjson refuses integers past 64 bits and reads them back as floats, so a
casualty count of 10**30 in an article made the table write fail (a dead letter) and would have
changed the number on a read. This codec encodes with orjson and falls back to the standard
library for what orjson refuses; it decodes with the standard library, which is exact.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from faust.serializers import codecs

EXACT_JSON = "hadath_exact_json"


class ExactJson(codecs.Codec):
    """orjson's speed for encoding, the standard library's exactness where orjson has none."""

    def _dumps(self, obj: Any) -> bytes:
        try:
            return orjson.dumps(obj)
        except TypeError:  # an integer past 64 bits (orjson.JSONEncodeError is a TypeError)
            return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()

    def _loads(self, s: bytes) -> Any:
        return json.loads(s)


def register_exact_json() -> str:
    """Register the codec with Faust (idempotent); its name, for a table's ``value_serializer``."""
    codecs.register(EXACT_JSON, ExactJson())
    return EXACT_JSON
