"""MISREPORT_SET_ASIDE in swept subjects (issue 15), without comparing every pair.

The rule (``engine.relate`` states it pair by pair): an origin O counts against a claim X
through a claim B of O that conflicts with X, unless a claim A of O in a reporting
discrepancy with B (a *misreport partner*: another document on overlapping dates, or
one derived from the other, whose figure or stance B's cannot stand beside) supports X.
The outlets disagree about what O said then, and one version agrees with X.

On one line of intervals (a swept unit), B and its partners make a *star*: O counts
against X through B exactly when X meets none of the star's intervals, i.e. X lies in a
gap of the star's union (below it, above it, or between two of its pieces). So O counts
against X when X lies in a gap of any of O's stars. All those gaps reduce to an
``Apart``: the highest "below" threshold, the lowest "above" threshold, and a chain of
inner gaps none of which contains another (sorted by start, their ends rise). An origin
without misreports has one star per claim and no inner gap: its thresholds are its
claims' highest lower bound and lowest upper bound, which is the sweep without the
rule. The chain counts each origin once per claim by inclusion and exclusion along it
(consecutive gaps may overlap, others only through them): what ``sweep.tallies`` does
with its sorted prefix sums and one 2-D count.

Only origins carried by two claims of the subject whose figures (or stances) can
conflict are looked at for partners, by a sweep over their reports' dates.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from tracker.scoring.compat import Bound, lower, upper
from tracker.scoring.context import Context, Prepared
from tracker.scoring.revisions import document_dates

_INF = float("inf")
DENIES = -2  # a report's class: a denial
BARE = -1  # an assertion without a figure; a figure's class is its unit's index (>= 0)

# One first-hand report of an origin: first and last day of its document (None:
# undated), claim id, document id, class, the figure's lower and upper bounds.
Report = tuple[date | None, date | None, str, str, int, Bound, Bound]
Span = tuple[Bound, Bound]


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


def star_summary(spans: list[Span]) -> tuple[Bound, Bound, tuple[Span, ...]]:
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


def apart_of(
    summaries: Iterable[tuple[Bound, Bound, tuple[Span, ...]]], always: bool = False
) -> Apart:
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


# -- partners ---------------------------------------------------------------------------


def reports_of(p: Prepared, origin: str, cls: int, ctx: Context) -> list[Report]:
    """The first-hand reports of an origin in a claim (a copy adds nothing)."""
    c = p.claim
    lo = lower(c.figure) if c.figure is not None else -_INF
    hi = upper(c.figure) if c.figure is not None else _INF
    out = []
    for a in p.attributed:
        if a.origin == origin and a.copied_from is None:
            doc = a.attribution.document_id
            first, last = document_dates(ctx.documents.get(doc))
            out.append((first, last, c.id, doc, cls, lo, hi))
    return out


def conflict(x: Report, y: Report) -> bool:
    """Two reports that cannot both be what their origin said (``compat``'s rules in a
    swept or mixed subject): a denial and an assertion, or figures of one unit apart."""
    cx, cy = x[4], y[4]
    if cx == DENIES or cy == DENIES:
        return cx != cy
    return cx == cy and cx >= 0 and (x[6] < y[5] or y[6] < x[5])


def may_conflict(reports: Sequence[Report]) -> bool:
    """Whether any two of an origin's reports can conflict (cheap: most cannot)."""
    classes = {r[4] for r in reports}
    if DENIES in classes and len(classes) > 1:
        return True
    for cls in classes:
        if cls >= 0:
            of = [r for r in reports if r[4] == cls]
            if min(r[6] for r in of) < max(r[5] for r in of):
                return True
    return False


def partners(reports: Sequence[Report], ctx: Context) -> dict[str, set[str]]:
    """claim id -> the claims of the same origin in a reporting discrepancy with it:
    reports in two documents and two claims that conflict, whose dates overlap (or
    one is undated), or one document derived from the other."""
    out: dict[str, set[str]] = {}

    def pair(x: Report, y: Report) -> None:
        if x[2] != y[2] and x[3] != y[3] and conflict(x, y):
            out.setdefault(x[2], set()).add(y[2])
            out.setdefault(y[2], set()).add(x[2])

    dated = sorted(r for r in reports if r[0] is not None)
    undated = [r for r in reports if r[0] is None]
    active: list[Report] = []
    for s in dated:
        first = s[0]
        active = [x for x in active if x[1] >= first]  # type: ignore[operator]
        for x in active:
            pair(x, s)
        active.append(s)
    for i, u in enumerate(undated):
        for s in dated:
            pair(u, s)
        for v in undated[i + 1 :]:
            pair(u, v)
    by_document: dict[str, list[Report]] = {}
    for r in dated:
        by_document.setdefault(r[3], []).append(r)
    if len(by_document) > 1:
        ancestors = ctx.derivations.ancestors
        for s in dated:
            for d in ancestors(s[3]):
                for x in by_document.get(d, ()):
                    # Apart in time (else the date sweep paired them), one repeating the other.
                    if x[1] < s[0] or s[1] < x[0]:  # type: ignore[operator]
                        pair(x, s)
    return out


def partners_of(mine: Sequence[Report], others: Iterable[Report], ctx: Context) -> set[str]:
    """The claims of ``others`` in a reporting discrepancy with one claim's reports
    (the same pairs ``partners`` finds, for one claim edited)."""
    found: set[str] = set()
    if not mine:
        return found
    ancestors = ctx.derivations.ancestors
    for y in others:
        for x in mine:
            if x[2] == y[2] or x[3] == y[3] or not conflict(x, y):
                continue
            if x[0] is None or y[0] is None or (x[0] <= y[1] and y[0] <= x[1]):  # type: ignore[operator]
                found.add(y[2])
                break
            if x[3] in ancestors(y[3]) or y[3] in ancestors(x[3]):
                found.add(y[2])
                break
    return found


# -- a swept subject's origins ------------------------------------------------------------


def unit_aparts(
    members: Sequence[Prepared], bounds_of: Mapping[str, Span], ctx: Context
) -> dict[str, Apart]:
    """The ``Apart`` of each origin of a plain swept subject that has a misreport (the
    others keep the plain one their claims' extremes give)."""
    carriers: dict[str, list[Prepared]] = {}
    for p in members:
        for g in p.origins:
            carriers.setdefault(g, []).append(p)
    out: dict[str, Apart] = {}
    for g, carrying in carriers.items():
        if len(carrying) < 2:
            continue
        spans = [bounds_of[p.claim.id] for p in carrying]
        if min(hi for _, hi in spans) >= max(lo for lo, _ in spans):
            continue  # every two of its figures meet: no misreport of figure
        reports = [r for p in carrying for r in reports_of(p, g, 0, ctx)]
        found = partners(reports, ctx)
        if found:
            out[g] = apart_of(
                star_summary([bounds_of[b], *(bounds_of[a] for a in found.get(b, ()))])
                for b in (p.claim.id for p in carrying)
            )
    return out
