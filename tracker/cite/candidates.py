"""Narrowing: which claims could answer a query, found by the database, not by a scan.

Three doors, each bounded: the full-text index (SQLite FTS5 table ``cite_fts``
or PostgreSQL ``to_tsvector``, both created by migration 0002), the normalized
figure columns of ``claim``, and the sources the query names.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlmodel import Session

from tracker.cite.aliases import search_groups
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
    """Claim ids whose wording or quotes share words with the query, best first:
    every query word (any of its spellings) first; failing that, any word at all."""
    dialect = session.get_bind().dialect.name
    if dialect not in _SEARCHES:
        return []
    term, every_of, any_of, rows = _SEARCHES[dialect]
    groups = [g for g in ([term(t) for t in g if term(t)] for g in search_groups(query)) if g]
    if not groups:
        return []
    every = every_of.join("(" + any_of.join(g) + ")" for g in groups)
    found = rows(session, every)
    if len(found) < TEXT_CANDIDATES and len(groups) > 1:
        found = _unique([*found, *rows(session, any_of.join(t for g in groups for t in g))])
    return found[:TEXT_CANDIDATES]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


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


def _tsquery_word(term: str) -> str:
    # to_tsquery reads operators in its argument: only word characters go in.
    return re.sub(r"[^\w]", "", term)


# The expressions migration 0002 indexes, per table: (table, claim id column, text).
_POSTGRES_TEXTS = (
    (
        "claim",
        "id",
        "text || ' ' || coalesce(quantity_text, '') || ' ' || coalesce(period_text, '')",
    ),
    ("attribution", "claim_id", "quote"),
)


def _postgres_rows(session: Session, tsquery: str) -> list[str]:
    """Claims whose wording, then whose quotes, match; ranked unless too many match, as
    ``_fts_rows``: ts_rank reads every matching row, a word in every quote is all of them."""
    connection = session.connection()
    ids: list[str] = []
    for table, key, body in _POSTGRES_TEXTS:
        matches = f"to_tsvector('simple', {body}) @@ to_tsquery('simple', :q)"
        many = connection.execute(
            text(f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {matches} LIMIT :cap) AS m"),
            {"q": tsquery, "cap": RANK_AT_MOST + 1},
        ).scalar_one()
        order = (
            f"ORDER BY ts_rank(to_tsvector('simple', {body}), to_tsquery('simple', :q)) DESC "
            if many <= RANK_AT_MOST
            else ""
        )
        rows = connection.execute(
            text(f"SELECT {key} FROM {table} WHERE {matches} {order}LIMIT :limit"),
            {"q": tsquery, "limit": TEXT_CANDIDATES},
        )
        ids.extend(row[0] for row in rows)
    return _unique(ids)


# Per dialect: a search word as the query language writes it, "and", "or", the search.
_SEARCHES = {
    "sqlite": (_fts_phrase, " AND ", " OR ", _fts_rows),
    "postgresql": (_tsquery_word, " & ", " | ", _postgres_rows),
}


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
    said = _words(query)
    found = []
    for source in sources:
        labels = [source.name, source.short or "", *(source.aliases or [])]
        for label in labels:
            words = _words(label)
            if len(label.strip()) >= _LABEL_MIN and words != " " and words in said:
                found.append(source)
                break
    return found


_WORD = re.compile(r"\w+")


def _words(text: str) -> str:
    """The words of ``text``, casefolded, one space around each: "a b" is whole words of
    "x a b y" when " a b " is in " x a b y ". One pattern for every label, not a pattern
    per label (hundreds of sources overflow the re module's cache)."""
    return " " + " ".join(_WORD.findall(text.casefold())) + " "


def source_candidates(session: Session, sources: list[Source]) -> list[str]:
    """Claims the named sources made, or that were read in documents of those outlets."""
    if not sources:
        return []
    ids = [s.id for s in sources if s.id is not None]
    params = {f"s{i}": v for i, v in enumerate(ids)}
    marks = ", ".join(f":s{i}" for i in range(len(ids)))
    # Two indexed lookups joined, not one OR across the join: the OR reads every
    # attribution (75 ms on 100,000 in PostgreSQL, 0.1 ms as a union).
    rows = session.connection().execute(
        text(
            f"SELECT claim_id FROM attribution WHERE source_id IN ({marks}) "
            "UNION SELECT a.claim_id FROM attribution AS a "
            "JOIN document AS d ON d.id = a.document_id "
            f"WHERE d.outlet_id IN ({marks}) "
            "ORDER BY claim_id LIMIT :limit"
        ),
        {**params, "limit": SOURCE_CANDIDATES},
    )
    return [row[0] for row in rows]


def _unique(values) -> list[str]:  # type: ignore[no-untyped-def]
    return list(dict.fromkeys(values))
