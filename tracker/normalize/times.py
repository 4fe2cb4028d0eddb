"""Dates and periods resolved against the anchor (DOMAIN §3).

Atoms (a day, a month, a weekday, "the past two months" ...) are found by the
patterns of ``dates_lexicon`` and resolved by ``dates_atoms``; here they are
joined into ranges ("between Sept. 7 and Oct. 1", "from October to December",
"October 10 and 11") and given the word in front of them as qualifier:

- since X: X's first day to the anchor;   until/till/through X: up to X's last day;
- by X: from the anchor to X (X is read forward: "by Dec. 30");
- before X / after X: open on the far side; after X runs to the anchor;
- in/during X: X itself; a bare day is ``on``, a longer bare period ``in``.
The span covers the qualifying word (since, by, between, in ...), never "on".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.normalize.dates_atoms import (
    Resolved,
    day_in_month,
    resolve,
    shift,
    starting_length,
)
from tracker.normalize.dates_calendar import safe_date, week_span
from tracker.normalize.dates_lexicon import (
    ALSO,
    BARE_DAY,
    BY_TRIGGER,
    CONNECTIVE,
    DAY_NEEDED,
    GATES,
    NEED_DIGIT,
    ORDER,
    PREFIX,
    TRIGGER_RUNS,
    TRIGGER_WORDS,
    TRIGGERS,
    URL,
    WEEKDAY_RANGE,
    WEEKDAYS,
)
from tracker.normalize.numbers import letter_words
from tracker.normalize.types import Anchor, TimeSpan

MAX_TEXT = 1_000_000  # longer texts are read up to here: a time limit, not a silent guess
_DIGIT = re.compile(r"\d")
_LEAD_DAY = re.compile(
    r"\b(?:from|between)\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:to|till|until|and|-|–)\s*$",
    re.IGNORECASE,
)
_WEEK_OF = re.compile(
    r"\b(?:the\s+)?(?:week\s+(?:of|commencing|starting|beginning)(?:\s+on)?|w/c)\s+$", re.IGNORECASE
)
_NOW_AND = re.compile(r"\bbetween\s+now\s+and\s+$", re.IGNORECASE)
_AND_NOW = re.compile(r"\s+and\s+now\b", re.IGNORECASE)
_RANGE_OPENERS = {"between", "from", "beginning", "starting"}


@dataclass(slots=True)
class _Atom:
    kind: str
    start: int
    end: int
    match: re.Match[str]


def _atoms(text: str) -> list[_Atom]:
    lower = text.lower()
    has_digit = _DIGIT.search(text) is not None
    words = letter_words(text)
    contains = lower.__contains__  # any(map(contains, ...)): substring tests without a frame each
    present = set()
    for name, trigger in TRIGGERS.items():
        if name in NEED_DIGIT:
            if not has_digit:
                continue
        elif words is not None and name in TRIGGER_RUNS:
            if words.isdisjoint(TRIGGER_RUNS[name]):
                continue
        elif name in TRIGGER_WORDS and not any(map(contains, TRIGGER_WORDS[name])):
            continue
        if trigger.search(text):
            present.add(name)
    patterns = {
        kind: p
        for t in present
        for kind, p in BY_TRIGGER[t]
        if (kind not in ALSO or any(map(contains, ALSO[kind])))
        and (
            kind not in DAY_NEEDED
            or has_digit
            or words is None
            or any(w.startswith(DAY_NEEDED[kind]) for w in words)
        )
        and (kind not in GATES or GATES[kind].search(text) is not None)
    }
    if not patterns:
        return []
    has_url = "://" in text or "www." in text or "@" in text
    in_url = bytearray(len(text)) if has_url else None  # dates inside links are not dates
    if in_url is not None:
        for u in URL.finditer(text):
            in_url[u.start() : u.end()] = b"\x01" * (u.end() - u.start())
    found: list[_Atom] = []
    for kind, pattern in sorted(patterns.items(), key=lambda kp: ORDER[kp[0]]):
        for m in pattern.finditer(text):
            start, end = m.span()
            if kind == "year":
                start, end = m.span("year") if m.group("year") else m.span("year2")
            if start == end or (in_url is not None and in_url.find(1, start, end) >= 0):
                continue
            found.append(_Atom(kind, start, end, m))
    # The longest reading wins; among equals the pattern listed first.
    found.sort(key=lambda a: (-(a.end - a.start), ORDER[a.kind], a.start))
    kept: list[_Atom] = []
    taken = bytearray(len(text))  # characters already inside a kept atom: linear, not n^2
    for atom in found:
        if taken.find(1, atom.start, atom.end) < 0:
            kept.append(atom)
            taken[atom.start : atom.end] = b"\x01" * (atom.end - atom.start)
    kept.sort(key=lambda a: a.start)
    return kept


def _prefix(text: str, start: int) -> re.Match[str] | None:
    return PREFIX.search(text, max(0, start - 16), start)


def _direction(word: str) -> str:
    return "nearest" if word in ("by", "until", "till", "through", "thru") else "past"


def _span(
    text: str, start: int, end: int, res: Resolved, qualifier: str, anchor: Anchor
) -> TimeSpan:
    if res.unresolved or (res.first is None and res.last is None):
        return TimeSpan(text[start:end], start, end, None, None, "unresolved", None, res.vague)
    if res.first is None or res.last is None:  # open-ended by itself: "more than 2 weeks ago"
        q = res.qualifier or qualifier
        return TimeSpan(text[start:end], start, end, res.first, res.last, q, "day", res.vague)
    first: date | None = res.first
    last: date | None = res.last
    lo, hi = res.first, res.last
    if qualifier == "since":
        last = max(anchor.last, lo)
    elif qualifier in ("until", "till", "through", "thru"):
        qualifier = "until"
        first = anchor.first if hi > anchor.last else None
    elif qualifier == "by":
        first = anchor.first if hi >= anchor.first else None
    elif qualifier == "before":
        first, last = None, lo - timedelta(days=1)
    elif qualifier == "after":
        first = hi + timedelta(days=1)
        last = anchor.last if first <= anchor.last else None
    elif qualifier in ("in", "during", "as of", "on", ""):
        if res.qualifier:
            qualifier = res.qualifier
        elif qualifier in ("", "on", "as of"):
            qualifier = "on" if res.granularity == "day" and first == last else "in"
        else:
            qualifier = "in"
    return TimeSpan(text[start:end], start, end, first, last, qualifier, res.granularity, res.vague)


def _second_end(
    text: str, pos: int, first: Resolved, atoms: list[_Atom], index: int, anchor: Anchor, d: str
) -> tuple[int, int, Resolved] | None:
    """The other end of a range starting at ``pos``: the next atom, or a bare day
    ("October 10 and 11") that inherits the first end's month."""
    nxt = atoms[index + 1] if index + 1 < len(atoms) else None
    if nxt is not None and nxt.start == pos:
        res = resolve(nxt.kind, nxt.match, anchor, d)
        return (index + 1, nxt.end, res) if res is not None and not res.unresolved else None
    bare = BARE_DAY.match(text, pos)
    if bare and first.granularity == "day" and first.month and first.year:
        year = first.year if not first.year_given else first.year
        res = day_in_month(first.month, int(bare.group("day")), year, anchor, d)
        if res is not None:
            return index, bare.end(), res
    return None


