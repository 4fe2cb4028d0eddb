"""Hypotheses and ratings in a case: edited, weighted by the claims' scores, assessed.

A claim's weight in the matrix is its standing from scoring: its Admiralty credibility
(``CREDIBILITY_WEIGHT``) times how far independent origins corroborate it
(``UNCORROBORATED_SHARE`` when nobody else does, up to 1 when fully corroborated).
A doubtful, uncorroborated claim tells against a hypothesis less than a confirmed one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from tracker.ach.matrix import RATING_WORDS, Assessment, Matrix, assess
from tracker.errors import UserError
from tracker.models import RATINGS, Claim, Hypothesis, Rating, Subject
from tracker.scoring import CaseScores, ClaimScore, score_case

CREDIBILITY_WEIGHT = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.3, 5: 0.1, 6: 0.5}
UNCORROBORATED_SHARE = 0.5


def claim_weight(score: ClaimScore | None) -> float:
    if score is None:
        return CREDIBILITY_WEIGHT[6] * UNCORROBORATED_SHARE
    share = UNCORROBORATED_SHARE + (1.0 - UNCORROBORATED_SHARE) * score.corroboration
    return CREDIBILITY_WEIGHT[score.credibility] * share


def weight_rule(score: ClaimScore | None) -> str:
    if score is None:
        return "unscored: CREDIBILITY_WEIGHT[6] x UNCORROBORATED_SHARE"
    return (
        f"CREDIBILITY_WEIGHT[{score.credibility}] = {CREDIBILITY_WEIGHT[score.credibility]:g}"
        f" x (UNCORROBORATED_SHARE {UNCORROBORATED_SHARE:g} + "
        f"{1 - UNCORROBORATED_SHARE:g} x corroboration {score.corroboration:.2f})"
    )


@dataclass(frozen=True)
class Proposal:
    """A rating the tool would give from the claim's subject; never stored until accepted."""

    hypothesis: str
    claim: str
    rating: str
    reason: str


@dataclass(frozen=True)
class CaseAssessment:
    hypotheses: dict[str, Hypothesis]
    matrix: Matrix
    assessment: Assessment
    scores: CaseScores
    notes: dict[tuple[str, str], str]
    texts: dict[str, str]  # claim id -> its wording (rated claims)

    def origins_of(self, claim: str) -> tuple[str, ...]:
        score = self.scores.claims.get(claim)
        return score.origins if score else ()

    def sensitivity_words(self) -> str:
        """Heuer's step 6 in one sentence: what the leading hypothesis rests on."""
        sensitive = self.assessment.sensitive
        if not sensitive:
            return f"No single claim's removal or reversal {lead_change(self.assessment)}."
        n = len(sensitive)
        claims = f"{'these' if n > 1 else 'this'} {number_word(n)} claim{'s' if n > 1 else ''}"
        origins = sorted({o for c in sensitive for o in self.origins_of(c)})
        if n > 1 and len(origins) == 1:
            where = f"; {'both' if n == 2 else 'all'} come from one origin ({origins[0]})"
        elif origins:
            where = f"; from {', '.join(origins)}"
        else:
            where = ""
        return f"The ranking rests on {claims}: {', '.join(sensitive)}{where}."

    def tie_words(self) -> str:
        """The tie for the lead said plainly ("" when one hypothesis leads alone)."""
        leaders = self.assessment.leaders()
        if len(leaders) < 2:
            return ""
        score = self.assessment.scores[0].inconsistency
        return f"{listed(list(leaders))} are tied for the lead at {score:.2f}."

    def unrated_warning(self) -> str:
        """The brief's caution on a lead won by an absence of evidence ("" when none)."""
        return unrated_words(list(self.assessment.unrated))

    def to_json(self) -> dict:
        a, m = self.assessment, self.matrix
        return {
            "ranking": list(a.ranking()),
            "hypotheses": [
                {
                    "id": s.hypothesis,
                    "title": self.hypotheses[s.hypothesis].title,
                    "description": self.hypotheses[s.hypothesis].description,
                    "rank": s.rank,
                    "inconsistency": round(s.inconsistency, 4),
                    "explanation": s.explain(),
                    "against": [
                        {"claim": t.claim, "rating": t.rating, "weight": round(t.weight, 4)}
                        for t in s.against
                    ],
                }
                for s in a.scores
            ],
            "claims": [
                {
                    "id": c,
                    "text": self.texts.get(c, ""),
                    "origins": list(self.origins_of(c)),
                    "weight": round(m.weight(c), 4),
                    "weight_rule": weight_rule(self.scores.claims.get(c)),
                    "ratings": {h: m.rating(h, c) for h in m.hypotheses},
                    "notes": {h: n for (h, cid), n in self.notes.items() if cid == c},
                    "diagnostic": c not in a.not_diagnostic,
                    "sensitive": c in a.sensitive,
                }
                for c in m.claims
            ],
            "not_diagnostic": list(a.not_diagnostic),
            "sensitive": list(a.sensitive),
            "sensitivity": self.sensitivity_words(),
            "unrated": list(a.unrated),
            "unrated_warning": self.unrated_warning() or None,
        }


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(n: int) -> str:
    """A small count in words ("two claims"), larger ones in figures."""
    return _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)


