"""The outlet → country table (hadath/data/places/outlets.yaml) and its use as a place prior."""

from __future__ import annotations

import pytest

from hadath.resolve.outlets import OUTLETS_PATH, OutletDataError, load_outlets


def test_an_outlet_is_found_by_its_id_or_its_domain() -> None:
    outlets = load_outlets()
    assert outlets.country("was") == "SAU"
    assert outlets.country(None, "http://www.al-madina.com/node/620812/x.html") == "SAU"
    assert outlets.country("unknown", "https://arabic.sputniknews.com/20210227/a.html") == "RUS"


def test_an_unknown_outlet_has_no_country() -> None:
    assert load_outlets().country("some-blog", "https://example.org/post") is None
    assert load_outlets().country(None, None) is None


def test_every_saudinewsnet_outlet_is_listed() -> None:
    ids = {"alriyadh", "aljazirah", "alyaum", "aawsat", "aleqtisadiya", "okaz", "alwatan", "alweeam",
           "3alyoum", "almadina", "sabq", "was", "arreyadi", "arriyadiyah"}
    assert ids <= set(load_outlets().by_id)


def test_a_malformed_outlet_file_is_refused(tmp_path) -> None:
    bad = tmp_path / "outlets.yaml"
    bad.write_text("outlets:\n  - {id: x, name: X, country: Saudi, domains: []}\n", encoding="utf-8")
    with pytest.raises(OutletDataError):
        load_outlets(bad)
    assert OUTLETS_PATH.exists()
