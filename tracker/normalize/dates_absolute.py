"""Atoms named on the calendar: days, months, years, quarters, decades, numbered weeks."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from tracker.normalize.dates_calendar import (
    Interval,
    add_months,
    choose,
    month_end,
    month_span,
    safe_date,
    week_span,
    weekday_after,
    weekday_on_or_before,
)
from tracker.normalize.dates_lexicon import (
    MONTHS,
    SEASONS,
    VERB_MONTHS,
    WEEKDAYS,
)
from tracker.normalize.dates_parts import first_months
from tracker.normalize.dates_resolve import (
    _MONTH_WORDS,
    _NTH,
    Resolved,
    _day_word,
    _month_of,
    _month_period,
    _ref,
    _year,
    day_in_month,
)
from tracker.normalize.types import Anchor


def _mdy(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    month = MONTHS[m.group("month").lower().rstrip(".")]
    return day_in_month(month, _day_word(m), _year(m.group("year")), anchor, direction)


def _month(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    word = m.group("month")
    mod = m.group("mod") or ""
    year = _year(m.group("year"))
    if word.lower() in VERB_MONTHS and word[0].islower():
        return None  # "this may take", "the troops march": lower-case, these are verbs
    if not mod and year is None and not m.group("ry"):
        before = m.string[max(0, m.start() - 12) : m.start()]
        near = _MONTH_WORDS.search(before) is not None
        # "may", "march" and lower-case abbreviations are verbs and words before they are months
        if word.lower() in VERB_MONTHS and not (near and word[0].isupper()):
            return None
        if len(word.rstrip(".")) <= 4 and word.lower() != "june" and word.lower() != "july":
            if not near:
                return None
        if word.islower() and not near:
            return None
    if mod.lower().startswith("month"):
        mod = ""
    if m.group("ry"):
        step = {"next": 1, "last": -1}.get(m.group("ry").lower(), 0)
        year = anchor.last.year + step
    return _month_period(MONTHS[word.lower().rstrip(".")], year, mod, anchor, direction)


def _year_month(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    return _month_period(
        MONTHS[m.group("month").lower().rstrip(".")], _year(m.group("year")), "", anchor, ""
    )


def _ymd(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    found = safe_date(int(m.group("y")), int(m.group("a")), int(m.group("b")))
    return Resolved(found, found, "day") if found else None


def _dmy_num(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    a, b, year = int(m.group("a")), int(m.group("b")), _year(m.group("y"))
    if year is None:
        return None
    # Day-first when the first number cannot be a month (21/04/2016), else US month-first.
    month, day = (b, a) if a > 12 else (a, b)
    found = safe_date(year, month, day)
    return Resolved(found, found, "day") if found else None


def _ym_num(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    year, month = int(m.group("y")), int(m.group("a"))
    if not 1 <= month <= 12:
        return None
    first, last = month_span(year, month)
    return Resolved(first, last, "month")


_PARSER = None


def _odd(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    """Absolute dates in layouts our grammar does not spell out: dateparser, one instance."""
    global _PARSER
    if _PARSER is None:
        from dateparser.date import DateDataParser

        _PARSER = DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    try:
        data = _PARSER.get_date_data(m.group(0))
    except Exception:  # dateparser rejects some inputs by raising; that is "not a date"
        return None
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    return Resolved(found, found, "day")


def _weekday_the(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    day = _day_word(m)
    if day is None or not 1 <= day <= 31:
        return None
    ref = _ref(anchor, direction)
    weekday = WEEKDAYS[m.group("wd").lower()]
    direction = "nearest"  # the weekday pins the month: the closest such date, either side
    options = []
    for back in range(0, 15):
        month_start = add_months(ref.replace(day=1), 1 - back)
        d = safe_date(month_start.year, month_start.month, day)
        if d and d.weekday() == weekday:
            options.append((d, d))
    picked = choose(options, ref, direction)
    return Resolved(picked[0], picked[1], "day") if picked else None


def _the_day(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    ref = _ref(anchor, direction)
    day = _day_word(m)
    if day is None:
        return None
    options = []
    for back in range(-1, 3):
        start = add_months(ref.replace(day=1), -back)
        if d := safe_date(start.year, start.month, day):
            options.append((d, d))
    picked = choose(options, ref, direction)
    return Resolved(picked[0], picked[1], "day") if picked else None


def _season(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    rel = (m.group("rel") or "").lower()
    year = _year(m.group("year"))
    ref = anchor.last

    def span(name: str, year_of: int) -> Interval:
        lo, hi = SEASONS[name.lower()]
        first = date(year_of, lo, 1)
        end_year = year_of + (hi < lo)
        return first, month_end(end_year, hi)

    names = [m.group("s1")] + ([m.group("s2")] if m.group("s2") else [])
    picked = []
    for name in names:
        if year is not None:
            picked.append(span(name, year))
            continue
        options = [span(name, y) for y in range(ref.year - 2, ref.year + 2)]
        if rel == "next":
            picked.append(min(o for o in options if o[0] > ref))
        elif rel == "last":
            picked.append(max(o for o in options if o[1] < ref))
        else:
            picked.append(choose(options, ref, "past") or options[0])
    return Resolved(min(p[0] for p in picked), max(p[1] for p in picked), "season")


_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_QUARTER_WORDS |= {"fourth": 4, "4th": 4}


def _quarter(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    if m.group("q"):
        kind, index = m.group("q")[0].upper(), int(m.group("q")[1])
    else:
        kind = "Q" if m.group("qh").lower() == "quarter" else "H"
        index = _QUARTER_WORDS[m.group("qo").lower()]
    size = 3 if kind == "Q" else 6
    if index * size > 12:
        return None
    step = {"last": -1, "next": 1}.get((m.group("rel") or "").lower(), 0)
    year = _year(m.group("year") or m.group("y0"))
    start = (index - 1) * size + 1
    if year is None and m.group("the_year"):
        year = anchor.last.year  # "the first half of the year"
    if year is None:
        if kind == "H" and not m.group("rel"):
            return None  # "H2" alone is too often not a date
        year = anchor.last.year + step
        # "the fourth quarter", said in February: the one that has begun, last year's
        if not m.group("rel") and direction == "past" and date(year, start, 1) > anchor.last:
            year -= 1
    return Resolved(date(year, start, 1), month_end(year, start + size - 1), "quarter")


def _nth_weekday(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    nth_word = m.group("nth").lower()
    nth = _NTH.get(nth_word) or int(nth_word[0])
    if nth == -1 and not (m.group("month") or m.group("rel")):
        return None  # "the last Friday" alone is "last Friday", read by the weekday pattern
    found = _month_of(m, anchor, direction)
    if found is None:
        return None
    year, month = found
    weekday = WEEKDAYS[m.group("wd").lower()]
    if nth == -1:
        d = weekday_on_or_before(month_end(year, month), weekday)
    else:
        d = weekday_after(date(year, month, 1) - timedelta(days=1), weekday)
        d += timedelta(weeks=nth - 1)
        if d.month != month:
            return None
    return Resolved(d, d, "day")


def _day_range(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    if not m.group("p") and not m.group("month") and not m.group("rel"):
        return None
    if m.group("c").lower() == "and" and (m.group("p") or "").lower() != "between":
        return None
    year = _year(m.group("year"))
    if m.group("month") and year is not None:
        month = MONTHS[m.group("month").lower().rstrip(".")]
    else:
        found = _month_of(m, anchor, direction)
        if found is None:
            return None
        year, month = found
    first = safe_date(year, month, int(m.group("d1")))
    last = safe_date(year, month, int(m.group("d2")))
    if first is None or last is None or last < first:
        return None
    return Resolved(first, last, "day", qualifier="between")


def _year_range(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 <= y1:
        return None
    return Resolved(date(y1, 1, 1), date(y2, 12, 31), "year", qualifier="between")


_DECADE_WORDS = {
    "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
    "seventies": 1970, "eighties": 1980, "nineties": 1990, "noughties": 2000,
}  # fmt: skip


def _decade(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    if m.group("full") or m.group("full2"):
        start = int(m.group("full") or m.group("full2"))
    elif m.group("short"):
        start = 2000 + 10 * int(m.group("short"))
        if start > anchor.last.year:
            start -= 100
    else:
        start = _DECADE_WORDS[m.group("word").lower()]
    return Resolved(date(start, 1, 1), date(start + 9, 12, 31), "decade")


def _md_slash(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    a, b = int(m.group("a")), int(m.group("b"))
    if (a <= 12 and b <= 12) or (a, b) == (24, 7) or a == 0 or b == 0:
        return None  # 1/2, 3/4 are fractions; 24/7 is a phrase
    month, day = (b, a) if a > 12 else (a, b)
    if month > 12:
        return None
    return day_in_month(month, day, None, anchor, direction)


def _iso_week(year: int, week: int) -> Interval | None:
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return monday, monday + timedelta(days=6)


def _week_of(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    """The n-th week of a month (weeks are Monday-Sunday; a week belongs to the month or
    year holding at least four of its days, as ISO 8601 weeks belong to years)."""
    if m.group("wn"):
        found = _iso_week(anchor.last.year, int(m.group("wn")))
        return Resolved(found[0], found[1], "week") if found else None
    word = m.group("nth").lower()
    nth = _NTH.get(word) or int(word[0])
    rel = (m.group("rel") or "").lower()
    step = {"next": 1, "last": -1}.get(rel, 0)
    if m.group("year") or m.group("unit") == "year" or (m.group("unit") or "").lower() == "year":
        year = _year(m.group("year")) if m.group("year") else anchor.last.year + step
        if year is None:
            return None
        if nth == -1:
            nth = date(year, 12, 28).isocalendar()[1]
        found = _iso_week(year, nth)
        return Resolved(found[0], found[1], "week") if found else None
    if m.group("month"):
        res = _month_period(
            MONTHS[m.group("month").lower().rstrip(".")], None, "", anchor, direction
        )
        assert res.first is not None
        year, month = res.first.year, res.first.month
    else:
        d = add_months(anchor.last.replace(day=1), step)
        year, month = d.year, d.month
    first_day, last_day = month_span(year, month)
    monday = week_span(first_day)[0]
    if (monday + timedelta(days=3)).month != month:
        monday += timedelta(weeks=1)
    if nth == -1:
        monday = week_span(last_day)[0]
        if (monday + timedelta(days=3)).month != month:
            monday -= timedelta(weeks=1)
    else:
        monday += timedelta(weeks=nth - 1)
        if (monday + timedelta(days=3)).month != month:
            return None
    return Resolved(monday, monday + timedelta(days=6), "week")


def _century(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    start = (int(m.group("c")) - 1) * 100
    if start < 1:
        return None
    return Resolved(date(start, 1, 1), date(start + 99, 12, 31), "century")


def _slash_range(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    first = day_in_month(int(m.group("a1")), int(m.group("b1")), None, anchor, "past")
    if first is None or not 1 <= int(m.group("a1")) <= 12 or not 1 <= int(m.group("a2")) <= 12:
        return None
    last = day_in_month(int(m.group("a2")), int(m.group("b2")), None, anchor, "past")
    if last is None or first.first is None or last.last is None:
        return None
    lo, hi = first.first, last.last
    if hi < lo:
        lo = safe_date(lo.year - 1, lo.month, lo.day) or lo
    return Resolved(lo, hi, "day", qualifier="between")


def _year_only(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    year = int(m.group("year") or m.groupdict().get("year2") or 0)
    return Resolved(date(year, 1, 1), date(year, 12, 31), "year", year=year)


ABSOLUTE: dict[str, Callable[[re.Match[str], Anchor, str], Resolved | None]] = {
    "mdy": _mdy,
    "dmy": _mdy,
    "month": _month,
    "year_month": _year_month,
    "ymd": _ymd,
    "dmy_num": _dmy_num,
    "ym_num": _ym_num,
    "my_num": _ym_num,
    "odd": _odd,
    "weekday_the": _weekday_the,
    "the_day": _the_day,
    "season": _season,
    "quarter": _quarter,
    "year": _year_only,
    "year_word": _year_only,
    "nth_weekday": _nth_weekday,
    "day_range": _day_range,
    "year_range": _year_range,
    "decade": _decade,
    "md_slash": _md_slash,
    "slash_range": _slash_range,
    "week_of": _week_of,
    "century": _century,
    "first_months": first_months,
}
