"""The sweep for a large *mixed* subject: denials, assertions without a figure, and
figures in several units or rates, each unit over one period (or none).

Such a subject needs no pair loop either. By the rules of ``compat.relation``:
a denial conflicts with every assertion and agrees with every denial; an assertion
without a figure agrees with every assertion; figures in different units or rates
are unrelated; within one unit, one period (or none) leaves only the overlap rule,
so each unit's figures are swept (``sweep.raw_sweep``) with the figure-less
assertions' origins meeting all of them and the denials' origins apart from all.
Cumulative subjects and several periods per unit still compare every pair.

An origin whose outlets disagree about what it said (``misreports``) counts against a
claim only through a moment none of whose versions supports the claim: a denial against
an assertion only if no assertion of its moment agrees with that one, an assertion
against a denial only if no denial of its moment was reported.
"""

from __future__ import annotations

from tracker.scoring.apart import Apart, apart_of, star_summary
from tracker.scoring.compat import Bound
from tracker.scoring.context import Context, Prepared
from tracker.scoring.misreports import (
    BARE,
    DENIES,
    alone,
    discrepant,
    grouped,
    key,
    may_conflict,
    reports_of,
    versions,
)
from tracker.scoring.sweep import Against, Tally, bounds, finish, raw_sweep

_STANCES = ("asserts", "denies")


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
    units = {key: k for k, key in enumerate(by_unit)}
    found = _misreports(members, units, ctx)
    # A denial counts against a bare assertion unless an assertion of its moment was
    # reported; an assertion against a denial unless a denial of its moment was.
    against_bare = frozenset(g for g in deniers if _unexcused(g, True, found))
    against_denial = frozenset(g for g in asserters if _unexcused(g, False, found))

    totals = {
        origins: sum(tally.unit(g) for g in origins)
        for origins in (deniers, asserters, against_bare, against_denial)
    }

    def whole(origins: frozenset[str], leave_out: tuple[str, ...] | str | None) -> int:
        # The whole side's tally less the claim's own origins on it: integers, so the
        # same as summing the rest, without walking every origin once per claim.
        left = (leave_out,) if isinstance(leave_out, str) else leave_out or ()
        return totals[origins] - sum(tally.unit(g) for g in set(left) if g in origins)

    result = {}
    for q in denying:  # agrees with every denial, conflicts with every assertion
        result[q.claim.id] = (
            tally.noisy_or(whole(deniers, q.primary)),
            tally.noisy_or(whole(against_denial, q.origins)),
        )
    for q in plain:  # agrees with every assertion, conflicts with every denial
        result[q.claim.id] = (
            tally.noisy_or(whole(asserters, q.primary)),
            tally.noisy_or(whole(against_bare, q.origins)),
        )
    for unit_key, unit_members in by_unit.items():
        aparts = _unit_aparts(units[unit_key], found) if found else {}
        raw = raw_sweep(unit_members, tally, plain_voices, deniers, aparts)
        against = Against(unit_members, deniers, aparts)
        for q in unit_members:
            lc, uc = bounds(q)
            meeting, conflicting = raw[q.claim.id]
            result[q.claim.id] = finish(q, meeting, conflicting, lc, uc, tally, against.of)
    return result


# Per origin with a disputed moment: each claim's class and bounds, and its moments
# (sets of claim ids; a claim with a report in none is a moment of its own).
_Found = dict[str, tuple[dict[str, int], dict[str, tuple[Bound, Bound]], list[set[str]]]]


def _class(q: Prepared, units: dict[tuple[str | None, str | None], int]) -> int:
    if q.claim.stance == "denies":
        return DENIES
    return BARE if q.claim.figure is None else units[_unit_key(q)]


def _misreports(
    members: list[Prepared], units: dict[tuple[str | None, str | None], int], ctx: Context
) -> _Found:
    carriers: dict[str, list[Prepared]] = {}
    for q in members:
        for g in q.origins:
            carriers.setdefault(g, []).append(q)
    found: _Found = {}
    for g, carrying in carriers.items():
        if len(carrying) < 2:
            continue
        classes = {q.claim.id: _class(q, units) for q in carrying}
        reports = {q.claim.id: reports_of(q, g, classes[q.claim.id], ctx) for q in carrying}
        listed = [r for rs in reports.values() for r in rs]
        if not may_conflict(listed):
            continue
        pairs = discrepant(listed, ctx)
        if not pairs:
            continue
        groups = grouped((key(x), key(y)) for x, y in pairs)
        disputed = set().union(*groups)
        held = [versions(group) for group in groups]
        held += [{c} for c, mine in reports.items() if alone(mine, disputed)]
        spans = {q.claim.id: bounds(q) for q in carrying if q.claim.figure is not None}
        found[g] = (classes, spans, held)
    return found


def _unexcused(g: str, denials: bool, found: _Found) -> bool:
    """Whether origin g has a moment with claims on one side (denials, or assertions)
    and none on the other: it counts against every claim of the other side."""
    if g not in found:
        return True
    classes, _, held = found[g]
    return any(
        any((classes[c] == DENIES) == denials for c in m)
        and not any((classes[c] == DENIES) != denials for c in m)
        for m in held
    )


def _unit_aparts(unit: int, found: _Found) -> dict[str, Apart]:
    """Where each origin with a disputed moment counts against a figure of one unit:
    through a moment with a denial or a figure of the unit, and no version agreeing (a
    bare assertion agrees with every figure; a figure of the unit with those it meets)."""
    out: dict[str, Apart] = {}
    for g, (classes, spans, held) in found.items():
        if not any(cls in (unit, DENIES) for cls in classes.values()):
            continue
        stars = []
        always = False
        for m in held:
            if any(classes[c] == BARE for c in m):
                continue
            figures = [spans[c] for c in m if classes[c] == unit]
            if figures:
                stars.append(star_summary(figures))
            elif any(classes[c] == DENIES for c in m):
                always = True
        out[g] = apart_of(stars, always)
    return out
