"""Corroboration, contradiction, credibility and why (DOMAIN §4).

- ``score_case(session, subject=None)``: load from the database, score.
- ``score_inputs(inputs)``: the same on plain in-memory inputs (tests, bench).
- ``Scorer``: keeps per-subject results; rescoring after an edit touches only the
  subjects it reaches.
Result types: ``ClaimScore``, ``CaseScores``, ``Discrepancy``, ``Explanation``.
"""

from __future__ import annotations

from tracker.scoring.explain import (
    Comparison,
    Explanation,
    OriginEvidence,
    ScoreExplanation,
    Verdict,
)
from tracker.scoring.inputs import (
    AttributionIn,
    ClaimIn,
    DocumentIn,
    Figure,
    Period,
    ScoringInputs,
    SourceIn,
)
from tracker.scoring.load import (
    case_scorer,
    load_inputs,
    refresh_subject,
    score_case,
    score_claim,
)
from tracker.scoring.results import AttributionRef, CaseScores, ClaimScore, Discrepancy
from tracker.scoring.scorer import Scorer, score_inputs
from tracker.scoring.weights import DEFAULT_WEIGHTS, Weights

__all__ = [
    "DEFAULT_WEIGHTS",
    "AttributionIn",
    "AttributionRef",
    "CaseScores",
    "ClaimIn",
    "ClaimScore",
    "Comparison",
    "Discrepancy",
    "DocumentIn",
    "Explanation",
    "Figure",
    "OriginEvidence",
    "Period",
    "ScoreExplanation",
    "Scorer",
    "ScoringInputs",
    "SourceIn",
    "Verdict",
    "Weights",
    "case_scorer",
    "load_inputs",
    "refresh_subject",
    "score_case",
    "score_claim",
    "score_inputs",
]
