"""From independent origins to numbers: corroboration, contradiction, credibility, phrase.

corroboration = 1 - prod(1 - w) over the independent origins that support the claim,
other than the claim's own primary voice (its strongest origin); a second independent
origin carrying the same claim corroborates it like a compatible claim would.
contradiction = 1 - prod(1 - w) over the origins of conflicting claims, other than the
claim's own origins (a voice revising itself is not an independent conflict).
Each origin counts once, with its group's weight (weights.RELIABILITY_WEIGHTS of the
group's best grade). Both only grow as origins are added or regraded upwards.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from tracker.scoring.explain import Verdict
from tracker.scoring.weights import Weights


def noisy_or(weights: Iterable[float]) -> float:
    """1 - prod(1 - w): the chance at least one of independent voices is right."""
    return 1.0 - math.prod(1.0 - w for w in weights)


def credibility_grade(corroboration: float, contradiction: float, weights: Weights) -> int:
    """The grade alone (the rules are those of ``credibility``, which also names them)."""
    if contradiction <= 0.0:
        if corroboration >= weights.confirmed_at:
            return 1
        return 2 if corroboration > 0.0 else 6
    excess = contradiction - corroboration
    if corroboration >= weights.confirmed_at and -excess >= weights.improbable_margin:
        return 2
    if excess < 0:
        return 3
    return 4 if excess < weights.improbable_margin else 5


def phrase(p: float, weights: Weights) -> str:
    for bound, name in weights.estimative_bands:
        if p < bound:
            return name
    return weights.estimative_bands[-1][1]


def credibility(corroboration: float, contradiction: float, weights: Weights) -> Verdict:
    """Admiralty credibility 1-6 (DOMAIN §4), with the rule that chose it."""
    c = (("CONFIRMED_AT", weights.confirmed_at), ("IMPROBABLE_MARGIN", weights.improbable_margin))
    if contradiction <= 0.0:
        if corroboration >= weights.confirmed_at:
            return Verdict(
                "credibility", "1", "confirmed: corroboration >= CONFIRMED_AT, no contradiction", c
            )
        if corroboration > 0.0:
            return Verdict(
                "credibility",
                "2",
                "probably true: corroborated below CONFIRMED_AT, no contradiction",
                c,
            )
        return Verdict("credibility", "6", "cannot be judged: no independent origin either way", c)
    excess = contradiction - corroboration
    if corroboration >= weights.confirmed_at and -excess >= weights.improbable_margin:
        return Verdict(
            "credibility",
            "2",
            "probably true: confirmed, and corroboration exceeds contradiction by "
            "IMPROBABLE_MARGIN or more",
            c,
        )
    if excess < 0:
        return Verdict("credibility", "3", "possibly true: contradicted, but corroborated more", c)
    if excess < weights.improbable_margin:
        return Verdict(
            "credibility",
            "4",
            "doubtful: contradiction >= corroboration by less than IMPROBABLE_MARGIN",
            c,
        )
    return Verdict(
        "credibility",
        "5",
        "improbable: contradiction exceeds corroboration by IMPROBABLE_MARGIN or more",
        c,
    )


def probability(
    primary_weight: float, corroboration: float, contradiction: float, weights: Weights
) -> float:
    """The estimate behind the ICD 203 phrase: even odds moved up by support (the claim's
    own voice combined with its corroboration) and down by contradiction."""
    support = 1.0 - (1.0 - primary_weight) * (1.0 - corroboration)
    p = 0.5 + weights.estimate_spread * (support - contradiction)
    return min(weights.probability_ceiling, max(weights.probability_floor, p))


def estimative(p: float, weights: Weights) -> Verdict:
    phrase = weights.estimative_bands[-1][1]
    upper = weights.estimative_bands[-1][0]
    for bound, name in weights.estimative_bands:
        if p < bound:
            phrase, upper = name, bound
            break
    rule = f"ICD 203: probability {p:.2f} falls below {min(upper, 1.0):.2f}"
    constants = (
        ("ESTIMATE_SPREAD", weights.estimate_spread),
        ("PROBABILITY_FLOOR", weights.probability_floor),
        ("PROBABILITY_CEILING", weights.probability_ceiling),
    )
    return Verdict("estimative", phrase, rule, constants)


# Admiralty credibility in words (DOMAIN §4).
CREDIBILITY_WORDS = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}
UNJUDGED = 6


def verdict_words(credibility: int, estimative: str) -> str:
    """Credibility and likelihood in one phrase that cannot read as a contradiction.

    While nothing independent bears on a claim (credibility 6), its likelihood rests on
    its own source's grade alone, and says so: "uncorroborated; on the source's grade
    alone: likely", not "credibility 6 (cannot be judged)" beside "likely".
    """
    if credibility == UNJUDGED:
        return f"uncorroborated; on the source's grade alone: {estimative}"
    return f"credibility {credibility} ({CREDIBILITY_WORDS.get(credibility, '?')}): {estimative}"
