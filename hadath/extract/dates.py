"""Date expressions in Arabic news text, resolved against the publication date.

Finds explicit dates ("15 فبراير/شباط", "27 فبراير 2021", "الرابع من يوليو", "15/2/2021",
"2021-02-15", Hijri "5 شوال 1436هـ" and "25 / 10 / 1436 هـ"), months ("يونيو الماضي",
"شهر آب 2015"), years ("عام 2015"), weekdays ("الأحد الماضي", "مساء السبت", "(الاثنين)")
and words relative to the publication date ("أمس", "أول من أمس", "فجر اليوم",
"الشهر الماضي"). Names live in ``hadath/data/dates/*.yaml``.

Resolution follows the gold guidelines: a weekday is its most recent occurrence on or
before the publication date, and wins over "اليوم"/"أمس" that disagree with it; a day and
month without a year take the publication year unless that would put them more than a week
after publication, then the year before. A Hijri year alone ("1436 هـ") is given as the
Gregorian year holding its middle; a 4-digit number in the Hijri range without هـ is never
read as a Gregorian year.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from hijridate import Gregorian, Hijri

from hadath.extract.numbers import PhraseTable, bare_forms, load_yaml, ordinal_value, ordinal_words
from hadath.text.normalize import normalize
from hadath.text.segment import TokenSpan

# A day-month year guess may run this far past publication (an announced date a few days ahead).
FUTURE_SLACK = datetime.timedelta(days=7)
GREGORIAN_YEARS = range(1900, 2101)
# A bare year this far ahead is still a plan ("رؤية 2030"); beyond, a 4-digit number is a count.
MAX_YEARS_AHEAD = 15
HIJRI_YEARS = range(1343, 1501)  # what hijridate converts
# A numeric date, or part of one, in one token: 15/2/2021, 2021/02/15, 15.2.2021, 15/2, 25.
_NUMERIC_TOKEN = re.compile(r"\d{1,4}(?:/\d{1,4}){0,2}|\d{1,2}\.\d{1,2}\.\d{4}")
_DATE_SEPARATORS = frozenset({"/", "-"})  # "." may end a sentence between two numbers
_GAP_TOKENS = frozenset({"،", ",", "-", "–", "(", "الموافق", "الموافقه"})
_OF = "من"
_DATE_INTRODUCERS = frozenset({"في", "يوم", "بتاريخ", "تاريخ"})
_MONTH_WORDS = frozenset({"شهر", "الشهر"})
# What may follow a bare year that ends its phrase: "في 2014." but not "2014 شخصا" or "1920 × 1080".
_PHRASE_END = frozenset({"", ".", "،", ",", ")", "»", "؛", ";", ":", "\"", "”", "-", "–", "!", "؟"})
_OPEN_QUOTES = frozenset({"«", "\"", "“"})
_CLOSE_QUOTES = frozenset({"»", "\"", "”"})
_GREGORIAN, _HIJRI = "gregorian", "hijri"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: tokens ``[first, last)`` and its resolved value.

    ``value`` is ``YYYY-MM-DD`` (precision ``"day"``), ``YYYY-MM`` (``"month"``) or ``YYYY``
    (``"year"``). It is ``None`` when the words fix no calendar unit: a week
    ("الأسبوع الماضي", precision ``"week"``), a Hijri month without a day (it straddles two
    Gregorian months, precision ``"month"``), or an impossible day (30 فبراير).
    """

    first: int
    last: int
    value: str | None
    precision: str


@dataclass(frozen=True, slots=True)
class _Found:
    end: int
    value: str | None
    precision: str
    explicit: bool  # written as a calendar date, so it overrides an adjacent weekday


