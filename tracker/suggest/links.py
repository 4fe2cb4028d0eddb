"""Proposed ``derived_from`` links for the case's documents, and confirming one."""

from __future__ import annotations

from sqlmodel import Session, select

from tracker.errors import UserError
from tracker.models import Derivation, Document
from tracker.suggest.derivation import DerivationProposal, propose_derivations
from tracker.suggest.workflow import CaseContext


def suggest_derivations(
    session: Session, document_id: str | None = None
) -> list[DerivationProposal]:
    """Links the documents' own words suggest ("Bloomberg reported") and that are not stored."""
    case = CaseContext.load(session)
    existing = {(d.document_id, d.derived_from_id) for d in session.exec(select(Derivation)).all()}
    out: list[DerivationProposal] = []
    for document in case.documents:
        if document_id is not None and document.id != document_id:
            continue
        outlet = case.outlets.get(document.outlet_id) if document.outlet_id is not None else None
        out.extend(propose_derivations(document, case.documents, case.registry, outlet, existing))
    return out


def link(session: Session, document_id: str, derived_from_id: str) -> Derivation:
    """Record that ``document_id`` re-reports ``derived_from_id`` (idempotent)."""
    for doc_id in (document_id, derived_from_id):
        if session.get(Document, doc_id) is None:
            raise UserError(f"no document {doc_id!r}")
    if document_id == derived_from_id:
        raise UserError(f"{document_id}: a document cannot be derived from itself")
    row = session.get(Derivation, (document_id, derived_from_id))
    if row is None:
        row = Derivation(document_id=document_id, derived_from_id=derived_from_id)
        session.add(row)
        session.flush()
    return row
