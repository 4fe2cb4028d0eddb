"""What a page or PDF said when it was read: its original bytes, compressed, with sha256.

``keep`` stores one snapshot per distinct content of a document (re-reading the same
bytes adds nothing; a changed page adds a row); ``latest`` gives back the newest
snapshot's original bytes, checked against their sha256.
"""

from __future__ import annotations

import hashlib
import zlib
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from tracker.errors import UserError
from tracker.models import Snapshot


def keep(
    session: Session,
    document_id: str,
    data: bytes,
    content_type: str,
    url: str | None = None,
    redirects: list[str] | None = None,
    read_at: datetime | None = None,
) -> Snapshot:
    digest = hashlib.sha256(data).hexdigest()
    existing = session.exec(
        select(Snapshot).where(Snapshot.document_id == document_id, Snapshot.sha256 == digest)
    ).first()
    if existing is not None:
        return existing
    snapshot = Snapshot(
        document_id=document_id,
        sha256=digest,
        read_at=read_at or datetime.now(UTC),
        url=url,
        redirects=list(redirects or []),
        content_type=content_type,
        size=len(data),
        data=zlib.compress(data, 6),
    )
    session.add(snapshot)
    session.flush()
    return snapshot


def latest(session: Session, document_id: str) -> tuple[Snapshot, bytes]:
    """The newest snapshot of a document and its original bytes."""
    snapshot = session.exec(
        select(Snapshot)
        .where(Snapshot.document_id == document_id)
        .order_by(col(Snapshot.read_at).desc(), col(Snapshot.id).desc())
    ).first()
    if snapshot is None:
        raise UserError(f"document '{document_id}' has no snapshot (only web pages and PDFs do)")
    data = zlib.decompress(snapshot.data)
    if hashlib.sha256(data).hexdigest() != snapshot.sha256:
        raise UserError(f"snapshot of '{document_id}' does not match its sha256: damaged")
    return snapshot, data
