"""Resolving one date atom (a day, a month, a weekday, a relative period) against the anchor.

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
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.normalize.dates_calendar import (
    Interval,
    add_months,
    add_years,
    choose,
    month_end,
    month_span,
    safe_date,
    week_span,
    weekday_after,
    weekday_on_or_before,
)
from tracker.normalize.dates_lexicon import (
    CARDINALS,
    COUNTS,
    MONTHS,
    ORDINALS,
    SEASONS,
    SEVERAL,
    VAGUE_COUNTS,
    VERB_MONTHS,
    WEEKDAYS,
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
    return Resolved(first, last, granularity, year_given=year is not None, month=month, year=year)


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


def resolve(kind: str, m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    """The interval of one atom, or None when the match is not a date after all."""
    handler = _HANDLERS[kind]
    return handler(m, anchor, direction)


def _mdy(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    month = MONTHS[m.group("month").lower().rstrip(".")]
    return day_in_month(month, _day_word(m), _year(m.group("year")), anchor, direction)


def _month(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    word = m.group("month")
    mod = m.group("mod") or ""
    year = _year(m.group("year"))
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


def _rel_unit(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    rel = " ".join(m.group("rel").lower().split()).removeprefix("the ")
    unit = m.group("unit").lower()
    if rel == "past" or (rel in ("last", "previous") and m.group("rel").lower().startswith("the")):
        first, last = _union(anchor, lambda r: (_shift(r, unit, -1), r))
        return Resolved(first, last, unit, qualifier="since")
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1, "upcoming": 1}.get(rel, 0)

    def span(ref: date) -> Interval:
        if unit == "week":
            monday = week_span(ref)[0] + timedelta(weeks=step)
            return monday, monday + timedelta(days=6)
        if unit == "month":
            d = add_months(ref.replace(day=1), step)
            return month_span(d.year, d.month)
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


def _ago(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    n, vague = _count(m.group("n"))
    unit = m.group("unit").lower()
    first, last = _union(anchor, lambda r: (_shift(r, unit, -n),) * 2)
    return Resolved(first, last, "day", vague=vague)


def _unresolved(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    return Resolved(None, None, None, unresolved=True, qualifier="unresolved")


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
    if year is None:
        if kind == "H" and not m.group("rel"):
            return None  # "H2" alone is too often not a date
        year = anchor.last.year + step
    start = (index - 1) * size + 1
    return Resolved(date(year, start, 1), month_end(year, start + size - 1), "quarter")


_DURATION_PART = re.compile(
    r"(?P<n>\d{1,3}|[a-z]+(?:\s+(?:few|of))?)\s*(?P<unit>day|week|month|year|decade)s?", re.I
)


def _within(m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    found = duration(m.group("dur"))
    if found is None:
        return None
    parts, vague = found
    first, last = _union(anchor, lambda r: (r, add_duration(r, parts, 1) - timedelta(days=1)))
    return Resolved(first, last, parts[-1][0], vague=vague)


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


def offset_parts(m: re.Match[str]) -> tuple[int, int, list[tuple[str, int]], bool] | None:
    """An offset phrase as (base day offset, direction sign, duration parts, vague)."""
    rel = " ".join(m.group("rel").lower().split())
    base = 1 if rel.endswith(("tomorrow", "tmrw")) else -1 if rel.endswith("yesterday") else 0
    sign = -1 if rel.startswith(("ago", "before")) else 1
    found = duration(m.group("dur"))
    if found is None:
        return None
    return base, sign, found[0], found[1]


def add_duration(day: date, parts: list[tuple[str, int]], sign: int) -> date:
    for unit, n in parts:
        day = _shift(day, unit, sign * n)
    return day


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
    year = int(m.group("year") or m.group("year2"))
    return Resolved(date(year, 1, 1), date(year, 12, 31), "year", year=year)


_HANDLERS: dict[str, Callable[[re.Match[str], Anchor, str], Resolved | None]] = {
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
    "weekday": _weekday,
    "the_day": _the_day,
    "deictic": _deictic,
    "weekend": _weekend,
    "into_next_year": _into_next_year,
    "rel_unit": _rel_unit,
    "past_n": _past_n,
    "recent": _recent,
    "ago": _ago,
    "unresolved": _unresolved,
    "season": _season,
    "quarter": _quarter,
    "year": _year_only,
    "within": _within,
    "offset": _offset,
    "nth_weekday": _nth_weekday,
    "day_range": _day_range,
    "year_range": _year_range,
    "part_unit": _part_unit,
    "earlier_later": _earlier_later,
    "decade": _decade,
    "md_slash": _md_slash,
    "slash_range": _slash_range,
    "after_next": _after_next,
    "starting": lambda m, anchor, direction: None,
    "week_of": _week_of,
    "century": _century,
    "day_of_month": _day_of_month,
}
