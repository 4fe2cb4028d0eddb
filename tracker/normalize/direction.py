"""Direction: is a figure the size of a change, and which way (``Quantity.change``)?

"shares rose 6.5%", "cut rates by 25 basis points", "up 17%", "+0.2%", "a 10% drop",
"8C above normal" are changes (``up``/``down``); "rose to 4.2%", "from 3.9%", "at
$84.50", "-12C at dawn" are levels (None). An apposition or a coordinated figure takes
the direction of the one before it: "gained $1.12, or 1.3%", "rose 0.4% in May and
0.3% in June". Each test looks at a short window next to the figure, so the cost is a
few bounded regex matches per quantity, nothing per sentence.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace

from tracker.normalize.numbers import trie_pattern
from tracker.normalize.types import Quantity

_UP = (
    "rose|rise|rises|rising|risen|increased|increase|increases|increasing|grew|grow|grows|"
    "growing|grown|gained|gain|gains|climbed|climb|climbs|jumped|jump|jumps|surged|surge|"
    "surges|soared|soar|soars|added|add|adds|adding|boosted|boost|"
    "boosts|swelled|expanded|widened|rallied|spiked|leapt|leaped|doubled|hiked|"
    "hike|lifted|lift|up"
)
_DOWN = (
    "fell|fall|falls|falling|fallen|dropped|drop|drops|dropping|declined|decline|declines|"
    "declining|decreased|decrease|decreases|slipped|slip|slips|slumped|slump|tumbled|tumble|"
    "plunged|plunge|plunges|plummeted|sank|sink|cut|cuts|cutting|shed|"
    "sheds|narrowed|narrow|reduced|reduce|reduces|reducing|shrank|shrunk|shrink|contracted|"
    "contract|eased|ease|dipped|dip|dips|shaves|shaved|slowed|slow|trimmed|trim|lowered|"
    "lower|docked|slashed|slash|retreated|laid\\s+off|lays\\s+off|down"
)
# verb, then the figure right away or after "by" (the object may sit between: "cut rates
# by", "raised the price of its plan by"); no clause break in between
# "raised $45m", "lost 8 warships": money raised and things lost are amounts, not changes;
# with "by" they are ("raised spending by 68%", "lost by 3 points")
_BY_ONLY = "raised|raise|raises|lost|lose|loses|losing"


class _Lazy:
    """A pattern compiled on first use: most sentences never need these big ones, and
    compiling them at import would cost every process's first call."""

    __slots__ = ("_args", "_pattern")

    def __init__(self, *args: object) -> None:
        self._args = args
        self._pattern: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = re.compile(*self._args)  # type: ignore[call-overload]
        return self._pattern

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._get().search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._get().match(text, pos, endpos)


def _trie(words: str) -> str:
    """The alternation as a trie: a position is rejected in a step, not word by word."""
    return trie_pattern([w.replace("\\s+", " ") for w in words.split("|")], r"\s+")


_UP_TRIE, _DOWN_TRIE, _BY_ONLY_TRIE = _trie(_UP), _trie(_DOWN), _trie(_BY_ONLY)
_BEFORE = _Lazy(
    rf"\b(?:(?P<up>{_UP_TRIE})|(?P<down>{_DOWN_TRIE})|(?P<by_only>{_BY_ONLY_TRIE}))\b"
    r"(?:(?P<object>(?:\s{1,3}[\w'’-]{1,20}){0,6}?)\s{1,3}(?P<by>by))?"
    r"(?:\s{1,3}(?:an\s+average\s+of|a\s+further|another|a\s+record|a|an|about|around|"
    r"roughly|some|nearly|almost|just|only))?\s{1,3}$",
    re.IGNORECASE,
)
_BY_ONLY_UP = frozenset({"raised", "raise", "raises"})
# "shot down 30", "picked up 3": the particle belongs to another verb
_PARTICLE_VERB = _Lazy(
    r"\b(?:shot|shut|broke|break|picked|pick|set|made|make|put|take|took|gave|give|turned|"
    r"sat|wrote|written|sped|speed|back|end|ended|ends|pay|paid|pays|fired|fire|fires)\s{1,3}$",
    re.IGNORECASE,
)
_AFTER = _Lazy(
    r"\s{0,3}(?:(?P<up>higher|rise|increase|gain|jump|surge|hike|faster|more\s+than|"
    r"above\s+(?:the\s+)?(?:normal|average|usual|long-term|pre-industrial|last))"
    r"|(?P<down>lower|drop|fall|decline|decrease|cut|reduction|slump|slower|less\s+than|"
    r"fewer\s+than|below\s+(?:the\s+)?(?:normal|average|usual|long-term|its\s+usual)))\b",
    re.IGNORECASE,
)
# "15% more rain": a ratio followed by more/less
_MORE_AFTER = re.compile(r"\s{1,3}(?:(?P<up>more)|(?P<down>less|fewer))\b", re.IGNORECASE)
_RATIO_UNITS = frozenset({"percent", "bp"})
_INHERIT = re.compile(
    r"\s{0,3}(?:,\s{0,3}or|(?:\s{1,3}in\s{1,3}[A-Z]\w{2,12})?,?\s{1,3}and(?:\s{1,3}by)?)\s{1,3}$"
)
# a figure that is the level reached or left, not the size of the change
_LEVEL_BEFORE = re.compile(r"\b(?:to|from|at|of|below|above|past)\s{1,3}$", re.IGNORECASE)
_AVERAGE_OF = re.compile(r"\ban\s+average\s+of\s{1,3}$", re.IGNORECASE)
_LEVEL_QUALIFIER = re.compile(r"(?:below|above|under|past)\b", re.IGNORECASE)
WINDOW = 80


