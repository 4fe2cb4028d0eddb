"""Scoring a whole case, and rescoring only what an edit touches.

``score_inputs`` is pure: plain inputs in, CaseScores out. ``Scorer`` keeps the
results per subject; after a change to a claim, attribution (a claim's
attributions travel with it), source grade or group, or a document's derivations,
it rescores only the subjects that change can reach.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from tracker.scoring.collector import collector_paused
from tracker.scoring.context import Context, Prepared, prepare, reorder
from tracker.scoring.engine import edited_scores, score_subject
from tracker.scoring.inputs import ClaimIn, DocumentIn, ScoringInputs, SourceIn
from tracker.scoring.misreports import Moments, subject_moments
from tracker.scoring.results import CaseScores, ClaimScore
from tracker.scoring.sweep import sweepable
from tracker.scoring.sweep_edit import SweptSubject
from tracker.scoring.tally import unit_of
from tracker.scoring.weights import DEFAULT_WEIGHTS, Weights


def score_inputs(inputs: ScoringInputs, weights: Weights = DEFAULT_WEIGHTS) -> CaseScores:
    return Scorer(inputs, weights).case_scores()


class Scorer:
    def __init__(self, inputs: ScoringInputs, weights: Weights = DEFAULT_WEIGHTS) -> None:
        self.sources: dict[int, SourceIn] = dict(inputs.sources)
        self.documents: dict[str, DocumentIn] = dict(inputs.documents)
        self.ctx = Context(self.sources, self.documents, weights)
        self.claims: dict[str, ClaimIn] = {}
        self.subjects: dict[str, dict[str, ClaimIn]] = {}
        self.prepared: dict[str, dict[str, Prepared]] = {}
        self.scores: dict[str, ClaimScore] = {}
        # Per subject, its current members, shared with the explanations built later.
        self._boxes: dict[str, list[list[Prepared]]] = {}
        # Large subjects scored by the sweep keep it, so one claim edit patches it.
        self._swept: dict[str, SweptSubject] = {}
        # Where each source appears, so a regrade finds its subjects (and its group's:
        # the subjects of the group's members). A document's are found by looking.
        self._subjects_of_source: defaultdict[int, set[str]] = defaultdict(set)
        with collector_paused():
            for claim in inputs.claims:
                self._file(claim)
            for subject, members in self.subjects.items():
                self._index(subject, members.values())
            for subject in list(self.subjects):
                self._rescore(subject, reprepare=True)

    # -- reading ---------------------------------------------------------------
    def case_scores(self, subject: str | None = None) -> CaseScores:
        if subject is None:
            return CaseScores(dict(self.scores))
        ids = self.subjects.get(subject, {})
        return CaseScores({i: self.scores[i] for i in ids})

    def moments(self, subject: str) -> Moments | None:
        """One subject's disputed moments: what MISREPORT_SET_ASIDE reads (``misreports``)."""
        members = self.prepared.get(subject)
        return subject_moments(list(members.values()), self.ctx) if members else None

    # -- edits -----------------------------------------------------------------
    def put_claim(self, claim: ClaimIn) -> set[str]:
        """Add or replace a claim (with its attributions); returns the subjects rescored."""
        affected = {claim.subject}
        old = self.claims.get(claim.id)
        if (old is None or old.subject == claim.subject) and self._patch(claim):
            return affected
        if old is not None:
            affected.add(old.subject)
            self._remove(old)
        self._add(claim)
        for subject in affected:
            self._rescore(subject, reprepare=False, changed={claim.id})
        return affected

    def replace_subject(self, subject: str, claims: Iterable[ClaimIn]) -> set[str]:
        """The subject's claims as they are now (e.g. reloaded after edits): one rescoring."""
        for current in list(self.subjects.get(subject, {}).values()):
            self._remove(current)
        affected = {subject}
        for claim in claims:
            elsewhere = self.claims.get(claim.id)
            if elsewhere is not None:  # moved here from another subject
                affected.add(elsewhere.subject)
                self._remove(elsewhere)
            self._add(claim)
        for name in affected:
            self._rescore(name, reprepare=True)
        return affected

    def remove_claim(self, claim_id: str) -> set[str]:
        old = self.claims.get(claim_id)
        if old is None:
            return set()
        self._remove(old)
        self._rescore(old.subject, reprepare=False)
        return {old.subject}

    def put_sources(self, sources: Iterable[SourceIn]) -> set[str]:
        """New grades or groups: every subject where the source or its groups speak."""
        affected: set[str] = set()
        groups: set[str] = set()
        regrouped = False
        for source in sources:
            old = self.sources.get(source.id)
            if old == source:
                continue
            affected |= self._subjects_of_source.get(source.id, set())
            groups.add(source.group)
            if old is not None:
                groups.add(old.group)
            # A new grade only reorders a claim's origins; a new group or name changes them.
            regrouped |= old is None or (old.group, old.name) != (source.group, source.name)
            self.sources[source.id] = source
        by_source = self._subjects_of_source
        for member in self.sources.values():  # where the groups speak, through any member
            if member.group in groups:
                affected |= by_source.get(member.id, set())
        grades = self.ctx.group_grade
        if groups:  # even a silent source's grade must stand for its first claim
            self.ctx.regroup()
        if not affected:
            return affected
        if regrouped:
            for subject in affected:
                self._rescore(subject, reprepare=True)
            return affected
        units = self._units_moved(grades)
        for subject in affected:
            if subject in self._swept:
                self._regrade_swept(subject, units)
            else:
                self._rescore(subject, reprepare=False, regraded=units.keys())
        return affected

    def put_document(self, document: DocumentIn) -> set[str]:
        """A document's date or derivations changed: subjects carried by it or its copies."""
        self.documents[document.id] = document
        self.ctx.reset_derivations()
        touched = {document.id} | {
            d for d in self.documents if document.id in self.ctx.derivations.ancestors(d)
        }
        affected = {
            claim.subject
            for claim in self.claims.values()
            if not touched.isdisjoint([a.document_id for a in claim.attributions])
        }
        for subject in affected:
            self._rescore(subject, reprepare=True)
        return affected

    # -- internals -------------------------------------------------------------
    def _units_moved(self, grades: dict[str, str]) -> dict[str, tuple[int, int]]:
        """Groups whose best grade a regrade moved: their old and new tally units."""
        now = self.ctx.group_grade
        moved = {g for g in grades.keys() | now.keys() if grades.get(g) != now.get(g)}
        return {g: (unit_of(grades.get(g, "F")), unit_of(now.get(g, "F"))) for g in moved}

    def _regrade_swept(self, subject: str, units: dict[str, tuple[int, int]]) -> None:
        """A kept sweep after a regrade: its tallies patched, not swept again; claims
        carrying a regraded origin reordered and rescored, the rest keep their scores
        unless their numbers moved."""
        prepared = self.prepared[subject]
        regraded = units.keys()
        carrying = {
            claim_id: reorder(p, self.ctx)
            for claim_id, p in prepared.items()
            if not regraded.isdisjoint(p.origins)
        }
        prepared.update(carrying)
        swept = self._swept[subject]
        moved = swept.regrade(units, carrying)
        box = self._boxes[subject]
        box[0] = list(prepared.values())
        self.scores.update(
            edited_scores(box, moved, swept.numbers, self.scores, self.ctx, carrying)
        )

    def _patch(self, claim: ClaimIn) -> bool:
        """One claim into a kept sweep of its subject, if the subject has one and the
        claim keeps it under the plain overlap rule; False when a rescoring is needed."""
        swept = self._swept.get(claim.subject)
        if swept is None:
            return False
        p = prepare(claim, self.ctx)
        if not swept.fits(p):
            return False
        old = self.claims.get(claim.id)
        if old is not None:
            self._remove(old)
        self._add(claim)
        self.prepared.setdefault(claim.subject, {})[claim.id] = p
        moved = swept.put(p)
        box = self._boxes[claim.subject]
        box[0] = list(self.prepared[claim.subject].values())
        self.scores.update(edited_scores(box, moved, swept.numbers, self.scores, self.ctx))
        return True

    def _add(self, claim: ClaimIn) -> None:
        self._file(claim)
        self._index(claim.subject, (claim,))

    def _file(self, claim: ClaimIn) -> None:
        self.claims[claim.id] = claim
        members = self.subjects.get(claim.subject)
        if members is None:
            members = self.subjects[claim.subject] = {}
        members[claim.id] = claim

    def _index(self, subject: str, claims: Iterable[ClaimIn]) -> None:
        """These claims' sources appear in ``subject`` (each source once, however many of
        the claims share it)."""
        by_source = self._subjects_of_source
        for source_id in {a.source_id for claim in claims for a in claim.attributions}:
            by_source[source_id].add(subject)

    def _remove(self, claim: ClaimIn) -> None:
        del self.claims[claim.id]
        members = self.subjects.get(claim.subject, {})
        members.pop(claim.id, None)
        self.prepared.get(claim.subject, {}).pop(claim.id, None)
        self.scores.pop(claim.id, None)
        if not members:
            self.subjects.pop(claim.subject, None)
            self.prepared.pop(claim.subject, None)

    def _rescore(
        self,
        subject: str,
        reprepare: bool,
        changed: set[str] | None = None,
        regraded: AbstractSet[str] = frozenset(),
    ) -> None:
        """``regraded``: groups whose grade moved; a claim carrying one is reordered, any
        other keeps its score unless its numbers move."""
        members = self.subjects.get(subject)
        if not members:
            # An emptied subject keeps no sweep: a claim filed later starts it afresh
            # (patched into the old one, it was supported by the claims removed).
            self._swept.pop(subject, None)
            return
        prepared = self.prepared.setdefault(subject, {})
        unchanged = set()
        for claim_id, claim in members.items():
            if reprepare or claim_id not in prepared or (changed and claim_id in changed):
                prepared[claim_id] = prepare(claim, self.ctx)
            elif regraded and not regraded.isdisjoint(prepared[claim_id].origins):
                prepared[claim_id] = reorder(prepared[claim_id], self.ctx)
            else:
                unchanged.add(claim_id)
        box = self._boxes.setdefault(subject, [])
        if not box:
            box.append([])
        listed = list(prepared.values())
        numbers = None
        self._swept.pop(subject, None)
        if len(listed) > self.ctx.weights.sweep_from and sweepable(listed):
            swept = self._swept[subject] = SweptSubject(listed, self.ctx)
            numbers = swept.numbers
        self.scores.update(score_subject(listed, self.ctx, self.scores, unchanged, box, numbers))
