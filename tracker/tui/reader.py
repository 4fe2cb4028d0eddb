"""What the document reader shows, read in a worker (no Textual)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tracker.db import session_scope
from tracker.models import Attribution, Document, Source


@dataclass(slots=True)
class DocumentView:
    id: str
    title: str
    outlet: str
    published: str
    text: str
    needs_review: list[str] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    suggestions: list[Any] = field(default_factory=list)
    suggest_error: str = ""


def list_documents(engine: Engine) -> list[tuple[str, str]]:
    """``(id, label)`` per document, newest first."""
    with Session(engine) as session:
        outlets = {s.id: s.name for s in session.exec(select(Source))}
        docs = [
            (d.id, d.title, d.outlet_id, d.published_text, d.needs_review)
            for d in session.exec(select(Document)).all()
        ]
    docs = sorted(docs, key=lambda d: (d[3] or "", d[0]), reverse=True)
    return [
        (
            d[0],
            f"{d[3] or '????'}  {outlets.get(d[2], '') if d[2] else ''}: {d[1] or d[0]}"
            + ("  [needs review]" if d[4] else ""),
        )
        for d in docs
    ]


def read_document(engine: Engine, document_id: str) -> DocumentView:
    with Session(engine) as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise LookupError(f"document {document_id!r} does not exist")
        outlet = session.get(Source, doc.outlet_id) if doc.outlet_id else None
        view = DocumentView(
            id=doc.id,
            title=doc.title,
            outlet=outlet.name if outlet else "",
            published=doc.published_text or "",
            text=doc.text,
            needs_review=list(doc.needs_review or []),
        )
        for start, end in session.exec(
            select(Attribution.start, Attribution.end).where(Attribution.document_id == doc.id)
        ):
            view.quotes.append((start, end))
        try:
            from tracker.suggest import suggest
        except ImportError as error:
            view.suggest_error = f"suggestions are not built yet ({error.name})"
            return view
        try:
            view.suggestions = sorted(suggest(session, doc.id), key=lambda s: s.start)
        except Exception as error:  # noqa: BLE001 - the reader still shows the text
            view.suggest_error = str(error)
        return view


def suggestion_action(engine: Engine, verb: str, suggestion_id: str, edits: dict[str, str]) -> str:
    """accept / attach / reject one suggestion; returns what happened, in one line."""
    from tracker import suggest

    with session_scope(engine) as session:
        if verb == "accept":
            clean_edits = {k: v for k, v in edits.items() if v}
            claim = suggest.accept(session, suggestion_id, **clean_edits)
            return f"New claim {claim.id}"
        if verb == "attach":
            suggest.attach(session, suggestion_id, edits["claim_id"])
            return f"Attached to claim {edits['claim_id']}"
        suggest.reject(session, suggestion_id)
        return "Suggestion rejected"
