"""Fixing what an import could not find: a document's outlet, date or title, by hand.

Web pages and PDFs are imported even without an outlet or a date, marked
``needs_review`` (tracker.importers.html); ``fix_document`` sets what the analyst
knows and clears the matching marks. Every change goes through the ORM, so it is
in the audit log and checked by the document's version like any other edit.
"""

from __future__ import annotations

from sqlmodel import Session

from tracker.errors import UserError
from tracker.importers.html import NO_DATE, NO_OUTLET, NO_TITLE, OUTLET_FROM_DOMAIN, read_date
from tracker.models import Document, Source
from tracker.registry import SourceRegistry


def fix_document(
    session: Session,
    document_id: str,
    *,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
) -> tuple[Document, list[str]]:
    """Set the given fields; returns the document and notes (an outlet created)."""
    document = session.get(Document, document_id)
    if document is None:
        raise UserError(f"no document '{document_id}'")
    notes: list[str] = []
    review = list(document.needs_review or [])
    if outlet is not None:
        source, note = _outlet(session, outlet)
        document.outlet_id = source.id
        review = [r for r in review if r not in (NO_OUTLET, OUTLET_FROM_DOMAIN)]
        review = [r for r in review if not r.startswith("outlet '")]
        if note:
            notes.append(note)
    if published is not None:
        anchor = read_date(published.strip())
        if anchor is None:
            raise UserError(
                f"--set-published {published!r}: not a date (e.g. 2019-11-19 or November 19, 2019)"
            )
        document.published_text = published.strip()
        document.published_first, document.published_last = anchor.first, anchor.last
        document.published_precision = anchor.precision
        review = [r for r in review if r != NO_DATE]
    if title is not None:
        if not title.strip():
            raise UserError("--set-title: empty title")
        document.title = " ".join(title.split())
        review = [r for r in review if r != NO_TITLE]
    document.needs_review = review
    session.add(document)
    session.flush()
    return document, notes


def _outlet(session: Session, name: str) -> tuple[Source, str | None]:
    name = " ".join(name.split())
    if not name:
        raise UserError("--set-outlet: empty name")
    match = SourceRegistry.from_session(session).resolve(name)
    if match.source is not None and match.exact:
        return match.source, None
    if match.candidates and match.candidates[0][1] >= 75.0:
        raise UserError(
            f"--set-outlet '{name}' is not a known source; {match.describe_candidates()}"
        )
    source = Source(name=name, kind="outlet")
    session.add(source)
    session.flush()
    return source, f"new outlet source '{name}' created (grade F)"
