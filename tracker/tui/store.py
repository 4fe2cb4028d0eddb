"""Reads and writes behind the screens, in plain functions that workers call.

No Textual here. Each function opens its own transaction on the engine, so a
worker thread never shares a session with another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from tracker import listing
from tracker.db import session_scope
from tracker.listing import SubjectView
from tracker.models import (
    RELIABILITY_GRADES,
    Attribution,
    Claim,
    Document,
    Source,
    Subject,
)


# -- claim detail ----------------------------------------------------------------
@dataclass(slots=True)
class AttributionView:
    source: str
    grade: str
    outlet: str
    document_id: str
    published: str
    quote: str
    hedge: str | None


@dataclass(slots=True)
class ClaimView:
    id: str
    text: str
    subject: str
    cumulative: bool
    stance: str
    hedge: str | None
    quantity_text: str
    period_text: str
    attributions: list[AttributionView] = field(default_factory=list)
    score: Any = None
    texts: dict[str, str] = field(default_factory=dict)  # claim id -> wording, for links


def claim_view(engine: Engine, claim_id: str) -> ClaimView:
    """A claim with every attribution and, when scoring exists, its score for its subject."""
    with Session(engine) as session:
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise LookupError(f"claim {claim_id!r} does not exist")
        subject = session.get(Subject, claim.subject_id)
        view = ClaimView(
            id=claim.id,
            text=claim.text,
            subject=subject.name if subject else "",
            cumulative=bool(subject and subject.cumulative),
            stance=claim.stance,
            hedge=claim.hedge,
            quantity_text=claim.quantity_text or "",
            period_text=claim.period_text or "",
        )
        outlets = {s.id: s.name for s in session.exec(select(Source))}
        rows = session.exec(
            select(Attribution, Source, Document)
            .join(Source, Source.id == Attribution.source_id)  # type: ignore[arg-type]
            .join(Document, Document.id == Attribution.document_id)  # type: ignore[arg-type]
            .where(Attribution.claim_id == claim_id)
            .order_by(Attribution.id)  # type: ignore[arg-type]
        )
        for attribution, source, document in rows:
            view.attributions.append(
                AttributionView(
                    source=source.name,
                    grade=source.reliability,
                    outlet=outlets.get(document.outlet_id, "") if document.outlet_id else "",
                    document_id=document.id,
                    published=document.published_text or "",
                    quote=attribution.quote,
                    hedge=attribution.hedge,
                )
            )
        try:
            from tracker.scoring import score_case
        except ImportError:
            score_case = None  # type: ignore[assignment]
        if score_case is not None and subject is not None:
            view.score = score_case(session, subject.name).claims.get(claim_id)
        if view.score is not None:
            linked = set(getattr(view.score, "corroborated_by", []) or []) | set(
                getattr(view.score, "contradicted_by", []) or []
            )
            for cid, text in session.exec(
                select(Claim.id, Claim.text).where(col(Claim.id).in_(linked))
            ):
                view.texts[cid] = text
        return view


def subject_names(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return sorted(session.exec(select(Subject.name)))


# -- sources ---------------------------------------------------------------------
@dataclass(slots=True)
class SourceView:
    id: int
    name: str
    short: str
    kind: str
    grade: str
    aliases: list[str]
    parent: str
    group: str
    explicit_group: bool
    claims: int


def list_sources(engine: Engine) -> list[SourceView]:
    """The registry with each source's independence group (explicit, else top of parents)."""
    with Session(engine) as session:
        sources = list(session.exec(select(Source).order_by(Source.name)))
        counts = dict(
            session.exec(
                select(
                    Attribution.source_id, func.count(func.distinct(Attribution.claim_id))
                ).group_by(Attribution.source_id)  # type: ignore[arg-type]
            ).all()
        )
    by_id = {s.id: s for s in sources}

    def group_of(source: Source) -> str:
        seen: set[int | None] = set()
        current = source
        while current.group is None and current.parent_id in by_id and current.id not in seen:
            seen.add(current.id)
            current = by_id[current.parent_id]
        return current.group or current.name

    return [
        SourceView(
            id=s.id or 0,
            name=s.name,
            short=s.short or "",
            kind=s.kind,
            grade=s.reliability,
            aliases=list(s.aliases or []),
            parent=by_id[s.parent_id].name if s.parent_id in by_id else "",
            group=group_of(s),
            explicit_group=s.group is not None,
            claims=counts.get(s.id or 0, 0),
        )
        for s in sources
    ]


