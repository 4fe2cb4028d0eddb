"""The rows a brief draws on, loaded once in bulk and indexed.

A whole case is 100,000 claims and as many appearances: they are read as plain rows
(named like the models' fields), not ORM objects, and only the columns the brief
prints; documents without their full text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import select as sa_select
from sqlalchemy.orm import defer
from sqlmodel import Session, select

from tracker.brief.contradictions import contradiction_pairs
from tracker.brief.selection import best_grade
from tracker.errors import UserError
from tracker.models import Attribution, Claim, Document, Source, Subject
from tracker.registry import SourceRegistry
from tracker.scoring import DEFAULT_WEIGHTS, ClaimScore, case_scorer
from tracker.scoring.compat import Kinds
from tracker.scoring.load import claim_in

# A claim or attribution row: the model's fields by name (sqlalchemy Row).
Row = Any


class BriefCase:
    """Claims in scope with their scores, appearances, documents and sources."""

    def __init__(
        self, session: Session, subjects: Iterable[str] | None, min_credibility: int | None
    ) -> None:
        self.sources = {s.id: s for s in session.exec(select(Source)).all() if s.id is not None}
        self.registry = SourceRegistry(self.sources.values())
        wanted = set(subjects) if subjects else None
        all_subjects = session.exec(select(Subject)).all()
        self.subject_names = {s.id: s.name for s in all_subjects}
        self.cumulative = {s.name: s.cumulative for s in all_subjects}
        # The analyst's pins and drops of key judgments (selection.py).
        self.marks = {s.name: s.key_judgment for s in all_subjects}
        # Each source's independence group, and each group's one grade: its best member's
        # (as scoring grades a group).
        self.group_of = {i: self.registry.group_of(s) for i, s in self.sources.items()}
        grades: dict[str, list[str]] = {}
        for i, s in self.sources.items():
            grades.setdefault(self.group_of[i], []).append(s.reliability or "F")
        self.group_grade = {g: best_grade(found) for g, found in grades.items()}
        if wanted is not None:
            unknown = wanted - set(self.subject_names.values())
            if unknown:
                raise UserError(f"--subject: no such subject: {', '.join(sorted(unknown))}")
        # Kept: the contradictions listed read its disputed moments (MISREPORT_SET_ASIDE).
        self._scorer = case_scorer(session)
        self.scores: dict[str, ClaimScore] = self._scorer.case_scores().claims
        claims, appearances = Claim.__table__.c, Attribution.__table__.c  # type: ignore[attr-defined]
        claim_query = sa_select(*claims)
        attribution_query = sa_select(
            appearances.id,
            appearances.claim_id,
            appearances.source_id,
            appearances.document_id,
            appearances.quote,
            appearances.hedge,
            appearances.start,  # a PDF quote's page, for the footnote
        )
        if wanted is not None:
            subject_ids = [i for i, name in self.subject_names.items() if name in wanted]
            claim_query = claim_query.where(claims.subject_id.in_(subject_ids))
            attribution_query = attribution_query.where(
                appearances.claim_id.in_(
                    sa_select(claims.id).where(claims.subject_id.in_(subject_ids))
                )
            )
        # Every claim of the subjects in scope: contradictions are judged against the
        # whole subject, as scoring judged them, even where --min-credibility hides some.
        self._subject_claims: dict[str, Row] = {
            c.id: c for c in session.execute(claim_query).all() if c.id in self.scores
        }
        self.claims: dict[str, Row] = {
            c.id: c
            for c in self._subject_claims.values()
            if min_credibility is None or self.scores[c.id].credibility <= min_credibility
        }
        attributions = [
            a for a in session.execute(attribution_query).all() if a.claim_id in self.claims
        ]
        doc_ids = {a.document_id for a in attributions}
        documents = session.exec(select(Document).options(defer(Document.text))).all()  # type: ignore[arg-type]
        self.documents = {d.id: d for d in documents if d.id in doc_ids}
        self.attributions: dict[str, list[Row]] = {}
        for a in sorted(attributions, key=self._appearance_order):
            self.attributions.setdefault(a.claim_id, []).append(a)
        self.by_attribution_id = {a.id: a for a in attributions}

    def restrict(self, subjects: Iterable[str]) -> None:
        """Keep only these subjects' claims (``--key-only``), as if they had been asked for:
        contradictions are still judged against the whole of each subject kept."""
        keep = set(subjects)
        ids = {i for i, name in self.subject_names.items() if name in keep}
        self._subject_claims = {
            k: c for k, c in self._subject_claims.items() if c.subject_id in ids
        }
        self.claims = {k: c for k, c in self.claims.items() if c.subject_id in ids}
        self.attributions = {k: a for k, a in self.attributions.items() if k in self.claims}
        used = {a.document_id for found in self.attributions.values() for a in found}
        self.documents = {k: d for k, d in self.documents.items() if k in used}
        self.by_attribution_id = {
            i: a for i, a in self.by_attribution_id.items() if a.claim_id in self.claims
        }

    def _appearance_order(self, a: Row) -> tuple:
        document = self.documents.get(a.document_id)
        day = document.published_first if document and document.published_first else date.max
        return (day, a.document_id, a.id or 0)

    def by_subject(self) -> dict[str, list[Row]]:
        grouped: dict[str, list[Row]] = {}
        for claim in self.claims.values():
            grouped.setdefault(self.subject_names[claim.subject_id], []).append(claim)
        for claims in grouped.values():
            claims.sort(key=self._claim_order)
        return dict(sorted(grouped.items()))

    def _claim_order(self, claim: Row) -> tuple:
        s = self.scores[claim.id]
        return (s.credibility, -round(s.corroboration, 6), round(s.contradiction, 6), claim.id)

    def best_supported(self, claims: list[Row]) -> Row:
        asserted = [c for c in claims if c.stance == "asserts"] or claims

        def strength(c: Row) -> tuple:
            s = self.scores[c.id]
            return (-round(s.probability, 6), -round(s.corroboration, 6), c.id)

        return min(asserted, key=strength)

    def contradictions(self) -> Iterator[tuple[str, str]]:
        """Pairs of claims in scope that contradict each other, sorted: the pairs
        ``contradicted_by`` names (see contradictions.py). Yielded one by one: a whole
        case has close to a million."""
        # Scores come subject by subject in scoring's order of members, which decides
        # which claims an origin's capped list names.
        members: dict[str, list[str]] = {}
        for claim_id, score in self.scores.items():
            if claim_id in self._subject_claims:
                members.setdefault(score.subject, []).append(claim_id)
        origins = {claim_id: self.scores[claim_id].origins for claim_id in self._subject_claims}
        cap = DEFAULT_WEIGHTS.claims_shown_per_origin
        # Sorting ranks, not pairs of strings.
        ids = sorted(self.claims)
        rank = {claim_id: i for i, claim_id in enumerate(ids)}
        size = len(ids)
        keys = []
        kinds = Kinds()  # rules between kinds of claim, decided once for every subject
        for subject, claim_ids in members.items():
            cumulative = self.cumulative[subject]
            compared = [claim_in(self._subject_claims[i], subject, cumulative) for i in claim_ids]
            moments = self._scorer.moments(subject)
            pairs = contradiction_pairs(compared, origins, self.claims, cap, kinds, moments)
            for left, right in pairs:
                keys.append(rank[left] * size + rank[right])
        keys.sort()
        for key in keys:
            first, second = divmod(key, size)
            yield ids[first], ids[second]

    def iter_discrepancies(self) -> Iterator[Any]:
        for claim_id in sorted(self.claims):
            yield from self.scores[claim_id].discrepancies
