"""Scoring one subject: claims are only ever compared inside their subject.

Small subjects compare every pair (``relate``). A large subject whose claims all
follow the plain overlap rule (one unit, one period or none, all assertions with a
figure, not cumulative) is scored by a sweep over sorted intervals: per origin, its
claims' intervals are merged, and prefix sums of origin tallies over sorted bounds give
each claim's supporting and conflicting origins in O(log n), never the n^2 pairs
(``sweep.py``; one edit is patched in by ``sweep_edit.py``). Its explanation is
assembled only when asked for, from the same rules.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import partial

from tracker.scoring.compat import (
    CONFLICTS,
    SUPPORTS,
    UNRELATED,
    compare,
)
from tracker.scoring.context import Context, Prepared
from tracker.scoring.discrepancies import discrepancies
from tracker.scoring.explain import Comparison, Explanation, OriginEvidence, ScoreExplanation
from tracker.scoring.misreports import Moments, subject_moments
from tracker.scoring.named import NamedClaims
from tracker.scoring.pairs import pairwise
from tracker.scoring.results import ClaimScore
from tracker.scoring.revisions import claim_revisions
from tracker.scoring.same_origin import SubjectCross, subject_cross
from tracker.scoring.scores import (
    credibility,
    credibility_grade,
    estimative,
    noisy_or,
    phrase,
    probability,
)
from tracker.scoring.sweep import sweep, sweepable
from tracker.scoring.sweep_mixed import mixable, mixed_sweep
from tracker.scoring.tally import DIGITS

FORMULA = "1 - prod(1 - w) over counted origins, each origin once"
# DOMAIN §4 property 5: an origin whose reports on overlapping dates disagree (an outlet
# misreported it) does not count against a claim through such a disputed moment if one
# version of it agrees with the claim (issue 15; ``misreports`` says it in full):
# ``relate`` and ``pairs.pairwise`` pair by pair, the sweeps by gaps.
MISREPORT_SET_ASIDE = "misreport_set_aside"


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


def relate(
    p: Prepared,
    members: list[Prepared],
    ctx: Context,
    moments: Moments | None = None,
) -> tuple[_Side, _Side, list, _Side]:
    """The claim's supporting and conflicting origins, the relations behind them, and the
    origins set aside from the conflicts by MISREPORT_SET_ASIDE when the subject's
    disputed ``moments`` are given, as ``pairs.pairwise`` sets them aside."""
    cap = ctx.weights.claims_shown_per_origin
    support, conflict, excused = _Side(), _Side(), _Side()
    for g in p.origins:
        support.add(g, p.claim.id, "own", p.sources_by_origin[g], cap)
    relations: list[tuple[str, str, str, str]] = []
    related = []
    for q in members:
        if q.claim.id == p.claim.id:
            continue
        rel = compare(p.claim, q.claim)
        if rel.kind != UNRELATED:
            related.append((q, rel))
    supporting = {q.claim.id for q, rel in related if rel.kind == SUPPORTS}
    # An origin is set aside only if every claim of it that conflicts lies in disputed
    # moments with a version that supports the claim; otherwise all of them count.
    counted: set[str] = set()
    for q, rel in related:
        if rel.kind != SUPPORTS:
            for g in q.origins:
                if g not in counted and not (
                    moments and moments.excused(g, q.claim.id, supporting.__contains__)
                ):
                    counted.add(g)
    for q, rel in related:
        for g in q.origins:
            if rel.kind == SUPPORTS:
                side, rule = support, rel.rule
            elif g in counted or g in p.origins:  # its own: set aside as ever
                side, rule = conflict, rel.rule
            else:
                side, rule = excused, MISREPORT_SET_ASIDE
            side.add(g, q.claim.id, rule, q.sources_by_origin[g], cap)
        relations.append((q.claim.id, rel.kind, rel.rule, rel.note))
    return support, conflict, relations, excused


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


def explain(
    p: Prepared,
    members: list[Prepared],
    ctx: Context,
    moments: Moments | None = None,
) -> Explanation:
    """``moments``: as ``relate``'s, found when not given (and set aside)."""
    if moments is None:
        moments = subject_moments(members, ctx)
    support, conflict, relations, excused = relate(p, members, ctx, moments)
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
        _evidence(
            conflict,
            g,
            ctx,
            "one of the claim's own origins, never counted against it: see its reporting "
            "discrepancies and revisions",
        )
        for g in sorted(conflict.claims)
        if g in p.origins
    ) + tuple(
        _evidence(
            excused,
            g,
            ctx,
            f"{MISREPORT_SET_ASIDE}: the outlets disagree about what {g} said when it made "
            "the figures that conflict with this claim (a reporting discrepancy: reports on "
            f"overlapping dates that cannot all be what {g} said), and another report of "
            f"{g} from that moment agrees with this claim, so a misreport of it is no "
            "contradiction",
        )
        for g in sorted(excused.claims)
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
        revisions=claim_revisions(p, members, ctx),
    )


