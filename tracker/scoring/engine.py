"""Scoring one subject: claims are only ever compared inside their subject.

Small subjects compare every pair (``relate``). A large subject whose claims all
follow the plain overlap rule (one unit, one period or none, all assertions with a
figure, not cumulative) is scored by a sweep over sorted intervals: per origin, its
claims' intervals are merged, and prefix sums of log(1 - w) over sorted bounds give
each claim's supporting and conflicting origins in O(log n), never the n^2 pairs.
Its explanation is assembled only when asked for, from the same rules.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from itertools import accumulate

from tracker.scoring.compat import (
    CONFLICTS,
    SUPPORTS,
    UNRELATED,
    Bound,
    compare,
    lower,
    relation,
    upper,
)
from tracker.scoring.context import Context, Prepared
from tracker.scoring.discrepancies import discrepancies
from tracker.scoring.explain import Comparison, Explanation, OriginEvidence, ScoreExplanation
from tracker.scoring.results import ClaimScore
from tracker.scoring.scores import (
    credibility,
    credibility_grade,
    estimative,
    noisy_or,
    phrase,
    probability,
)

FORMULA = "1 - prod(1 - w) over counted origins, each origin once"
DIGITS = 9  # scores are rounded so the sweep and the pairwise path agree


@dataclass
class _Side:
    """Origins on one side (support or conflict), the claims that brought them, the rule."""

    claims: dict[str, list[str]] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)
    sources: dict[str, dict[str, None]] = field(default_factory=dict)

    def add(self, origin: str, claim: str, rule: str, sources: tuple[str, ...], cap: int) -> None:
        named = self.claims.setdefault(origin, [])
        if len(named) < cap:
            named.append(claim)
        self.rules.setdefault(origin, rule)
        self.sources.setdefault(origin, {}).update(dict.fromkeys(sources))


def relate(p: Prepared, members: list[Prepared], ctx: Context) -> tuple[_Side, _Side, list]:
    cap = ctx.weights.claims_shown_per_origin
    support, conflict = _Side(), _Side()
    for g in p.origins:
        support.add(g, p.claim.id, "own", p.sources_by_origin[g], cap)
    relations: list[tuple[str, str, str, str]] = []
    for q in members:
        if q.claim.id == p.claim.id:
            continue
        rel = compare(p.claim, q.claim)
        if rel.kind == UNRELATED:
            continue
        side = support if rel.kind == SUPPORTS else conflict
        for g in q.origins:
            side.add(g, q.claim.id, rel.rule, q.sources_by_origin[g], cap)
        relations.append((q.claim.id, rel.kind, rel.rule, rel.note))
    return support, conflict, relations


def _evidence(side: _Side, origin: str, ctx: Context, note: str = "") -> OriginEvidence:
    return OriginEvidence(
        origin=origin,
        grade=ctx.grade(origin),
        weight=ctx.weight(origin),
        sources=tuple(side.sources.get(origin, {})),
        claims=tuple(side.claims.get(origin, ())),
        rule=side.rules.get(origin, ""),
        note=note,
    )


def _numbers(p: Prepared, support: _Side, conflict: _Side, ctx: Context) -> tuple[float, float]:
    corr = noisy_or(ctx.weight(g) for g in support.claims if g != p.primary)
    contr = noisy_or(ctx.weight(g) for g in conflict.claims if g not in p.origins)
    return round(corr, DIGITS), round(contr, DIGITS)


def explain(p: Prepared, members: list[Prepared], ctx: Context) -> Explanation:
    support, conflict, relations = relate(p, members, ctx)
    corr, contr = _numbers(p, support, conflict, ctx)
    own = tuple(_evidence(support, g, ctx, "the claim's own origin") for g in p.origins)
    s_counted = tuple(
        _evidence(support, g, ctx, "an independent origin supports it")
        for g in sorted(support.claims)
        if g != p.primary
    )
    s_aside = tuple(
        _evidence(support, g, ctx, "the claim's own primary voice is what is corroborated")
        for g in support.claims
        if g == p.primary
    )
    c_counted = tuple(
        _evidence(conflict, g, ctx, "an independent origin conflicts with it")
        for g in sorted(conflict.claims)
        if g not in p.origins
    )
    c_aside = tuple(
        _evidence(conflict, g, ctx, "one of the claim's own origins: a voice revising itself")
        for g in sorted(conflict.claims)
        if g in p.origins
    )
    named = {c for e in (*s_counted, *c_counted, *c_aside) for c in e.claims}
    comparisons = tuple(Comparison(*r) for r in relations if r[0] in named)
    primary_weight = ctx.weight(p.primary) if p.primary else 0.0
    prob = probability(primary_weight, corr, contr, ctx.weights)
    copies = tuple(
        dict.fromkeys(
            f"{a.attribution.document_id} repeats {a.copied_from.document_id} (origin {a.origin})"
            for a in p.attributed
            if a.copied_from is not None
        )
    )
    return Explanation(
        claim=p.claim.id,
        subject=p.claim.subject,
        own_origins=own,
        primary_origin=p.primary,
        corroboration=ScoreExplanation("corroboration", corr, FORMULA, s_counted, s_aside),
        contradiction=ScoreExplanation("contradiction", contr, FORMULA, c_counted, c_aside),
        credibility=credibility(corr, contr, ctx.weights),
        estimative=estimative(prob, ctx.weights),
        comparisons=comparisons,
        copies=copies,
        constants=ctx.weights.named(),
    )


def _sweepable(members: list[Prepared]) -> bool:
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


def _prefix(values: list[float]) -> list[float]:
    return [0.0, *accumulate(values)]


def sweep(members: list[Prepared], ctx: Context) -> dict[str, tuple[float, float]]:
    """(corroboration, contradiction) per claim under the overlap rule, in O(n log n)."""
    logw = {g: math.log1p(-ctx.weight(g)) for q in members for g in q.origins}
    figures: dict[str, list[tuple[Bound, Bound]]] = {}
    bounds_of: dict[str, tuple[Bound, Bound]] = {}
    for q in members:
        assert q.claim.figure is not None
        bounds = (lower(q.claim.figure), upper(q.claim.figure))
        bounds_of[q.claim.id] = bounds
        for g in q.origins:
            figures.setdefault(g, []).append(bounds)

    pieces: list[tuple[Bound, Bound, float]] = []
    gaps: list[tuple[Bound, Bound, float]] = []
    lowest_upper: dict[str, Bound] = {}
    highest_lower: dict[str, Bound] = {}
    spread: list[tuple[Bound, Bound, float]] = []
    for g, spans in figures.items():
        lw = logw[g]
        spans.sort()
        lo, hi = spans[0]
        least_upper = hi
        for s_lo, s_hi in spans[1:]:
            if s_hi < least_upper:
                least_upper = s_hi
            if hi < s_lo:  # disjoint: close the piece, remember the gap
                pieces.append((lo, hi, lw))
                gaps.append((hi, s_lo, lw))
                lo, hi = s_lo, s_hi
            elif s_hi > hi:
                hi = s_hi
        pieces.append((lo, hi, lw))
        lowest_upper[g] = least_upper
        highest_lower[g] = spans[-1][0]  # sorted by lower bound
        if lowest_upper[g] < highest_lower[g]:
            spread.append((lowest_upper[g], highest_lower[g], lw))

    by_upper = sorted((hi, lw) for _, hi, lw in pieces)
    uppers, upper_sums = [b for b, _ in by_upper], _prefix([w for _, w in by_upper])
    by_lower = sorted((lo, lw) for lo, _, lw in pieces)
    lowers, lower_sums = [b for b, _ in by_lower], _prefix([w for _, w in by_lower])
    total = upper_sums[-1]
    gaps.sort()
    mins = sorted((lowest_upper[g], logw[g]) for g in figures)
    min_keys, min_sums = [b for b, _ in mins], _prefix([w for _, w in mins])
    maxs = sorted((highest_lower[g], logw[g]) for g in figures)
    max_keys, max_sums = [b for b, _ in maxs], _prefix([w for _, w in maxs])
    # Two-sided counts (a gap inside the claim; an origin with claims on both sides of
    # it) are answered offline with a Fenwick tree, so no claim scans a list.
    spanned = _inside(gaps, bounds_of)
    straddled = _straddling(spread, bounds_of)

    result: dict[str, tuple[float, float]] = {}
    for q in members:
        assert q.claim.figure is not None
        lc, uc = bounds_of[q.claim.id]
        # Origins with a piece meeting this claim, each once (gaps spanned are double counts).
        s = total - upper_sums[bisect_left(uppers, lc)]
        s -= lower_sums[-1] - lower_sums[bisect_right(lowers, uc)]
        s -= spanned[q.claim.id]
        primary = q.primary
        corr = 1.0 - math.exp(s - (logw[primary] if primary is not None else 0.0))
        # Origins with some claim entirely below or entirely above this one.
        c = min_sums[bisect_left(min_keys, lc)]
        c += max_sums[-1] - max_sums[bisect_right(max_keys, uc)]
        c -= straddled[q.claim.id]
        for g in q.origins:
            if lowest_upper[g] < lc or highest_lower[g] > uc:
                c -= logw[g]
        contr = 1.0 - math.exp(c)
        result[q.claim.id] = (round(max(0.0, corr), DIGITS), round(max(0.0, contr), DIGITS))
    return result


class _Fenwick:
    """Prefix sums over ranks 1..n with point updates, both in O(log n)."""

    def __init__(self, n: int) -> None:
        self.tree = [0.0] * (n + 1)

    def add(self, rank: int, value: float) -> None:
        while rank < len(self.tree):
            self.tree[rank] += value
            rank += rank & -rank

    def prefix(self, rank: int) -> float:
        total = 0.0
        while rank > 0:
            total += self.tree[rank]
            rank -= rank & -rank
        return total


def _inside(
    gaps: list[tuple[Bound, Bound, float]], bounds_of: dict[str, tuple[Bound, Bound]]
) -> dict[str, float]:
    """Per claim, the summed weight of gaps (between pieces of one origin) lying inside it:
    gap start >= the claim's lower bound and gap end <= its upper bound."""
    result = dict.fromkeys(bounds_of, 0.0)
    if not gaps:
        return result
    starts = sorted({g[0] for g in gaps})
    tree = _Fenwick(len(starts))
    by_end = sorted(gaps, key=lambda g: g[1])
    queries = sorted((uc, lc, claim_id) for claim_id, (lc, uc) in bounds_of.items())
    k, inserted = 0, 0.0
    for uc, lc, claim_id in queries:
        while k < len(by_end) and by_end[k][1] <= uc:
            tree.add(bisect_left(starts, by_end[k][0]) + 1, by_end[k][2])
            inserted += by_end[k][2]
            k += 1
        result[claim_id] = inserted - tree.prefix(bisect_left(starts, lc))
    return result


