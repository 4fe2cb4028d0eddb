"""Normalizing an edited claim: the same rule as import (DOMAIN §3), no Textual.

A claim's quantity and period are normalized against the publication date of
its first attribution's document; the raw text is always kept beside them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import Session, col, select

from tracker.figures import document_anchor, write_period, write_quantity
from tracker.models import Attribution, Claim, Document, Subject
from tracker.normalize import Anchor, normalize
from tracker.normalize.types import Quantity, TimeSpan
from tracker.tui.rows import format_period, format_quantity

T = TypeVar("T")


def claim_anchor(session: Session, claim_id: str) -> Anchor | None:
    """The first attribution's document date (lowest attribution id), or None if undated."""
    row = session.exec(
        select(Document)
        .join(Attribution, col(Attribution.document_id) == col(Document.id))
        .where(Attribution.claim_id == claim_id)
        .order_by(col(Attribution.id))
    ).first()
    return document_anchor(row) if row is not None else None


def _safe(call: Callable[[], list[T]], text: str) -> list[T]:
    """The normalizer's result, or nothing while that grammar is not built yet."""
    if not text.strip():
        return []
    try:
        return call()
    except NotImplementedError:
        return []


@dataclass(frozen=True, slots=True)
class Preview:
    """What a quantity and period text normalize to, for the live preview."""

    quantity: Quantity | None
    period: TimeSpan | None

    def describe(self) -> tuple[str, str]:
        q = self.quantity
        value = (
            format_quantity(q.qualifier, q.value, q.low, q.high, q.unit, q.item, q.per)
            + f"  [{q.qualifier}]"
            if q
            else "no quantity recognised"
        )
        t = self.period
        if t is None:
            period = "no period recognised"
        else:
            period = (format_period(t.first, t.last, t.qualifier) or "unresolved") + (
                f"  [{t.qualifier}" + (", vague" if t.vague else "") + "]"
            )
        return value, period


def preview(quantity_text: str, period_text: str, anchor: Anchor | None) -> Preview:
    """Normalize the two fields as a save would; an undated claim resolves no period."""
    where = anchor or Anchor.parse("1970-01-01")
    quantity = _safe(lambda: normalize(quantity_text, where).quantities, quantity_text)
    period = _safe(lambda: normalize(period_text, where).times, period_text if anchor else "")
    return Preview(quantity[0] if quantity else None, period[0] if period else None)


def save_claim(
    session: Session,
    claim_id: str,
    *,
    text: str,
    subject: str,
    stance: str,
    quantity_text: str,
    period_text: str,
) -> Claim:
    """Write the analyst's edits and the normalized figure; a new subject name creates it."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise LookupError(f"claim {claim_id!r} no longer exists")
    if not text.strip():
        raise ValueError("the wording of a claim cannot be empty")
    if not subject.strip():
        raise ValueError("a claim needs a subject")
    if stance not in ("asserts", "denies"):
        raise ValueError(f"stance must be asserts or denies, not {stance!r}")
    row = session.exec(select(Subject).where(Subject.name == subject.strip())).first()
    if row is None:
        row = Subject(name=subject.strip())
        session.add(row)
        session.flush()
    result = preview(quantity_text, period_text, claim_anchor(session, claim_id))
    claim.text = text.strip()
    claim.subject_id = row.id  # type: ignore[assignment]
    claim.stance = stance
    claim.quantity_text = quantity_text.strip() or None
    write_quantity(claim, result.quantity)
    claim.period_text = period_text.strip() or None
    write_period(claim, result.period)
    session.add(claim)
    return claim
