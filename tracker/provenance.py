"""Where a claim came from: origins, first appearance, and who repeated whom (DOMAIN §2).

- The **independence group** of a source is the registry's (``SourceRegistry.group_of``:
  the nearest explicit ``group`` up the parent chain, else the top of the chain).
- The **origin** of an attribution is its originator's group; an attribution read in a
  document derived (directly or not) from another document carrying the same claim is a
  copy, and takes the origin of the attribution it was copied from.
- The **first appearance** is honest about uncertain dates: documents are intervals of
  days, and two documents whose intervals overlap are a tie, not an order.

Works on the plain inputs of ``tracker.scoring.inputs`` so it needs no database; one
claim's provenance read from the database is ``tracker.scoring.load.claim_provenance``
(the layer above both), so nothing here imports scoring.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tracker.models import Source
from tracker.registry import SourceRegistry

if TYPE_CHECKING:  # annotations only: scoring sits above this module and imports it
    from tracker.scoring.inputs import AttributionIn, ClaimIn, DocumentIn, SourceIn


def independence_groups(sources: Iterable[Source]) -> dict[int, str]:
    """Source id -> independence group name, through the registry's one rule."""
    registry = SourceRegistry(sources)
    return {s.id: registry.group_of(s) for s in registry.sources if s.id is not None}


class Derivations:
    """Ancestors of documents through ``derived_from``, memoized (cycles are tolerated)."""

    def __init__(self, documents: Mapping[str, DocumentIn]) -> None:
        self.documents = documents
        self._ancestors: dict[str, frozenset[str]] = {}
        # Documents with an ancestor at all: most have none, and need no walk.
        self.derived = frozenset(d for d, doc in documents.items() if doc.derived_from)

    def ancestors(self, document_id: str) -> frozenset[str]:
        known = self._ancestors.get(document_id)
        if known is not None:
            return known
        seen: set[str] = set()
        stack = list(self._parents(document_id))
        while stack:
            doc = stack.pop()
            if doc in seen or doc == document_id:
                continue
            seen.add(doc)
            cached = self._ancestors.get(doc)
            if cached is not None:
                seen.update(cached - {document_id})
                continue
            stack.extend(self._parents(doc))
        result = frozenset(seen)
        self._ancestors[document_id] = result
        return result

    def _parents(self, document_id: str) -> tuple[str, ...]:
        doc = self.documents.get(document_id)
        return doc.derived_from if doc is not None else ()


@dataclass(frozen=True, slots=True)
class AttributedOrigin:
    attribution: AttributionIn
    origin: str  # the independence group this appearance counts as
    copied_from: AttributionIn | None  # the attribution it repeats, if a copy


def attribution_origins(
    claim: ClaimIn,
    sources: Mapping[int, SourceIn],
    derivations: Derivations,
) -> list[AttributedOrigin]:
    """Each attribution of ``claim`` with its origin, copies resolved to what they copy."""
    attributions = claim.attributions
    by_document: dict[str, list[AttributionIn]] = {}
    for a in attributions:
        by_document.setdefault(a.document_id, []).append(a)

    def root(a: AttributionIn) -> AttributionIn | None:
        """The original this attribution repeats: one in an ancestor document with no
        ancestor carrying the claim itself (deterministic: smallest document id)."""
        ancestors = derivations.ancestors(a.document_id)
        carried = sorted(d for d in ancestors if d in by_document and d != a.document_id)
        for doc in carried:
            if not any(x in by_document for x in derivations.ancestors(doc) - {doc}):
                return _best_of(by_document[doc], a)
        return _best_of(by_document[carried[0]], a) if carried else None

    # Nothing is a copy unless one of its documents derives from another of them (one
    # document, or unrelated ones: the common cases, kept cheap).
    copies = (
        len(by_document) > 1
        and not derivations.derived.isdisjoint(by_document)
        and not all(derivations.ancestors(d).isdisjoint(by_document) for d in by_document)
    )
    result = []
    for a in attributions:
        original = root(a) if copies else None
        origin_of = original if original is not None else a
        source = sources.get(origin_of.source_id)
        group = source.group if source is not None else f"source #{origin_of.source_id}"
        result.append(AttributedOrigin(a, group, original))
    return result


def _best_of(candidates: list[AttributionIn], copy: AttributionIn) -> AttributionIn:
    """The attribution a copy repeats: the same originator if the original has one."""
    for c in candidates:
        if c.source_id == copy.source_id:
            return c
    return candidates[0]


@dataclass(frozen=True, slots=True)
class FirstAppearance:
    """The documents that may have carried the claim first (a tie when dates overlap)."""

    documents: tuple[str, ...]
    first: date | None
    last: date | None

    @property
    def certain(self) -> bool:
        return len(self.documents) == 1


def _interval(doc: DocumentIn | None) -> tuple[date, date] | None:
    if doc is None or doc.published_first is None:
        return None
    return doc.published_first, doc.published_last or doc.published_first


def first_appearance(claim: ClaimIn, documents: Mapping[str, DocumentIn]) -> FirstAppearance:
    """A document is possibly first unless another is certainly earlier (ends before it
    begins). Undated documents are candidates only when nothing is dated."""
    doc_ids = sorted({a.document_id for a in claim.attributions})
    dated = {d: iv for d in doc_ids if (iv := _interval(documents.get(d))) is not None}
    if not dated:
        return FirstAppearance(tuple(doc_ids), None, None)
    earliest_end = min(last for _, last in dated.values())
    tied = tuple(d for d, (first, _) in sorted(dated.items()) if first <= earliest_end)
    return FirstAppearance(tied, min(dated[d][0] for d in tied), max(dated[d][1] for d in tied))


@dataclass(frozen=True, slots=True)
class Appearance:
    document: str
    outlet: str | None
    published_first: date | None
    published_last: date | None
    repeats: tuple[str, ...]  # documents of this claim it derives from (nearest ones)
    tied_with: tuple[str, ...]  # documents whose dates cannot be ordered against it


def appearance_chain(claim: ClaimIn, documents: Mapping[str, DocumentIn]) -> list[Appearance]:
    """The claim's documents by date (undated last), each with whom it repeated."""
    derivations = Derivations(documents)
    doc_ids = sorted({a.document_id for a in claim.attributions})
    carrying = set(doc_ids)
    far = date.max

    def key(d: str) -> tuple[date, date, str]:
        iv = _interval(documents.get(d))
        return (iv[0], iv[1], d) if iv else (far, far, d)

    chain = []
    for d in sorted(doc_ids, key=key):
        ancestors = derivations.ancestors(d) & carrying
        # Nearest: an ancestor that is not itself an ancestor of another listed ancestor.
        nearest = tuple(
            sorted(
                a for a in ancestors if not any(a in derivations.ancestors(b) for b in ancestors)
            )
        )
        mine = _interval(documents.get(d))
        tied = tuple(
            other
            for other in doc_ids
            if other != d
            and mine is not None
            and (iv := _interval(documents.get(other))) is not None
            and iv[0] <= mine[1]
            and mine[0] <= iv[1]
        )
        doc = documents.get(d)
        chain.append(
            Appearance(
                d,
                doc.outlet if doc else None,
                mine[0] if mine else None,
                mine[1] if mine else None,
                nearest,
                tied,
            )
        )
    return chain


@dataclass(frozen=True, slots=True)
class ClaimProvenance:
    claim: str
    origins: tuple[str, ...]  # independence groups, sorted
    appearances: tuple[AttributedOrigin, ...]  # every attribution with its origin
    first: FirstAppearance
    chain: tuple[Appearance, ...]