def _straddling(
    spread: list[tuple[Bound, Bound, float]], bounds_of: dict[str, tuple[Bound, Bound]]
) -> dict[str, float]:
    """Per claim, the summed weight of origins with one claim entirely below it and one
    entirely above it (counted in both conflict sums, so subtracted once)."""
    result = dict.fromkeys(bounds_of, 0.0)
    if not spread:
        return result
    highs = sorted({s[1] for s in spread})
    tree = _Fenwick(len(highs))
    by_low = sorted(spread, key=lambda s: s[0])
    queries = sorted((lc, uc, claim_id) for claim_id, (lc, uc) in bounds_of.items())
    k, inserted = 0, 0.0
    for lc, uc, claim_id in queries:
        while k < len(by_low) and by_low[k][0] < lc:
            tree.add(bisect_left(highs, by_low[k][1]) + 1, by_low[k][2])
            inserted += by_low[k][2]
            k += 1
        result[claim_id] = inserted - tree.prefix(bisect_right(highs, uc))
    return result


def score_subject(
    members: list[Prepared],
    ctx: Context,
    previous: Mapping[str, ClaimScore] | None = None,
    unchanged: Collection[str] = (),
    box: list[list[Prepared]] | None = None,
) -> dict[str, ClaimScore]:
    """Scores of one subject's claims.

    ``box`` holds the subject's current members for explanations built later; a Scorer
    keeps one per subject, so a score kept from ``previous`` (an ``unchanged`` claim
    whose numbers did not move) explains itself against the subject as it is now.
    """
    if not members:
        return {}
    if box is None:
        box = [members]
    box[0] = members
    large = len(members) > ctx.weights.sweep_from
    numbers = sweep(members, ctx) if large and _sweepable(members) else None
    if numbers is None:
        numbers = pairwise(members, ctx)
    result = {}
    for p in members:
        claim_id = p.claim.id
        corr, contr = numbers[claim_id]
        old = previous.get(claim_id) if previous is not None else None
        if (
            old is not None
            and claim_id in unchanged
            and (old.corroboration, old.contradiction)
            == (
                corr,
                contr,
            )
        ):
            old.forget_explanation()
            result[claim_id] = old
            continue
        # The explanation is built from the same rules when someone reads it.
        result[claim_id] = _score(p, corr, contr, ctx, _later(p, box, ctx))
    return result


