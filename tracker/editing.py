"""Editing a claim or a source's grade when several analysts work on one case.

Claims, sources and documents carry a ``version`` that every ORM update checks
and bumps (``version_id_col`` in tracker.models). An edit names the version the
analyst read; if someone else wrote in between, the edit is refused with a
ConflictError naming who changed it and when (from the audit log), instead of
silently overwriting their change. Reload and retry is always safe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from tracker.errors import ConflictError, UserError
from tracker.importers.claims import normalize_into
from tracker.models import (
    RELIABILITY_GRADES,
    STANCES,
    Attribution,
    AuditEntry,
    Claim,
    Document,
    Source,
    Subject,
)

CLAIM_FIELDS = ("text", "subject", "stance", "hedge", "quantity", "period")


def _last_change(session: Session, table: str, row_id: str) -> tuple[str, str]:
    entry = session.exec(
        select(AuditEntry)
        .where(AuditEntry.table_name == table, AuditEntry.row_id == row_id)
        .order_by(col(AuditEntry.id).desc())
    ).first()
    if entry is None:
        return "someone", "an unknown time"
    return entry.analyst, entry.at.strftime("%Y-%m-%d %H:%M:%S")


def _conflict(session: Session, what: str, table: str, row_id: str, read: int) -> ConflictError:
    # After a failed flush the session must be rolled back before it can read again.
    session.rollback()
    current = session.exec(
        select(Claim.version if table == "claim" else Source.version).where(
            (Claim.id == row_id) if table == "claim" else (Source.id == int(row_id))
        )
    ).first()
    who, when = _last_change(session, table, row_id)
    now = "deleted" if current is None else str(current)
    return ConflictError(
        f"{what} was changed by {who} at {when} since you read it "
        f"(version {read} -> {now}); reload and retry"
    )


def edit_claim(
    session: Session, claim_id: str, expected_version: int | None = None, **changes: Any
) -> Claim:
    """Apply ``changes`` (text, subject, stance, hedge, quantity, period) to one claim.

    ``expected_version`` is the version the analyst read (None: whatever is current,
    still protected against a concurrent write between this read and the update).
    Quantity and period are normalized again against the claim's first attribution's
    document, exactly as the importer does.
    """
    unknown = sorted(set(changes) - set(CLAIM_FIELDS))
    if unknown:
        raise UserError(f"claim '{claim_id}': cannot edit '{unknown[0]}'")
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise UserError(f"no claim '{claim_id}'")
    read = claim.version if expected_version is None else expected_version
    what = f"claim '{claim_id}'"
    if claim.version != read:
        raise _conflict(session, what, "claim", claim_id, read)
    if "text" in changes:
        if not str(changes["text"] or "").strip():
            raise UserError(f"{what}: text cannot be empty")
        claim.text = str(changes["text"]).strip()
    if "stance" in changes:
        if changes["stance"] not in STANCES:
            raise UserError(f"{what}: stance '{changes['stance']}' is not one of {STANCES}")
        claim.stance = changes["stance"]
    if "hedge" in changes:
        claim.hedge = changes["hedge"] or None
    if "subject" in changes:
        claim.subject_id = _subject_id(session, what, changes["subject"])
    if "quantity" in changes or "period" in changes:
        _renormalize(session, claim, changes)
    session.add(claim)
    try:
        session.flush()
    except StaleDataError:
        raise _conflict(session, what, "claim", claim_id, read) from None
    return claim


def _subject_id(session: Session, what: str, name: Any) -> int:
    name = str(name or "").strip()
    if not name:
        raise UserError(f"{what}: subject cannot be empty")
    subject = session.exec(select(Subject).where(Subject.name == name)).first()
    if subject is None:
        subject = Subject(name=name)
        session.add(subject)
        session.flush()
    assert subject.id is not None
    return subject.id


def _renormalize(session: Session, claim: Claim, changes: dict[str, Any]) -> None:
    quantity = changes["quantity"] if "quantity" in changes else claim.quantity_text
    period = changes["period"] if "period" in changes else claim.period_text
    first = session.exec(
        select(Document)
        .join(Attribution, col(Attribution.document_id) == Document.id)
        .where(Attribution.claim_id == claim.id)
        .order_by(col(Attribution.id))
    ).first()
    notes: list[str] = []
    if first is None:
        claim.quantity_text, claim.period_text = quantity or None, period or None
        return
    normalize_into(claim, quantity or None, period or None, first, notes, Path(first.path or ""))


def edit_source_grade(
    session: Session, source_name: str, grade: str, expected_version: int | None = None
) -> Source:
    """Regrade one source (A-F), refusing if it changed since ``expected_version``."""
    source = session.exec(select(Source).where(Source.name == source_name)).first()
    if source is None:
        raise UserError(f"no source '{source_name}'")
    grade = grade.strip().upper()
    if grade not in RELIABILITY_GRADES:
        raise UserError(f"source '{source_name}': reliability '{grade}' is not a grade A-F")
    read = source.version if expected_version is None else expected_version
    what = f"source '{source_name}'"
    if source.version != read:
        raise _conflict(session, what, "source", str(source.id), read)
    source.reliability = grade
    session.add(source)
    try:
        session.flush()
    except StaleDataError:
        raise _conflict(session, what, "source", str(source.id), read) from None
    return source


KEY_JUDGMENT_WORDS = {True: "pinned as a key judgment", False: "dropped from the key judgments"}


def set_key_judgment(session: Session, name: str, key: bool | None) -> str:
    """Pin (True), drop (False) or leave to the brief's default rule (None) one subject as
    a key judgment. Written through the ORM, so the audit log records it and undo reverts
    it like any other subject edit. An unknown name is a UserError naming the closest."""
    subject = session.exec(select(Subject).where(Subject.name == name)).first()
    if subject is None:
        import difflib

        names = list(session.exec(select(Subject.name)))
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        folded = [n for n in names if n.casefold() == name.casefold()]
        hint = folded or close
        raise UserError(
            f"no subject named {name!r}"
            + (f"; did you mean {' or '.join(map(repr, hint))}?" if hint else "")
        )
    subject.key_judgment = key
    session.add(subject)
    return f"{subject.name}: {KEY_JUDGMENT_WORDS.get(key, 'key judgment left to the default rule')}"  # type: ignore[arg-type]
