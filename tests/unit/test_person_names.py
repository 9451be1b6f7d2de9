"""Integrity of the argument data files: person-name words and situated trigger entries."""

from __future__ import annotations

from collections import Counter

import yaml

from hadath.extract.actors import NAMES_PATH, load_person_names
from hadath.extract.triggers import load_lexicon
from hadath.resolve.situated import SITUATED_PATH, load_situated
from hadath.text.normalize import has_arabic, normalize


def test_person_name_lists_load_and_hold_single_arabic_words() -> None:
    names = load_person_names()
    assert len(names.given_names) > 200
    assert all(has_arabic(word) and " " not in word for word in names.given_names | names.links)
    assert (normalize("الشيخ"),) in names.honorifics
    assert tuple(normalize("آية الله").split()) in names.honorifics
    assert names.is_given_name("عبداللطيف")  # a compound of عبد need not be listed


def test_person_name_lists_have_no_duplicates() -> None:
    data = yaml.safe_load(NAMES_PATH.read_text(encoding="utf-8"))
    for key in ("honorifics", "given_names", "links"):
        repeated = [word for word, count in Counter(data[key]).items() if count > 1]
        assert not repeated, (key, repeated)


def test_situated_entries_exist_in_the_trigger_lexicon() -> None:
    ids = load_situated()
    assert ids, SITUATED_PATH
    known = set(load_lexicon().by_id)
    assert ids <= known, sorted(ids - known)
    assert "accuse.trial" in ids and "accuse.condemn" not in ids


def test_role_cue_lists_load_in_matching_form() -> None:
    from hadath.extract.roles import ROLE_CUES_PATH, load_role_cues

    cues = load_role_cues()
    assert normalize("لإغاثة") in cues["beneficiary_markers"]
    data = yaml.safe_load(ROLE_CUES_PATH.read_text(encoding="utf-8"))
    assert all(has_arabic(word) for words in data.values() for word in words)
