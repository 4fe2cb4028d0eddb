"""One read of a case for the interchange exports: rows, scores, first appearances and
when each row was first and last written (from the audit log).

Timestamps come from the audit log, never from the clock, so exporting an unchanged case
twice gives the same bytes, and an edited case carries a later ``modified``: a platform
that imports the second export updates its objects instead of duplicating them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.audit import current_analyst
from tracker.models import Attribution, AuditEntry, Claim, Document, Snapshot, Source, Subject
from tracker.provenance import FirstAppearance, first_appearance, independence_groups
from tracker.scoring import CaseScores, ClaimScore, load_inputs, score_inputs
from tracker.scoring.collector import collector_paused

# When a row has no audit entry (a case built outside tracker), this fixed instant keeps
# the export deterministic rather than stamping it with the time of export.
NO_RECORD = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Author:
    """Who signs the export: the case's analyst (a person) or a named organization."""

    name: str
    organization: bool

    @classmethod
    def choose(cls, name: str | None) -> Author:
        if name and name.strip():
            return cls(name.strip(), organization=True)
        return cls(current_analyst(), organization=False)


@dataclass
class CaseView:
    sources: dict[int, Source]
    groups: dict[int, str]  # source id -> independence group
    documents: dict[str, Document]
    subjects: dict[int, Subject]
    claims: list[Claim]  # by id
    attributions: dict[str, list[Attribution]]  # claim id -> its appearances, by id
    scores: CaseScores
    first: dict[str, FirstAppearance]  # claim id -> the documents that may be first
    written: dict[tuple[str, str], tuple[datetime, datetime]]  # (table, row) -> first, last
    latest: datetime  # the case's last change: the version of the whole assessment
    snapshots: dict[str, tuple[str, str | None]]  # document -> (sha256, url) of its latest

    def score(self, claim_id: str) -> ClaimScore | None:
        return self.scores.claims.get(claim_id)

    def created(self, table: str, row: object) -> datetime:
        return self.written.get((table, str(row)), (NO_RECORD, NO_RECORD))[0]

    def last_written(self, table: str, row: object) -> datetime:
        return self.written.get((table, str(row)), (NO_RECORD, NO_RECORD))[1]

    def outlet_of(self, document: Document) -> Source | None:
        return self.sources.get(document.outlet_id) if document.outlet_id else None


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def read_case(session: Session) -> CaseView:
    sources = {s.id: s for s in session.exec(select(Source)).all() if s.id is not None}
    documents = {d.id: d for d in session.exec(select(Document)).all()}
    subjects = {s.id: s for s in session.exec(select(Subject)).all() if s.id is not None}
    claims = list(session.exec(select(Claim).order_by(col(Claim.id))).all())
    attributions: dict[str, list[Attribution]] = defaultdict(list)
    for a in session.exec(select(Attribution).order_by(col(Attribution.id))).all():
        attributions[a.claim_id].append(a)
    with collector_paused():
        inputs = load_inputs(session)
        scores = score_inputs(inputs)
    first = {c.id: first_appearance(c, inputs.documents) for c in inputs.claims}
    written: dict[tuple[str, str], tuple[datetime, datetime]] = {}
    stamps = session.exec(
        select(
            AuditEntry.table_name,
            AuditEntry.row_id,
            func.min(AuditEntry.at),
            func.max(AuditEntry.at),
        ).group_by(col(AuditEntry.table_name), col(AuditEntry.row_id))
    ).all()
    for table, row, earliest, last in stamps:
        written[(table, row)] = (_utc(earliest), _utc(last))
    latest = max((last for _, last in written.values()), default=NO_RECORD)
    # The bytes as read (issue 13's snapshots): the newest per document, by when read.
    snapshots: dict[str, tuple[str, str | None]] = {}
    kept = select(Snapshot.document_id, Snapshot.sha256, Snapshot.url).order_by(
        col(Snapshot.read_at), col(Snapshot.id)
    )
    for document_id, sha256, url in session.exec(kept).all():
        snapshots[document_id] = (sha256, url)
    return CaseView(
        sources=sources,
        groups=independence_groups(sources.values()),
        documents=documents,
        subjects=subjects,
        claims=claims,
        attributions=dict(attributions),
        scores=scores,
        first=first,
        written=written,
        latest=latest,
        snapshots=snapshots,
    )
