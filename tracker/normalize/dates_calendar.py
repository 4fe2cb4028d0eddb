"""Calendar arithmetic for the date grammar: months, weeks, and choosing a year.

News is written in the past tense, so a date without a year is the most
recent occurrence on or before the anchor ("past"); a few words point the
other way ("next", "by Dec. 30") and ask for the "future" or "nearest"
occurrence instead.
"""

from __future__ import annotations

from datetime import date, timedelta

Interval = tuple[date, date]


def month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def month_span(year: int, month: int) -> Interval:
    return date(year, month, 1), month_end(year, month)


def add_months(day: date, months: int) -> date:
    """The same day-of-month ``months`` later (clamped to the month's end)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, month_end(year, month).day))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def week_span(day: date) -> Interval:
    """The Monday-to-Sunday week containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def weekday_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def choose(candidates: list[Interval], reference: date, direction: str) -> Interval | None:
    """Pick one occurrence: latest starting on/before ``reference`` (past), earliest
    ending on/after it (future), or the closest one (nearest)."""
    if not candidates:
        return None
    if direction == "future":
        later = [c for c in candidates if c[1] >= reference]
        return min(later) if later else max(candidates)
    if direction == "nearest":

        def distance(c: Interval) -> int:
            if c[0] <= reference <= c[1]:
                return 0
            return min(abs((c[0] - reference).days), abs((c[1] - reference).days))

        return min(candidates, key=distance)
    earlier = [c for c in candidates if c[0] <= reference]
    return max(earlier) if earlier else min(candidates)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
