"""A claim's figure and period: the anchor they are read against, and the columns
they are stored in. Import, the TUI editor and accepted suggestions all store a
claim's normalized quantity and period through here, so the three stay one rule."""

from __future__ import annotations

from tracker.models import Claim, Document
from tracker.normalize.types import Anchor, Quantity, TimeSpan


def document_anchor(document: Document) -> Anchor | None:
    """The publication date as the normalizer's anchor; None when the document has none."""
    if document.published_first is None:
        return None
    last = document.published_last or document.published_first
    return Anchor(document.published_first, last, document.published_precision or "day")


def write_quantity(claim: Claim, q: Quantity | None) -> None:
    """The normalized quantity columns (all cleared for None); the raw text is the caller's."""
    claim.qty_value = q.value if q else None
    claim.qty_low = q.low if q else None
    claim.qty_high = q.high if q else None
    claim.qty_low_open = q.low_open if q else False
    claim.qty_high_open = q.high_open if q else False
    claim.qty_qualifier = q.qualifier if q else None
    claim.qty_unit = q.unit if q else None
    claim.qty_item = q.item if q else None
    claim.qty_per = q.per if q else None


def write_period(claim: Claim, t: TimeSpan | None) -> None:
    """The normalized period columns (all cleared for None); the raw text is the caller's."""
    claim.period_first = t.first if t else None
    claim.period_last = t.last if t else None
    claim.period_qualifier = t.qualifier if t else None
    claim.period_granularity = t.granularity if t else None
