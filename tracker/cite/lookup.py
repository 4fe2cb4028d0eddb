"""Where did this come from: the claims a query names, with every appearance.

The database narrows (full text, figure columns, named sources), rapidfuzz
ranks what it lets through, and the normalizer decides whether a figure in the
query is the claim's figure ("1,000,000 shells" is "more than 1 million
artillery rounds"). Among equally good matches the claim that appeared first
ranks first: that is the originating claim the analyst is looking for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from tracker.cite import candidates as narrow
from tracker.cite.aliases import canonical_words, items_compatible
from tracker.models import Attribution, Claim, Document, Source, Subject
from tracker.normalize.types import Quantity
from tracker.registry import SourceRegistry

# Weight of a matching figure against the wording when the query carries a figure.
FIGURE_WEIGHT = 0.5
# Added when the claim was made or carried by a source the query names.
NAMED_SOURCE_BONUS = 10.0
# Scores within one band are equally good; the earliest appearance then ranks first.
SCORE_BAND = 5.0
# Below this a candidate is noise, not an answer.
MIN_SCORE = 40.0


@dataclass(frozen=True)
class Appearance:
    document: str
    outlet: str | None
    published: str | None
    quote: str
    source: str
    title: str = ""
    url: str | None = None
    authors: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "document": self.document,
            "outlet": self.outlet,
            "published": self.published,
            "quote": self.quote,
            "source": self.source,
            "title": self.title,
            "url": self.url,
        }


@dataclass(frozen=True)
class CiteMatch:
    claim: str
    text: str
    subject: str
    origin: str | None
    origins: list[str]
    first_appearance: Appearance | None
    appearances: list[Appearance] = field(default_factory=list)
    score: float = 0.0

    @property
    def citation(self) -> str:
        """One line an analyst can paste: originator, outlet, title, date, URL."""
        first = self.first_appearance
        if first is None:
            return f"{self.text} (no appearance recorded)"
        parts = [first.source]
        if first.outlet and first.outlet != first.source:
            parts.append(f"via {first.outlet}")
        if first.title:
            parts.append(f'"{first.title}"')
        parts.append(first.published or "undated")
        if first.url:
            parts.append(first.url)
        return ", ".join(parts)

    def to_json(self) -> dict:
        first = self.first_appearance
        return {
            "claim": self.claim,
            "text": self.text,
            "subject": self.subject,
            "origin": self.origin,
            "origins": self.origins,
            "first_appearance": None
            if first is None
            else {"document": first.document, "outlet": first.outlet, "published": first.published},
            "appearances": [a.to_json() for a in self.appearances],
            "citation": self.citation,
            "score": round(self.score, 1),
        }


def query_quantities(query: str) -> list[Quantity]:
    """The figures in the query; none while the normalizer is not there yet."""
    from tracker.normalize import normalize

    try:
        # Quantities do not depend on the anchor; any date will do.
        return normalize(query, date(2000, 1, 1)).quantities
    except NotImplementedError:
        return []


def figure_matches(quantity: Quantity, claim: Claim) -> bool:
    bounds = narrow.figure_bounds(quantity)
    if bounds is None or claim.qty_value is None:
        return False
    if not bounds[0] <= claim.qty_value <= bounds[1]:
        return False
    if quantity.unit and claim.qty_unit and quantity.unit != claim.qty_unit:
        return False
    return items_compatible(quantity.item, claim.qty_item)


def cite(session: Session, query: str, limit: int = 10) -> list[CiteMatch]:
    """The claims that best answer ``query``, best first, each with its appearances."""
    query = query.strip()
    if not query:
        return []
    sources = list(session.exec(select(Source)).all())
    named = narrow.named_sources(sources, query)
    quantities = query_quantities(query)
    ids = list(
        dict.fromkeys(
            [
                *narrow.figure_candidates(session, quantities),
                *narrow.text_candidates(session, query),
                *narrow.source_candidates(session, named),
            ]
        )
    )
    return rank(session, query, ids, limit, sources=sources, named=named, quantities=quantities)


def cite_by_scan(session: Session, query: str, limit: int = 10) -> list[CiteMatch]:
    """The same answer without the index: rapidfuzz over every claim (the bench baseline)."""
    ids = list(session.exec(select(Claim.id)).all())
    return rank(session, query, ids, limit)


def rank(
    session: Session,
    query: str,
    claim_ids: list[str],
    limit: int,
    *,
    sources: list[Source] | None = None,
    named: list[Source] | None = None,
    quantities: list[Quantity] | None = None,
) -> list[CiteMatch]:
    if not claim_ids:
        return []
    sources = sources if sources is not None else list(session.exec(select(Source)).all())
    named = named if named is not None else narrow.named_sources(sources, query)
    quantities = quantities if quantities is not None else query_quantities(query)
    registry = SourceRegistry(sources)
    by_id = {s.id: s for s in sources}
    named_ids = {s.id for s in named}

    # Plain rows, not ORM objects: building a few thousand instances would cost more
    # than all the ranking.
    claims = _in(session, _CLAIM_COLUMNS, Claim.id, claim_ids)
    attributions = _in(session, _ATTRIBUTION_COLUMNS, Attribution.claim_id, claim_ids)
    documents = {
        d.id: d
        for d in _in(session, _DOCUMENT_COLUMNS, Document.id, {a.document_id for a in attributions})
    }
    subjects = {
        s.id: s.name
        for s in _in(
            session, (Subject.id, Subject.name), Subject.id, {c.subject_id for c in claims}
        )
    }
    by_claim: dict[str, list[Attribution]] = {}
    for attribution in attributions:
        by_claim.setdefault(attribution.claim_id, []).append(attribution)

    wanted = canonical_words(query)
    scored = []
    for claim in claims:
        mine = by_claim.get(claim.id, [])
        texts = [claim.text, *(a.quote for a in mine)]
        wording = max(fuzz.WRatio(wanted, canonical_words(t)) for t in texts)
        figure = any(figure_matches(q, claim) for q in quantities)
        if quantities:
            score = FIGURE_WEIGHT * (100.0 if figure else 0.0) + (1 - FIGURE_WEIGHT) * wording
        else:
            score = wording
        carried = {a.source_id for a in mine} | {
            documents[a.document_id].outlet_id for a in mine if a.document_id in documents
        }
        if named_ids & carried:
            score = min(100.0, score + NAMED_SOURCE_BONUS)
        if score < MIN_SCORE:
            continue
        first_day = min((_day(documents.get(a.document_id)) for a in mine), default=date.max)
        # The same figure of the same item, however worded: where it first appeared is
        # where it came from, so those claims go in order of appearance.
        band = 0 if figure else int(score // SCORE_BAND)
        key = (not figure, -band, first_day, -score, -len(mine), claim.id)
        scored.append((key, score, claim, mine))

    scored.sort(key=lambda item: item[0])
    matches = []
    for _key, score, claim, mine in scored[:limit]:
        appearances = _appearances(mine, documents, by_id)
        groups = [registry.group_of(by_id[a.source_id]) for a in _chronological(mine, documents)]
        origins = list(dict.fromkeys(groups))
        matches.append(
            CiteMatch(
                claim=claim.id,
                text=claim.text,
                subject=subjects.get(claim.subject_id, ""),
                origin=origins[0] if origins else None,
                origins=origins,
                first_appearance=appearances[0] if appearances else None,
                appearances=appearances,
                score=score,
            )
        )
    return matches


_CLAIM_COLUMNS = (
    Claim.id,
    Claim.subject_id,
    Claim.text,
    Claim.qty_value,
    Claim.qty_unit,
    Claim.qty_item,
)
_ATTRIBUTION_COLUMNS = (
    Attribution.id,
    Attribution.claim_id,
    Attribution.source_id,
    Attribution.document_id,
    Attribution.quote,
)
_DOCUMENT_COLUMNS = (
    Document.id,
    Document.outlet_id,
    Document.title,
    Document.url,
    Document.authors,
    Document.published_text,
    Document.published_first,
)


def _in(session: Session, columns, key, values: Iterable) -> list:  # type: ignore[no-untyped-def]
    """Rows (named tuples) whose ``key`` is in ``values``, in chunks SQLite accepts."""
    values = list(values)
    rows: list = []
    connection = session.connection()
    for start in range(0, len(values), 900):
        chunk = values[start : start + 900]
        rows.extend(connection.execute(select(*columns).where(col(key).in_(chunk))).all())
    return rows


def _day(document: Document | None) -> date:
    if document is None or document.published_first is None:
        return date.max
    return document.published_first


def _chronological(attributions: list[Attribution], documents: dict) -> list[Attribution]:
    return sorted(
        attributions,
        key=lambda a: (_day(documents.get(a.document_id)), a.document_id, a.id or 0),
    )


def published_text(document: Document) -> str | None:
    if document.published_text:
        return document.published_text
    return document.published_first.isoformat() if document.published_first else None


def _appearances(
    attributions: list[Attribution], documents: dict[str, Document], sources: dict
) -> list[Appearance]:
    out = []
    for attribution in _chronological(attributions, documents):
        document = documents.get(attribution.document_id)
        outlet = sources.get(document.outlet_id) if document else None
        out.append(
            Appearance(
                document=attribution.document_id,
                outlet=outlet.name if outlet else None,
                published=published_text(document) if document else None,
                quote=attribution.quote,
                source=sources[attribution.source_id].name,
                title=document.title if document else "",
                url=document.url if document else None,
                authors=tuple(document.authors or ()) if document else (),
            )
        )
    return out
