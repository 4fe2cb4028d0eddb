"""Why each score is what it is: the claims, sources, grades and rules behind it.

DOMAIN §4 property 6: every number traces to named evidence. The same
structure is rendered by ``tracker explain``, the TUI and the brief; it holds
plain data only (no Rich, no Textual), so each front end draws it its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.scoring.revisions import Revision


@dataclass(frozen=True, slots=True)
class OriginEvidence:
    """One independence group counted (or set aside) in a score, and why."""

    origin: str  # the independence group's name
    grade: str  # the group's best Admiralty grade (the group speaks with one voice)
    weight: float  # the reliability weight of that grade (weights.RELIABILITY_WEIGHTS)
    sources: tuple[str, ...]  # the originating sources of this group, by name
    claims: tuple[str, ...]  # the claims through which this origin reaches the score
    rule: str  # the named rule that made it count, e.g. "overlap" or "cumulative_order"
    note: str = ""  # a readable sentence for the analyst

    def to_json(self) -> dict:
        return {
            "origin": self.origin,
            "grade": self.grade,
            "weight": self.weight,
            "sources": list(self.sources),
            "claims": list(self.claims),
            "rule": self.rule,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class ScoreExplanation:
    """One score: its value, the formula, the origins counted and those set aside."""

    name: str  # "corroboration" or "contradiction"
    value: float
    formula: str
    counted: tuple[OriginEvidence, ...] = ()
    # Origins seen but not counted: the claim's own voice, a group already counted, ...
    set_aside: tuple[OriginEvidence, ...] = ()

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "value": self.value,
            "formula": self.formula,
            "counted": [e.to_json() for e in self.counted],
            "set_aside": [e.to_json() for e in self.set_aside],
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """A derived judgement (credibility, estimative phrase) and the rule that chose it."""

    name: str  # "credibility" or "estimative"
    value: str  # "2" or "likely"
    rule: str  # the named rule, e.g. "CONFIRMED_AT" reached and no contradiction
    constants: tuple[tuple[str, float], ...] = ()  # the named constants the rule used

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "value": self.value,
            "rule": self.rule,
            "constants": dict(self.constants),
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """How this claim relates to another claim of its subject (compat.py's verdict)."""

    claim: str
    relation: str  # "supports", "conflicts" or "unrelated"
    rule: str  # named compatibility rule
    note: str = ""

    def to_json(self) -> dict:
        return {
            "claim": self.claim,
            "relation": self.relation,
            "rule": self.rule,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything behind one ClaimScore."""

    claim: str
    subject: str
    own_origins: tuple[OriginEvidence, ...]  # the claim's own voices, strongest first
    primary_origin: str | None  # the strongest own voice: what the others corroborate
    corroboration: ScoreExplanation
    contradiction: ScoreExplanation
    credibility: Verdict
    estimative: Verdict
    comparisons: tuple[Comparison, ...] = ()
    # Attributions counted with the origin of the document they were copied from.
    copies: tuple[str, ...] = ()
    constants: tuple[tuple[str, float | str], ...] = field(default=())
    # The claim's own origins giving a new figure on a later date (revisions.py).
    revisions: tuple[Revision, ...] = ()

    def claim_ids(self) -> set[str]:
        ids = {self.claim}
        for score in (self.corroboration, self.contradiction):
            for evidence in (*score.counted, *score.set_aside):
                ids.update(evidence.claims)
        ids.update(c.claim for c in self.comparisons)
        return ids

    def origin_names(self) -> set[str]:
        names = {e.origin for e in self.own_origins}
        for score in (self.corroboration, self.contradiction):
            names.update(e.origin for e in (*score.counted, *score.set_aside))
        return names

    def to_json(self) -> dict:
        return {
            "claim": self.claim,
            "subject": self.subject,
            "own_origins": [e.to_json() for e in self.own_origins],
            "primary_origin": self.primary_origin,
            "corroboration": self.corroboration.to_json(),
            "contradiction": self.contradiction.to_json(),
            "credibility": self.credibility.to_json(),
            "estimative": self.estimative.to_json(),
            "comparisons": [c.to_json() for c in self.comparisons],
            "copies": list(self.copies),
            "constants": dict(self.constants),
            "revisions": [r.to_json() for r in self.revisions],
        }
