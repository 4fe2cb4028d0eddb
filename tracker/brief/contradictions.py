"""The contradictions the brief lists: the claims ``ClaimScore.contradicted_by`` names.

``contradicted_by`` is read off a claim's explanation, which scoring assembles on demand
by comparing the claim with every other claim of its subject and building an evidence
object for each origin. For a whole case (100,000 claims) that was most of the brief's
time, and the explanations kept took gigabytes. The brief needs only the names, so here
each pair of a subject is compared once, by scoring's own pair loop (``pairs.py``),
and claims are named as the explanation names them: per conflicting origin that is not
one of the claim's own, the first ``claims_shown_per_origin`` conflicting claims carrying
it, in the subject's order, and none through an origin MISREPORT_SET_ASIDE takes out of
the claim's conflicts (``engine.relate``). tests/test_brief_contradictions.py holds the
two to the same pairs.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence

from tracker.scoring.compat import Kinds
from tracker.scoring.inputs import ClaimIn
from tracker.scoring.misreports import Moments
from tracker.scoring.pairs import related_pairs


def conflicting(
    members: Sequence[ClaimIn], kinds: Kinds, supporting: list[set[int]] | None = None
) -> list[list[int]]:
    """Per member, the positions of the members it conflicts with, in ascending order:
    the pairs scoring's pair loop finds (``pairs.related_pairs``), each judged once.
    ``supporting``, if given, is filled with the positions of those supporting it."""
    found: list[list[int]] = [[] for _ in members]
    for i, j, supports in related_pairs(members, kinds):
        if not supports:
            found[i].append(j)
            found[j].append(i)
        elif supporting is not None:
            supporting[i].add(j)
            supporting[j].add(i)
    return found


def set_aside(
    i: int,
    members: Sequence[ClaimIn],
    against: Sequence[int],
    supporting: set[int],
    origins: Sequence[tuple[str, ...]],
    moments: Moments,
) -> set[str]:
    """The origins MISREPORT_SET_ASIDE takes out of member ``i``'s conflicts, as
    ``engine.relate`` does: each of the origin's claims conflicting with it lies in
    disputed moments with a version that supports it."""
    supporters = {members[j].id for j in supporting}
    conflicting_origins: set[str] = set()
    counted: set[str] = set()
    for j in against:
        for g in origins[j]:
            conflicting_origins.add(g)
            if g not in counted and not moments.excused(g, members[j].id, supporters.__contains__):
                counted.add(g)
    return conflicting_origins - counted - set(origins[i])


def named_against(
    own: Collection[str], against: Sequence[int], origins: Sequence[tuple[str, ...]], cap: int
) -> set[int]:
    """The conflicting members an explanation names: each origin names its first ``cap``
    claims (own origins included in that count, as scoring counts them), and only
    origins not among the claim's own are counted against it."""
    shown: dict[str, int] = {}
    named: set[int] = set()
    for j in against:
        for origin in origins[j]:
            count = shown.get(origin, 0)
            if count < cap:
                shown[origin] = count + 1
                if origin not in own:
                    named.add(j)
    return named


def contradiction_pairs(
    members: Sequence[ClaimIn],
    origins: Mapping[str, tuple[str, ...]],
    in_scope: Collection[str],
    cap: int,
    kinds: Kinds,
    moments: Moments | None = None,
) -> Iterator[tuple[str, str]]:
    """Pairs of claims in scope, (lower id, higher id), where either names the other in
    its ``contradicted_by``. ``members`` are all claims of one subject in scoring's order
    (claims out of scope still take their place in the per-origin count); ``moments``
    the subject's disputed moments (``Scorer.moments``)."""
    member_origins = [origins.get(c.id, ()) for c in members]
    supporting: list[set[int]] | None = [set() for _ in members] if moments else None
    against = conflicting(members, kinds, supporting)
    seen: set[tuple[str, str]] = set()
    for i, claim in enumerate(members):
        if claim.id not in in_scope or not against[i]:
            continue
        # An origin set aside names no claim, as the claim's own origins name none.
        own = set(member_origins[i])
        if moments and supporting is not None:
            own |= set_aside(i, members, against[i], supporting[i], member_origins, moments)
        for j in named_against(own, against[i], member_origins, cap):
            other = members[j].id
            if other in in_scope:
                pair = (claim.id, other) if claim.id < other else (other, claim.id)
                if pair not in seen:
                    seen.add(pair)
                    yield pair
