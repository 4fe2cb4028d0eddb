"""The cited documents as CSL-JSON, the format Zotero (and pandoc) import.

Every item carries the fields the CSL-JSON schema requires in practice: ``id``,
``type``, ``title`` and ``issued``. A publication date known only to the
month or year gives shorter ``date-parts``; an interval gives two; no date at
all gives ``{"literal": "n.d."}`` rather than an invented day.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from tracker.display import json_text
from tracker.models import Attribution, Document, Source

# The CSL item type for a document, by the kind of source that published it.
CSL_TYPE_BY_OUTLET_KIND = {
    "outlet": "article-newspaper",
    "think_tank": "report",
    "government": "report",
    "agency": "report",
    "organization": "webpage",
    "company": "webpage",
    "person": "post-weblog",
}
DEFAULT_CSL_TYPE = "webpage"


def _parts(day: date, precision: str | None) -> list[int]:
    if precision == "year":
        return [day.year]
    if precision == "month":
        return [day.year, day.month]
    return [day.year, day.month, day.day]


def issued(document: Document) -> dict:
    first, last, precision = (
        document.published_first,
        document.published_last,
        document.published_precision,
    )
    if first is None:
        return {"literal": document.published_text or "n.d."}
    if precision in ("year", "month") or last is None or last == first:
        return {"date-parts": [_parts(first, precision)]}
    return {"date-parts": [_parts(first, "day"), _parts(last, "day")]}


def author(name: str) -> dict:
    """'Jane Q. Doe' -> family Doe, given Jane Q.; one word or an organization stays literal."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def csl_item(document: Document, outlet: Source | None) -> dict:
    item: dict = {
        "id": document.id,
        "type": CSL_TYPE_BY_OUTLET_KIND.get(outlet.kind, DEFAULT_CSL_TYPE)
        if outlet
        else DEFAULT_CSL_TYPE,
        "title": document.title or document.id,
        "issued": issued(document),
    }
    if outlet is not None:
        item["container-title"] = outlet.name
        item["publisher"] = outlet.name
    if document.authors:
        item["author"] = [author(a) for a in document.authors]
    if document.url:
        item["URL"] = document.url
    return item


def csl_items(session: Session, cited_only: bool = True) -> list[dict]:
    """One item per document (only those some attribution cites, unless told otherwise)."""
    query = select(Document).order_by(col(Document.id))
    if cited_only:
        cited = select(Attribution.document_id).distinct()
        query = query.where(col(Document.id).in_(cited))
    sources = {s.id: s for s in session.exec(select(Source)).all()}
    return [
        csl_item(d, sources.get(d.outlet_id) if d.outlet_id else None)
        for d in session.exec(query).all()
    ]


def csl_json(session: Session, cited_only: bool = True) -> str:
    # Terminal-active characters as \uXXXX (display.json_text): the same data once read.
    return json_text(csl_items(session, cited_only), indent=2) + "\n"
