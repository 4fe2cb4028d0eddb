"""What every date atom resolves to, and the calendar reading shared by all of them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.normalize.dates_calendar import (
    Interval,
    add_months,
    add_years,
    choose,
    month_span,
    safe_date,
)
from tracker.normalize.dates_lexicon import (
    CARDINALS,
    COUNTS,
    MONTHS,
    ORDINALS,
    SEVERAL,
    VAGUE_COUNTS,
)
from tracker.normalize.types import Anchor

RECENT = {"day": timedelta(days=7), "week": timedelta(weeks=4)}
RECENT_MONTHS = {"month": 3, "year": 36}
_MONTH_WORDS = re.compile(
    r"(?:in|since|from|until|till|through|to|by|before|after|of|during|and|between|early|"
    r"late|mid|last|next|this|the|each|every|,)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Resolved:
    first: date | None
    last: date | None
    granularity: str | None
    vague: bool = False
    unresolved: bool = False
    qualifier: str | None = None  # a qualifier the atom carries itself ("since" for past N)
    year_given: bool = True
    month: int | None = None  # for "October 10 and 11": the month the second day inherits
    year: int | None = None


def _union(anchor: Anchor, fn: Callable[[date], Interval]) -> Interval:
    a, b = fn(anchor.first), fn(anchor.last)
    return min(a[0], b[0]), max(a[1], b[1])


def _ref(anchor: Anchor, direction: str) -> date:
    return anchor.first if direction == "future" else anchor.last


def _day_word(m: re.Match[str]) -> int | None:
    if m.group("day"):
        return int(m.group("day"))
    word = (m.group("dayword") or "").lower()
    return ORDINALS.get(word) or CARDINALS.get(word)


_WORD_VALUE = CARDINALS | {
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "zero": 0, "oh": 0,
}  # fmt: skip


def _spoken_year(text: str) -> int | None:
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + sum(_WORD_VALUE.get(w, 0) for w in rest)
    century = {"nineteen": 1900, "twenty": 2000}.get(words[0])
    if century is None:
        return None
    if words[1:] == ["hundred"]:
        return century
    return century + sum(_WORD_VALUE.get(w, 0) for w in words[1:])


def _year(text: str | None) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        return _spoken_year(text)
    year = int(text)
    return year if len(text) == 4 else (2000 + year if year < 50 else 1900 + year)


def day_in_month(
    month: int, day: int | None, year: int | None, anchor: Anchor, direction: str
) -> Resolved | None:
    if day is None or not 1 <= day <= 31:
        return None
    if year is not None:
        found = safe_date(year, month, day)
        return Resolved(found, found, "day", month=month, year=year) if found else None
    ref = _ref(anchor, direction)
    options = [(d, d) for y in range(ref.year - 4, ref.year + 2) if (d := safe_date(y, month, day))]
    picked = choose(options, ref, direction)
    if picked is None:
        return None
    return Resolved(picked[0], picked[1], "day", year_given=False, month=month, year=picked[0].year)


def _month_period(
    month: int, year: int | None, mod: str, anchor: Anchor, direction: str
) -> Resolved:
    mod = " ".join(mod.lower().split())
    given = year is not None
    if mod in ("next", "this", "last"):
        direction = {"next": "future", "this": "nearest", "last": "past"}[mod]
    if year is None:
        ref = _ref(anchor, direction)
        options = [month_span(y, month) for y in range(ref.year - 1, ref.year + 2)]
        if mod == "next":
            options = [o for o in options if o[0] > ref]
        if mod == "last":
            options = [o for o in options if o[1] < ref]
        first, last = choose(options, ref, direction) or month_span(ref.year, month)
        year = first.year
    first, last = month_span(year, month)
    granularity = "month"
    if mod == "early" or mod.endswith("beginning of") or mod.endswith("start of"):
        first, last, granularity = first, first.replace(day=10), "part_of_month"
    elif mod == "mid" or mod.endswith("middle of"):
        first, last, granularity = first.replace(day=11), first.replace(day=20), "part_of_month"
    elif mod == "late" or mod.endswith("end of"):
        first, granularity = first.replace(day=21), "part_of_month"
    return Resolved(first, last, granularity, year_given=given, month=month, year=year)


def _count(word: str) -> tuple[int, bool]:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word), False
    if word == "several":
        return SEVERAL, True
    return COUNTS.get(word, 1), word in VAGUE_COUNTS


def _shift(day: date, unit: str, n: int) -> date:
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    if unit == "month":
        return add_months(day, n)
    if unit == "decade":
        return add_years(day, 10 * n)
    return add_years(day, n)


_DURATION_PART = re.compile(
    r"(?P<n>\d{1,3}|[a-z]+(?:\s+(?:few|of))?)\s*(?P<unit>day|week|month|year|decade)s?", re.I
)


def duration(text: str) -> tuple[list[tuple[str, int]], bool] | None:
    """ "1 month 21 days" as [(month, 1), (day, 21)], and whether a count was vague."""
    parts = []
    vague = False
    for part in _DURATION_PART.finditer(text):
        word = part.group("n").lower()
        if not word.isdigit() and word not in COUNTS and word != "several":
            return None
        n, fuzzy = _count(word)
        vague |= fuzzy
        parts.append((part.group("unit").lower(), n))
    return (parts, vague) if parts else None


def add_duration(day: date, parts: list[tuple[str, int]], sign: int) -> date:
    for unit, n in parts:
        day = _shift(day, unit, sign * n)
    return day


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}


def _month_of(m: re.Match[str], anchor: Anchor, direction: str) -> tuple[int, int] | None:
    """The (year, month) a phrase points at: a month name, this/next/last month, or the anchor's."""
    if m.group("month"):
        res = _month_period(
            MONTHS[m.group("month").lower().rstrip(".")], None, "", anchor, direction
        )
        assert res.first is not None
        return res.first.year, res.first.month
    step = {"next": 1, "last": -1, "previous": -1}.get((m.group("rel") or "").lower(), 0)
    d = add_months(anchor.last.replace(day=1), step)
    return d.year, d.month
