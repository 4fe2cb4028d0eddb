"""The sorted-interval sweep for a large subject under the plain overlap rule.

A subject qualifies (``sweepable``) when every claim asserts a figure in one unit, over
one period or none, and the subject is not cumulative. Per origin, its claims'
intervals are merged into pieces; prefix sums over sorted bounds then give each
claim's supporting and conflicting origins in O(log n), never the n^2 pairs.

Sums are of *origin counts per grade*, packed into one int (``tally.Tally``), not of
floats: integer sums are exact in any order, so the full sweep and the one-claim
update in ``sweep_edit`` reach bit-identical numbers for the same origins.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from itertools import accumulate, repeat

from tracker.scoring.apart import Apart
from tracker.scoring.compat import Bound, lower, upper
from tracker.scoring.context import Context, Prepared
from tracker.scoring.misreports import unit_aparts
from tracker.scoring.tally import Tally

_INF = float("inf")


def sweepable(members: list[Prepared]) -> bool:
    first = members[0].claim
    if first.figure is None:
        return False
    key = (first.figure.unit, first.figure.per, first.period)
    for q in members:
        c = q.claim
        if c.cumulative or c.stance != "asserts" or c.figure is None:
            return False
        if (c.figure.unit, c.figure.per, c.period) != key:
            return False
    return True


def bounds(p: Prepared) -> tuple[Bound, Bound]:
    assert p.claim.figure is not None
    return (lower(p.claim.figure), upper(p.claim.figure))


def merge(spans: list[tuple[Bound, Bound]]) -> tuple[list[tuple[Bound, Bound]], Bound, Bound]:
    """One origin's claim intervals (sorted) as disjoint pieces, with the lowest upper bound
    and the highest lower bound of its claims (for "some claim entirely below/above")."""
    lo, hi = spans[0]
    least_upper = hi
    pieces = []
    for s_lo, s_hi in spans[1:]:
        if s_hi < least_upper:
            least_upper = s_hi
        if hi < s_lo:  # disjoint: close the piece
            pieces.append((lo, hi))
            lo, hi = s_lo, s_hi
        elif s_hi > hi:
            hi = s_hi
    pieces.append((lo, hi))
    return pieces, least_upper, spans[-1][0]


def _prefix(values: list[int]) -> list[int]:
    return [0, *accumulate(values)]


def raw_sweep(
    members: list[Prepared],
    tally: Tally,
    meet_all: frozenset[str] = frozenset(),
    apart_all: frozenset[str] = frozenset(),
    aparts: Mapping[str, Apart] | None = None,
) -> dict[str, tuple[int, int]]:
    """Per claim, packed tallies of (origins with a claim meeting it, origins counting
    against it), own origins included; in O(n log n).

    ``meet_all`` origins support every claim and ``apart_all`` origins conflict with
    every claim (in a mixed subject: voices asserting without a figure, and denials);
    ``aparts``: where an origin with a misreport counts against a claim (``misreports``),
    in place of its claims' extremes (or of ``apart_all``); each origin counts once."""
    figures: dict[str, list[tuple[Bound, Bound]]] = {}
    bounds_of = {q.claim.id: bounds(q) for q in members}
    for q in members:
        for g in q.origins:
            figures.setdefault(g, []).append(bounds_of[q.claim.id])
    for g in meet_all:  # an interval meeting every other, merged into the origin's pieces
        figures.setdefault(g, []).append((-_INF, _INF))
    aparts = aparts or {}
    always = 0
    origins = []
    for g, spans in figures.items():
        spans.sort()
        pieces, lowest_upper, highest_lower = merge(spans)
        apart = aparts.get(g)
        if apart is None and g in apart_all:
            apart = _ALWAYS
        if apart is not None and apart.always:  # counted against every claim
            always += tally.unit(g)
            apart = _NEVER
        lows, highs = [lo for lo, _ in pieces], [hi for _, hi in pieces]
        origins.append((tally.unit(g), lows, highs, lowest_upper, highest_lower, apart))
    for g in apart_all.difference(figures):  # no figure in this unit, a denial
        apart = aparts.get(g, _ALWAYS)
        if apart.always:
            always += tally.unit(g)
        else:
            origins.append((tally.unit(g), [], [], _INF, -_INF, apart))
    return tallies(bounds_of, origins, always)


