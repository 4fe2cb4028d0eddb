"""What scoring returns: one ClaimScore per claim (DOMAIN §5 fields), gathered in CaseScores."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tracker.scoring.explain import Explanation


@dataclass(frozen=True, slots=True)
class AttributionRef:
    """One appearance of a claim as the analyst would point at it."""

    attribution: int | None  # Attribution.id (None for in-memory inputs without ids)
    source: str  # originator's name
    document: str  # document id
    outlet: str | None  # the document's outlet name
    quote: str
    hedge: str | None  # the hedge as this outlet printed it
    figure: str | None  # the figure this outlet printed, as normalized text ("9-11")
    claim: str | None = None  # the claim this appearance belongs to

    def to_json(self) -> dict:
        return {
            "attribution": self.attribution,
            "source": self.source,
            "document": self.document,
            "outlet": self.outlet,
            "quote": self.quote,
            "hedge": self.hedge,
            "figure": self.figure,
            "claim": self.claim,
        }


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Two outlets carrying one origin's statement differently: a reporting fault, not a
    contradiction between sources (DOMAIN §4 property 5)."""

    claim: str
    origin: str
    kind: str  # "value" (incompatible figures) or "hedge" (different hedges)
    first: AttributionRef
    second: AttributionRef
    detail: str

    def to_json(self) -> dict:
        return {
            "claim": self.claim,
            "origin": self.origin,
            "kind": self.kind,
            "first": self.first.to_json(),
            "second": self.second.to_json(),
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class ClaimScore:
    """One claim's scores (DOMAIN §5 fields).

    ``explanation`` (and the claim lists derived from it) may be built on first use:
    in a subject of thousands of claims the numbers come from a sweep and the
    explanation is only assembled for the claims someone looks at.
    """

    id: str
    subject: str
    origins: tuple[str, ...]  # independence groups, strongest first
    corroboration: float  # [0, 1]
    contradiction: float  # [0, 1]
    credibility: int  # Admiralty 1-6
    estimative: str  # ICD 203 phrase
    probability: float  # the estimate the phrase names, in [0, 1]
    own_discrepancies: tuple[Discrepancy, ...]  # between the claim's own appearances
    explain_with: Explanation | Callable[[], Explanation] = field(repr=False, compare=False)
    # (corroborated_by, contradicted_by) found without the explanation (named.py), or None.
    named_with: Callable[[], tuple[tuple[str, ...], tuple[str, ...]] | None] | None = field(
        default=None, repr=False, compare=False
    )
    _cache: list[Explanation] = field(default_factory=list, repr=False, compare=False)
    # The subject's discrepancies between claims of one origin, worked out when first read
    # (same_origin.SubjectCross: ``of(claim id)``), or None.
    cross_with: Any = field(default=None, repr=False, compare=False)

    @property
    def discrepancies(self) -> tuple[Discrepancy, ...]:
        """Reporting discrepancies: within the claim first, then with the subject's other
        claims (DOMAIN §4 property 5)."""
        cross = self.cross_with.of(self.id) if self.cross_with is not None else ()
        return self.own_discrepancies + cross if cross else self.own_discrepancies

    @property
    def explanation(self) -> Explanation:
        if isinstance(self.explain_with, Explanation):
            return self.explain_with
        if not self._cache:
            self._cache.append(self.explain_with())
        return self._cache[0]

    def forget_explanation(self) -> None:
        """Drop a cached explanation (the subject changed around an unchanged score)."""
        self._cache.clear()

    @property
    def corroborated_by(self) -> tuple[str, ...]:
        """Claims through which a counted independent origin supports this one, sorted (a
        restored case lists them as the original did, whatever order its rows come in)."""
        named = self.named_with() if self.named_with is not None else None
        if named is not None:
            return tuple(sorted(named[0]))
        return _named_claims(self.id, self.explanation.corroboration.counted)

    @property
    def contradicted_by(self) -> tuple[str, ...]:
        named = self.named_with() if self.named_with is not None else None
        if named is not None:
            return tuple(sorted(named[1]))
        return _named_claims(self.id, self.explanation.contradiction.counted)

    def to_json(self, explain: bool = False) -> dict:
        data: dict = {
            "id": self.id,
            "subject": self.subject,
            "origins": list(self.origins),
            "corroboration": round(self.corroboration, 4),
            "contradiction": round(self.contradiction, 4),
            "credibility": self.credibility,
            "estimative": self.estimative,
            "probability": round(self.probability, 4),
            "corroborated_by": list(self.corroborated_by),
            "contradicted_by": list(self.contradicted_by),
            "discrepancies": [d.to_json() for d in self.discrepancies],
        }
        if explain:
            data["explanation"] = self.explanation.to_json()
        return data


def _named_claims(own: str, evidence: tuple) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in evidence:
        for claim in item.claims:
            if claim != own:
                seen.setdefault(claim, None)
    return tuple(sorted(seen))


@dataclass(slots=True)
class CaseScores:
    """Scores of every claim (of one subject when asked), keyed by claim id."""

    claims: dict[str, ClaimScore] = field(default_factory=dict)

    def by_subject(self) -> dict[str, list[ClaimScore]]:
        grouped: dict[str, list[ClaimScore]] = {}
        for score in self.claims.values():
            grouped.setdefault(score.subject, []).append(score)
        return grouped

    def to_json(self, explain: bool = False) -> dict:
        ordered = sorted(self.claims.values(), key=lambda s: (s.subject, s.id))
        return {"claims": [s.to_json(explain) for s in ordered]}