def score_subject(
    members: list[Prepared],
    ctx: Context,
    previous: Mapping[str, ClaimScore] | None = None,
    unchanged: Collection[str] = (),
    box: list[list[Prepared]] | None = None,
    numbers: Mapping[str, tuple[float, float]] | None = None,
) -> dict[str, ClaimScore]:
    """Scores of one subject's claims.

    ``numbers``, when given, are the subject's (corroboration, contradiction) already
    computed (by a kept ``SweptSubject``). ``box`` holds the subject's current members
    for explanations built later; a Scorer keeps one per subject, so a score kept from
    ``previous`` (an ``unchanged`` claim whose numbers did not move) explains itself
    against the subject as it is now.
    """
    if not members:
        return {}
    if box is None:
        box = [members]
    box[0] = members
    if numbers is None:
        large = len(members) > ctx.weights.sweep_from
        if large and sweepable(members):
            numbers = sweep(members, ctx)
        elif large and mixable(members):
            numbers = mixed_sweep(members, ctx)
        else:
            numbers = pairwise(members, ctx)
    # A large subject under the plain overlap rule names its claims without explanations
    # (but for a claim with an origin set aside, whose explanation names them: named.py).
    named = NamedClaims(box, ctx) if len(members) > ctx.weights.sweep_from else None
    cross = subject_cross(box, ctx)
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
        # The explanation (and the discrepancies with other claims) are built from the
        # same rules when someone reads them.
        result[claim_id] = _score(p, corr, contr, ctx, _later(p, box, ctx), named, cross)
    return result


def edited_scores(
    box: list[list[Prepared]],
    moved: Collection[str],
    numbers: Mapping[str, tuple[float, float]],
    previous: Mapping[str, ClaimScore],
    ctx: Context,
    rebuilt: Collection[str] = (),
) -> dict[str, ClaimScore]:
    """After one claim was patched into a kept sweep (or a regrade into its tallies): new
    scores for the claims whose numbers may have moved, and for the ``rebuilt`` ones
    (a regraded origin of their own moves their order and estimate); every other kept
    score only forgets its explanation (the subject around it changed), which is what
    ``score_subject`` would do to it."""
    members = box[0]
    cross = subject_cross(box, ctx)
    result = {}
    for p in members:
        claim_id = p.claim.id
        old = previous.get(claim_id)  # the edited claim has none: it is always rebuilt
        corr, contr = numbers[claim_id]
        if (
            old is not None
            and claim_id not in rebuilt
            and (claim_id not in moved or (old.corroboration, old.contradiction) == (corr, contr))
        ):
            old.forget_explanation()
            continue
        result[claim_id] = _score(p, corr, contr, ctx, _later(p, box, ctx), cross=cross)
    return result


def _explain_current(p: Prepared, box: list[list[Prepared]], ctx: Context) -> Explanation:
    return explain(p, box[0], ctx)


def _later(p: Prepared, box: list[list[Prepared]], ctx: Context) -> Callable[[], Explanation]:
    # A partial, not a closure: one small object per claim (100,000 of them are kept).
    return partial(_explain_current, p, box, ctx)


def _score(  # type: ignore[no-untyped-def]
    p: Prepared,
    corr: float,
    contr: float,
    ctx: Context,
    exp,
    named: NamedClaims | None = None,
    cross: SubjectCross | None = None,
) -> ClaimScore:
    primary_weight = ctx.weight(p.primary) if p.primary else 0.0
    # Few distinct (weight, corroboration, contradiction): each verdict worked out once.
    key = (primary_weight, corr, contr)
    verdict = ctx.verdicts.get(key)
    if verdict is None:
        prob = probability(primary_weight, corr, contr, ctx.weights)
        grade = credibility_grade(corr, contr, ctx.weights)
        verdict = ctx.verdicts[key] = (grade, phrase(prob, ctx.weights), prob)
    return ClaimScore(
        id=p.claim.id,
        subject=p.claim.subject,
        origins=p.origins,
        corroboration=corr,
        contradiction=contr,
        credibility=verdict[0],
        estimative=verdict[1],
        probability=verdict[2],
        own_discrepancies=discrepancies(p, ctx) if len(p.attributed) > 1 else (),
        cross_with=cross,
        explain_with=exp,
        # A partial, not a lambda: no closure cells per claim.
        named_with=partial(NamedClaims.of, named, p) if named is not None else None,
    )


__all__ = ["CONFLICTS", "SUPPORTS", "explain", "relate", "score_subject", "sweep"]
