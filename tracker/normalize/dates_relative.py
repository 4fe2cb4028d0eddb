"""Atoms relative to the anchor: weekdays, last/next/past N, offsets, vague windows.

Windows for vague words (documented, DOMAIN §3 "vague spans"):
- "in recent days/weeks/months/years": the last 7 days / 4 weeks / 3 months / 3 years
  up to the anchor, ``vague``.
- "the past few N", "a few N ago": few = 3; "several" = 4; "a couple of" = 2; ``vague``.
- "this month": the first of the anchor's month up to the anchor (a past-tense story can
  only speak of the part already gone), ``vague``.
- "into next year": from the anchor to the end of next year, ``until``, ``vague``.
An interval anchor (a document known only to the month) resolves relative words
against both of its ends and keeps the union: wider, never an invented day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from tracker.normalize.dates_calendar import (
    Interval,
    add_months,
    month_span,
    safe_date,
    week_span,
    weekday_after,
    weekday_on_or_before,
)
from tracker.normalize.dates_lexicon import (
    WEEKDAYS,
)
from tracker.normalize.dates_resolve import (
    RECENT,
    RECENT_MONTHS,
    Resolved,
    _count,
    _month_period,
    _shift,
    _union,
    add_duration,
    duration,
)
from tracker.normalize.types import Anchor


def _weekday(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    weekday = WEEKDAYS[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    week = (m.group("wk") or "").lower()
    text = m.group(0).lower()
    if " week" in text and not week:
        week = rel
        rel = ""

    def on(ref: date) -> Interval:
        if week:
            monday = week_span(ref)[0] + timedelta(weeks={"next": 1, "last": -1}.get(week, 0))
            d = monday + timedelta(days=weekday)
        elif rel in ("next", "coming"):
            d = week_span(ref)[0] + timedelta(weeks=1, days=weekday)
        elif rel == "this":
            d = week_span(ref)[0] + timedelta(days=weekday)
        elif rel in ("last", "past", "previous"):
            d = weekday_on_or_before(ref - timedelta(days=1), weekday)
        elif direction == "future":
            d = weekday_after(ref - timedelta(days=1), weekday)
        else:
            d = weekday_on_or_before(ref, weekday)
        return d, d

    first, last = _union(anchor, on)
    return Resolved(first, last, "day")


def _deictic(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "tmrw": 1}[m.group("word").lower()]
    offset += {"before": -1, "after": 1}.get((m.group("dir") or "").lower(), 0)
    first, last = _union(anchor, lambda r: (r + timedelta(days=offset),) * 2)
    return Resolved(first, last, "day")


def _weekend(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    rel = m.group("rel").lower()

    def span(ref: date) -> Interval:
        if rel in ("this", "next"):
            sat = week_span(ref)[0] + timedelta(days=5, weeks=rel == "next")
        elif rel in ("last", "past") and ref.weekday() >= 5:
            sat = weekday_on_or_before(ref, 5) - timedelta(weeks=1)
        else:  # "over the weekend" in the news: the latest weekend begun by the anchor
            sat = weekday_on_or_before(ref, 5)
        return sat, sat + timedelta(days=1)

    first, last = _union(anchor, span)
    return Resolved(first, last, "weekend")


def _into_next_year(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    end = date(anchor.last.year + 1, 12, 31)
    return Resolved(anchor.first, end, "year", vague=True, qualifier="until")


_STEPS = {"last": -1, "previous": -1, "next": 1, "coming": 1, "upcoming": 1, "following": 1}


def _rel_unit(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    rel = " ".join(m.group("rel").lower().split()).removeprefix("the ")
    unit = m.group("unit").lower()
    if unit == "quarter" and rel == "past":
        rel = "last"  # "the past quarter" is the previous calendar quarter, as in reports
    if rel == "past" or (rel in ("last", "previous") and m.group("rel").lower().startswith("the")):
        first, last = _union(anchor, lambda r: (_shift(r, unit, -1), r))
        return Resolved(first, last, unit, qualifier="since")
    step = _STEPS.get(rel, 0)

    def span(ref: date) -> Interval:
        if unit == "week":
            monday = week_span(ref)[0] + timedelta(weeks=step)
            return monday, monday + timedelta(days=6)
        if unit == "month":
            d = add_months(ref.replace(day=1), step)
            return month_span(d.year, d.month)
        if unit == "quarter":
            q = add_months(date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1), 3 * step)
            return q, add_months(q, 3) - timedelta(days=1)
        if unit == "decade":
            start = ref.year // 10 * 10 + 10 * step
            return date(start, 1, 1), date(start + 9, 12, 31)
        return date(ref.year + step, 1, 1), date(ref.year + step, 12, 31)

    first, last = _union(anchor, span)
    if unit == "month" and step == 0:
        return Resolved(first, max(anchor.last, first), "month", vague=True)
    return Resolved(first, last, unit)


def _past_n(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    n, vague = _count(m.group("n"))
    unit = m.group("unit").lower()
    if n <= 0 or n > 999:
        return None
    if m.group("dir").lower() == "next":
        first, last = _union(anchor, lambda r: (r + timedelta(days=1), _shift(r, unit, n)))
        return Resolved(first, last, unit, vague=vague)
    first, last = _union(anchor, lambda r: (_shift(r, unit, -n), r))
    return Resolved(first, last, unit, vague=vague, qualifier="since")


def _recent(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    unit = m.group("unit").lower().rstrip("s")
    if unit in RECENT:
        first = anchor.first - RECENT[unit]
    else:
        first = add_months(anchor.first, -RECENT_MONTHS[unit])
    return Resolved(first, anchor.last, unit, vague=True, qualifier="vague")


def _unresolved(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    return Resolved(None, None, None, unresolved=True, qualifier="unresolved")


def _within(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    found = duration(m.group("dur"))
    if found is None:
        return None
    parts, vague = found
    first, last = _union(anchor, lambda r: (r, add_duration(r, parts, 1) - timedelta(days=1)))
    return Resolved(first, last, parts[-1][0], vague=vague)


def offset_parts(m: re.Match[str]) -> tuple[int, int, list[tuple[str, int]], bool] | None:
    """An offset phrase as (base day offset, direction sign, duration parts, vague)."""
    rel = " ".join(m.group("rel").lower().split())
    base = 1 if rel.endswith(("tomorrow", "tmrw")) else -1 if rel.endswith("yesterday") else 0
    sign = -1 if rel.startswith(("ago", "before")) else 1
    found = duration(m.group("dur"))
    if found is None:
        return None
    return base, sign, found[0], found[1]


def _offset(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    found = offset_parts(m)
    if found is None:
        return None
    base, sign, parts, vague = found
    bound = " ".join((m.group("bound") or "").lower().split())
    if bound:
        x = anchor.last + timedelta(days=base)
        far = add_duration(x, parts, sign)
        one = timedelta(days=1)
        if bound == "for" and sign < 0:
            return None  # "for two weeks before the vote" measures a duration, not a date
        if bound in ("more than", "over"):
            if sign > 0:
                return Resolved(far, None, "day", vague=vague, qualifier="after")
            return Resolved(None, far - one, "day", vague=vague, qualifier="before")
        if sign > 0:
            return Resolved(x, far - one, "day", vague=vague, qualifier="between")
        return Resolved(far + one, x, "day", vague=vague, qualifier="between")

    def day(ref: date) -> Interval:
        d = ref + timedelta(days=base)
        for unit, n in parts:
            d = _shift(d, unit, sign * n)
        return d, d

    first, last = _union(anchor, day)
    return Resolved(first, last, "day", vague=vague)


# Parts of a week (Mon-Wed, Tue-Fri, Thu-Sun) and of a year (halves; mid: April-September).
_WEEK_PART = {"early": (0, 2), "mid": (1, 4), "late": (3, 6)}
_YEAR_PART = {"early": ((1, 1), (6, 30)), "mid": ((4, 1), (9, 30)), "late": ((7, 1), (12, 31))}


def _part(mod: str) -> str:
    mod = " ".join(mod.lower().split()).removeprefix("the ")
    if mod.startswith(("beginning", "start")):
        return "early"
    if mod.startswith("end"):
        return "late"
    return "mid" if mod.startswith("mid") else mod


def _part_unit(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    if m.group("year"):  # "early 2023", "the end of 2022": the same parts as "early this year"
        (m1, d1), (m2, d2) = _YEAR_PART[_part(m.group("ymod"))]
        year = int(m.group("year"))
        return Resolved(date(year, m1, d1), date(year, m2, d2), "part_of_year")
    part = _part(m.group("mod"))
    rel = m.group("rel").lower().split()[-1]
    step = {"next": 1, "coming": 1, "last": -1, "previous": -1}.get(rel, 0)
    unit = m.group("unit").lower()

    def span(ref: date) -> Interval:
        if unit == "week":
            monday = week_span(ref)[0] + timedelta(weeks=step)
            lo, hi = _WEEK_PART[part]
            return monday + timedelta(days=lo), monday + timedelta(days=hi)
        if unit == "year":
            (m1, d1), (m2, d2) = _YEAR_PART[part]
            return date(ref.year + step, m1, d1), date(ref.year + step, m2, d2)
        start = add_months(ref.replace(day=1), step)
        res = _month_period(start.month, start.year, part, anchor, direction)
        assert res.first is not None and res.last is not None
        return res.first, res.last

    first, last = _union(anchor, span)
    return Resolved(first, last, "part_of_" + unit)


def _earlier_later(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    unit = m.group("unit").lower()
    earlier = m.group("el").lower() == "earlier"

    def span(ref: date) -> Interval:
        if unit == "week":
            lo, hi = week_span(ref)
        elif unit == "month":
            lo, hi = month_span(ref.year, ref.month)
        else:
            lo, hi = date(ref.year, 1, 1), date(ref.year, 12, 31)
        if earlier:
            return lo, max(lo, ref - timedelta(days=1))
        return ref, hi

    first, last = _union(anchor, span)
    return Resolved(first, last, unit, vague=True)


def _day_of_month(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    step = {"next": 1, "last": -1}.get(m.group("rel").lower(), 0)
    d = add_months(anchor.last.replace(day=1), step)
    found = safe_date(d.year, d.month, int(m.group("day")))
    return Resolved(found, found, "day") if found else None


def _after_next(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    unit = m.group("unit").lower()

    def span(ref: date) -> Interval:
        if unit in ("week", "weekend"):
            monday = week_span(ref)[0] + timedelta(weeks=2)
            if unit == "weekend":
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if unit == "month":
            d = add_months(ref.replace(day=1), 2)
            return month_span(d.year, d.month)
        return date(ref.year + 2, 1, 1), date(ref.year + 2, 12, 31)

    first, last = _union(anchor, span)
    return Resolved(first, last, unit)


def starting_length(m: re.Match[str]) -> tuple[str, int] | None:
    """For "2 weeks starting May 20th": the unit and count the following date opens."""
    n, _ = _count(m.group("n"))
    return (m.group("unit").lower(), n) if 0 < n < 1000 else None


def shift(day: date, unit: str, n: int) -> date:
    return _shift(day, unit, n)


RELATIVE: dict[str, Callable[[re.Match[str], Anchor, str], Resolved | None]] = {
    "weekday": _weekday,
    "deictic": _deictic,
    "weekend": _weekend,
    "into_next_year": _into_next_year,
    "rel_unit": _rel_unit,
    "past_n": _past_n,
    "recent": _recent,
    "unresolved": _unresolved,
    "within": _within,
    "offset": _offset,
    "part_unit": _part_unit,
    "earlier_later": _earlier_later,
    "after_next": _after_next,
    "starting": lambda m, anchor, direction: None,  # a prefix: times.py reads what follows
    "day_of_month": _day_of_month,
}
