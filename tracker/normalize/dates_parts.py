"""Leading parts of a year: "the first three months of 2024", "the first 10 months of
2023", "the first two months of the year", "the three months to March".

The pattern is ``first_months`` in ``dates_lexicon.PATTERNS``; it is resolved here.
"The first half of the year" and "the second quarter of the year" are quarters
(``dates_absolute._quarter``); "the year" is the anchor's year.
"""

from __future__ import annotations

import re
from datetime import date

from tracker.normalize.dates_calendar import choose, month_end, month_span
from tracker.normalize.dates_lexicon import MONTHS
from tracker.normalize.dates_resolve import Resolved, _ref
from tracker.normalize.types import Anchor

_COUNT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11,
}  # fmt: skip


def _count(word: str) -> int:
    return _COUNT_WORDS.get(word.lower()) or int(word)


def first_months(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    if m.group("n"):
        n = _count(m.group("n"))
        if m.group("year"):
            year = int(m.group("year"))
        else:
            year = anchor.last.year - (m.group("rel").lower() == "last")
        return Resolved(date(year, 1, 1), month_end(year, n), "month")
    # "the three months to March": the n months ending with that month
    n = _count(m.group("n2"))
    month = MONTHS[m.group("month").lower()]
    if m.group("year2"):
        year = int(m.group("year2"))
    else:
        ref = _ref(anchor, direction)
        chosen = choose([month_span(y, month) for y in (ref.year - 1, ref.year)], ref, "past")
        if chosen is None:
            return None
        year = chosen[0].year
    last = month_end(year, month)
    start_month = month - n + 1
    start_year = year
    if start_month < 1:
        start_month += 12
        start_year -= 1
    return Resolved(date(start_year, start_month, 1), last, "month")
