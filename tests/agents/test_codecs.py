"""The merge table's codec keeps integers exact where Faust's orjson-backed json codec can't."""

from __future__ import annotations

import json

import pytest

from agents.app import app, merge_table
from agents.codecs import EXACT_JSON, ExactJson

BIG = 10**30  # "قتل 1000000000000000000000000000000 شخص": a fuzzed or garbled count


def test_faust_json_codec_refuses_integers_past_64_bits() -> None:
    # The reason for ExactJson: with orjson installed, Faust's own json codec fails on them.
    with pytest.raises(TypeError):
        app.serializers.dumps_value(None, {"killed": BIG}, serializer="json")


def test_big_integers_round_trip_exactly() -> None:
    value = {"events": [{"fields": {"killed": BIG, "injured": 2**64 + 1, "name": "حلب"}}]}
    encoded = ExactJson().dumps(value)
    assert ExactJson().loads(encoded) == value
    assert json.loads(encoded) == value


def test_ordinary_values_are_what_orjson_writes() -> None:
    value = {"events": [{"day": "2021-02-26", "members": ["ev-1"], "fields": {"killed": 17, "name": "سوريا"}}]}
    encoded = ExactJson().dumps(value)
    assert encoded == json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
    assert ExactJson().loads(encoded) == value


def test_the_merge_table_store_and_changelog_use_it() -> None:
    assert merge_table.value_serializer == EXACT_JSON
    encoded = app.serializers.dumps_value(None, {"killed": BIG}, serializer=merge_table.value_serializer)
    assert app.serializers.loads_value(None, encoded, serializer=merge_table.value_serializer) == {"killed": BIG}
