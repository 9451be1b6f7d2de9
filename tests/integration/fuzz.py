"""Seeded generators of test traffic: short corpus-like Arabic articles, and fuzzed messages.

Shared by ``tests/integration/test_faults.py`` and ``bench/soak_fuzz.py``; nothing here needs
``../shared`` or a broker.

* :func:`generated_articles` builds short news articles from a few template sentences with a
  varying place, actor and numbers. Article ``i`` is published ``DAY_STEP`` days after article
  ``i - 1``, so no two generated articles are ever merged into one event (their dates are
  further apart than the merge tolerance): every event record then comes from one article and
  a duplicate on ``events`` can only be a replay.
* :func:`fuzz_messages` yields ``(key, value)`` messages for ``articles.raw``, each of a named
  *kind* (random bytes, truncated JSON, wrong types, huge fields, deep nesting, mixed scripts,
  empty text, right-to-left marks, a 10 MB text, valid articles, …). Every key is unique and,
  when the value parses as an Article, equals its ``id``, so any outcome can be traced back.
* :func:`predict` runs the pipeline's own stage handlers in memory on one message and says
  what the worker must do with it: a dead letter (stage, reason) or N events.
* :class:`Outcomes` collects what a worker actually did (dead letters of every stage, events)
  per message key, for comparison with the predictions.
"""

from __future__ import annotations

import base64
import json
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hadath import stages
from hadath.deadletter import encode_outputs, failure_reason
from hadath.settings import Settings
from schemas import Article, DeadLetter, Event

BASE_DAY = datetime(2001, 1, 1)
DAY_STEP = 16  # > 2 × 7 days (a weekday resolves up to a week away) + the 1-day merge tolerance

PLACES = ("بغداد", "صنعاء", "عدن", "دمشق", "حلب", "الموصل", "تعز", "القاهرة", "بيروت", "طرابلس",
          "الرياض", "عمان", "كركوك", "الحديدة", "إدلب", "غزة")
FORCES = ("طائرات التحالف", "القوات الحكومية", "الجيش العراقي", "قوات الأمن", "مسلحون مجهولون",
          "ميليشيا الحوثي", "الشرطة")
TEMPLATES = (
    "قصفت {force} مواقع المسلحين في {place} يوم الخميس، مما أسفر عن مقتل {n} أشخاص وإصابة {m} آخرين.",
    "أعلنت الشرطة في {place} اعتقال {n} أشخاص يشتبه في انتمائهم إلى تنظيم داعش.",
    "تظاهر مئات المحتجين في {place} للمطالبة بتحسين الخدمات.",
    "التقى وزير الخارجية السعودي نظيره الأمريكي في {place} لبحث الأوضاع في اليمن.",
    "وقال المتحدث باسم الجيش إن {n} جنود قتلوا في هجوم على نقطة تفتيش قرب {place}.",
    "وأدانت الحكومة الهجوم الذي استهدف سوقا شعبيا في {place} وأوقع {m} جرحى.",
    "وهاجمت {force} قرية قرب {place} بقذائف الهاون.",
    "ويأتي ذلك بعد أيام من اشتباكات عنيفة شهدتها أحياء المدينة.",
)
FILLER = "وأضاف المصدر أن الوضع في المدينة هادئ نسبيا."