def _join(a: Resolved, b: Resolved) -> tuple[date, date] | None:
    """The closed range from ``a`` to ``b``; an end written without a year takes the other's
    ("from Feb 1st to March 2019"), and a range read backwards moves its yearless end."""
    if a.first is None or b.last is None:
        return None
    first, last = a.first, b.last
    if not a.year_given and b.year_given:
        first = safe_date(last.year, first.month, first.day) or first
    elif a.year_given and not b.year_given:
        last = safe_date(first.year, last.month, last.day) or last
    if last < first and not b.year_given:
        last = safe_date(last.year + 1, last.month, last.day) or last
    elif last < first and not a.year_given:
        first = safe_date(first.year - 1, first.month, first.day) or first
    return (first, last) if first <= last else None


def _consecutive(a: Resolved, b: Resolved) -> bool:
    """Is month ``b`` the month right after month ``a``?"""
    if a.last is None or b.first is None or b.granularity != "month":
        return False
    return b.first == a.last + timedelta(days=1)


def _special(text: str, atoms: list[_Atom], i: int, anchor: Anchor) -> tuple[TimeSpan, int] | None:
    """Forms whose meaning spans an atom and the words around it: "2 weeks starting May
    20th", "the week of the 18th", "between now and November 15th", "between Jan 22 and now"."""
    atom = atoms[i]
    if atom.kind == "starting":
        length = starting_length(atom.match)
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        if length is None or nxt is None or nxt.start != atom.end:
            return None
        res = resolve(nxt.kind, nxt.match, anchor, "nearest")
        if res is None or res.first is None:
            return None
        last = shift(res.first, *length) - timedelta(days=1)
        span = TimeSpan(
            text[atom.start : nxt.end], atom.start, nxt.end, res.first, last, "between", "day"
        )
        return span, i + 2
    if atom.kind == "rel_unit" and atom.match.group("unit").lower() == "week":
        days = WEEKDAY_RANGE.match(text, atom.end)
        res = resolve(atom.kind, atom.match, anchor, "past")
        if days and res is not None and res.first is not None and res.qualifier != "since":
            monday = week_span(res.first)[0]
            first = monday + timedelta(days=WEEKDAYS[days.group("a").lower()])
            last = monday + timedelta(days=WEEKDAYS[days.group("b").lower()])
            if first <= last:
                end = days.end()
                span = TimeSpan(
                    text[atom.start : end], atom.start, end, first, last, "between", "day"
                )
                j = i + 1
                while j < len(atoms) and atoms[j].start < end:
                    j += 1
                return span, j
    window = text[max(0, atom.start - 40) : atom.start]
    low = window.lower()  # substring tests first: neither pattern matches without its word
    week = _WEEK_OF.search(window) if "week" in low or "w/c" in low else None
    now_and = _NOW_AND.search(window) if "now" in low else None
    and_now = _AND_NOW.match(text, atom.end)
    if not (week or now_and or and_now):
        return None
    direction = "future" if now_and else "past"
    res = resolve(atom.kind, atom.match, anchor, direction)
    if res is None or res.first is None or res.last is None or res.granularity != "day":
        return None
    start, end = atom.start, atom.end
    if week:
        start -= len(window) - week.start()
        first, last = week_span(res.first)
        return TimeSpan(text[start:end], start, end, first, last, "in", "week"), i + 1
    if now_and:
        start -= len(window) - now_and.start()
        first, last = anchor.first, max(res.last, anchor.first)
        return TimeSpan(text[start:end], start, end, first, last, "between", "day"), i + 1
    assert and_now is not None
    between = re.search(r"\bbetween\s+$", window, re.IGNORECASE)
    if between is None:
        return None
    start -= len(window) - between.start()
    end = and_now.end()
    first, last = res.first, max(anchor.last, res.first)
    return TimeSpan(text[start:end], start, end, first, last, "between", "day"), i + 1


