"""The contradictions the brief lists: the claims ``ClaimScore.contradicted_by`` names.

``contradicted_by`` is read off a claim's explanation, which scoring assembles on demand
by comparing the claim with every other claim of its subject and building an evidence
object for each origin. For a whole case (100,000 claims) that was most of the brief's
time, and the explanations kept took gigabytes. The brief needs only the names, so here
each pair of a subject is compared once, by scoring's own pair loop (``pairs.py``),
and claims are named as the explanation names them: per conflicting origin that is not
one of the claim's own, the first ``claims_shown_per_origin`` conflicting claims carrying
it, in the subject's order. tests/test_brief_contradictions.py holds the two to the same
pairs.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence

from tracker.scoring.compat import Kinds
from tracker.scoring.inputs import ClaimIn
from tracker.scoring.pairs import related_pairs


def conflicting(members: Sequence[ClaimIn], kinds: Kinds) -> list[list[int]]:
    """Per member, the positions of the members it conflicts with, in ascending order:
    the pairs scoring's pair loop finds (``pairs.related_pairs``), each judged once."""
    found: list[list[int]] = [[] for _ in members]
    for i, j, supports in related_pairs(members, kinds):
        if not supports:
            found[i].append(j)
            found[j].append(i)
    return found


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
) -> Iterator[tuple[str, str]]:
    """Pairs of claims in scope, (lower id, higher id), where either names the other in
    its ``contradicted_by``. ``members`` are all claims of one subject in scoring's order
    (claims out of scope still take their place in the per-origin count)."""
    member_origins = [origins.get(c.id, ()) for c in members]
    against = conflicting(members, kinds)
    seen: set[tuple[str, str]] = set()
    for i, claim in enumerate(members):
        if claim.id not in in_scope or not against[i]:
            continue
        for j in named_against(set(member_origins[i]), against[i], member_origins, cap):
            other = members[j].id
            if other in in_scope:
                pair = (claim.id, other) if claim.id < other else (other, claim.id)
                if pair not in seen:
                    seen.add(pair)
                    yield pair
