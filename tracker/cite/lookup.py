"""Where did this come from: the claims a query names, with every appearance.

The database narrows (full text, figure columns, named sources), rapidfuzz
ranks what it lets through, and the normalizer decides whether a figure in the
query is the claim's figure ("1,000,000 shells" is "more than 1 million
artillery rounds"). Among equally good matches the claim that appeared first
ranks first: that is the originating claim the analyst is looking for.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from tracker.cite import candidates as narrow
from tracker.cite.aliases import canonical_words, items_compatible
from tracker.dates_display import human_span
from tracker.models import Attribution, Claim, Document, Source, Subject
from tracker.normalize.types import Quantity
from tracker.registry import SourceRegistry

# Weight of a matching figure against the wording when the query carries a figure.
FIGURE_WEIGHT = 0.5
# A claim whose stored figure is another one, but whose wording or a quote states the
# query's figure ("an extra one million shells ... 2,700 rounds per day"), earns this
# much of the figure's weight: less than the claim of that figure, far more than a
# claim that shares only the counted item ("five round trips").
MENTIONED_FIGURE = 0.8
# A figure of the same item within a factor of ten earns up to this much, by nearness.
NEAR_FIGURE = 0.5
# Only the best-worded claims are read for a mentioned figure (each read costs ~0.3 ms).
MENTION_CHECKS = 12
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
    # As people read a date ("9 Dec 2023 – 27 Dec 2023"); ``published`` stays as written.
    published_on: str = "undated"

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
        parts.append(first.published_on)
        if first.url:
            parts.append(first.url)
        return ", ".join(parts)

    def quoted(self) -> list[tuple[Appearance, list[str]]]:
        """Each quote in each document once, with every source it is attributed to: a
        statement two governments made together is one line, not two."""
        groups: dict[tuple[str, str], tuple[Appearance, list[str]]] = {}
        for appearance in self.appearances:
            key = (appearance.document, appearance.quote)
            if key not in groups:
                groups[key] = (appearance, [])
            if appearance.source not in groups[key][1]:
                groups[key][1].append(appearance.source)
        return list(groups.values())

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


_NUMBER_WORDS = re.compile(r"\d|\b(?:million|billion|thousand|hundred|dozen)s?\b", re.I)


@lru_cache(maxsize=8192)
def _stated_figures(text: str) -> tuple[Quantity, ...]:
    from tracker.normalize.quantities import find_quantities

    return tuple(find_quantities(text)) if _NUMBER_WORDS.search(text) else ()


def _value(q: Quantity | None, value, low, high) -> float | None:  # type: ignore[no-untyped-def]
    """One figure for a quantity: its value, or the middle (geometric) of its bounds."""
    if value is not None:
        return float(value)
    if low and high and low > 0 and high > 0:
        return float((low * high) ** 0.5)
    return None


def _nearness(wanted: float, value: float | None) -> float:
    """1 for the same figure, falling to 0 at ten times (or a tenth of) it."""
    if value is None or value <= 0 or wanted <= 0:
        return 0.0
    return max(0.0, 1.0 - abs(math.log10(value / wanted)))


def figure_weight(
    quantity: Quantity, claim: Claim, texts: Iterable[str], read_texts: bool
) -> float:
    """How much of the figure's weight a claim earns for the query's ``quantity``: all
    of it for its own figure, MENTIONED_FIGURE when its wording or a quote states it,
    and up to NEAR_FIGURE for a figure of the same counted item near it in size
    ("another half million shells" for "1,000,000 shells"); nothing for a figure of
    something else ("five round trips", "two munition types")."""
    if figure_matches(quantity, claim):
        return 1.0
    wanted = _value(quantity, quantity.value, quantity.low, quantity.high)
    if wanted is None:
        return 0.0
    best = 0.0
    named = quantity.item is not None
    if named and claim.qty_item and items_compatible(quantity.item, claim.qty_item):
        best = NEAR_FIGURE * _nearness(wanted, _value(None, claim.qty_value, None, None))
    if not read_texts:
        return best
    bounds = narrow.figure_bounds(quantity)
    for text in texts:
        for stated in _stated_figures(text):
            if not items_compatible(quantity.item, stated.item):
                continue
            value = _value(stated, stated.value, stated.low, stated.high)
            if bounds and value is not None and bounds[0] <= value <= bounds[1]:
                return MENTIONED_FIGURE
            if named and stated.item:
                best = max(best, NEAR_FIGURE * _nearness(wanted, value))
    return best


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
    worded = []
    for claim in claims:
        mine = by_claim.get(claim.id, [])
        texts = [claim.text, *(a.quote for a in mine)]
        wording = max(fuzz.WRatio(wanted, canonical_words(t)) for t in texts)
        figure = any(figure_matches(q, claim) for q in quantities)
        worded.append((claim, mine, texts, wording, figure))
    # Only the best-worded few are read for a figure stated in their wording or quotes.
    ranked = sorted((w for w in worded if not w[4]), key=lambda w: -w[3])
    read = {w[0].id for w in ranked[:MENTION_CHECKS]}
    scored = []
    for claim, mine, texts, wording, figure in worded:
        if quantities:
            weight = max(figure_weight(q, claim, texts, claim.id in read) for q in quantities)
            score = FIGURE_WEIGHT * 100.0 * weight + (1 - FIGURE_WEIGHT) * wording
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
    Document.published_last,
    Document.published_precision,
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
                published_on=human_span(
                    document.published_first, document.published_last, document.published_precision
                )
                if document
                else "undated",
            )
        )
    return out
