"""Narrowing: which claims could answer a query, found by the database, not by a scan.

Three doors, each bounded: the full-text index (SQLite FTS5 table ``cite_fts``
or PostgreSQL ``to_tsvector``, both created by migration 0002), the normalized
figure columns of ``claim``, and the sources the query names.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlmodel import Session

from tracker.cite.aliases import search_groups, search_terms
from tracker.models import Source
from tracker.normalize.types import Quantity

# How many claims each door may let through; ranking happens on at most a few hundred.
TEXT_CANDIDATES = 150
# bm25 ranking costs time per matching row: above this many matches the index hands
# over its first rows unranked (all equally plausible by wording; rapidfuzz decides).
RANK_AT_MOST = 3000
FIGURE_CANDIDATES = 200
SOURCE_CANDIDATES = 100
# A query figure matches a claim figure when the values agree within this fraction.
FIGURE_TOLERANCE = 0.10

_LABEL_MIN = 3


def text_candidates(session: Session, query: str) -> list[str]:
    """Claim ids whose wording or quotes share words with the query, best first."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        groups = search_groups(query)
        return _sqlite_fts(session, groups) if groups else []
    if dialect == "postgresql":
        terms = search_terms(query)
        return _postgres_fts(session, terms) if terms else []
    return []


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _sqlite_fts(session: Session, groups: list[list[str]]) -> list[str]:
    """Every query word (any of its spellings) first; failing that, any word at all."""
    every = " AND ".join("(" + " OR ".join(_fts_phrase(t) for t in g) + ")" for g in groups)
    found = _fts_rows(session, every)
    if len(found) < TEXT_CANDIDATES and len(groups) > 1:
        anyone = " OR ".join(_fts_phrase(t) for g in groups for t in g)
        found = _unique([*found, *_fts_rows(session, anyone)])
    return found[:TEXT_CANDIDATES]


def _fts_rows(session: Session, match: str) -> list[str]:
    connection = session.connection()
    many = connection.execute(
        text("SELECT count(*) FROM (SELECT 1 FROM cite_fts WHERE cite_fts MATCH :m LIMIT :cap)"),
        {"m": match, "cap": RANK_AT_MOST + 1},
    ).scalar_one()
    # A claim's wording and each of its quotes are rows: a claim keeps its best row.
    order = "ORDER BY rank " if many <= RANK_AT_MOST else ""
    rows = connection.execute(
        text(f"SELECT claim_id FROM cite_fts WHERE cite_fts MATCH :m {order}LIMIT :limit"),
        {"m": match, "limit": TEXT_CANDIDATES * 2},
    )
    return _unique(row[0] for row in rows)


def _postgres_fts(session: Session, terms: list[str]) -> list[str]:
    words = [re.sub(r"[^\w]", "", t) for t in terms]
    tsquery = " | ".join(w for w in words if w)
    if not tsquery:
        return []
    body = "text || ' ' || coalesce(quantity_text, '') || ' ' || coalesce(period_text, '')"
    rows = session.connection().execute(
        text(
            f"SELECT id FROM claim WHERE to_tsvector('simple', {body}) "
            "@@ to_tsquery('simple', :q) "
            f"ORDER BY ts_rank(to_tsvector('simple', {body}), to_tsquery('simple', :q)) DESC "
            "LIMIT :limit"
        ),
        {"q": tsquery, "limit": TEXT_CANDIDATES},
    )
    ids = [row[0] for row in rows]
    rows = session.connection().execute(
        text(
            "SELECT claim_id FROM attribution WHERE to_tsvector('simple', quote) "
            "@@ to_tsquery('simple', :q) "
            "ORDER BY ts_rank(to_tsvector('simple', quote), to_tsquery('simple', :q)) DESC "
            "LIMIT :limit"
        ),
        {"q": tsquery, "limit": TEXT_CANDIDATES},
    )
    return _unique([*ids, *(row[0] for row in rows)])[:TEXT_CANDIDATES]


def figure_bounds(quantity: Quantity) -> tuple[float, float] | None:
    """The claim values a query figure accepts: its value (or interval) widened by the tolerance."""
    if quantity.value is not None:
        low = high = quantity.value
    elif quantity.low is not None and quantity.high is not None:
        low, high = quantity.low, quantity.high
    else:
        return None
    return low * (1 - FIGURE_TOLERANCE), high * (1 + FIGURE_TOLERANCE)


def figure_candidates(session: Session, quantities: list[Quantity]) -> list[str]:
    """Claims whose normalized value lies near one of the query's figures."""
    ids: list[str] = []
    for quantity in quantities:
        bounds = figure_bounds(quantity)
        if bounds is None:
            continue
        rows = session.connection().execute(
            text(
                "SELECT id FROM claim WHERE qty_value BETWEEN :low AND :high "
                "ORDER BY id LIMIT :limit"
            ),
            {"low": bounds[0], "high": bounds[1], "limit": FIGURE_CANDIDATES},
        )
        ids.extend(row[0] for row in rows)
    return _unique(ids)


def named_sources(sources: list[Source], query: str) -> list[Source]:
    """Sources whose name, short name or an alias appears in the query as whole words."""
    folded = query.casefold()
    found = []
    for source in sources:
        labels = [source.name, source.short or "", *(source.aliases or [])]
        for label in labels:
            label = label.casefold().strip()
            if len(label) >= _LABEL_MIN and re.search(rf"\b{re.escape(label)}\b", folded):
                found.append(source)
                break
    return found


def source_candidates(session: Session, sources: list[Source]) -> list[str]:
    """Claims the named sources made, or that were read in documents of those outlets."""
    if not sources:
        return []
    ids = [s.id for s in sources if s.id is not None]
    params = {f"s{i}": v for i, v in enumerate(ids)}
    marks = ", ".join(f":s{i}" for i in range(len(ids)))
    rows = session.connection().execute(
        text(
            "SELECT DISTINCT a.claim_id FROM attribution AS a "
            "LEFT JOIN document AS d ON d.id = a.document_id "
            f"WHERE a.source_id IN ({marks}) OR d.outlet_id IN ({marks}) "
            "ORDER BY a.claim_id LIMIT :limit"
        ),
        {**params, "limit": SOURCE_CANDIDATES},
    )
    return [row[0] for row in rows]


def _unique(values) -> list[str]:  # type: ignore[no-untyped-def]
    return list(dict.fromkeys(values))