_ALWAYS = Apart(-_INF, _INF, always=True)
_NEVER = Apart(-_INF, _INF)


# One origin for ``tallies``: its tally unit, its merged pieces (lower and upper ends,
# sorted), the lowest upper bound and the highest lower bound of its claims, and where it
# counts against a claim if a misreport moves that (``misreports.Apart``), else None.
OriginPieces = tuple[int, list[Bound], list[Bound], Bound, Bound, Apart | None]


def tallies(
    bounds_of: dict[str, tuple[Bound, Bound]],
    origins: Iterable[OriginPieces],
    always_apart: int = 0,
) -> dict[str, tuple[int, int]]:
    """``raw_sweep`` from origins already merged (a kept sweep has them): per claim, the
    packed tallies of origins meeting it and of origins counting against it."""
    by_upper: list[tuple[Bound, int]] = []
    by_lower: list[tuple[Bound, int]] = []
    gaps: list[tuple[Bound, Bound, int]] = []
    mins: list[tuple[Bound, int]] = []
    maxs: list[tuple[Bound, int]] = []
    spread: list[tuple[Bound, Bound, int]] = []
    for u, lows, highs, lowest_upper, highest_lower, apart in origins:
        by_lower += zip(lows, repeat(u))
        by_upper += zip(highs, repeat(u))
        if len(lows) > 1:  # between one piece's upper end and the next one's lower end
            gaps += zip(highs, lows[1:], repeat(u))
        if apart is not None:
            mins.append((apart.above, u))
            maxs.append((apart.below, u))
            spread += apart.two_sided(u)
            continue
        mins.append((lowest_upper, u))
        maxs.append((highest_lower, u))
        if lowest_upper < highest_lower:  # counted below and above: once less
            spread.append((lowest_upper, highest_lower, -u))

    by_upper.sort()
    uppers, upper_sums = [b for b, _ in by_upper], _prefix([u for _, u in by_upper])
    by_lower.sort()
    lowers, lower_sums = [b for b, _ in by_lower], _prefix([u for _, u in by_lower])
    total = upper_sums[-1]
    gaps.sort()
    mins.sort()
    min_keys, min_sums = [b for b, _ in mins], _prefix([u for _, u in mins])
    maxs.sort()
    max_keys, max_sums = [b for b, _ in maxs], _prefix([u for _, u in maxs])
    # Two-sided counts (a gap inside the claim; a claim inside an origin's gap, or on
    # both sides of it) are answered offline with a Fenwick tree, so no claim scans a list.
    spanned = _inside(gaps, bounds_of)
    two_sided = _two_sided(spread, bounds_of)

    result: dict[str, tuple[int, int]] = {}
    for claim_id, (lc, uc) in bounds_of.items():
        # Origins with a piece meeting this claim, each once (gaps spanned are double counts).
        s = total - upper_sums[bisect_left(uppers, lc)]
        s -= lower_sums[-1] - lower_sums[bisect_right(lowers, uc)]
        s -= spanned[claim_id]
        # Origins counting against it: with some claim (star) entirely below or above it,
        # or around it, each once.
        c = always_apart + min_sums[bisect_left(min_keys, lc)]
        c += max_sums[-1] - max_sums[bisect_right(max_keys, uc)]
        c += two_sided[claim_id]
        result[claim_id] = (s, c)
    return result


def finish(
    p: Prepared,
    meeting: int,
    apart: int,
    lc: Bound,
    uc: Bound,
    tally: Tally,
    below_above: Callable[[str, Bound, Bound], bool],
) -> tuple[float, float]:
    """(corroboration, contradiction) from raw tallies: the claim's primary voice is not its
    own corroboration, and its own origins are not an independent conflict."""
    corr = tally.noisy_or(meeting - tally.unit(p.primary))
    for g in p.origins:
        if below_above(g, lc, uc):
            apart -= tally.unit(g)
    return corr, tally.noisy_or(apart)