def _direction(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    return "up" if m["up"] else "down"


def _verb_direction(m: re.Match[str]) -> str | None:
    if m["by_only"]:
        if not m["by"]:
            return None
        return "up" if m["by_only"].lower() in _BY_ONLY_UP else "down"
    return _direction(m)


def change_at(text: str, q: Quantity) -> str | None:
    """The direction of the change ``q`` measures in ``text``, or None for a level."""
    figure = text[q.start : q.end]
    sign = figure.lstrip()[:1]
    before = text[max(0, q.start - WINDOW) : q.start]
    if sign == "+" or text[q.start - 1 : q.start] == "+":
        return "up"
    if sign in "-\u2212" and sign and q.unit in _RATIO_UNITS:
        return "down"  # "-1.3%"; "-12C" is a level
    if _LEVEL_BEFORE.search(before[-12:]) and not _AVERAGE_OF.search(before[-20:]):
        return None
    if _LEVEL_QUALIFIER.match(figure):  # "slumped below $60,000": a level crossed
        return None
    m = _BEFORE.search(before)
    if m is not None:
        word = (m["up"] or m["down"] or m["by_only"]).lower()
        if word in ("up", "down") and (m["object"] or _PARTICLE_VERB.search(before, 0, m.start())):
            return None
        if "," not in (m["object"] or "") and ";" not in (m["object"] or ""):
            return _verb_direction(m)
    after = text[q.end : q.end + 40]
    m2 = _AFTER.match(after)
    if m2 is not None:
        return _direction(m2)
    if q.unit in _RATIO_UNITS:
        return _direction(_MORE_AFTER.match(after))
    return None


def change_verb_before(text: str, pos: int) -> bool:
    """Does a verb of change lead up to ``pos`` ("increased by ", "rises by ")?"""
    m = _BEFORE.search(text, max(0, pos - WINDOW), pos)
    return m is not None and bool(m["by"] or not m["by_only"])


def _words(pattern: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^a-z]+", pattern) if len(w) > 1)


# Every word a direction test can match: a sentence with none of them (and no "+" or "-")
# has no change to find, and one set test says so (most sentences of most articles).
_CUE_WORDS = _words(_UP + "|" + _DOWN + "|" + _BY_ONLY) | _words(
    "higher rise increase gain jump surge hike faster more above lower drop fall decline "
    "decrease cut reduction slump slower less fewer below"
)


def with_changes(
    text: str, quantities: list[Quantity], words: frozenset[str] | None = None
) -> list[Quantity]:
    """``quantities`` with ``change`` set; "gained $1.12, or 1.3%" gives both the direction.

    ``words`` is ``numbers.letter_words(text)`` when the caller has it."""
    if words is not None and _CUE_WORDS.isdisjoint(words) and "+" not in text:
        if "-" not in text and "\u2212" not in text:
            return quantities
    out: list[Quantity] = []
    for q in quantities:
        change = change_at(text, q)
        if change is None and out and out[-1].change is not None:
            gap = text[out[-1].end : q.start]
            if len(gap) < 30 and _INHERIT.search(gap) and not _LEVEL_BEFORE.search(gap):
                change = out[-1].change
        out.append(replace(q, change=change) if change else q)
    return out


_ANY_DIRECTION = _Lazy(
    rf"[+\-\u2212]\s?\d|\b(?:{_UP_TRIE}|{_DOWN_TRIE}|{_BY_ONLY_TRIE})\b", re.IGNORECASE
)


def change_of_figure(figure: str | None) -> str | None:
    """The direction written in a stored figure ("up 6.5%", "+0.2%", "cut by 3 points").

    A claim keeps its figure as written; its direction is read from that text, and a
    figure with neither a sign nor a direction word (most: "about 10 shipments") is
    answered without running the grammar."""
    if not figure or not _ANY_DIRECTION.search(figure):
        return None
    from tracker.normalize.quantities import find_quantities  # the grammar imports this module

    found = find_quantities(figure)
    return found[0].change if found else None
