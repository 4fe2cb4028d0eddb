"""Every pair of a small subject compared once, with the rules decided per kind of claim.

What relates two claims apart from their figures (stances, units, periods, cumulative:
``compat.decide``) is the same for every pair of claims that agree on those, so it is
decided once per pair of *kinds* (``compat.Kinds``, shared by a whole scoring); each
pair of claims then costs at most two float comparisons. A claim's origins are bits of
one int, so "this claim's origins support that one" is an or, and a claim's supporting
and conflicting origins are two ints.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from tracker.scoring.compat import (
    A_AT_MOST_B,
    ALWAYS_CONFLICTS,
    ALWAYS_SUPPORTS,
    NEVER_RELATED,
    OVERLAPS,
    SUPPORTS,
    Kinds,
    Relations,
)
from tracker.scoring.context import Context, Prepared
from tracker.scoring.inputs import ClaimIn
from tracker.scoring.misreports import Moments

_INF = float("inf")


def related_pairs(claims: Sequence[ClaimIn], kinds: Kinds) -> Iterator[tuple[int, int, bool]]:
    """(i, j, supports) for every pair i < j of one subject's claims that the rules
    relate, in order; ``supports`` False is a conflict. Unrelated pairs are skipped."""
    n = len(claims)
    # Each claim's kind and bounds as Relations reads them, looked up by position below.
    relations = Relations(claims, kinds)
    kind_of, lows, highs, tests = relations.kind_of, relations.lows, relations.highs, kinds.tests
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
    members: list[Prepared], ctx: Context, moments: Moments | None = None
) -> dict[str, tuple[float, float]]:
    """(corroboration, contradiction) per claim: the supporting and conflicting origins of
    each claim from every pair once, counted as ``tally.Tally`` counts them.

    An origin counts against a claim X through a claim B that conflicts with it unless
    every report of B is in a disputed moment with a version supporting X (rule
    MISREPORT_SET_ASIDE, ``misreports``): an outlet's misreport of an origin is no
    contradiction by it while another report of that moment agrees. ``moments``, unless
    given, are found among the conflicting pairs of claims that share an origin."""
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
    suspects = []  # conflicting pairs of claims sharing an origin: maybe a misreport
    for i, j, supports in related_pairs([p.claim for p in members], ctx.kinds):
        if supports:
            support[i] |= own[j]
            support[j] |= own[i]
        else:
            conflict[i] |= own[j]
            conflict[j] |= own[i]
            if own[i] & own[j]:
                suspects.append((i, j))
    if moments is None and suspects:
        moments = _moments(members, suspects, own, bits, ctx)
    if moments:  # the conflicts again, each origin through a claim it is not excused by
        claims = [p.claim for p in members]
        excused = _Excused(claims, moments, bits, Relations(claims, ctx.kinds))
        conflict = [0] * len(members)
        for i, j, supports in related_pairs(claims, ctx.kinds):
            if supports:
                continue
            # An origin already counted against a claim needs no second look.
            new = own[j] & ~conflict[i]
            if new:
                conflict[i] |= new & ~excused.of(j, i, new)
            new = own[i] & ~conflict[j]
            if new:
                conflict[j] |= new & ~excused.of(i, j, new)

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


def _moments(
    members: list[Prepared],
    suspects: list[tuple[int, int]],
    own: list[int],
    bits: Mapping[str, int],
    ctx: Context,
) -> Moments:
    """The disputed moments of the origins shared by two conflicting claims (the pairs
    already judged), as ``misreports.Moments`` finds them."""
    conflicting = {(members[i].claim.id, members[j].claim.id) for i, j in suspects}
    shared = 0
    for i, j in suspects:
        shared |= own[i] & own[j]
    names = {bit: g for g, bit in bits.items()}
    origins = []
    while shared:
        bit = shared & -shared
        shared ^= bit
        origins.append(names[bit])
    return Moments(
        members, ctx, lambda a, b: (a, b) in conflicting or (b, a) in conflicting, origins
    )


class _Excused:
    """excused.of(b, x, wanted): the bits among ``wanted`` of the origins of claim b that
    do not count against claim x through b; each (moment, x) judged once."""

    def __init__(
        self,
        claims: list[ClaimIn],
        moments: Moments,
        bits: Mapping[str, int],
        relations: Relations,
    ) -> None:
        self.ids = [c.id for c in claims]
        self.index = {c.id: i for i, c in enumerate(claims)}
        self.moments, self.relations = moments, relations
        self.names = {bit: g for g, bit in bits.items()}
        self.memo: dict[tuple[int, int], bool] = {}

    def of(self, b: int, x: int, wanted: int) -> int:
        mask, rest = 0, wanted
        index, relations, x_id = self.index, self.relations, self.ids[x]

        def supports(c: str) -> bool:
            return c != x_id and relations.of(index[c], x) == SUPPORTS

        while rest:
            bit = rest & -rest
            rest ^= bit
            if self.moments.excused(self.names[bit], self.ids[b], supports, self.memo, x):
                mask |= bit
        return mask
