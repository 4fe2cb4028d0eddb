"""What the ACH matrix screen reads and writes: every claim against every hypothesis,
the stored ratings, the tool's proposals, and the ranking (tracker.ach)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from tracker.ach.case import CaseAssessment, Proposal, load_assessment, proposals, rate, unrate
from tracker.db import session_scope
from tracker.models import Claim, Subject
from tracker.scoring import CaseScores, score_case


@dataclass(frozen=True)
class MatrixView:
    claims: list[tuple[str, str]]  # (claim id, its wording): rated ones first, then the rest
    case: CaseAssessment
    proposed: dict[tuple[str, str], Proposal]


def read_matrix(engine: Engine, scores: CaseScores | None = None) -> MatrixView:
    """``scores`` from an earlier read may be passed in: ratings do not change them."""
    with session_scope(engine) as session:
        scores = scores if scores is not None else score_case(session)
        case = load_assessment(session, scores)
        offered = {(p.hypothesis, p.claim): p for p in proposals(session)}
        rows = session.exec(
            select(Claim.id, Claim.text)
            .join(Subject, col(Subject.id) == Claim.subject_id)
            .order_by(col(Subject.name), col(Claim.id))
        ).all()
    rated = set(case.matrix.claims)
    ordered = [r for r in rows if r[0] in rated] + [r for r in rows if r[0] not in rated]
    return MatrixView([(cid, text) for cid, text in ordered], case, offered)


def set_rating(engine: Engine, hypothesis: str, claim: str, rating: str | None) -> str:
    """Rate (or, with None, clear) one cell; the summary names it in words."""
    with session_scope(engine) as session:
        if rating is None:
            removed = unrate(session, hypothesis, claim)
            return f"{claim} under {hypothesis}: rating cleared" if removed else "nothing to clear"
        value = rate(session, hypothesis, claim, rating).rating
    return f"{claim} under {hypothesis}: {value}"