def pairwise(members: list[Prepared], ctx: Context) -> dict[str, tuple[float, float]]:
    """Every pair once: the supporting and conflicting origins of each claim."""
    support = [set(p.origins) for p in members]
    conflict: list[set[str]] = [set() for _ in members]
    for i, p in enumerate(members):
        for j in range(i + 1, len(members)):
            q = members[j]
            kind, _ = relation(p.claim, q.claim)
            if kind == SUPPORTS:
                support[i].update(q.origins)
                support[j].update(p.origins)
            elif kind == CONFLICTS:
                conflict[i].update(q.origins)
                conflict[j].update(p.origins)
    weight = ctx.weight_table().get
    floor = ctx.weights.weight("F")
    result = {}
    for p, s, c in zip(members, support, conflict, strict=True):
        corr = noisy_or(weight(g, floor) for g in s if g != p.primary)
        contr = noisy_or(weight(g, floor) for g in c if g not in p.origins) if c else 0.0
        result[p.claim.id] = (round(corr, DIGITS), round(contr, DIGITS))
    return result


def _later(p: Prepared, box: list[list[Prepared]], ctx: Context):  # type: ignore[no-untyped-def]
    return lambda: explain(p, box[0], ctx)


def _score(p: Prepared, corr: float, contr: float, ctx: Context, exp) -> ClaimScore:  # type: ignore[no-untyped-def]
    primary_weight = ctx.weight(p.primary) if p.primary else 0.0
    prob = probability(primary_weight, corr, contr, ctx.weights)
    return ClaimScore(
        id=p.claim.id,
        subject=p.claim.subject,
        origins=p.origins,
        corroboration=corr,
        contradiction=contr,
        credibility=credibility_grade(corr, contr, ctx.weights),
        estimative=phrase(prob, ctx.weights),
        probability=prob,
        discrepancies=discrepancies(p, ctx),
        explain_with=exp,
    )


__all__ = ["CONFLICTS", "SUPPORTS", "explain", "relate", "score_subject", "sweep"]
