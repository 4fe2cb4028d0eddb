"""Corroboration, contradiction, credibility and why (DOMAIN §4).

Result types are in ``results`` and ``explain``; the engine follows.
"""

from __future__ import annotations

from tracker.scoring.explain import (
    Comparison,
    Explanation,
    OriginEvidence,
    ScoreExplanation,
    Verdict,
)
from tracker.scoring.results import AttributionRef, CaseScores, ClaimScore, Discrepancy

__all__ = [
    "AttributionRef",
    "CaseScores",
    "ClaimScore",
    "Comparison",
    "Discrepancy",
    "Explanation",
    "OriginEvidence",
    "ScoreExplanation",
    "Verdict",
]
