"""Every pair of a small subject compared once, with the rules decided per kind of claim.

What relates two claims apart from their figures (stances, units, periods, cumulative:
``compat.decide``) is the same for every pair of claims that agree on those, so it is
decided once per pair of *kinds* (``compat.Kinds``, shared by a whole scoring); each
pair of claims then costs at most two float comparisons. A claim's origins are bits of
one int, so "this claim's origins support that one" is an or, and a claim's supporting
and conflicting origins are two ints.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence

from tracker.scoring.compat import (
    A_AT_MOST_B,
    ALWAYS_CONFLICTS,
    ALWAYS_SUPPORTS,
    NEVER_RELATED,
    OVERLAPS,
    Kinds,
    lower,
    upper,
)
from tracker.scoring.context import Context, Prepared
from tracker.scoring.inputs import ClaimIn
from tracker.scoring.same_origin import misreported

_INF = float("inf")


def related_pairs(claims: Sequence[ClaimIn], kinds: Kinds) -> Iterator[tuple[int, int, bool]]:
    """(i, j, supports) for every pair i < j of one subject's claims that the rules
    relate, in order; ``supports`` False is a conflict. Unrelated pairs are skipped."""
    n = len(claims)
    kind_of = [kinds.of(c) for c in claims]
    lows = [lower(c.figure) if c.figure is not None else -_INF for c in claims]
    highs = [upper(c.figure) if c.figure is not None else _INF for c in claims]
    kinds.meet(set(kind_of))
    tests = kinds.tests
    # Locals, not module globals, in the loop that runs for every pair.
    never, overlaps, supports, conflicts, a_at_most_b = (
        NEVER_RELATED,
        OVERLAPS,
        ALWAYS_SUPPORTS,
        ALWAYS_CONFLICTS,
        A_AT_MOST_B,
    )
    for i in range(n - 1):
        row, lo_i, hi_i = tests[kind_of[i]], lows[i], highs[i]
        for j in range(i + 1, n):
            test = row[kind_of[j]]
            if test == overlaps:
                yield i, j, not (hi_i < lows[j]) and not (highs[j] < lo_i)
            elif test == never:
                continue
            elif test == a_at_most_b:
                yield i, j, not (highs[j] < lo_i)
            elif test == conflicts:
                yield i, j, False
            elif test == supports:
                yield i, j, True
            else:  # B_AT_MOST_A
                yield i, j, not (hi_i < lows[j])


def pairwise(
    members: list[Prepared],
    ctx: Context,
    misreports: Mapping[str, Mapping[str, Collection[str]]] | None = None,
) -> dict[str, tuple[float, float]]:
    """(corroboration, contradiction) per claim: the supporting and conflicting origins of
    each claim from every pair once, counted as ``tally.Tally`` counts them.

    ``misreports`` (``same_origin.misreported``; unless given, looked up when two
    conflicting claims share an origin):
    claim id -> origin -> the claims of that origin in a reporting discrepancy with it.
    An origin conflicts with a claim X through such a claim B only if none of B's
    discrepant claims supports X (rule MISREPORT_SET_ASIDE): an outlet's misreport of an
    origin is no contradiction by it while another report of it, on the same dates,
    agrees."""
    tally = ctx.tally
    if len(members) == 1:  # a subject of one claim (most subjects): no pair at all
        (p,) = members
        others = sum(tally.unit(g) for g in p.origins if g != p.primary)
        return {p.claim.id: (tally.noisy_or(others), 0.0)}
    bits: dict[str, int] = {}
    by_unit: dict[int, int] = {}  # a grade's tally unit -> the bits of its origins
    own: list[int] = []
    primary: list[int] = []
    for p in members:
        mask = 0
        for g in p.origins:
            bit = bits.get(g)
            if bit is None:
                bit = bits[g] = 1 << len(bits)
                unit = tally.unit(g)
                by_unit[unit] = by_unit.get(unit, 0) | bit
            mask |= bit
        own.append(mask)
        primary.append(bits[p.primary] if p.primary is not None else 0)

    support = list(own)  # a claim's own origins carry it
    conflict = [0] * len(members)
    related: Iterable[tuple[int, int, bool]] = related_pairs([p.claim for p in members], ctx.kinds)
    shared = False  # two conflicting claims of one origin: a misreport is possible
    if not misreports:
        for i, j, supports in related:
            if supports:
                support[i] |= own[j]
                support[j] |= own[i]
            else:
                conflict[i] |= own[j]
                conflict[j] |= own[i]
                shared = shared or bool(own[i] & own[j])
    if shared and misreports is None:
        misreports = misreported(members, ctx)
    if misreports:
        related = list(related_pairs([p.claim for p in members], ctx.kinds))
        excused = _excuses(members, related, misreports, bits)
        support, conflict = list(own), [0] * len(members)
        for i, j, supports in related:
            if supports:
                support[i] |= own[j]
                support[j] |= own[i]
            else:
                conflict[i] |= own[j] & ~excused(j, i)
                conflict[j] |= own[i] & ~excused(i, j)

    grades = list(by_unit.items())

    def packed(mask: int) -> int:
        """The tally of the origins in ``mask``: per grade, how many."""
        return sum((mask & of_grade).bit_count() * unit for unit, of_grade in grades)

    result = {}
    for i, p in enumerate(members):
        corr = tally.noisy_or(packed(support[i] & ~primary[i]))
        contr = tally.noisy_or(packed(conflict[i] & ~own[i])) if conflict[i] else 0.0
        result[p.claim.id] = (corr, contr)
    return result


def _excuses(
    members: list[Prepared],
    related: Iterable[tuple[int, int, bool]],
    misreports: Mapping[str, Mapping[str, Collection[str]]],
    bits: Mapping[str, int],
) -> Callable[[int, int], int]:
    """excused(b, x): the bits of the origins of claim b that do not conflict with claim
    x through b, since a claim in a reporting discrepancy with b for that origin
    supports x (MISREPORT_SET_ASIDE)."""
    index = {p.claim.id: i for i, p in enumerate(members)}
    supported = set()
    for i, j, supports in related:
        if supports:
            supported.add((i, j))
            supported.add((j, i))

    def excused(b: int, x: int) -> int:
        mask = 0
        for origin, others in misreports.get(members[b].claim.id, {}).items():
            if any((index[a], x) in supported for a in others if a in index):
                mask |= bits.get(origin, 0)
        return mask

    return excused
