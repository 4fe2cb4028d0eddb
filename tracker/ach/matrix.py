"""The ACH matrix and Heuer's rule: evidence against a hypothesis counts, evidence for it
does not prove it. The hypothesis with the least weighted inconsistency ranks first.

Works on plain values (no database) so the rule can be checked by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# How much a rating tells against a hypothesis (PARC ACH's inconsistency score: an
# inconsistent item counts 1, a very inconsistent one 2; consistent items count nothing).
INCONSISTENCY = {"CC": 0.0, "C": 0.0, "N": 0.0, "I": 1.0, "II": 2.0}
# A reversal reads the evidence the other way round (what sensitivity asks).
REVERSED = {"CC": "II", "C": "I", "N": "N", "I": "C", "II": "CC"}
RATING_WORDS = {
    "CC": "very consistent",
    "C": "consistent",
    "N": "neutral or not applicable",
    "I": "inconsistent",
    "II": "very inconsistent",
}
# Scores closer than this are a tie (float sums of weights).
TIE = 1e-9


@dataclass(frozen=True)
class Term:
    """One claim's part in one hypothesis's score."""

    claim: str
    rating: str
    weight: float

    @property
    def value(self) -> float:
        return INCONSISTENCY[self.rating] * self.weight


@dataclass(frozen=True)
class HypothesisScore:
    hypothesis: str
    inconsistency: float
    rank: int  # 1 = least inconsistent (tied hypotheses share a rank)
    against: tuple[Term, ...]  # the terms that count, largest first

    def explain(self) -> str:
        if not self.against:
            return "no evidence rated inconsistent with it"
        parts = [
            f"{t.claim}: {RATING_WORDS[t.rating]} ({INCONSISTENCY[t.rating]:g} x weight "
            f"{t.weight:.2f} = {t.value:.2f})"
            for t in self.against
        ]
        return f"inconsistency {self.inconsistency:.2f} = " + " + ".join(parts)


@dataclass(frozen=True)
class Matrix:
    hypotheses: tuple[str, ...]
    claims: tuple[str, ...]
    ratings: Mapping[tuple[str, str], str]  # (hypothesis, claim) -> rating; missing is N
    weights: Mapping[str, float] = field(default_factory=dict)  # claim -> weight (default 1)

    def rating(self, hypothesis: str, claim: str) -> str:
        return self.ratings.get((hypothesis, claim), "N")

    def weight(self, claim: str) -> float:
        return self.weights.get(claim, 1.0)


@dataclass(frozen=True)
class Assessment:
    scores: tuple[HypothesisScore, ...]  # ranked
    not_diagnostic: tuple[str, ...]  # claims rated alike under every hypothesis
    sensitive: tuple[str, ...]  # claims whose removal or reversal brings another into the lead
    # Hypotheses no claim is rated consistent or inconsistent with (ranked order): their
    # zero inconsistency is an absence of evidence, and puts them in the lead.
    unrated: tuple[str, ...] = ()

    def ranking(self) -> tuple[str, ...]:
        return tuple(s.hypothesis for s in self.scores)

    def leaders(self) -> tuple[str, ...]:
        """The hypotheses ranked first: more than one when they tie."""
        return tuple(s.hypothesis for s in self.scores if s.rank == 1)


def _contributions(matrix: Matrix, claim: str, reverse: bool = False) -> dict[str, float]:
    weight = matrix.weight(claim)
    out: dict[str, float] = {}
    for h in matrix.hypotheses:
        rating = matrix.rating(h, claim)
        out[h] = INCONSISTENCY[REVERSED[rating] if reverse else rating] * weight
    return out


def _order(totals: Mapping[str, float]) -> tuple[tuple[str, ...], ...]:
    """Hypotheses from least to most inconsistent, ties kept together as one tier."""
    tiers: list[list[str]] = []
    last: float | None = None
    for h in sorted(totals, key=lambda h: (totals[h], h)):
        if last is not None and abs(totals[h] - last) <= TIE:
            tiers[-1].append(h)
        else:
            tiers.append([h])
        last = totals[h]
    return tuple(tuple(tier) for tier in tiers)


def diagnostic(matrix: Matrix, claim: str) -> bool:
    """Evidence rated alike under every hypothesis helps choose none of them."""
    return len({matrix.rating(h, claim) for h in matrix.hypotheses}) > 1


def assess(matrix: Matrix) -> Assessment:
    """Scores, ranking, non-diagnostic, sensitive claims and unrated hypotheses: linear in
    claims x hypotheses (a claim's removal or reversal is its own contribution taken off,
    or swapped).

    Sensitive (Heuer's step 6, how far the conclusion rests on single items): a diagnostic
    claim whose removal, or reversal, puts a hypothesis that does not lead now into the
    lead, alone or tied. With one leader that is "changes which hypothesis leads". With a
    tie, removing nearly any claim that tells the tied leaders apart breaks the tie in
    favour of one of them: that chooses between hypotheses the evidence favours equally,
    and overturns nothing, so it is not flagged (else every such claim would be). What is
    flagged is a claim that would let a hypothesis ranked below the tie reach the lead.
    """
    parts = {c: _contributions(matrix, c) for c in matrix.claims}
    totals = dict.fromkeys(matrix.hypotheses, 0.0)
    for contribution in parts.values():
        for h, value in contribution.items():
            totals[h] += value
    order = _order(totals)

    lead = set(order[0]) if order else set()

    def changes_ranking(claim: str) -> bool:
        mine, flipped = parts[claim], _contributions(matrix, claim, reverse=True)
        without = {h: totals[h] - mine[h] for h in totals}
        reversed_ = {h: without[h] + flipped[h] for h in totals}
        # A new lead inside the old one only breaks a tie (see the docstring).
        return not set(_order(without)[0]) <= lead or not set(_order(reversed_)[0]) <= lead

    scores: list[HypothesisScore] = []
    for rank, tier in enumerate(order, start=1):
        for h in tier:
            terms = [
                Term(c, matrix.rating(h, c), matrix.weight(c))
                for c in matrix.claims
                if INCONSISTENCY[matrix.rating(h, c)] > 0
            ]
            terms.sort(key=lambda t: (-t.value, t.claim))
            scores.append(HypothesisScore(h, totals[h], rank, tuple(terms)))
    rated = [c for c in matrix.claims if any((h, c) in matrix.ratings for h in matrix.hypotheses)]
    not_diagnostic = tuple(c for c in rated if not diagnostic(matrix, c))
    sensitive = tuple(c for c in rated if diagnostic(matrix, c) and changes_ranking(c))
    unrated = tuple(
        s.hypothesis
        for s in scores
        if all(matrix.rating(s.hypothesis, c) == "N" for c in matrix.claims)
    )
    return Assessment(tuple(scores), not_diagnostic, sensitive, unrated)


def hand_matrix(
    hypotheses: Sequence[str],
    rows: Mapping[str, Sequence[str]],
    weights: Mapping[str, float] | None = None,
) -> Matrix:
    """A matrix written as rows of ratings, one per hypothesis in order (for tests and docs)."""
    ratings = {
        (h, claim): rating
        for claim, row in rows.items()
        for h, rating in zip(hypotheses, row, strict=True)
    }
    return Matrix(tuple(hypotheses), tuple(rows), ratings, dict(weights or {}))
