"""Clitic-stripped readings of an Arabic token, for dictionary matching.

A lexicon stores bare forms (قصف، غارات، الحوثيين …); a token in running text may carry
proclitics (و، ف، ب، ل، ك، ال، لل، س) and pronoun enclitics (ه، ها، هم …). ``readings``
lists the forms a token can stand for, most literal first, so one lookup per reading
finds an entry whatever clitics the writer attached.
"""

from __future__ import annotations

from functools import lru_cache

_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")
_FUTURE = ("", "س")
# ي (my) and ك (your) are left out: rare in news, and stripping them turns العربي into العرب.
_ENCLITICS = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
MIN_STEM = 2


def _proclitic_splits(token: str) -> list[tuple[str, str]]:
    """(proclitics, rest) pairs; ``ال`` stays on the rest so both الغارة and غارة can match."""
    splits = [("", token)]
    for conjunction in _CONJUNCTIONS:
        for preposition in _PREPOSITIONS:
            for future in _FUTURE:
                prefix = conjunction + preposition + future
                if prefix and token.startswith(prefix) and len(token) - len(prefix) >= MIN_STEM:
                    splits.append((prefix, token[len(prefix):]))
    # ل + ال is written لل: للحوثيين = ل + الحوثيين.
    for conjunction in _CONJUNCTIONS:
        prefix = conjunction + "لل"
        if token.startswith(prefix) and len(token) - len(prefix) >= MIN_STEM:
            splits.append((conjunction + "ل", "ال" + token[len(prefix):]))
    return splits


@lru_cache(maxsize=200_000)
def readings(token: str) -> tuple[str, ...]:
    """Forms ``token`` may stand for: itself, without proclitics, without ال, without a pronoun."""
    seen: dict[str, None] = {}
    for _, rest in _proclitic_splits(token):
        seen[rest] = None
        if rest.startswith("ال") and len(rest) - 2 >= MIN_STEM:
            seen[rest[2:]] = None
    for form in list(seen):
        for enclitic in _ENCLITICS:
            if form.endswith(enclitic) and len(form) - len(enclitic) >= MIN_STEM + 1:
                stem = form[: -len(enclitic)]
                seen.setdefault(stem, None)
                # Before a pronoun, taa marbuta is written ت and a final hamza ئ:
                # زيارته = زيارة + ه, لقائه = لقاء + ه.
                if stem.endswith("ت"):
                    seen.setdefault(stem[:-1] + "ه", None)
                elif stem.endswith("ئ"):
                    seen.setdefault(stem[:-1] + "ء", None)
    return tuple(seen)


def strip_article(form: str) -> str:
    """``form`` without a leading ال (when what remains is still a word)."""
    return form[2:] if form.startswith("ال") and len(form) > 3 else form
