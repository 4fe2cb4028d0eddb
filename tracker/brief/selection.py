"""Which subjects are the brief's key judgments, and in which order (issue 19).

A key judgment by default is a subject that two or more independent origins speak to,
or that holds any contradiction or reporting discrepancy: one voice alone, uncontested,
is evidence, not a judgment. They are ranked by what they rest on and how contested
they are (``standing``), at most ``MAX_KEY_JUDGMENTS``. The analyst's word comes first
(``Subject.key_judgment``): pinned subjects lead, in rank order, and are never cut;
dropped ones are never key; the default rule fills what is left of the seven.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tracker.scoring import ClaimScore
from tracker.scoring.weights import RELIABILITY_WEIGHTS

MAX_KEY_JUDGMENTS = 7
# A default key judgment needs this many independent origins (or a dispute).
MIN_ORIGINS = 2
# How contested a subject is, added to what it rests on: its strongest contradiction
# score (0..1) weighs as much as one more origin graded between B and A ...
CONTRADICTION_WEIGHT = 1.0
# ... and each claim that outlets carry differently (a reporting discrepancy: a fault of
# the outlets, not a dispute between sources) a tenth, up to DISCREPANT_CLAIMS_COUNTED.
DISCREPANCY_WEIGHT = 0.1
DISCREPANT_CLAIMS_COUNTED = 4

_GRADES = "ABCDEF"


@dataclass
class Standing:
    """One subject's claim to be a key judgment."""

    subject: str
    mark: bool | None  # the analyst's: pinned, dropped, or None
    origins: dict[str, str] = field(default_factory=dict)  # independence group -> grade
    denying: set[str] = field(default_factory=set)  # groups among them that deny
    contradiction: float = 0.0  # the strongest contradiction score of its claims
    discrepant_claims: int = 0

    @property
    def contested(self) -> bool:
        return self.contradiction > 0 or self.discrepant_claims > 0

    @property
    def qualifies(self) -> bool:
        return len(self.origins) >= MIN_ORIGINS or self.contested

    @property
    def rests_on(self) -> float:
        """The independent origins speaking to it, each by its grade's weight."""
        return sum(
            RELIABILITY_WEIGHTS.get(g, RELIABILITY_WEIGHTS["F"]) for g in self.origins.values()
        )

    @property
    def weight(self) -> float:
        return (
            self.rests_on
            + CONTRADICTION_WEIGHT * self.contradiction
            + DISCREPANCY_WEIGHT * min(self.discrepant_claims, DISCREPANT_CLAIMS_COUNTED)
        )

    def rank_key(self) -> tuple:
        return (-round(self.weight, 6), self.subject)


def standings(
    grouped: Mapping[str, list],
    scores: Mapping[str, ClaimScore],
    group_grade: Mapping[str, str],
    marks: Mapping[str, bool | None],
) -> dict[str, Standing]:
    """Each subject's standing, from its claims' scores (no explanation is built)."""
    out: dict[str, Standing] = {}
    for subject, claims in grouped.items():
        standing = Standing(subject, marks.get(subject))
        for claim in claims:
            score = scores[claim.id]
            for origin in score.origins:
                standing.origins.setdefault(origin, group_grade.get(origin, "F"))
                if claim.stance == "denies":
                    standing.denying.add(origin)
            standing.contradiction = max(standing.contradiction, score.contradiction)
            if score.discrepancies:
                standing.discrepant_claims += 1
        out[subject] = standing
    return out


def key_subjects(standing: Mapping[str, Standing], limit: int = MAX_KEY_JUDGMENTS) -> list[str]:
    """The key judgments' subjects, in order: pinned first, then the default rule's."""
    ranked = sorted(standing.values(), key=Standing.rank_key)
    pinned = [s.subject for s in ranked if s.mark is True]
    chosen = [s.subject for s in ranked if s.mark is None and s.qualifies]
    return pinned + chosen[: max(0, limit - len(pinned))]


def best_grade(grades: list[str]) -> str:
    known = [g for g in grades if g in _GRADES]
    return min(known, key=_GRADES.index) if known else "F"
