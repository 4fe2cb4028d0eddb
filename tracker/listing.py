"""What is in a case, as plain rows: the reads behind ``tracker sources|documents|claims|
subjects|feeds``.

Plain SQL through a ``tracker.db.Reader`` (sqlite3 itself, or a SQLAlchemy Connection or
Session), never the models: a listing then starts without SQLModel, pydantic and the
ORM's mappers, which cost most of its start-up (bench/bench_startup.py). Values come as
the driver gives them: SQLite hands back dates, moments, JSON and flags as text or
integers, PostgreSQL as Python values; the helpers below read both the way the models'
column types do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.db import Reader
from tracker.registry import independence_group

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlmodel import Session

    Db = Reader | Connection | Session


def _day(value: Any) -> str | None:
    """A DATE column as ISO (SQLite stores 'YYYY-MM-DD' text)."""
    if value is None:
        return None
    return (
        date.fromisoformat(value[:10]).isoformat() if isinstance(value, str) else value.isoformat()
    )


def _moment(value: Any) -> str | None:
    """A UTC moment (SQLModel's UTCDateTime) as ISO with its offset; SQLite keeps it as
    naive text in UTC, PostgreSQL as an aware value in the session's zone."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC).isoformat()
    return moment.astimezone(UTC).isoformat()


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _flag(value: Any) -> bool | None:
    return None if value is None else bool(value)


class _Source(NamedTuple):
    id: int
    name: str
    short: str | None
    aliases: Any
    kind: str
    parent_id: int | None
    group: str | None
    reliability: str


def list_sources(db: Db) -> list[dict]:
    sources = [
        _Source(*row)
        for row in Reader.of(db).rows(
            'SELECT id, name, short, aliases, kind, parent_id, "group", reliability FROM source'
        )
    ]
    by_id = {s.id: s for s in sources}
    rows = []
    for source in sorted(sources, key=lambda s: s.name.casefold()):
        parent = by_id.get(source.parent_id) if source.parent_id is not None else None
        rows.append(
            {
                "name": source.name,
                "short": source.short,
                "aliases": list(_json(source.aliases) or []),
                "kind": source.kind,
                "parent": parent.name if parent else None,
                "group": independence_group(source, by_id),
                "reliability": source.reliability,
            }
        )
    return rows


def has_document(db: Db, document_id: str) -> bool:
    return bool(Reader.of(db).rows("SELECT 1 FROM document WHERE id = :id", id=document_id))


def list_documents(db: Db, with_text: bool = False, document_id: str | None = None) -> list[dict]:
    """Every document by date, or the one ``document_id`` names (none if there is none)."""
    read = Reader.of(db)
    outlets = dict(read.rows("SELECT id, name FROM source"))
    derived: dict[str, list[str]] = {}
    for document, source in read.rows("SELECT document_id, derived_from_id FROM derivation"):
        derived.setdefault(document, []).append(source)
    where = "WHERE id = :id " if document_id is not None else ""
    body = "text" if with_text else "NULL"
    rows = []
    for (
        id_,
        title,
        outlet_id,
        url,
        authors,
        published_text,
        published_first,
        published_last,
        published_precision,
        content_hash,
        characters,
        text,
        language,
        page_starts,
        needs_review,
    ) in read.rows(
        "SELECT id, title, outlet_id, url, authors, published_text, published_first, "
        # The text itself only when asked for: a listing needs its length alone.
        f"published_last, published_precision, content_hash, length(text), {body}, language, "
        f"page_starts, needs_review FROM document {where}ORDER BY published_first, id",
        id=document_id,
    ):
        pages = _json(page_starts)
        row = {
            "id": id_,
            "title": title,
            "outlet": outlets.get(outlet_id) if outlet_id is not None else None,
            "url": url,
            "authors": list(_json(authors) or []),
            "published": published_text,
            "published_first": _day(published_first),
            "published_last": _day(published_last),
            "published_precision": published_precision,
            "derived_from": sorted(derived.get(id_, [])),
            "content_hash": content_hash,
            "characters": characters,
            "language": language,
            "pages": len(pages) if pages else None,
            # What the import could not find; empty once the analyst has fixed it.
            "needs_review": list(_json(needs_review) or []),
        }
        if with_text:
            row["text"] = text
        rows.append(row)
    return rows


_CLAIM_COLUMNS = (
    "id, subject_id, text, stance, hedge, quantity_text, qty_value, qty_low, qty_high, "
    "qty_low_open, qty_high_open, qty_qualifier, qty_unit, qty_item, qty_per, period_text, "
    "period_first, period_last, period_qualifier, period_granularity"
)


class _Claim(NamedTuple):
    id: str
    subject_id: int
    text: str
    stance: str
    hedge: str | None
    quantity_text: str | None
    qty_value: float | None
    qty_low: float | None
    qty_high: float | None
    qty_low_open: Any
    qty_high_open: Any
    qty_qualifier: str | None
    qty_unit: str | None
    qty_item: str | None
    qty_per: str | None
    period_text: str | None
    period_first: Any
    period_last: Any
    period_qualifier: str | None
    period_granularity: str | None


def list_claims(db: Db, subject: str | None = None) -> list[dict]:
    read = Reader.of(db)
    sources = dict(read.rows("SELECT id, name FROM source"))
    subjects = {
        id_: (name, bool(cumulative))
        for id_, name, cumulative in read.rows("SELECT id, name, cumulative FROM subject")
    }
    if subject is not None and all(name != subject for name, _ in subjects.values()):
        from tracker.subject_names import unknown_subject

        raise unknown_subject(subject, (name for name, _ in subjects.values()))
    attributions: dict[str, list[dict]] = {}
    for claim_id, source_id, document_id, quote, start, end, hedge in read.rows(
        'SELECT claim_id, source_id, document_id, quote, start, "end", hedge '
        "FROM attribution ORDER BY id"
    ):
        attributions.setdefault(claim_id, []).append(
            {
                "source": sources.get(source_id),
                "document": document_id,
                "quote": quote,
                "start": start,
                "end": end,
                "hedge": hedge,
            }
        )
    rows = []
    for claim in map(_Claim._make, read.rows(f"SELECT {_CLAIM_COLUMNS} FROM claim ORDER BY id")):
        subj = subjects.get(claim.subject_id)
        if subject is not None and (subj is None or subj[0] != subject):
            continue
        rows.append(
            {
                "id": claim.id,
                "subject": subj[0] if subj else None,
                "cumulative": subj[1] if subj else False,
                "text": claim.text,
                "stance": claim.stance,
                "hedge": claim.hedge,
                "quantity": _quantity(claim) if claim.quantity_text else None,
                "period": {
                    "text": claim.period_text,
                    "first": _day(claim.period_first),
                    "last": _day(claim.period_last),
                    "qualifier": claim.period_qualifier,
                    "granularity": claim.period_granularity,
                }
                if claim.period_text
                else None,
                "attributions": attributions.get(claim.id, []),
            }
        )
    return rows


def _quantity(claim: _Claim) -> dict:
    # tracker.normalize's package loads both grammars: only a claim with a figure needs it.
    from tracker.normalize.direction import change_of_figure

    return {
        "text": claim.quantity_text,
        "value": claim.qty_value,
        "low": claim.qty_low,
        "high": claim.qty_high,
        "low_open": _flag(claim.qty_low_open),
        "high_open": _flag(claim.qty_high_open),
        "qualifier": claim.qty_qualifier,
        "unit": claim.qty_unit,
        "item": claim.qty_item,
        "per": claim.qty_per,
        "change": change_of_figure(claim.quantity_text),
    }


@dataclass(slots=True)
class SubjectView:
    id: int
    name: str
    cumulative: bool
    claims: int
    key_judgment: bool | None = None  # pinned, dropped, or left to the brief's rule
    # What its evidence adds up to (scoring/estimate.py), filled by the TUI's subjects screen.
    estimate: str = ""
    behind: str = ""  # the independent origins behind the estimate
    outliers: str = ""  # origins whose figure cannot meet it, with their figures


def list_subjects(db: Db) -> list[SubjectView]:
    """Subjects that hold claims (a merged-away subject stays, empty, so undo can restore it)."""
    return [
        SubjectView(id_ or 0, name, bool(cumulative), count, _flag(key))
        for id_, name, cumulative, key, count in Reader.of(db).rows(
            "SELECT subject.id, subject.name, subject.cumulative, subject.key_judgment, "
            "count(claim.id) FROM subject LEFT OUTER JOIN claim ON claim.subject_id = subject.id "
            "GROUP BY subject.id ORDER BY subject.name"
        )
        if count > 0
    ]


def list_feeds(db: Db) -> list[dict]:
    return [
        {"location": location, "title": title, "entries": entries, "pulled_at": _moment(pulled)}
        for location, title, entries, pulled in Reader.of(db).rows(
            "SELECT location, title, entries, pulled_at FROM feed ORDER BY pulled_at DESC"
        )
    ]
