"""What every subject's scoring shares: sources, documents, group weights, derivations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tracker.provenance import AttributedOrigin, Derivations, attribution_origins
from tracker.scoring.compat import Kinds
from tracker.scoring.inputs import ClaimIn, DocumentIn, SourceIn
from tracker.scoring.tally import Tally
from tracker.scoring.weights import Weights

_GRADE_ORDER = "ABCDEF"
# A claim's one origin, its origins and its sources' names by origin (Context.alone).
_Alone = tuple[str, tuple[str, ...], dict[str, tuple[str, ...]]]


class Context:
    def __init__(
        self,
        sources: Mapping[int, SourceIn],
        documents: Mapping[str, DocumentIn],
        weights: Weights,
    ) -> None:
        self.sources = sources
        self.documents = documents
        self.weights = weights
        self.derivations = Derivations(documents)
        self.kinds = Kinds()
        self.group_grade: dict[str, str] = {}
        self._weight: dict[str, float] = {}
        self.noisy_or_values: dict[int, float] = {}  # packed tally -> noisy-or (tally.py)
        # (primary weight, corroboration, contradiction) -> (credibility, phrase, estimate)
        self.verdicts: dict[tuple[float, float, float], tuple[int, str, float]] = {}
        self._alone: dict[int, tuple[SourceIn | None, _Alone]] = {}
        # One origin's appearances per subject, kept between rescorings (same_origin.py).
        self.same_origin: object | None = None
        # A subject's disputed moments for explanations, with the members they are of.
        self.moments: dict[str, tuple[Sequence[object], Any]] = {}
        self.regroup()

    def regroup(self) -> None:
        """A group speaks with one voice and one grade: its best-graded member's."""
        best: dict[str, str] = {}
        for s in self.sources.values():
            grade = s.reliability if s.reliability in _GRADE_ORDER else "F"
            if s.group not in best or _GRADE_ORDER.index(grade) < _GRADE_ORDER.index(best[s.group]):
                best[s.group] = grade
        self.group_grade = best
        self._weight = {g: self.weights.weight(grade) for g, grade in best.items()}
        # Origins' tallies for the pair loop, kept across subjects while grades stand.
        self.tally = Tally(self)

    def reset_derivations(self) -> None:
        self.derivations = Derivations(self.documents)

    def grade(self, group: str) -> str:
        return self.group_grade.get(group, "F")

    def weight_table(self) -> dict[str, float]:
        """Group -> weight, for hot loops (a group not listed weighs as F)."""
        return self._weight

    def weight(self, group: str) -> float:
        known = self._weight.get(group)
        return known if known is not None else self.weights.weight("F")

    def alone(self, source_id: int) -> _Alone:
        """(origin, origins, names by origin) of a claim this source alone carries, one
        for all such claims (read only): half of a case's claims need not each hold
        their own tuple and dict of the same names."""
        source = self.sources.get(source_id)
        known = self._alone.get(source_id)
        if known is not None and known[0] is source:  # a changed source is a new object
            return known[1]
        name = source.name if source is not None else f"source #{source_id}"
        group = source.group if source is not None else name
        shared: _Alone = (group, (group,), {group: (name,)})
        self._alone[source_id] = (source, shared)
        return shared

    def source_name(self, source_id: int) -> str:
        s = self.sources.get(source_id)
        return s.name if s is not None else f"source #{source_id}"


@dataclass(frozen=True, slots=True)
class Prepared:
    """A claim with its own origins resolved (copies folded into what they copy)."""

    claim: ClaimIn
    attributed: tuple[AttributedOrigin, ...]
    origins: tuple[str, ...]  # strongest first
    primary: str | None
    sources_by_origin: dict[str, tuple[str, ...]]


def prepare(claim: ClaimIn, ctx: Context) -> Prepared:
    if len(claim.attributions) == 1:  # most claims: one appearance, no copy, one origin
        (only,) = claim.attributions
        group, origins, names = ctx.alone(only.source_id)
        return Prepared(claim, (AttributedOrigin(only, group, None),), origins, group, names)
    attributed = tuple(attribution_origins(claim, ctx.sources, ctx.derivations))
    if len(attributed) == 1:  # most claims: one appearance, one origin, nothing to rank
        (a,) = attributed
        origin_source = a.copied_from.source_id if a.copied_from else a.attribution.source_id
        return Prepared(
            claim, attributed, (a.origin,), a.origin, {a.origin: (ctx.source_name(origin_source),)}
        )
    by_origin: dict[str, dict[str, None]] = {}
    for a in attributed:
        origin_source = a.copied_from.source_id if a.copied_from else a.attribution.source_id
        by_origin.setdefault(a.origin, {})[ctx.source_name(origin_source)] = None
    origins = tuple(sorted(by_origin, key=lambda g: (-ctx.weight(g), g)))
    return Prepared(
        claim,
        attributed,
        origins,
        origins[0] if origins else None,
        {g: tuple(names) for g, names in by_origin.items()},
    )


def reorder(p: Prepared, ctx: Context) -> Prepared:
    """The same claim after a regrade: origins unchanged, strongest first again."""
    origins = tuple(sorted(p.origins, key=lambda g: (-ctx.weight(g), g)))
    return Prepared(
        p.claim, p.attributed, origins, origins[0] if origins else None, p.sources_by_origin
    )