def _edit(
    engine: Engine, model: type[Source] | type[Subject], row_id: int, change: Callable[[Any], str]
) -> str:
    """Apply ``change`` to one row in its own transaction; its message is the result."""
    with session_scope(engine) as session:
        row = session.get(model, row_id)
        if row is None:
            raise LookupError(f"that {model.__name__.lower()} no longer exists")
        message: str = change(row)
        session.add(row)
        return message


def set_grade(engine: Engine, source_id: int, grade: str) -> str:
    grade = grade.strip().upper()
    if grade not in RELIABILITY_GRADES:
        raise ValueError(f"reliability must be one of A-F, not {grade!r}")

    def change(source: Source) -> str:
        source.reliability = grade
        return f"{source.name}: reliability {grade}"

    return _edit(engine, Source, source_id, change)


def set_group(engine: Engine, source_id: int, group: str) -> str:
    """An explicit independence group; an empty name goes back to the parent chain."""

    def change(source: Source) -> str:
        source.group = group.strip() or None
        return f"{source.name}: group {source.group or '(from parents)'}"

    return _edit(engine, Source, source_id, change)


# -- subjects --------------------------------------------------------------------
def list_subjects(engine: Engine) -> list[SubjectView]:
    """``tracker.listing.list_subjects`` in a transaction of its own, for a worker."""
    with engine.connect() as connection:
        return listing.list_subjects(connection)


def rename_subject(engine: Engine, subject_id: int, name: str) -> str:
    name = name.strip()
    if not name:
        raise ValueError("a subject needs a name")
    with session_scope(engine) as session:
        if session.exec(
            select(Subject).where(Subject.name == name, Subject.id != subject_id)
        ).first():
            raise ValueError(f"a subject named {name!r} exists already: merge instead")
        subject = session.get(Subject, subject_id)
        if subject is None:
            raise LookupError("that subject no longer exists")
        old, subject.name = subject.name, name
        session.add(subject)
        return f"renamed {old!r} to {name!r}"


def set_cumulative(engine: Engine, subject_id: int, cumulative: bool) -> str:
    def change(subject: Subject) -> str:
        subject.cumulative = cumulative
        return f"{subject.name}: {'cumulative' if cumulative else 'not cumulative'}"

    return _edit(engine, Subject, subject_id, change)


def set_key_judgment(engine: Engine, subject_id: int, key: bool | None) -> str:
    """Pin (True), drop (False) or unmark (None) a subject as a key judgment of the brief."""
    from tracker.editing import KEY_JUDGMENT_WORDS

    def change(subject: Subject) -> str:
        subject.key_judgment = key
        words = KEY_JUDGMENT_WORDS.get(key, "key judgment by the default rule")  # type: ignore[arg-type]
        return f"{subject.name}: {words}"

    return _edit(engine, Subject, subject_id, change)


def merge_subjects(engine: Engine, source_id: int, target_id: int) -> str:
    """Move every claim of ``source_id`` into ``target_id`` (each move is in the audit log)."""
    if source_id == target_id:
        raise ValueError("cannot merge a subject into itself")
    with session_scope(engine) as session:
        source, target = session.get(Subject, source_id), session.get(Subject, target_id)
        if source is None or target is None:
            raise LookupError("that subject no longer exists")
        claims = list(session.exec(select(Claim).where(Claim.subject_id == source_id)))
        for claim in claims:
            claim.subject_id = target_id
            session.add(claim)
        target.cumulative = target.cumulative or source.cumulative
        return f"merged {len(claims)} claims of {source.name!r} into {target.name!r}"