def listed(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def unrated_words(names: list[str]) -> str:
    """A hypothesis nothing is rated for or against scores no inconsistency and so leads:
    say so, lest its zero read as the evidence's favour. ``names`` as the reader knows
    them (ids, or the brief's H1, H2); "" when there are none."""
    if not names:
        return ""
    one = len(names) == 1
    return (
        f"No claim is rated consistent or inconsistent with {listed(names)}: "
        f"{'its score is' if one else 'their scores are'} an absence of evidence, not "
        f"evidence in {'its' if one else 'their'} favour."
    )


def lead_change(assessment: Assessment) -> str:
    """What a sensitive claim's removal or reversal does (``tracker.ach.matrix.assess``):
    with a tie, breaking it is no change; bringing another hypothesis into the lead is."""
    if len(assessment.leaders()) > 1:
        return "brings another hypothesis into the shared lead"
    return "changes which hypothesis leads"


def load_assessment(session: Session, scores: CaseScores | None = None) -> CaseAssessment:
    hypotheses = {h.id: h for h in session.exec(select(Hypothesis).order_by(col(Hypothesis.id)))}
    for h in hypotheses.values():
        session.expunge(h)  # read after the command's transaction ends
    ratings = list(session.exec(select(Rating)))
    scores = scores if scores is not None else score_case(session)
    claims = tuple(sorted({r.claim_id for r in ratings}))
    matrix = Matrix(
        tuple(hypotheses),
        claims,
        {(r.hypothesis_id, r.claim_id): r.rating for r in ratings},
        {c: claim_weight(scores.claims.get(c)) for c in claims},
    )
    notes = {(r.hypothesis_id, r.claim_id): r.note for r in ratings if r.note}
    texts = dict(session.exec(select(Claim.id, Claim.text).where(col(Claim.id).in_(claims))).all())
    return CaseAssessment(hypotheses, matrix, assess(matrix), scores, notes, texts)


# -- editing --------------------------------------------------------------------------


def _hypothesis(session: Session, hypothesis_id: str) -> Hypothesis:
    found = session.get(Hypothesis, hypothesis_id)
    if found is None:
        known = (
            ", ".join(session.exec(select(Hypothesis.id).order_by(col(Hypothesis.id)))) or "none"
        )
        raise UserError(f"no hypothesis '{hypothesis_id}' (known: {known})")
    return found


def _subjects(session: Session, names: list[str] | None, field: str) -> list[str]:
    if not names:
        return []
    known = set(session.exec(select(Subject.name)))
    for name in names:
        if name not in known:
            raise UserError(f"{field}: no subject named '{name}'")
    return list(names)


def check_id(hypothesis_id: str, where: str = "hypothesis") -> str:
    hypothesis_id = hypothesis_id.strip()
    if not hypothesis_id:
        raise UserError(f"{where}: id cannot be empty")
    if "/" in hypothesis_id:  # the audit log names a rating "hypothesis/claim"
        raise UserError(f"{where}: id '{hypothesis_id}' may not contain '/'")
    return hypothesis_id


def add_hypothesis(
    session: Session,
    hypothesis_id: str,
    title: str,
    description: str = "",
    supports: list[str] | None = None,
    undermines: list[str] | None = None,
) -> Hypothesis:
    hypothesis_id = check_id(hypothesis_id)
    if not title.strip():
        raise UserError(f"hypothesis '{hypothesis_id}': title cannot be empty")
    if session.get(Hypothesis, hypothesis_id) is not None:
        raise UserError(f"hypothesis '{hypothesis_id}' exists already (edit it instead)")
    hypothesis = Hypothesis(
        id=hypothesis_id,
        title=title.strip(),
        description=description.strip(),
        supports=_subjects(session, supports, "supports"),
        undermines=_subjects(session, undermines, "undermines"),
    )
    session.add(hypothesis)
    session.flush()
    return hypothesis


def edit_hypothesis(
    session: Session,
    hypothesis_id: str,
    title: str | None = None,
    description: str | None = None,
    supports: list[str] | None = None,
    undermines: list[str] | None = None,
) -> Hypothesis:
    hypothesis = _hypothesis(session, hypothesis_id)
    if title is not None:
        if not title.strip():
            raise UserError(f"hypothesis '{hypothesis_id}': title cannot be empty")
        hypothesis.title = title.strip()
    if description is not None:
        hypothesis.description = description.strip()
    if supports is not None:
        hypothesis.supports = _subjects(session, supports, "supports")
    if undermines is not None:
        hypothesis.undermines = _subjects(session, undermines, "undermines")
    session.add(hypothesis)
    session.flush()
    return hypothesis


def remove_hypothesis(session: Session, hypothesis_id: str) -> int:
    """Remove a hypothesis and its ratings (each rating's removal is audited, so undone)."""
    hypothesis = _hypothesis(session, hypothesis_id)
    ratings = list(session.exec(select(Rating).where(Rating.hypothesis_id == hypothesis_id)))
    # One flush, so one undo brings the hypothesis back with all its ratings.
    for rating in ratings:
        session.delete(rating)
    session.delete(hypothesis)
    session.flush()
    return len(ratings)


def parse_rating(text: str, where: str = "rating") -> str:
    value = text.strip().upper()
    if value not in RATINGS:
        raise UserError(f"{where}: '{text}' is not one of {', '.join(RATINGS)}")
    return value


def rate(
    session: Session, hypothesis_id: str, claim_id: str, rating: str, note: str | None = None
) -> Rating:
    """Set (or change) how consistent a claim is with a hypothesis."""
    _hypothesis(session, hypothesis_id)
    if session.get(Claim, claim_id) is None:
        raise UserError(f"no claim '{claim_id}'")
    value = parse_rating(rating)
    row = session.get(Rating, (hypothesis_id, claim_id))
    if row is None:
        row = Rating(hypothesis_id=hypothesis_id, claim_id=claim_id, rating=value, note=note)
    else:
        row.rating = value
        if note is not None:
            row.note = note or None
    session.add(row)
    session.flush()
    return row


def unrate(session: Session, hypothesis_id: str, claim_id: str) -> bool:
    row = session.get(Rating, (hypothesis_id, claim_id))
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def proposals(session: Session) -> list[Proposal]:
    """Ratings the subjects suggest for claims not yet rated: an assertion in a subject that
    supports the hypothesis is consistent with it, a denial inconsistent; the reverse for
    a subject that undermines it."""
    subjects = {s.name: s.id for s in session.exec(select(Subject))}
    rated = {(r.hypothesis_id, r.claim_id) for r in session.exec(select(Rating))}
    out: list[Proposal] = []
    for h in session.exec(select(Hypothesis).order_by(col(Hypothesis.id))):
        for names, bears in ((h.supports, "supports"), (h.undermines, "undermines")):
            ids = [subjects[n] for n in names if n in subjects]
            if not ids:
                continue
            claims = session.exec(
                select(Claim).where(col(Claim.subject_id).in_(ids)).order_by(col(Claim.id))
            )
            for claim in claims:
                if (h.id, claim.id) in rated:
                    continue
                for_it = (claim.stance == "asserts") == (bears == "supports")
                rating = "C" if for_it else "I"
                reason = (
                    f"{'an assertion' if claim.stance == 'asserts' else 'a denial'} in a subject "
                    f"that {bears} it: {RATING_WORDS[rating]}"
                )
                out.append(Proposal(h.id, claim.id, rating, reason))
    return out
