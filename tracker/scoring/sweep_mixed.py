"""The sweep for a large *mixed* subject: denials, assertions without a figure, and
figures in several units or rates, each unit over one period (or none).

Such a subject needs no pair loop either. By the rules of ``compat.relation``:
a denial conflicts with every assertion and agrees with every denial; an assertion
without a figure agrees with every assertion; figures in different units or rates
are unrelated; within one unit, one period (or none) leaves only the overlap rule,
so each unit's figures are swept (``sweep.raw_sweep``) with the figure-less
assertions' origins meeting all of them and the denials' origins apart from all.
Cumulative subjects and several periods per unit still compare every pair.
"""

from __future__ import annotations

from tracker.scoring.compat import Bound
from tracker.scoring.context import Context, Prepared
from tracker.scoring.sweep import Tally, bounds, finish, raw_sweep

_STANCES = ("asserts", "denies")
_INF = float("inf")


def _unit_key(p: Prepared) -> tuple[str | None, str | None]:
    f = p.claim.figure
    assert f is not None
    return (f.unit or None, f.per or None)


def mixable(members: list[Prepared]) -> bool:
    periods: dict[tuple[str | None, str | None], tuple] = {}
    for q in members:
        c = q.claim
        if c.cumulative or c.stance not in _STANCES:
            return False
        if c.stance == "asserts" and c.figure is not None and c.period is not None:
            # A claim without a period compares by overlap with any period of its unit.
            span = (c.period.first, c.period.last)
            if periods.setdefault(_unit_key(q), span) != span:
                return False
    return True


def mixed_sweep(members: list[Prepared], ctx: Context) -> dict[str, tuple[float, float]]:
    """(corroboration, contradiction) per claim of a ``mixable`` subject, in O(n log n)."""
    tally = Tally(ctx)
    denying = [q for q in members if q.claim.stance == "denies"]
    asserting = [q for q in members if q.claim.stance == "asserts"]
    by_unit: dict[tuple[str | None, str | None], list[Prepared]] = {}
    plain: list[Prepared] = []
    for q in asserting:
        if q.claim.figure is None:
            plain.append(q)
        else:
            by_unit.setdefault(_unit_key(q), []).append(q)
    deniers = frozenset(g for q in denying for g in q.origins)
    asserters = frozenset(g for q in asserting for g in q.origins)
    plain_voices = frozenset(g for q in plain for g in q.origins)

    totals = {origins: sum(tally.unit(g) for g in origins) for origins in (deniers, asserters)}

    def whole(origins: frozenset[str], leave_out: tuple[str, ...] | str | None) -> int:
        # The whole side's tally less the claim's own origins on it: integers, so the
        # same as summing the rest, without walking every origin once per claim.
        left = (leave_out,) if isinstance(leave_out, str) else leave_out or ()
        return totals[origins] - sum(tally.unit(g) for g in set(left) if g in origins)

    result = {}
    for q in denying:  # agrees with every denial, conflicts with every assertion
        result[q.claim.id] = (
            tally.noisy_or(whole(deniers, q.primary)),
            tally.noisy_or(whole(asserters, q.origins)),
        )
    for q in plain:  # agrees with every assertion, conflicts with every denial
        result[q.claim.id] = (
            tally.noisy_or(whole(asserters, q.primary)),
            tally.noisy_or(whole(deniers, q.origins)),
        )
    for unit_members in by_unit.values():
        raw = raw_sweep(unit_members, tally, plain_voices, deniers)
        apart = _Apart(unit_members, deniers)
        for q in unit_members:
            lc, uc = bounds(q)
            meeting, conflicting = raw[q.claim.id]
            result[q.claim.id] = finish(q, meeting, conflicting, lc, uc, tally, apart.of)
    return result


class _Apart:
    """Is origin g in conflict with a claim of bounds (lc, uc) of this unit? A denier
    always; otherwise if one of g's figures lies entirely below or above it."""

    def __init__(self, members: list[Prepared], deniers: frozenset[str]) -> None:
        self.deniers = deniers
        self.extremes: dict[str, tuple[Bound, Bound]] = {}
        for q in members:
            lc, uc = bounds(q)
            for g in q.origins:
                lowest_upper, highest_lower = self.extremes.get(g, (_INF, -_INF))
                self.extremes[g] = (min(lowest_upper, uc), max(highest_lower, lc))

    def of(self, g: str, lc: Bound, uc: Bound) -> bool:
        lowest_upper, highest_lower = self.extremes[g]
        return g in self.deniers or lowest_upper < lc or highest_lower > uc
