"""Every pair of a small subject compared once, with the rules decided per kind of claim.

What relates two claims apart from their figures (stances, units, periods, cumulative:
``compat.decide``) is the same for every pair of claims that agree on those, so it is
decided once per pair of *kinds* (``compat.Kinds``, shared by a whole scoring); each
pair of claims then costs at most two float comparisons. A claim's origins are bits of
one int, so "this claim's origins support that one" is an or, and a claim's supporting
and conflicting origins are two ints.
"""

from __future__ import annotations

from tracker.scoring.compat import (
    A_AT_MOST_B,
    ALWAYS_CONFLICTS,
    ALWAYS_SUPPORTS,
    NEVER_RELATED,
    OVERLAPS,
    lower,
    upper,
)
from tracker.scoring.context import Context, Prepared

_INF = float("inf")


def pairwise(members: list[Prepared], ctx: Context) -> dict[str, tuple[float, float]]:
    """(corroboration, contradiction) per claim: the supporting and conflicting origins of
    each claim from every pair once, counted as ``tally.Tally`` counts them."""
    n = len(members)
    kinds, tally = ctx.kinds, ctx.tally
    bits: dict[str, int] = {}
    by_unit: dict[int, int] = {}  # a grade's tally unit -> the bits of its origins
    own: list[int] = []
    primary: list[int] = []
    kind_of: list[int] = []
    lows: list[float] = []
    highs: list[float] = []
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
        claim = p.claim
        kind_of.append(kinds.of(claim))
        f = claim.figure
        lows.append(lower(f) if f is not None else -_INF)
        highs.append(upper(f) if f is not None else _INF)
    kinds.meet(set(kind_of))
    tests = kinds.tests

    support = list(own)  # a claim's own origins carry it
    conflict = [0] * n
    # Locals, not module globals, in the loop that runs for every pair.
    never, overlaps, supports, conflicts, a_at_most_b = (
        NEVER_RELATED,
        OVERLAPS,
        ALWAYS_SUPPORTS,
        ALWAYS_CONFLICTS,
        A_AT_MOST_B,
    )
    for i in range(n - 1):
        row, lo_i, hi_i, own_i = tests[kind_of[i]], lows[i], highs[i], own[i]
        s, c = support[i], conflict[i]
        for j in range(i + 1, n):
            test = row[kind_of[j]]
            if test == overlaps:
                fits = not (hi_i < lows[j]) and not (highs[j] < lo_i)
            elif test == never:
                continue
            elif test == a_at_most_b:
                fits = not (highs[j] < lo_i)
            elif test == conflicts:
                fits = False
            elif test == supports:
                fits = True
            else:  # B_AT_MOST_A
                fits = not (hi_i < lows[j])
            if fits:
                s |= own[j]
                support[j] |= own_i
            else:
                c |= own[j]
                conflict[j] |= own_i
        support[i], conflict[i] = s, c

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
