"""What is in a case, as plain dicts: the rows behind ``tracker sources|documents|claims``."""

from __future__ import annotations

from sqlmodel import Session, col, select

from tracker.models import Attribution, Claim, Derivation, Document, Feed, Source, Subject
from tracker.normalize.direction import change_of_figure
from tracker.registry import SourceRegistry


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else None


def list_sources(session: Session) -> list[dict]:
    registry = SourceRegistry.from_session(session)
    by_id = {s.id: s for s in registry.sources}
    rows = []
    for source in sorted(registry.sources, key=lambda s: s.name.casefold()):
        parent = by_id.get(source.parent_id) if source.parent_id is not None else None
        rows.append(
            {
                "name": source.name,
                "short": source.short,
                "aliases": list(source.aliases or []),
                "kind": source.kind,
                "parent": parent.name if parent else None,
                "group": registry.group_of(source),
                "reliability": source.reliability,
            }
        )
    return rows


def list_documents(session: Session, with_text: bool = False) -> list[dict]:
    outlets = {s.id: s.name for s in session.exec(select(Source)).all()}
    derived: dict[str, list[str]] = {}
    for link in session.exec(select(Derivation)).all():
        derived.setdefault(link.document_id, []).append(link.derived_from_id)
    rows = []
    for doc in session.exec(
        select(Document).order_by(col(Document.published_first), col(Document.id))
    ):
        row = {
            "id": doc.id,
            "title": doc.title,
            "outlet": outlets.get(doc.outlet_id) if doc.outlet_id is not None else None,
            "url": doc.url,
            "authors": list(doc.authors or []),
            "published": doc.published_text,
            "published_first": _iso(doc.published_first),
            "published_last": _iso(doc.published_last),
            "published_precision": doc.published_precision,
            "derived_from": sorted(derived.get(doc.id, [])),
            "content_hash": doc.content_hash,
            "characters": len(doc.text),
            "language": doc.language,
            "pages": len(doc.page_starts) if doc.page_starts else None,
            # What the import could not find; empty once the analyst has fixed it.
            "needs_review": list(doc.needs_review or []),
        }
        if with_text:
            row["text"] = doc.text
        rows.append(row)
    return rows


def get_document(session: Session, document_id: str) -> Document | None:
    return session.get(Document, document_id)


def list_claims(session: Session, subject: str | None = None) -> list[dict]:
    sources = {s.id: s.name for s in session.exec(select(Source)).all()}
    subjects = {s.id: s for s in session.exec(select(Subject)).all()}
    if subject is not None and all(s.name != subject for s in subjects.values()):
        from tracker.subject_names import unknown_subject

        raise unknown_subject(subject, (s.name for s in subjects.values()))
    attributions: dict[str, list[Attribution]] = {}
    for a in session.exec(select(Attribution).order_by(col(Attribution.id))).all():
        attributions.setdefault(a.claim_id, []).append(a)
    rows = []
    for claim in session.exec(select(Claim).order_by(col(Claim.id))).all():
        subj = subjects.get(claim.subject_id)
        if subject is not None and (subj is None or subj.name != subject):
            continue
        rows.append(
            {
                "id": claim.id,
                "subject": subj.name if subj else None,
                "cumulative": bool(subj.cumulative) if subj else False,
                "text": claim.text,
                "stance": claim.stance,
                "hedge": claim.hedge,
                "quantity": {
                    "text": claim.quantity_text,
                    "value": claim.qty_value,
                    "low": claim.qty_low,
                    "high": claim.qty_high,
                    "low_open": claim.qty_low_open,
                    "high_open": claim.qty_high_open,
                    "qualifier": claim.qty_qualifier,
                    "unit": claim.qty_unit,
                    "item": claim.qty_item,
                    "per": claim.qty_per,
                    "change": change_of_figure(claim.quantity_text),
                }
                if claim.quantity_text
                else None,
                "period": {
                    "text": claim.period_text,
                    "first": _iso(claim.period_first),
                    "last": _iso(claim.period_last),
                    "qualifier": claim.period_qualifier,
                    "granularity": claim.period_granularity,
                }
                if claim.period_text
                else None,
                "attributions": [
                    {
                        "source": sources.get(a.source_id),
                        "document": a.document_id,
                        "quote": a.quote,
                        "start": a.start,
                        "end": a.end,
                        "hedge": a.hedge,
                    }
                    for a in attributions.get(claim.id, [])
                ],
            }
        )
    return rows


def list_feeds(session: Session) -> list[dict]:
    return [
        {
            "location": feed.location,
            "title": feed.title,
            "entries": feed.entries,
            "pulled_at": _iso(feed.pulled_at),
        }
        for feed in session.exec(select(Feed).order_by(col(Feed.pulled_at).desc())).all()
    ]