# Characters of many scripts, bidi/zero-width marks, diacritics: raw material for mutations.
BIDI_MARKS = ("\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
              "\u2068", "\u2069", "\u061c", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad")
SCRIPTS = ("Hello world", "Привет мир", "你好世界", "שלום עולם", "नमस्ते दुनिया", "γειά σου κόσμε",
           "こんにちは", "안녕하세요", "😀🔥🇸🇦", "ﷲ ﻻ ﷺ", "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹", "A\u0301\u0302\u0303")
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"

TEN_MB = 10 * 1024 * 1024


def generated_article(index: int, seed: int = 0, *, prefix: str = "gen") -> Article:
    """One short article (2–4 template sentences); published ``DAY_STEP × index`` days after 2001-01-01."""
    rng = random.Random(f"{seed}:{index}")
    place = rng.choice(PLACES)
    picks = rng.sample(TEMPLATES, rng.randint(2, 4))
    sentences = [t.format(place=place, force=rng.choice(FORCES), n=rng.randint(2, 40), m=rng.randint(2, 90))
                 for t in picks]
    if rng.random() < 0.3:
        sentences.append(FILLER)
    return Article(id=f"{prefix}-{seed}-{index:05d}", text=" ".join(sentences), title=None,
                   source=rng.choice(("wire-a", "wire-b", "wire-c")),
                   published_at=BASE_DAY + timedelta(days=DAY_STEP * index))


def generated_articles(count: int, seed: int = 0, *, prefix: str = "gen") -> list[Article]:
    """``count`` generated articles with distinct ids and dates (see :func:`generated_article`)."""
    return [generated_article(i, seed, prefix=prefix) for i in range(count)]


def article_message(article: Article) -> tuple[bytes, bytes]:
    """The ``(key, value)`` message a producer writes for ``article`` (as ``hadath produce`` does)."""
    return article.id.encode(), article.model_dump_json(exclude_none=True).encode()


# ---------------------------------------------------------------------------------------------
# Fuzzed messages


@dataclass(frozen=True, slots=True)
class FuzzMessage:
    """One fuzzed ``articles.raw`` message and the kind of damage it carries."""

    key: bytes
    value: bytes
    kind: str


def _valid_payload(rng: random.Random, key: str) -> dict:
    article = generated_article(rng.randrange(3000), rng.randrange(1000))
    return {"id": key, "text": article.text, "source": article.source,
            "published_at": (BASE_DAY + timedelta(days=rng.randrange(8000))).date().isoformat()}


def _dump(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


def _random_bytes(rng: random.Random, key: str) -> bytes:
    return rng.randbytes(rng.randrange(0, 3000))


def _random_text(rng: random.Random, key: str) -> bytes:
    return "".join(chr(rng.choice((rng.randrange(0x20, 0x7F), rng.randrange(0x600, 0x700),
                                   rng.randrange(0x4E00, 0x9FFF)))) for _ in range(rng.randrange(1, 400))).encode()


def _truncated_json(rng: random.Random, key: str) -> bytes:
    value = _dump(_valid_payload(rng, key))
    return value[: rng.randrange(1, len(value) - 1)]


def _not_an_object(rng: random.Random, key: str) -> bytes:
    return rng.choice((b"[]", b"null", b"true", b"42", b'"\xd8\xae\xd8\xa8\xd8\xb1"', b"[{\"id\": \"x\"}]", b"{}",
                       b"1e999", b"-0"))


def _wrong_types(rng: random.Random, key: str) -> bytes:
    payload = _valid_payload(rng, key)
    field_name, bad = rng.choice((
        ("id", 5), ("id", None), ("id", ["a"]), ("id", {"x": 1}), ("id", ""), ("id", "x" * 600),
        ("text", 7), ("text", None), ("text", ["قصف"]), ("text", {"ar": "قصف"}), ("text", True),
        ("published_at", "yesterday"), ("published_at", "2015-13-45"), ("published_at", 1e300),
        ("published_at", [2015, 7, 21]), ("title", 3.5), ("source", {"a": 1}), ("url", 12),
        ("schema_version", 2), ("text", float("nan")),
    ))
    payload[field_name] = bad
    return json.dumps(payload, ensure_ascii=False).encode()  # NaN is written as the JS literal


def _missing_fields(rng: random.Random, key: str) -> bytes:
    payload = _valid_payload(rng, key)
    for name in rng.sample(["id", "text"], rng.randint(1, 2)):
        del payload[name]
    return _dump(payload)


def _huge_field(rng: random.Random, key: str) -> bytes:
    payload = _valid_payload(rng, key)
    name = rng.choice(("title", "source", "url", "language", "extra_field"))
    payload[name] = "ع" * rng.randrange(100_000, 450_000)  # under the 1 MB message limit
    return _dump(payload)


def _huge_text(rng: random.Random, key: str) -> bytes:
    """A valid article of ~400–900 KB made of many ordinary sentences (under the 1 MB limit)."""
    sentences = []
    size = rng.randrange(400_000, 900_000)
    while sum(len(s.encode()) + 1 for s in sentences) < size:
        sentences.append(rng.choice(TEMPLATES).format(place=rng.choice(PLACES), force=rng.choice(FORCES),
                                                      n=rng.randint(2, 40), m=rng.randint(2, 90)))
    payload = _valid_payload(rng, key) | {"text": " ".join(sentences)}
    return _dump(payload)


def _deep_nesting(rng: random.Random, key: str) -> bytes:
    depth = rng.choice((10_000, 10_000, 50_000))
    inner = "[" * depth + "]" * depth
    if rng.random() < 0.5:
        return inner.encode()
    return f'{{"id": {json.dumps(key)}, "text": "قصف", "title": {inner}}}'.encode()


def _nested_field(rng: random.Random, key: str) -> bytes:
    """Nesting shallow enough for the JSON parser: the schema must reject it."""
    value: object = "قصف"
    for _ in range(rng.randrange(20, 400)):
        value = {"x": [value]}
    payload = _valid_payload(rng, key) | {rng.choice(("text", "title", "id")): value}
    return _dump(payload)


def _mixed_scripts(rng: random.Random, key: str) -> bytes:
    payload = _valid_payload(rng, key)
    words = payload["text"].split(" ")
    for _ in range(rng.randrange(1, 12)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(SCRIPTS))
    payload["text"] = " ".join(words)
    return _dump(payload)


def _empty_text(rng: random.Random, key: str) -> bytes:
    text = rng.choice(("", " ", "\n\n", "\u200f", "\u200f\u200e\u202b", "...", "ـــــ", DIACRITICS, "0",
                       "\u0640\u064e\u0651", " . ", "\t"))
    return _dump({"id": key, "text": text})


def _rtl_marks(rng: random.Random, key: str) -> bytes:
    payload = _valid_payload(rng, key)
    chars = list(payload["text"])
    for _ in range(rng.randrange(5, 200)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(BIDI_MARKS))
    payload["text"] = "".join(chars)
    return _dump(payload)


def _diacritics_storm(rng: random.Random, key: str) -> bytes:
    payload = _valid_payload(rng, key)
    payload["text"] = "".join(c + (DIACRITICS * rng.randrange(0, 4) if c.isalpha() else "")
                              + ("\u0640" * rng.randrange(0, 3)) for c in payload["text"])
    return _dump(payload)


def _control_chars(rng: random.Random, key: str) -> bytes:
    payload = _valid_payload(rng, key)
    chars = list(payload["text"])
    for _ in range(rng.randrange(1, 30)):
        chars.insert(rng.randrange(len(chars) + 1), chr(rng.choice((0, 1, 7, 8, 0x1B, 0x7F, 0x85, 0xFFFF, 0xFFFE,
                                                                     0x2028, 0x2029, 0xE000))))
    payload["text"] = "".join(chars)
    return _dump(payload)


def _json_oddities(rng: random.Random, key: str) -> bytes:
    payload = _valid_payload(rng, key)
    choice = rng.randrange(6)
    if choice == 0:
        return b"\xef\xbb\xbf" + _dump(payload)  # UTF-8 BOM before the JSON
    if choice == 1:
        return _dump(payload)[:-1] + b', "text": 123}'  # duplicate key: the last one wins
    if choice == 2:
        return f'{{"id": {json.dumps(key)}, "text": "\\ud800 قصف"}}'.encode()  # lone surrogate
    if choice == 3:
        return f'{{"id": {json.dumps(key)}, "text": "قصف", "n": {"9" * 5000}}}'.encode()  # huge int
    if choice == 4:
        return _dump(payload).replace(b"{", b"{ \n\t\r ", 1) + b"   \n"  # odd whitespace, still valid
    return _dump(payload) + b" trailing garbage"


def _extreme_dates(rng: random.Random, key: str) -> bytes:
    payload = _valid_payload(rng, key)
    payload["published_at"] = rng.choice(("0001-01-01", "9999-12-31", "9999-12-31T23:59:59",
                                          "1970-01-01T00:00:00+14:00", "2015-07-21T10:00:00Z"))
    payload["text"] = rng.choice(("غدا ", "أمس ", "بعد غد ", "قبل يومين ", "")) + payload["text"]
    return _dump(payload)


def _big_numbers(rng: random.Random, key: str) -> bytes:
    payload = _valid_payload(rng, key)
    number = rng.choice(("99999999999999999999999", "٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩", "1e9", "-5", "3.5.6.7", "0"))
    payload["text"] = f"قتل {number} شخصا وأصيب {number} آخرون في هجوم على {rng.choice(PLACES)}. " + payload["text"]
    return _dump(payload)


def _long_sentence(rng: random.Random, key: str) -> bytes:
    """One sentence of ~2,000–4,000 tokens with no full stop, full of triggers."""
    base = "قصفت طائرات التحالف مواقع المسلحين في {place} مما أسفر عن مقتل {n} أشخاص و"
    text = "".join(base.format(place=rng.choice(PLACES), n=rng.randint(2, 9)) for _ in range(rng.randrange(150, 300)))
    return _dump(_valid_payload(rng, key) | {"text": text})


def _ten_mb(rng: random.Random, key: str) -> bytes:
    return _dump({"id": key, "text": "خبر " * (TEN_MB // 7)})


def _valid(rng: random.Random, key: str) -> bytes:
    return _dump(_valid_payload(rng, key))


def _token_bomb(rng: random.Random, key: str) -> bytes:
    """~990 KB (under the article limit) of one-letter sentences: ~330,000 sentences to segment."""
    return _dump({"id": key, "text": "ب " + "a. " * 329_000})


def _oversized_raw(rng: random.Random, key: str) -> bytes:
    """A 26 MB message: over the article limit, under the topic's, and its dead letter (base64) is larger."""
    return _dump({"id": key, "text": "خبر " * (26_000_000 // 7)})


Generator = Callable[[random.Random, str], bytes]

# kind → (generator, weight, at most this many per run: the heavy kinds are capped)
KINDS: dict[str, tuple[Generator, float, int | None]] = {
    "valid_article": (_valid, 20, None),
    "random_bytes": (_random_bytes, 8, None),
    "random_text": (_random_text, 5, None),
    "truncated_json": (_truncated_json, 8, None),
    "not_an_object": (_not_an_object, 4, None),
    "wrong_types": (_wrong_types, 8, None),
    "missing_fields": (_missing_fields, 4, None),
    "json_oddities": (_json_oddities, 6, None),
    "nested_field": (_nested_field, 3, None),
    "deep_nesting": (_deep_nesting, 2, None),
    "mixed_scripts": (_mixed_scripts, 6, None),
    "empty_text": (_empty_text, 5, None),
    "rtl_marks": (_rtl_marks, 6, None),
    "diacritics_storm": (_diacritics_storm, 3, None),
    "control_chars": (_control_chars, 4, None),
    "extreme_dates": (_extreme_dates, 3, None),
    "big_numbers": (_big_numbers, 3, None),
    "huge_field": (_huge_field, 0.3, 40),
    "long_sentence": (_long_sentence, 0.2, 10),
    "huge_text": (_huge_text, 0.1, 4),
    "ten_mb_text": (_ten_mb, 0.1, 2),
}


# Heavy kinds, only on request (bench/soak_fuzz.py --include): a 26 MB message whose dead letter
# can't carry it whole, and ~330,000 one-word sentences (the worker spends ~1 min on it). Both
# once stopped the normalize agent (outputs larger than the producer's limit).
EXTRA_KINDS: dict[str, tuple[Generator, float, int | None]] = {
    "token_bomb": (_token_bomb, 0.05, 1),
    "oversized_raw": (_oversized_raw, 0.05, 1),
}


def fuzz_messages(count: int, seed: int, *, exclude: Iterable[str] = (),
                  include: Iterable[str] = ()) -> list[FuzzMessage]:
    """``count`` fuzzed messages, the same for the same seed.

    The first messages go through every kind once (so a small sample still has each kind);
    the rest are drawn by weight, the heavy kinds no more often than their cap. ``include``
    adds kinds of :data:`EXTRA_KINDS`; ``exclude`` drops kinds.
    """
    rng = random.Random(seed)
    chosen = KINDS | {name: EXTRA_KINDS[name] for name in include}
    kinds = {name: spec for name, spec in chosen.items() if name not in set(exclude)}
    used: Counter[str] = Counter()
    messages = []
    order = list(kinds)
    for index in range(count):
        if index < len(order):
            kind = order[index]
        else:
            names = [n for n, (_, _, cap) in kinds.items() if cap is None or used[n] < cap]
            kind = rng.choices(names, weights=[kinds[n][1] for n in names])[0]
        used[kind] += 1
        key = f"fz{seed}-{index:06d}-{kind}"
        messages.append(FuzzMessage(key.encode(), kinds[kind][0](rng, key), kind))
    return messages


# ---------------------------------------------------------------------------------------------
# What the worker must do with a message, and what it did


@dataclass(frozen=True, slots=True)
class Outcome:
    """The fate of one message: ``dead_letter`` (stage + reason) or ``events`` (how many)."""

    kind: str
    stage: str | None = None
    reason: str | None = None
    events: int = 0

    def __str__(self) -> str:
        if self.kind == "events":
            return f"events:{self.events}"
        return f"{self.kind}:{self.stage}:{self.reason}"


def predict(message: FuzzMessage, settings: Settings, state: MutableMapping[str, dict]) -> Outcome:
    """Run the worker's stage handlers in memory: what must become of ``message``.

    Mirrors ``agents.app.run_stage``: the handler's records are encoded and size-checked with
    ``encode_outputs`` (a record too large to publish raises ``output_too_large``), and any
    exception gives a dead letter with ``failure_reason``.
    """
    inputs = [message.value]
    for stage, handler in (
        ("normalize", lambda v: stages.normalize_message(v, settings.max_article_bytes)),
        ("extract", stages.extract_message),
        ("resolve", lambda v: stages.resolve_message(v, state, settings.merge_tolerance_days)),
    ):
        outputs = []
        for value in inputs:
            try:
                encoded = encode_outputs(handler(value), None, settings.max_message_bytes)
            except Exception as error:  # the worker turns any exception into a dead letter
                return Outcome("dead_letter", stage, failure_reason(error))
            outputs.extend(record for _, record in encoded)
        inputs = outputs
    return Outcome("events", events=len(inputs))


@dataclass
class Outcomes:
    """What a worker did, per message key: dead letters (stage, reason) and events published."""

    letters: dict[bytes, list[DeadLetter]] = field(default_factory=lambda: defaultdict(list))
    events: Counter[bytes] = field(default_factory=Counter)
    unattributed: list[str] = field(default_factory=list)

    def add_dead_letter(self, value: bytes) -> None:
        """A value from any ``*.dlq`` topic: file it under the article's key."""
        letter = DeadLetter.model_validate_json(value)
        key = _letter_key(letter)
        if key is None:
            self.unattributed.append(f"{letter.stage}:{letter.reason}")
        else:
            self.letters[key].append(letter)

    def add_event(self, value: bytes) -> None:
        """A value from ``events``: the article that caused it is the last in ``article_ids``."""
        event = Event.model_validate_json(value)
        self.events[event.article_ids[-1].encode()] += 1

    def outcome(self, key: bytes) -> Outcome | None:
        """The observed outcome of message ``key`` (None: nothing seen, or zero events)."""
        letters = self.letters.get(key)
        if letters:
            return Outcome("dead_letter", letters[0].stage, letters[0].reason)
        if self.events.get(key):
            return Outcome("events", events=self.events[key])
        return None

    def dead_letter_count(self) -> int:
        """All dead letters filed."""
        return sum(len(v) for v in self.letters.values()) + len(self.unattributed)


def _letter_key(letter: DeadLetter) -> bytes | None:
    """The key of the ``articles.raw`` message a dead letter comes from."""
    if letter.stage == "normalize":
        return base64.b64decode(letter.original_key_base64) if letter.original_key_base64 is not None else None
    try:
        original = json.loads(base64.b64decode(letter.original_base64))
    except ValueError:
        return None
    if letter.stage == "extract" and isinstance(original, dict):
        article = original.get("article")
        return str(article.get("id")).encode() if isinstance(article, dict) else None
    if letter.stage == "resolve" and isinstance(original, dict) and "article_id" in original:
        return str(original["article_id"]).encode()
    return None


def compare(messages: Iterable[FuzzMessage], predicted: dict[bytes, Outcome],
            observed: Outcomes) -> tuple[Counter[str], list[str]]:
    """Outcome counts by ``kind`` of outcome and reason, and the messages whose fate is wrong.

    A message is accounted for when its dead letter has the predicted stage and reason, or
    when it produced exactly the predicted number of events (zero events: nothing seen).
    """
    tally: Counter[str] = Counter()
    problems: list[str] = []
    for message in messages:
        expected = predicted[message.key]
        seen = observed.outcome(message.key)
        letters = observed.letters.get(message.key, [])
        tally[str(seen) if seen and seen.kind == "dead_letter" else
              ("events" if seen else "no_events")] += 1
        if len(letters) > 1:
            problems.append(f"{message.key!r} ({message.kind}): {len(letters)} dead letters")
        zero_events = expected.kind == "events" and expected.events == 0
        ok = seen is None if zero_events else seen == expected
        if not ok:
            problems.append(f"{message.key!r} ({message.kind}): expected {expected}, saw {seen or 'nothing'}")
    return tally, problems
