"""Claims with their scores as CSV, for a spreadsheet.

Text cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
``@``, tab, carriage return at the start) get a leading apostrophe: article
text is data, in a spreadsheet too.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from sqlmodel import Session, select

from tracker.models import Attribution, Claim, Document, Source, Subject
from tracker.scoring import score_case

COLUMNS = (
    "claim",
    "subject",
    "text",
    "stance",
    "hedge",
    "quantity",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "item",
    "period",
    "period_first",
    "period_last",
    "origins",
    "corroboration",
    "contradiction",
    "credibility",
    "estimative",
    "first_document",
    "first_outlet",
    "first_published",
    "appearances",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str | None) -> str:
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def claims_csv(session: Session) -> str:
    scores = score_case(session).claims
    subjects = {s.id: s.name for s in session.exec(select(Subject)).all()}
    sources = {s.id: s.name for s in session.exec(select(Source)).all()}
    documents = {d.id: d for d in session.exec(select(Document)).all()}
    appearances: dict[str, list[Attribution]] = {}
    for a in session.exec(select(Attribution)).all():
        appearances.setdefault(a.claim_id, []).append(a)

    def when(a: Attribution) -> tuple:
        d = documents.get(a.document_id)
        return (d.published_first if d and d.published_first else date.max, a.document_id)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for claim in sorted(session.exec(select(Claim)).all(), key=lambda c: c.id):
        s = scores.get(claim.id)
        mine = sorted(appearances.get(claim.id, []), key=when)
        first = documents.get(mine[0].document_id) if mine else None
        writer.writerow(
            [
                _text(claim.id),
                _text(subjects.get(claim.subject_id)),
                _text(claim.text),
                claim.stance,
                _text(claim.hedge),
                _text(claim.quantity_text),
                _num(claim.qty_value),
                _num(claim.qty_low),
                _num(claim.qty_high),
                claim.qty_qualifier or "",
                _text(claim.qty_unit),
                _text(claim.qty_item),
                _text(claim.period_text),
                claim.period_first.isoformat() if claim.period_first else "",
                claim.period_last.isoformat() if claim.period_last else "",
                _text("; ".join(s.origins) if s else ""),
                f"{s.corroboration:.4f}" if s else "",
                f"{s.contradiction:.4f}" if s else "",
                s.credibility if s else "",
                s.estimative if s else "",
                _text(first.id if first else ""),
                _text(sources.get(first.outlet_id, "") if first and first.outlet_id else ""),
                _text(first.published_text if first else ""),
                len(mine),
            ]
        )
    return buffer.getvalue()