def find_times(text: str, anchor: Anchor) -> list[TimeSpan]:
    """Every date or period in ``text`` as an inclusive interval of days."""
    if not text or not isinstance(text, str):
        return []
    text_view = text[:MAX_TEXT]
    try:
        return _find(text_view, anchor)
    except (ValueError, OverflowError):  # a date past year 9999 or before year 1
        return []


def _find(text: str, anchor: Anchor) -> list[TimeSpan]:
    atoms = _atoms(text)
    spans: list[TimeSpan] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        special = _special(text, atoms, i, anchor)
        if special is not None:
            spans.append(special[0])
            i = special[1]
            continue
        pre = _prefix(text, atom.start)
        word = " ".join(pre.group("p").lower().split()) if pre else ""
        direction = _direction(word)
        res = resolve(atom.kind, atom.match, anchor, direction)
        if res is None:
            i += 1
            continue
        start = pre.start("p") if pre and word not in ("on", "as of") else atom.start
        if spans and start < spans[-1].end:
            start = atom.start
        conn = None if res.unresolved else CONNECTIVE.match(text, atom.end)
        joined = None
        if conn and res.first is not None:
            c = conn.group("c").lower()
            opened = word in _RANGE_OPENERS
            if (c == "and" and word == "between") or c != "and":
                other = _second_end(text, conn.end(), res, atoms, i, anchor, direction)
                same = other is not None and other[2].granularity == res.granularity
                if other is not None and (opened or same or (c == "-" and other[0] == i)):
                    ends = _join(res, other[2])
                    if ends is not None:
                        joined = (other, ends)
            elif res.granularity == "month" and word in ("in", "during", ""):
                # "in March and April": two months in a row are one period
                other = _second_end(text, conn.end(), res, atoms, i, anchor, direction)
                if other is not None and other[0] == i + 1 and _consecutive(res, other[2]):
                    assert res.first is not None and other[2].last is not None
                    (j, end, _), first, last = other, res.first, other[2].last
                    spans.append(TimeSpan(text[start:end], start, end, first, last, "in", "month"))
                    i = j + 1
                    continue
        lead = _LEAD_DAY.search(text, max(0, atom.start - 24), atom.start)
        if joined is None and lead and res.granularity == "day" and res.month and res.first:
            first_day = safe_date(res.first.year, res.first.month, int(lead.group("d1")))
            if first_day is not None and first_day <= res.first:
                start = lead.start()
                end = atom.end
                spans.append(
                    TimeSpan(text[start:end], start, end, first_day, res.first, "between", "day")
                )
                i += 1
                continue
        if joined is not None:
            (j, end, other_res), (first, last) = joined
            if word not in _RANGE_OPENERS and pre is not None:
                start = atom.start
            gran = res.granularity if res.granularity == other_res.granularity else "day"
            spans.append(TimeSpan(text[start:end], start, end, first, last, "between", gran))
            i = j + 1
            continue
        if word in _RANGE_OPENERS and res.qualifier != "between":
            start, word = atom.start, ""
        elif word in _RANGE_OPENERS:
            word = ""
        spans.append(_span(text, start, atom.end, res, word, anchor))
        i += 1
    return spans
