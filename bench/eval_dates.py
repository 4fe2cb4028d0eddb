"""Evaluators for the date and period specs (plugin of eval_normalizer).

Run through the harness: ``.venv/bin/python bench/eval_normalizer.py``.

What is compared (on top of the harness's CONVENTIONS 1, 5, 6, 7):
- Each of our time spans from ``find_times(Input, Anchor.on(reference day))`` as
  (span, first, last) against each of their ``date``/``daterange`` results as
  (span, PastResolution). A case passes when the two lists are equal, so anything
  extra we find fails it too.
- Spans: a leading "in", "during", "on", "over" or "for" is dropped from both sides before
  comparing. DOMAIN §3 keeps "in November" (the word is the qualifier) while their spans
  keep it in some files and not others ("on this week" -> "this week", but "on Sunday of
  next week").
- Their ``date`` 0001-01-01 ("Feb 30", "fifth Sunday") marks text that is not a valid
  day; in our terms nothing is found there.
- Their period ends (convention 5 says exclusive) are not written one way everywhere,
  so the end is read from the Timex and the text:
    * a calendar unit ("2016-11", "2016-W45", "XXXX-09") ends the day before ``endDate``;
    * an explicit range that ends at the reference day ("past 3 weeks", "between Jan 22
      and now") ends ON it: DOMAIN §3 reads "over the past two months" up to and including
      the anchor;
    * a range written with two ends joined by to/till/until/through/and/"-" ("from 4 to
      22", "from 2014 to 2018", "between 2015 and Feb 2018") is half-open in their spec
      and closed in ours, as convention 4 does for numbers: our last day is the named end
      (their ``endDate``) or, when that is the first of a month or year, the end of the
      week, month or year it names ("2018" -> 2018-12-31, "Week 35" -> its Sunday). The
      spec does not say which unit was named, so any of these ends is accepted;
    * any other explicit range ("next 3 days") ends the day before ``endDate``.
  A side they leave out (``startDate`` only: "more than 2 weeks after today") is open
  (None) in ours too, except that DOMAIN §3 closes a past "since X" / "after X" at the
  anchor ("since August" -> August 1 to the anchor), so the reference day is accepted too.

Skips (the same cases for all three systems):
- "no resolution given": their result carries no PastResolution (seasons such as "this
  summer" resolve to ``{}``), so there is nothing to compare an interval against.

Baselines: ``dateparser.search.search_dates`` (one call per case, English, the case's
reference date as RELATIVE_BASE, past preferred) yields single days, scored by the same
rule; quantulum3 finds no dates and passes exactly where nothing is expected.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta

from eval_normalizer import (
    PASS,
    Outcome,
    exclusive_end_to_last,
    fail,
    reference_date,
    skip,
    spec_span,
)

from tracker.normalize.dates_calendar import month_end
from tracker.normalize.times import find_times
from tracker.normalize.types import Anchor

SKIP_NO_RESOLUTION = "no resolution given (seasons resolve to {} in their spec)"
INVALID = "0001-01-01"
_LEADING = re.compile(r"(?:in|during|on|over|for)\s+", re.IGNORECASE)
_RANGE_TIMEX = re.compile(r"^\((?P<a>[^,]+),(?P<b>[^,]+),")

Row = tuple[int, int, date | None, date | None]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    m = _LEADING.match(text, start, end)
    return (m.end(), end) if m else (start, end)


_SPOKEN_AND = re.compile(r"\b(?:thousand|hundred)\s+and\b", re.IGNORECASE)  # a number's "and"
_JOINED = re.compile(r"\b(?:to|till|until|through|thru|and)\b|\d\s*[-–]\s*\w", re.IGNORECASE)


def _their_lasts(text: str, value: dict, past: dict, reference: date) -> set[date | None]:
    """Every inclusive last day that reads their period end correctly (see above)."""
    if "endDate" not in past:
        return {None, reference}
    end = date.fromisoformat(past["endDate"][:10])
    timex = _RANGE_TIMEX.match(value.get("Timex", ""))
    if timex is None:
        return {exclusive_end_to_last(past["endDate"])}
    if end == reference:
        return {end}
    if _JOINED.search(_SPOKEN_AND.sub(" ", text)):
        lasts: set[date | None] = {end}
        if end.weekday() == 0 and "week" in text.lower():
            lasts.add(end + timedelta(days=6))
        if end.day == 1:
            lasts.add(month_end(end.year, end.month))
            if end.month == 1:
                lasts.add(date(end.year, 12, 31))
        return lasts
    return {exclusive_end_to_last(past["endDate"])}


def _skip_reason(case: dict) -> str | None:
    for result in case["Results"]:
        if not (result.get("Value") or {}).get("PastResolution"):
            return SKIP_NO_RESOLUTION
    return None


Expected = tuple[int, int, date | None, set[date | None]]


def expected(case: dict) -> list[Expected]:
    rows: list[Expected] = []
    reference = reference_date(case).date()
    for result in case["Results"]:
        value = result.get("Value") or {}
        past = value["PastResolution"]
        start, end = _trim(case["Input"], *spec_span(case, result))
        if "date" in past:
            if past["date"].startswith(INVALID):
                continue
            day = date.fromisoformat(past["date"][:10])
            rows.append((start, end, day, {day}))
        else:
            first = date.fromisoformat(past["startDate"][:10]) if "startDate" in past else None
            lasts = _their_lasts(result.get("Text", ""), value, past, reference)
            rows.append((start, end, first, lasts))
    return rows


def judge(case: dict, got: list[Row]) -> Outcome:
    want = expected(case)
    left = list(got)
    for start, end, first, lasts in want:
        for k, row in enumerate(left):
            if row[:3] == (start, end, first) and row[3] in lasts:
                del left[k]
                break
        else:
            return fail(f"want {want} got {got}")
    return PASS if not left else fail(f"want {want} got {got}")


def ours(case: dict) -> Outcome:
    reason = _skip_reason(case)
    if reason:
        return skip(reason)
    text = case["Input"]
    anchor = Anchor.on(reference_date(case).date())
    rows = [(*_trim(text, s.start, s.end), s.first, s.last) for s in find_times(text, anchor)]
    return judge(case, rows)


_SEARCH = None


def dateparser_baseline(case: dict) -> Outcome:
    global _SEARCH
    if _skip_reason(case):
        return skip(SKIP_NO_RESOLUTION)
    if _SEARCH is None:
        from dateparser.search import search_dates

        _SEARCH = search_dates
    text = case["Input"]
    settings = {
        "RELATIVE_BASE": reference_date(case),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = _SEARCH(text, languages=["en"], settings=settings) or []
    rows: list[Row] = []
    cursor = 0
    for piece, moment in found:
        start = text.find(piece, cursor)
        if start < 0:
            continue
        cursor = start + len(piece)
        day = moment.date() if isinstance(moment, datetime) else moment
        rows.append((*_trim(text, start, cursor), day, day))
    return judge(case, rows)


def quantulum_baseline(case: dict) -> Outcome:
    if _skip_reason(case):
        return skip(SKIP_NO_RESOLUTION)
    return PASS if not expected(case) else fail("quantulum3 finds no dates")


# ---------------------------------------------------------------- DateTimeModel
# Its results are written differently ("TypeName": "datetimeV2.date", "Resolution":
# {"values": [...]}, one value per reading). We map each onto the DateParser shape: the
# reading on or before the reference day is the past one (the latest such), else the first.
# Results that carry a time of day, a duration or a set are outside DOMAIN §3 (days only):
# such cases are skipped, which is far more than a quarter of this file, so the harness warns.

SKIP_NOT_DAYS = "times of day, datetimes, durations, sets: outside DOMAIN §3 (days only)"
_DAY_TYPES = {"datetimeV2.date": "date", "datetimeV2.daterange": "daterange"}


def _past_value(values: list[dict], reference: date) -> dict:
    def start(v: dict) -> str:
        return str(v.get("value") or v.get("start") or "9999")[:10]

    earlier = [v for v in values if start(v) <= reference.isoformat()]
    return max(earlier, key=start) if earlier else values[0]


def as_date_parser_case(case: dict) -> dict | None:
    """The DateTimeModel case in DateParser's shape, or None when it is not about days."""
    reference = reference_date(case).date()
    results = []
    for result in case["Results"]:
        kind = _DAY_TYPES.get(result.get("TypeName", ""))
        values = (result.get("Resolution") or {}).get("values") or []
        if kind is None or not values:
            return None
        v = _past_value(values, reference)
        if kind == "date":
            past = {"date": v["value"]} if "value" in v else {}
        else:
            past = {k2: v[k1] for k1, k2 in (("start", "startDate"), ("end", "endDate")) if k1 in v}
        value = {"Timex": v.get("timex", ""), "PastResolution": past}
        results.append({**result, "Value": value})
    return {**case, "Results": results}


def _via_shape(evaluator):
    def run(case: dict) -> Outcome:
        mapped = as_date_parser_case(case)
        return skip(SKIP_NOT_DAYS) if mapped is None else evaluator(mapped)

    return run


EVALUATORS = {
    name: {"ours": ours, "dateparser": dateparser_baseline, "quantulum3": quantulum_baseline}
    for name in ("DateParser.json", "DatePeriodParser.json")
}
EVALUATORS["DateTimeModel.json"] = {
    "ours": _via_shape(ours),
    "dateparser": _via_shape(dateparser_baseline),
    "quantulum3": _via_shape(quantulum_baseline),
}