def sweep(
    members: list[Prepared], ctx: Context, aparts: Mapping[str, Apart] | None = None
) -> dict[str, tuple[float, float]]:
    """(corroboration, contradiction) per claim under the overlap rule, in O(n log n);
    ``aparts`` (``misreports.unit_aparts``) found here unless given."""
    tally = Tally(ctx)
    if aparts is None:
        aparts = unit_aparts(members, {q.claim.id: bounds(q) for q in members}, ctx)
    raw = raw_sweep(members, tally, aparts=aparts)
    against = Against(members, aparts=aparts)
    result = {}
    for q in members:
        lc, uc = bounds(q)
        s, c = raw[q.claim.id]
        result[q.claim.id] = finish(q, s, c, lc, uc, tally, against.of)
    return result


class Against:
    """Does origin g count against a claim of bounds (lc, uc) of one swept unit? Where a
    disputed moment moved that, its ``Apart`` says; otherwise a denier (in a mixed
    subject) always, and any other origin if one of its figures lies entirely below or
    above it. ``finish`` asks it of a claim's own origins."""

    def __init__(
        self,
        members: list[Prepared],
        deniers: frozenset[str] = frozenset(),
        aparts: Mapping[str, Apart] | None = None,
    ) -> None:
        self.deniers, self.aparts = deniers, aparts or {}
        self.extremes: dict[str, tuple[Bound, Bound]] = {}
        for q in members:
            lc, uc = bounds(q)
            for g in q.origins:
                lowest_upper, highest_lower = self.extremes.get(g, (_INF, -_INF))
                self.extremes[g] = (min(lowest_upper, uc), max(highest_lower, lc))

    def of(self, g: str, lc: Bound, uc: Bound) -> bool:
        apart = self.aparts.get(g)
        if apart is not None:
            return apart.counts(lc, uc)
        lowest_upper, highest_lower = self.extremes[g]
        return g in self.deniers or lowest_upper < lc or highest_lower > uc


class _Fenwick:
    """Prefix sums over ranks 1..n with point updates, both in O(log n)."""

    def __init__(self, n: int) -> None:
        self.tree = [0] * (n + 1)

    def add(self, rank: int, value: int) -> None:
        while rank < len(self.tree):
            self.tree[rank] += value
            rank += rank & -rank

    def prefix(self, rank: int) -> int:
        total = 0
        while rank > 0:
            total += self.tree[rank]
            rank -= rank & -rank
        return total


def _inside(
    gaps: list[tuple[Bound, Bound, int]], bounds_of: dict[str, tuple[Bound, Bound]]
) -> dict[str, int]:
    """Per claim, the tally of gaps (between pieces of one origin) lying inside it:
    gap start >= the claim's lower bound and gap end <= its upper bound."""
    result = dict.fromkeys(bounds_of, 0)
    if not gaps:
        return result
    starts = sorted({g[0] for g in gaps})
    tree = _Fenwick(len(starts))
    by_end = sorted(gaps, key=lambda g: g[1])
    queries = sorted((uc, lc, claim_id) for claim_id, (lc, uc) in bounds_of.items())
    k, inserted = 0, 0
    for uc, lc, claim_id in queries:
        while k < len(by_end) and by_end[k][1] <= uc:
            tree.add(bisect_left(starts, by_end[k][0]) + 1, by_end[k][2])
            inserted += by_end[k][2]
            k += 1
        result[claim_id] = inserted - tree.prefix(bisect_left(starts, lc))
    return result


def _two_sided(
    entries: list[tuple[Bound, Bound, int]], bounds_of: dict[str, tuple[Bound, Bound]]
) -> dict[str, int]:
    """Per claim, the sum of the signed tallies of the entries (start, end) around it:
    start < its lower bound and end > its upper bound."""
    result = dict.fromkeys(bounds_of, 0)
    if not entries:
        return result
    highs = sorted({s[1] for s in entries})
    tree = _Fenwick(len(highs))
    by_low = sorted(entries, key=lambda s: s[0])
    queries = sorted((lc, uc, claim_id) for claim_id, (lc, uc) in bounds_of.items())
    k, inserted = 0, 0
    for lc, uc, claim_id in queries:
        while k < len(by_low) and by_low[k][0] < lc:
            tree.add(bisect_left(highs, by_low[k][1]) + 1, by_low[k][2])
            inserted += by_low[k][2]
            k += 1
        result[claim_id] = inserted - tree.prefix(bisect_right(highs, uc))
    return result
