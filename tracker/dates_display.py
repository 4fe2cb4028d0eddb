"""Dates as people read them: one layout on screen and in the brief, ISO in JSON.

"16 Oct 2023" for a day, "Oct 2023" for a month, "2023" for a year, and a span
"9 Dec 2023 – 31 Dec 2024" where the evidence gives only an interval. Never more
precise than the evidence: a month-precise date is never shown with a day.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime


def human_day(day: date, year: bool = True) -> str:
    return f"{day.day} {calendar.month_abbr[day.month]}" + (f" {day.year}" if year else "")


def human_month(day: date, year: bool = True) -> str:
    return calendar.month_abbr[day.month] + (f" {day.year}" if year else "")


def human_span(
    first: date | None, last: date | None, precision: str | None = None, years: str = "each"
) -> str:
    """An inclusive interval of days as words, as precise as ``precision`` allows.

    ``precision`` is a Document's ``published_precision`` (day, month, year, datetime or
    interval); without it the span itself decides: a whole month reads as the month.
    ``years`` is for narrow columns: "once" writes a year both ends share at the end
    only ("1 Aug – 27 Dec 2023"), "none" leaves it out where a heading says it
    ("1 Aug – 27 Dec"). A span across years, or a whole year, always keeps its years."""
    if first is None:
        return "undated"
    if isinstance(first, datetime):
        first = first.date()
    if isinstance(last, datetime):
        last = last.date()
    last = last or first
    if precision == "year" or _whole_year(first, last):
        return str(first.year) if first.year == last.year else f"{first.year} – {last.year}"
    one_year = first.year == last.year
    at_start = years == "each" or not one_year
    at_end = years != "none" or not one_year
    if precision == "month" or _whole_months(first, last):
        if (first.year, first.month) == (last.year, last.month):
            return human_month(first, at_end)
        return f"{human_month(first, at_start)} – {human_month(last, at_end)}"
    if first == last:
        return human_day(first, at_end)
    return f"{human_day(first, at_start)} – {human_day(last, at_end)}"


def _whole_months(first: date, last: date) -> bool:
    end = calendar.monthrange(last.year, last.month)[1]
    return first.day == 1 and last.day == end and first <= last


def _whole_year(first: date, last: date) -> bool:
    return (
        (first.month, first.day) == (1, 1)
        and (last.month, last.day) == (12, 31)
        and (first.year == last.year)
    )