@dataclass(frozen=True, slots=True)
class _Lexicon:
    months: dict[tuple[str, ...], tuple[str, int]]  # words → (calendar, month)
    month_phrases: PhraseTable
    ambiguous: frozenset[tuple[str, ...]]
    hijri_markers: frozenset[str]
    gregorian_markers: frozenset[str]
    weekdays: dict[str, int]
    day_offsets: dict[tuple[str, ...], int]
    day_offset_phrases: PhraseTable
    times_of_day: PhraseTable
    day_prefix: PhraseTable
    past: frozenset[str]
    future: frozenset[str]
    periods: dict[tuple[str, ...], tuple[str, int]]
    period_phrases: PhraseTable
    weekday_blockers: frozenset[str]
    today_followers: frozenset[str]
    year_context: frozenset[str]
    month_context: frozenset[str]
    starters: frozenset[str]  # every word a date expression can start with


def _words(items: Sequence[str]) -> frozenset[str]:
    return frozenset(normalize(item) for item in items)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    months_data = load_yaml("dates/months.yaml")
    relative = load_yaml("dates/relative.yaml")
    months: dict[tuple[str, ...], tuple[str, int]] = {}
    for calendar in (_GREGORIAN, _HIJRI):
        for number, names in months_data[calendar].items():
            for name in names:
                months[tuple(normalize(name).split())] = (calendar, int(number))
    day_offsets = {tuple(normalize(k).split()): int(v) for k, v in relative["day_offsets"].items()}
    periods = {
        tuple(normalize(k).split()): (str(v["unit"]), int(v["offset"]))
        for k, v in relative["periods"].items()
    }
    month_phrases = PhraseTable([" ".join(words) for words in months])
    day_offset_phrases = PhraseTable([" ".join(words) for words in day_offsets])
    times_of_day = PhraseTable(relative["times_of_day"])
    day_prefix = PhraseTable(relative["day_prefix"])
    period_phrases = PhraseTable([" ".join(words) for words in periods])
    weekdays = {normalize(k): int(v) for k, v in relative["weekdays"].items()}
    return _Lexicon(
        months=months,
        month_phrases=month_phrases,
        ambiguous=frozenset(tuple(normalize(name).split()) for name in months_data["ambiguous"]),
        hijri_markers=_words(months_data["hijri_markers"]),
        gregorian_markers=_words(months_data["gregorian_markers"]),
        weekdays=weekdays,
        day_offsets=day_offsets,
        day_offset_phrases=day_offset_phrases,
        times_of_day=times_of_day,
        day_prefix=day_prefix,
        past=_words(relative["past"]),
        future=_words(relative["future"]),
        periods=periods,
        period_phrases=period_phrases,
        weekday_blockers=_words(relative["weekday_blockers"]),
        today_followers=_words(relative["today_followers"]),
        year_context=_words(relative["year_context"]),
        month_context=_words(relative["month_context"]),
        starters=frozenset(weekdays)
        | ordinal_words()
        | month_phrases.first_words
        | day_offset_phrases.first_words
        | times_of_day.first_words
        | day_prefix.first_words
        | period_phrases.first_words,
    )


def _norm(tokens: Sequence[TokenSpan], index: int) -> str:
    return tokens[index].norm if 0 <= index < len(tokens) else ""


def _forms(tokens: Sequence[TokenSpan], index: int) -> tuple[str, ...]:
    return bare_forms(tokens[index].norm) if 0 <= index < len(tokens) else ()


def _in(tokens: Sequence[TokenSpan], index: int, words: frozenset[str]) -> bool:
    return any(form in words for form in _forms(tokens, index))


def _direction(tokens: Sequence[TokenSpan], index: int) -> tuple[int, int]:
    """(end, −1/0/+1) for an optional الماضي / المقبل at ``index``."""
    lexicon = _lexicon()
    if _in(tokens, index, lexicon.past):
        return index + 1, -1
    if _in(tokens, index, lexicon.future):
        return index + 1, 1
    return index, 0


# --- calendar arithmetic -------------------------------------------------------------------


