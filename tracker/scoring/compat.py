"""Can two claims of one subject both be true? (DOMAIN §4, issue 5)

The verdict is one of SUPPORTS, CONFLICTS or UNRELATED, with the name of the rule
that decided it, so explanations can cite it:

- ``denial``: a denial conflicts with every assertion of its subject;
- ``both_deny``: two denials agree;
- ``stance``: a claim without a figure agrees with every claim of its stance;
- ``units``: figures in different units or rates are not compared;
- ``cumulative_order``: in a running total, a figure reported later (by its
  period's end) whose high is below an earlier figure's low conflicts; a later,
  larger total does not;
- ``sub_period``: a count over a sub-period may not exceed the count over a
  period containing it;
- ``other_period``: figures over periods that neither contain each other nor
  coincide count different things;
- ``overlap``: otherwise, the value intervals must overlap, honouring each
  qualifier's open or closed ends.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tracker.scoring.inputs import ClaimIn, Figure

SUPPORTS = "supports"
CONFLICTS = "conflicts"
UNRELATED = "unrelated"

_INF = float("inf")

# Bounds as plain floats: an open lower end is the next float above its value, an open
# upper end the next float below, so "intervals meet" is one float comparison (and
# sorting and bisecting bounds stays cheap in the sweep).
Bound = float


def _point(f: Figure) -> bool:
    # "(10, 10]" would be empty; a figure is never nothing, so a single value is closed.
    return f.low is not None and f.low == f.high


def lower(f: Figure) -> Bound:
    if f.low is None:
        return -_INF
    low = float(f.low)
    return math.nextafter(low, _INF) if f.low_open and not _point(f) else low


def upper(f: Figure) -> Bound:
    if f.high is None:
        return _INF
    high = float(f.high)
    return math.nextafter(high, -_INF) if f.high_open and not _point(f) else high


def below(a: Figure, b: Figure) -> bool:
    """Every value of ``a`` is below every value of ``b``."""
    return upper(a) < lower(b)


def overlap(a: Figure, b: Figure) -> bool:
    return not below(a, b) and not below(b, a)


def can_be_at_most(a: Figure, b: Figure) -> bool:
    """Some value of ``a`` is <= some value of ``b``: false only if all of a lies above b."""
    return not below(b, a)


@dataclass(frozen=True, slots=True)
class Relation:
    kind: str
    rule: str
    note: str = ""


def compare(a: ClaimIn, b: ClaimIn) -> Relation:
    """The relation of two claims of one subject (symmetric in kind), with a note."""
    kind, rule = relation(a, b)
    fa, fb = a.figure, b.figure
    if rule in ("overlap", "cumulative_order", "sub_period") and fa and fb:
        verb = "meets" if kind == SUPPORTS else "does not fit"
        return Relation(kind, rule, f"{fa.describe()} {verb} {fb.describe()} ({_NOTES[rule]})")
    return Relation(kind, rule, _NOTES[rule])


_NOTES = {
    "denial": "a denial conflicts with every assertion",
    "both_deny": "both deny",
    "stance": "no figure to compare: both assert",
    "units": "different units or rates",
    "cumulative_order": "a running total cannot fall: judged by the periods' ends",
    "sub_period": "a sub-period count may not exceed its whole period's",
    "other_period": "counts over different periods",
    "overlap": "the value intervals must overlap",
}


# How a pair's figures settle its kind once ``decide`` has found the rule: not at all
# (the rule's verdict stands), by overlap, or by whether the first figure can be at most
# the second (A_AT_MOST_B) or the second at most the first (B_AT_MOST_A). The test
# depends only on what ``decide`` reads, never on the values, so the pair loop
# (``pairs.py``) decides it once per kind of claim and compares only floats per pair.
ALWAYS_SUPPORTS, ALWAYS_CONFLICTS, NEVER_RELATED, OVERLAPS, A_AT_MOST_B, B_AT_MOST_A = range(6)
_VERDICT = {ALWAYS_SUPPORTS: SUPPORTS, ALWAYS_CONFLICTS: CONFLICTS, NEVER_RELATED: UNRELATED}


def decide(a: ClaimIn, b: ClaimIn) -> tuple[str, int]:
    """(rule name, test): which rule relates two claims of one subject, from their stances,
    units, periods and cumulative flags alone."""
    if a.stance != b.stance:
        return ("denial", ALWAYS_CONFLICTS)
    if a.stance == "denies":
        return ("both_deny", ALWAYS_SUPPORTS)
    fa, fb = a.figure, b.figure
    if fa is None or fb is None:
        return ("stance", ALWAYS_SUPPORTS)
    if (fa.unit or None) != (fb.unit or None) or (fa.per or None) != (fb.per or None):
        return ("units", NEVER_RELATED)
    cumulative = a.cumulative or b.cumulative
    pa, pb = a.period, b.period
    if pa is not None and pb is not None and (pa.first, pa.last) != (pb.first, pb.last):
        if cumulative and pa.last != pb.last:
            # The later running total must be able to be >= the earlier one.
            return ("cumulative_order", A_AT_MOST_B if pa.last < pb.last else B_AT_MOST_A)
        if not cumulative:
            a_in_b = pb.first <= pa.first and pa.last <= pb.last
            b_in_a = pa.first <= pb.first and pb.last <= pa.last
            if a_in_b or b_in_a:
                # The part's count must be able to be <= the whole's.
                return ("sub_period", A_AT_MOST_B if a_in_b else B_AT_MOST_A)
            return ("other_period", NEVER_RELATED)
    return ("overlap", OVERLAPS)


def relation(a: ClaimIn, b: ClaimIn) -> tuple[str, str]:
    """(kind, rule name): the hot path, without building any text."""
    rule, test = decide(a, b)
    verdict = _VERDICT.get(test)
    if verdict is not None:
        return (verdict, rule)
    fa, fb = a.figure, b.figure
    assert fa is not None and fb is not None
    if test == OVERLAPS:
        fits = overlap(fa, fb)
    elif test == A_AT_MOST_B:
        fits = can_be_at_most(fa, fb)
    else:
        fits = can_be_at_most(fb, fa)
    return (SUPPORTS if fits else CONFLICTS, rule)


_MIRROR = {A_AT_MOST_B: B_AT_MOST_A, B_AT_MOST_A: A_AT_MOST_B}


class Kinds:
    """Claims' kinds (what ``decide`` reads of a claim) numbered, and the test between two
    kinds decided once for a whole scoring: subjects share their periods and units.

    Only pairs of kinds that meet in some subject are decided and kept, in one dict per
    kind: a case has as many kinds as distinct periods (tens of thousands), and a dense
    table of every kind against every other grew as their square (1.9 GB on 100,000
    claims, and the cyclic collector walked it on every full collection)."""

    def __init__(self) -> None:
        self._ids: dict[tuple, int] = {}
        self._examples: list[ClaimIn] = []
        # tests[a][b] for kinds a and b that two claims of one subject have had.
        self.tests: list[dict[int, int]] = []

    def of(self, c: ClaimIn) -> int:
        f, period = c.figure, c.period
        key = (
            c.stance,
            f is None,
            (f.unit or None) if f is not None else None,
            (f.per or None) if f is not None else None,
            (period.first, period.last) if period is not None else None,
            c.cumulative,
        )
        known = self._ids.get(key)
        if known is None:
            known = self._ids[key] = len(self._examples)
            self._examples.append(c)
            self.tests.append({})
        return known

    def meet(self, kinds: Iterable[int]) -> None:
        """Decide the tests between every two of ``kinds`` not decided yet (one call of
        ``decide`` per unordered pair: the rules are symmetric up to which is A)."""
        kinds = list(kinds)
        examples, tests = self._examples, self.tests
        for i, a in enumerate(kinds):
            row = tests[a]
            for b in kinds[i:]:
                if b not in row:
                    test = decide(examples[a], examples[b])[1]
                    row[b] = test
                    tests[b][a] = _MIRROR.get(test, test)


class Relations:
    """How two claims of one subject relate, decided by position as
    ``pairs.related_pairs`` decides every pair (the kinds' test, then the bounds): for the
    few pairs looked at one by one (misreports, explanations)."""

    def __init__(self, claims: Sequence[ClaimIn], kinds: Kinds) -> None:
        self.kind_of = [kinds.of(c) for c in claims]
        self.lows = [lower(c.figure) if c.figure is not None else -_INF for c in claims]
        self.highs = [upper(c.figure) if c.figure is not None else _INF for c in claims]
        kinds.meet(set(self.kind_of))
        self.tests = kinds.tests

    def of(self, u: int, v: int) -> str:
        """SUPPORTS, CONFLICTS or UNRELATED for two claims at positions u != v."""
        if u > v:
            u, v = v, u
        test = self.tests[self.kind_of[u]][self.kind_of[v]]
        if test in _VERDICT:
            return _VERDICT[test]
        lo_u, hi_u, lo_v, hi_v = self.lows[u], self.highs[u], self.lows[v], self.highs[v]
        if test == OVERLAPS:
            meets = not (hi_u < lo_v) and not (hi_v < lo_u)
        elif test == A_AT_MOST_B:
            meets = not (hi_v < lo_u)
        else:  # B_AT_MOST_A
            meets = not (hi_u < lo_v)
        return SUPPORTS if meets else CONFLICTS
