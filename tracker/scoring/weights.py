"""Every constant scoring uses, named and documented (DOMAIN §4 property 6).

``Weights`` bundles them so a caller (a test, a bench, a future config file)
can score with other values; ``DEFAULT_WEIGHTS`` is what the tool uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How much one independent voice of each Admiralty reliability grade adds.
# A (completely reliable) .. E (unreliable); F (cannot be judged) still counts,
# but less than any graded source: an unknown voice is weak evidence, not none.
RELIABILITY_WEIGHTS: dict[str, float] = {
    "A": 0.80,
    "B": 0.60,
    "C": 0.40,
    "D": 0.25,
    "E": 0.15,
    "F": 0.05,
}

# Corroboration at or above which an uncontradicted claim is "confirmed" (credibility 1):
# one independent B source (0.60) confirms; one C source (0.40) only makes it probable.
CONFIRMED_AT = 0.5

# Contradiction exceeding corroboration by at least this makes a claim "improbable"
# (credibility 5); a smaller excess makes it "doubtful" (4).
IMPROBABLE_MARGIN = 0.25

# ICD 203 estimative phrases: the upper end (exclusive) of each band of probability.
ESTIMATIVE_BANDS: tuple[tuple[float, str], ...] = (
    (0.05, "almost no chance"),
    (0.20, "very unlikely"),
    (0.45, "unlikely"),
    (0.55, "roughly even chance"),
    (0.80, "likely"),
    (0.95, "very likely"),
    (1.01, "almost certain"),
)

# How far support (or contradiction) moves the estimate from even odds: p = 0.5 +
# ESTIMATE_SPREAD * (support - contradiction). A lone B voice (0.60) gives 0.77, "likely";
# three independent B/C voices give about 0.92, "very likely".
ESTIMATE_SPREAD = 0.45

# ICD 203 has no 0% or 100%: estimates are kept inside these bounds.
PROBABILITY_FLOOR = 0.01
PROBABILITY_CEILING = 0.99

# Tolerance around an "approx" figure stored with a value but no interval (DOMAIN §3: ±10%).
APPROX_TOLERANCE = 0.10

# In the explanation and in corroborated_by/contradicted_by, how many claims are named
# per counted origin (an origin counts once however many claims carry it).
CLAIMS_SHOWN_PER_ORIGIN = 5

# Subjects with more claims than this are scored with the sorted-interval sweep when
# their claims allow it (see scores.py); below it, every pair is compared directly.
SWEEP_FROM = 64


@dataclass(frozen=True)
class Weights:
    reliability: dict[str, float] = field(default_factory=lambda: dict(RELIABILITY_WEIGHTS))
    confirmed_at: float = CONFIRMED_AT
    improbable_margin: float = IMPROBABLE_MARGIN
    estimative_bands: tuple[tuple[float, str], ...] = ESTIMATIVE_BANDS
    estimate_spread: float = ESTIMATE_SPREAD
    probability_floor: float = PROBABILITY_FLOOR
    probability_ceiling: float = PROBABILITY_CEILING
    approx_tolerance: float = APPROX_TOLERANCE
    claims_shown_per_origin: int = CLAIMS_SHOWN_PER_ORIGIN
    sweep_from: int = SWEEP_FROM

    def __post_init__(self) -> None:
        graded = [self.reliability[g] for g in "ABCDE"]
        f = self.reliability["F"]
        if not 0 < f < min(graded):
            raise ValueError("reliability weight of F must be > 0 and below every graded source")
        if any(not 0 < w < 1 for w in self.reliability.values()):
            raise ValueError("reliability weights must lie strictly between 0 and 1")

    def weight(self, grade: str) -> float:
        return self.reliability.get(grade, self.reliability["F"])

    def named(self) -> tuple[tuple[str, float | str], ...]:
        """The constants as (name, value) pairs, for explanations."""
        pairs: list[tuple[str, float | str]] = [
            (f"RELIABILITY_WEIGHTS[{g}]", w) for g, w in sorted(self.reliability.items())
        ]
        pairs += [
            ("CONFIRMED_AT", self.confirmed_at),
            ("IMPROBABLE_MARGIN", self.improbable_margin),
            ("ESTIMATE_SPREAD", self.estimate_spread),
            ("PROBABILITY_FLOOR", self.probability_floor),
            ("PROBABILITY_CEILING", self.probability_ceiling),
        ]
        return tuple(pairs)


DEFAULT_WEIGHTS = Weights()