def _gregorian(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _hijri(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def _to_date(calendar: str, year: int, month: int, day: int) -> datetime.date | None:
    return (_hijri if calendar == _HIJRI else _gregorian)(year, month, day)


def _year_of(calendar: str, published: datetime.date) -> int:
    if calendar == _HIJRI:
        return Gregorian.fromdate(published).to_hijri().year
    return published.year


def _infer_day(
    calendar: str, month: int, day: int, published: datetime.date, direction: int
) -> datetime.date | None:
    """The date of a day and month written without a year.

    الماضي puts it before publication, المقبل after; otherwise it is the publication year's
    unless that lies more than FUTURE_SLACK ahead (news mostly reports the past).
    """
    year = _year_of(calendar, published)
    candidate = _to_date(calendar, year, month, day)
    if candidate is None:
        return None
    if (direction < 0 and candidate > published) or (direction == 0 and candidate > published + FUTURE_SLACK):
        return _to_date(calendar, year - 1, month, day)
    if direction > 0 and candidate < published:
        return _to_date(calendar, year + 1, month, day)
    return candidate


def _infer_month(month: int, published: datetime.date, direction: int) -> int:
    """The year of a Gregorian month written without one (same rules as ``_infer_day``)."""
    year = published.year
    if direction < 0:
        return year if month < published.month else year - 1
    if direction > 0:
        return year if month > published.month else year + 1
    return year if datetime.date(year, month, 1) <= published + FUTURE_SLACK else year - 1


def _weekday_date(weekday: int, published: datetime.date, direction: int) -> datetime.date:
    """Most recent ``weekday`` on or before publication; strictly before/after with الماضي/المقبل."""
    if direction > 0:
        ahead = (weekday - published.weekday()) % 7 or 7
        return published + datetime.timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7
    if direction < 0 and back == 0:
        back = 7
    return published - datetime.timedelta(days=back)


def _hijri_year_in_gregorian(year: int) -> int | None:
    """The Gregorian year holding the middle of a Hijri year (1436 هـ → 2015)."""
    middle = _hijri(year, 7, 1)
    return middle.year if middle else None


# --- pieces of an explicit date --------------------------------------------------------------


def _day_at(tokens: Sequence[TokenSpan], index: int) -> tuple[int, int, bool] | None:
    """(end, day, is_ordinal) of a day written in digits (15) or as an ordinal (الخامس عشر)."""
    text = _norm(tokens, index)
    if text.isdigit() and len(text) <= 2:
        day = int(text)
        return (index + 1, day, False) if 1 <= day <= 31 else None
    forms = _forms(tokens, index)
    value = next((v for form in forms if (v := ordinal_value(form)) is not None), None)
    if value is None:
        return None
    end = index + 1
    if value < 10:
        following = _forms(tokens, end)
        if any(form in ("عشر", "عشره") for form in following):
            value, end = value + 10, end + 1
        elif _norm(tokens, end).startswith("و"):
            # الحادي والعشرين: the tens ordinal is the cardinal with ال.
            tens = next((v for form in following if (v := ordinal_value(form)) in (20, 30)), None)
            if tens is not None:
                value, end = value + tens, end + 1
    return (end, value, True) if 1 <= value <= 31 else None


def _month_at(tokens: Sequence[TokenSpan], index: int) -> tuple[int, str, int, bool] | None:
    """(end, calendar, month, ambiguous) of a month name, with an alternative after "/", "-" or in ()."""
    lexicon = _lexicon()
    found = lexicon.month_phrases.match(tokens, index)
    if found is None:
        return None
    end, words = found
    calendar, month = lexicon.months[words]
    ambiguous = words in lexicon.ambiguous
    # فبراير/شباط, آب (أغسطس): the second name only confirms the first.
    opener = _norm(tokens, end)
    if opener in ("/", "(", "-"):
        alternative = lexicon.month_phrases.match(tokens, end + 1)
        if alternative is not None and lexicon.months[alternative[1]] == (calendar, month):
            end = alternative[0]
            if opener == "(" and _norm(tokens, end) == ")":
                end += 1
            ambiguous = False
    return end, calendar, month, ambiguous


def _year_at(tokens: Sequence[TokenSpan], index: int, calendar: str) -> tuple[int, str, int] | None:
    """(end, calendar, year) of a year after a month: 2021, عام 2021, 1436هـ, 2015م.

    ``calendar`` is the month's; a year without a marker is read in it, and a marker that
    contradicts it (a Gregorian month with هـ) is not this date's year.
    """
    lexicon = _lexicon()
    start = index
    if _norm(tokens, start) == _OF:
        start += 1
    if _in(tokens, start, frozenset({"عام", "العام", "سنه", "السنه"})):
        start += 1
    text = _norm(tokens, start)
    if not (text.isdigit() and len(text) == 4):
        return None
    year = int(text)
    end = start + 1
    marker = None
    if _norm(tokens, end) in lexicon.hijri_markers:
        marker, end = _HIJRI, end + 1
    elif _norm(tokens, end) in lexicon.gregorian_markers:
        marker, end = _GREGORIAN, end + 1
    year_calendar = marker or calendar
    if year_calendar != calendar:
        return None
    if year not in (HIJRI_YEARS if year_calendar == _HIJRI else GREGORIAN_YEARS):
        return None
    return end, year_calendar, year


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _day_month_at(tokens: Sequence[TokenSpan], index: int, published: datetime.date) -> _Found | None:
    """15 فبراير [2021], الرابع من يوليو, 5 شوال 1436هـ, 26 يونيو الماضي."""
    day = _day_at(tokens, index)
    if day is None:
        return None
    end, day_number, ordinal = day
    if _norm(tokens, end) == _OF:
        end += 1
        if _norm(tokens, end) in _MONTH_WORDS:
            end += 1  # العاشر من شهر أغسطس
    elif ordinal:
        return None  # "الخامس فبراير" is not Arabic; "الخامس" alone is no date
    month = _month_at(tokens, end)
    if month is None:
        return None
    end, calendar, month_number, _ = month
    year = _year_at(tokens, end, calendar)
    if year is not None:
        end, _, year_number = year
        return _Found(end, _iso(_to_date(calendar, year_number, month_number, day_number)), "day", True)
    end, direction = _direction(tokens, end)
    value = _infer_day(calendar, month_number, day_number, published, direction)
    return _Found(end, _iso(value), "day", True)


def _numeric_at(tokens: Sequence[TokenSpan], index: int, published: datetime.date) -> _Found | None:
    """15/2/2021, 2021-02-15, 25 / 10 / 1436 هـ, 10/4 / 1436 هـ, and 15/2 after في/يوم/بتاريخ."""
    lexicon = _lexicon()
    text = _norm(tokens, index)
    if not _NUMERIC_TOKEN.fullmatch(text):
        return None
    parts = re.split(r"[/.]", text)
    end = index + 1
    # The tokenizer keeps 15/2/2021 whole but splits "25 / 10 / 1436" and "2021-02-15".
    while len(parts) < 3 and _norm(tokens, end) in _DATE_SEPARATORS:
        following = _norm(tokens, end + 1)
        if not _NUMERIC_TOKEN.fullmatch(following) or "." in following:
            break
        parts += following.split("/")
        end += 2
    if len(parts) not in (2, 3):
        return None
    marker = None
    if _norm(tokens, end) in lexicon.hijri_markers:
        marker, end = _HIJRI, end + 1
    elif _norm(tokens, end) in lexicon.gregorian_markers:
        marker, end = _GREGORIAN, end + 1
    if len(parts) == 2:
        # Day/month alone is also a score, a ratio or a decimal: take it only where a date is expected.
        expected = _in(tokens, index - 1, _DATE_INTRODUCERS) or marker
        if end != index + 1 or "/" not in text or not expected:
            return None
        day, month = int(parts[0]), int(parts[1])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        return _Found(end, _iso(_infer_day(marker or _GREGORIAN, month, day, published, 0)), "day", True)
    if len(parts[0]) == 4:
        year, month, day = (int(p) for p in parts)
    elif len(parts[2]) == 4:
        day, month, year = (int(p) for p in parts)
    else:
        return None
    calendar = marker or (_HIJRI if year in HIJRI_YEARS else _GREGORIAN)
    if year not in (HIJRI_YEARS if calendar == _HIJRI else GREGORIAN_YEARS):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _Found(end, _iso(_to_date(calendar, year, month, day)), "day", True)


def _month_only_at(tokens: Sequence[TokenSpan], index: int, published: datetime.date) -> _Found | None:
    """يونيو الماضي, شهر آب 2015, فبراير 2021, رمضان (Hijri: no Gregorian month, value null)."""
    lexicon = _lexicon()
    month = _month_at(tokens, index)
    if month is None:
        return None
    end, calendar, month_number, ambiguous = month
    year = _year_at(tokens, end, calendar)
    direction = 0
    if year is None:
        end, direction = _direction(tokens, end)
    if ambiguous and year is None and direction == 0 and not _in(tokens, index - 1, lexicon.month_context):
        return None
    if calendar == _HIJRI:
        return _Found(year[0] if year else end, None, "month", True)
    if year is not None:
        return _Found(year[0], f"{year[2]:04d}-{month_number:02d}", "month", True)
    year_number = _infer_month(month_number, published, direction)
    return _Found(end, f"{year_number:04d}-{month_number:02d}", "month", True)


def _year_only_at(tokens: Sequence[TokenSpan], index: int, published: datetime.date) -> _Found | None:
    """عام 2015, 2015م, 1436 هـ; a bare 4-digit number only where a year is expected."""
    lexicon = _lexicon()
    text = _norm(tokens, index)
    if not (text.isdigit() and len(text) == 4):
        return None
    year = int(text)
    following = _norm(tokens, index + 1)
    if following in lexicon.hijri_markers and year in HIJRI_YEARS:
        gregorian_year = _hijri_year_in_gregorian(year)
        return _Found(index + 2, f"{gregorian_year:04d}" if gregorian_year else None, "year", True)
    if year not in GREGORIAN_YEARS or year > published.year + MAX_YEARS_AHEAD:
        return None  # 1436 alone is a Hijri year or a count, never a Gregorian year
    if following in lexicon.gregorian_markers:
        return _Found(index + 2, f"{year:04d}", "year", True)
    # "مقتل 2014 شخصا": a number followed by a word is a count, unless a year word precedes it.
    ends_phrase = following in _PHRASE_END
    if _in(tokens, index - 1, lexicon.year_context) or ends_phrase:
        return _Found(index + 1, f"{year:04d}", "year", True)
    return None


# --- relative expressions -----------------------------------------------------------------------


def _weekday_at(tokens: Sequence[TokenSpan], index: int, published: datetime.date) -> _Found | None:
    """الأحد, الأحد الماضي, الجمعة المقبلة (not صلاة الجمعة)."""
    lexicon = _lexicon()
    weekday = next((lexicon.weekdays[f] for f in _forms(tokens, index) if f in lexicon.weekdays), None)
    if weekday is None or _in(tokens, index - 1, lexicon.weekday_blockers):
        return None
    end, direction = _direction(tokens, index + 1)
    return _Found(end, _iso(_weekday_date(weekday, published, direction)), "day", False)


def _relative_day_at(tokens: Sequence[TokenSpan], index: int, published: datetime.date) -> _Found | None:
    """أمس, أول من أمس, اليوم, غدا; "اليوم الجمعة" resolves by the weekday (GUIDELINES, Dates)."""
    lexicon = _lexicon()
    found = lexicon.day_offset_phrases.match(tokens, index)
    if found is None:
        return None
    end, words = found
    if words == ("اليوم",) and _in(tokens, end, lexicon.today_followers):
        return None  # اليوم التالي, اليوم نفسه: "the day", not today
    if _norm(tokens, index - 1) in _OPEN_QUOTES and _norm(tokens, end) in _CLOSE_QUOTES:
        return None  # «اليوم» is a newspaper's name
    # اليوم الاثنين, أمس، الأحد, اليوم (الاثنين): the weekday decides.
    opener = _norm(tokens, end)
    following = end + 1 if opener in ("،", ",", "(") else end
    weekday = _weekday_at(tokens, following, published)
    if weekday is not None:
        if opener == "(" and _norm(tokens, weekday.end) == ")":
            return _Found(weekday.end + 1, weekday.value, weekday.precision, weekday.explicit)
        return weekday
    offset = lexicon.day_offsets[words]
    return _Found(end, _iso(published + datetime.timedelta(days=offset)), "day", False)


def _period_at(tokens: Sequence[TokenSpan], index: int, published: datetime.date) -> _Found | None:
    """الأسبوع الماضي (no value), الشهر الماضي (YYYY-MM), العام الماضي (YYYY)."""
    lexicon = _lexicon()
    found = lexicon.period_phrases.match(tokens, index)
    if found is None:
        return None
    end, words = found
    unit, offset = lexicon.periods[words]
    if unit == "year":
        return _Found(end, f"{published.year + offset:04d}", "year", False)
    if unit == "month":
        months = published.year * 12 + published.month - 1 + offset
        return _Found(end, f"{months // 12:04d}-{months % 12 + 1:02d}", "month", False)
    return _Found(end, None, "week", False)


def _core_at(tokens: Sequence[TokenSpan], index: int, published: datetime.date) -> _Found | None:
    return (
        _numeric_at(tokens, index, published)
        or _day_month_at(tokens, index, published)
        or _relative_day_at(tokens, index, published)
        or _weekday_at(tokens, index, published)
        or _period_at(tokens, index, published)
        or _month_only_at(tokens, index, published)
        or _year_only_at(tokens, index, published)
    )


def _date_at(tokens: Sequence[TokenSpan], index: int, published: datetime.date) -> _Found | None:
    """A date starting at ``index``, with a leading مساء/فجر … and يوم kept in its span."""
    lexicon = _lexicon()
    text = tokens[index].norm
    if not text[:1].isdigit() and lexicon.starters.isdisjoint(bare_forms(text)):
        return None  # most tokens: no lookup beyond one set test
    start = index
    time_of_day = lexicon.times_of_day.match(tokens, start)
    if time_of_day is not None:
        start = time_of_day[0]
    prefix = lexicon.day_prefix.match(tokens, start)
    if prefix is not None:
        start = prefix[0]
    try:
        if start != index:
            found = _core_at(tokens, start, published)
            if found is not None:
                return found
        return _core_at(tokens, index, published)
    except OverflowError:
        return None  # resolved outside the calendar (a publication date near year 1 or 9999)


def find_dates(tokens: Sequence[TokenSpan], published: datetime.date) -> list[DateMention]:
    """Date expressions in ``tokens``, left to right, resolved against ``published``.

    A weekday or relative day right before an explicit date ("الاثنين 25 / 10 / 1436 هـ",
    "أمس الأحد، 15 فبراير") is one mention with the explicit date's value.
    """
    found: list[tuple[int, _Found]] = []
    index = 0
    while index < len(tokens):
        date = _date_at(tokens, index, published)
        if date is None:
            index += 1
            continue
        found.append((index, date))
        index = date.end
    merged: list[tuple[int, _Found]] = []
    for first, date in found:
        if merged:
            previous_first, previous = merged[-1]
            gap = tokens[previous.end:first]
            if date.explicit and date.precision == "day" and len(gap) <= 1 and all(
                token.norm in _GAP_TOKENS for token in gap
            ) and (not previous.explicit or previous.precision == "day"):
                merged[-1] = (previous_first, date)
                continue
        merged.append((first, date))
    return [DateMention(first, date.end, date.value, date.precision) for first, date in merged]
