"""Where an origin counts against a claim on one line of intervals (a swept unit), once
disputed moments (``misreports``) are taken into account.

On one line a moment is its versions' intervals: an origin O counts against a claim X
through it exactly when X meets none of them, i.e. X lies in a gap of their union
(below it, above it, or between two pieces). So O counts against X when X lies in a gap
of any of O's moments. All those gaps reduce to an ``Apart``: the highest "below"
threshold, the lowest "above" threshold, and a chain of inner gaps none of which
contains another (sorted by start, their ends rise). An origin without a discrepancy
has a moment per claim and no inner gap: its thresholds are its claims' highest lower
bound and lowest upper bound, which is the sweep without the rule. The chain counts
each origin once per claim by inclusion and exclusion along it (consecutive gaps may
overlap, others only through them): what ``sweep.tallies`` does with sorted prefix sums
and one 2-D count.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from tracker.scoring.compat import Bound

_INF = float("inf")
Span = tuple[Bound, Bound]
# A moment's lowest and highest bound, and the gaps between its pieces (``star_summary``).
Star = tuple[Bound, Bound, tuple[Span, ...]]


class Apart:
    """Where an origin counts against a claim [lc, uc] of a swept unit: entirely below
    ``below`` (uc < below), entirely above ``above`` (lc > above), inside one of the
    chain's gaps (start < lc and uc < end), or everywhere (``always``: a denial no
    report of its moment excuses)."""

    __slots__ = ("above", "always", "below", "ends", "starts")

    def __init__(
        self,
        below: Bound,
        above: Bound,
        starts: Sequence[Bound] = (),
        ends: Sequence[Bound] = (),
        always: bool = False,
    ) -> None:
        self.below, self.above, self.always = below, above, always
        self.starts, self.ends = list(starts), list(ends)

    def counts(self, lc: Bound, uc: Bound) -> bool:
        if self.always or uc < self.below or lc > self.above:
            return True
        starts = self.starts
        if not starts:
            return False
        k = bisect_left(starts, lc) - 1  # the gap starting last before lc ends last too
        return k >= 0 and uc < self.ends[k]

    def inner(self) -> list[Span]:
        return list(zip(self.starts, self.ends, strict=True))

    def two_sided(self, unit: int) -> list[tuple[Bound, Bound, int]]:
        """Signed (start, end, tally) entries counted where start < lc and uc < end: each
        inner gap once, less each overlap of consecutive elements of the chain, the
        one-sided thresholds at its ends included (counted by ``sweep.tallies``)."""
        chain: list[Span] = []
        if self.below > -_INF:
            chain.append((-_INF, self.below))
        chain += self.inner()
        if self.above < _INF:
            chain.append((self.above, _INF))
        out = [(a, b, unit) for a, b in self.inner()]
        for (_, b), (a, _) in zip(chain, chain[1:], strict=False):
            if a < b:  # else no interval lies in both
                out.append((a, b, -unit))
        return out

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Apart) and (
            self.below,
            self.above,
            self.starts,
            self.ends,
            self.always,
        ) == (other.below, other.above, other.starts, other.ends, other.always)

    __hash__ = None  # type: ignore[assignment]


def plain_apart(lowest_upper: Bound, highest_lower: Bound) -> Apart:
    return Apart(highest_lower, lowest_upper)


def star_summary(spans: list[Span]) -> Star:
    """(lowest bound, highest bound, gaps between pieces) of a star's intervals."""
    spans = sorted(spans)
    gaps = []
    lo, hi = spans[0]
    for s_lo, s_hi in spans[1:]:
        if hi < s_lo:
            gaps.append((hi, s_lo))
            hi = s_hi
        elif s_hi > hi:
            hi = s_hi
    return lo, hi, tuple(gaps)


def apart_of(summaries: Iterable[Star], always: bool = False) -> Apart:
    """An origin's ``Apart`` from its stars' summaries (``star_summary``)."""
    below, above = -_INF, _INF
    gaps: list[Span] = []
    for lo, hi, inner in summaries:
        if lo > below:
            below = lo
        if hi < above:
            above = hi
        if inner:
            gaps += inner
    if always:
        return Apart(-_INF, _INF, always=True)
    # A gap inside a threshold's side adds nothing; of the rest, none inside another.
    useful = sorted(
        ((a, -b) for a, b in gaps if a < above and b > below), key=lambda g: (g[0], g[1])
    )
    starts: list[Bound] = []
    ends: list[Bound] = []
    reach = -_INF
    for a, minus_b in useful:
        b = -minus_b
        if b > reach:
            starts.append(a)
            ends.append(b)
            reach = b
    return Apart(below, above, starts, ends)
