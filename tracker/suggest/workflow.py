"""Suggested claims for the documents of a case.

A candidate is a sentence of the article's body that carries a figure or a
dated event. It comes with who says it, the hedge as printed, the figures and
periods normalized at the document's publication date, the quote's offsets,
and the closest subject. A quote the analyst rejected, or that is already an
attribution, is not suggested again, also after the document is re-imported
(both are kept by document id and quote, not by offsets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, select

from tracker.models import (
    Attribution,
    Claim,
    Derivation,
    Document,
    RejectedSuggestion,
    Source,
    Subject,
)
from tracker.normalize import normalize
from tracker.normalize.types import Anchor, Normalized, Quantity, TimeSpan
from tracker.registry import SourceRegistry
from tracker.suggest.candidates import END_OF_BODY, is_furniture, may_carry_figure_or_date
from tracker.suggest.derivation import credited_in_text, credited_in_title, source_document
from tracker.suggest.hedges import find_hedge
from tracker.suggest.resolve import resolve_speaker
from tracker.suggest.sentences import Sentence, split_sentences
from tracker.suggest.speakers import SpeakerCue, SpeakerMemory, find_cue
from tracker.suggest.subjects import SubjectProfile, choose_subject
from tracker.suggest.suggestion import Suggestion, suggestion_id


@dataclass
class CaseContext:
    """What every document's suggestions are resolved against, read once."""

    registry: SourceRegistry
    documents: list[Document]
    outlets: dict[int, Source]
    profiles: list[SubjectProfile]
    rejected: set[tuple[str, str]]
    attributed: dict[str, list[tuple[int, int, str]]]

    @classmethod
    def load(cls, session: Session) -> CaseContext:
        registry = SourceRegistry.from_session(session)
        documents = list(session.exec(select(Document).order_by(Document.id)).all())
        profiles = {
            s.id: SubjectProfile.from_name(s.name, s.cumulative)
            for s in session.exec(select(Subject)).all()
        }
        for claim in session.exec(select(Claim)).all():
            if claim.subject_id in profiles:
                profiles[claim.subject_id].add_claim(claim.qty_item, claim.qty_unit, claim.qty_per)
        attributed: dict[str, list[tuple[int, int, str]]] = {}
        for a in session.exec(select(Attribution)).all():
            attributed.setdefault(a.document_id, []).append((a.start, a.end, a.quote))
        rejected = {
            (r.document_id, r.quote) for r in session.exec(select(RejectedSuggestion)).all()
        }
        return cls(
            registry=registry,
            documents=documents,
            outlets={s.id: s for s in registry.sources if s.id is not None},
            profiles=list(profiles.values()),
            rejected=rejected,
            attributed=attributed,
        )


def document_anchor(document: Document) -> Anchor | None:
    """The publication date as the normalizer's anchor; None when the document has none."""
    if document.published_first is None:
        return None
    last = document.published_last or document.published_first
    return Anchor(document.published_first, last, document.published_precision or "day")


def normalized(text: str, anchor: Anchor | None) -> Normalized | None:
    """The normalizer's reading, or None while it is not built yet.

    Without a publication date there is nothing to resolve periods against,
    so only quantities are read (an unanchored period would be a guess).
    """
    try:
        if anchor is None:
            from tracker.normalize.quantities import find_quantities

            return Normalized(anchor=Anchor.parse("1970"), quantities=find_quantities(text))
        return normalize(text, anchor)
    except NotImplementedError:
        return None


# "the two countries", "these 58 containers": a reference back, not a figure being reported.
_DEFINITE = re.compile(r"(?:\b(?:the|these|those|its|their|his|her|both)\s+)$", re.IGNORECASE)


def says_figure_or_date(reading: Normalized, sentence: str) -> bool:
    """Whether the sentence reports a figure or a dated event (not only mentions a number)."""
    if any(t.first is not None for t in reading.times):
        return True
    for q in reading.quantities:
        if _DEFINITE.search(sentence[max(0, q.start - 8) : q.start]):
            continue
        if q.item or q.unit or q.per or (q.value is not None and q.value >= 10):
            return True
    return False


def _already_attributed(sentence: Sentence, spans: list[tuple[int, int, str]]) -> bool:
    for start, end, quote in spans:
        if quote.strip() == sentence.text:
            return True
        overlap = min(end, sentence.end) - max(start, sentence.start)
        if overlap > 0 and overlap * 2 >= min(end - start, sentence.end - sentence.start):
            return True
    return False


def principal_quantity(quantities: list[Quantity]) -> Quantity | None:
    """The figure the sentence is about: the first that counts or measures something,
    passing over an exact "one"/"two" ("named one Russian vessel, alleging ... as many as
    1,000 containers") when a larger figure follows."""

    def weight(q: Quantity) -> tuple[bool, bool]:
        small = q.qualifier == "exact" and q.value is not None and q.value < 3
        return bool(q.item or q.unit), not small

    best = max((weight(q) for q in quantities), default=None)
    return next((q for q in quantities if weight(q) == best), None)


def principal_period(times: list[TimeSpan], quantity: Quantity | None) -> TimeSpan | None:
    """The period the figure is counted over: the first resolved span after the figure
    ("10 shipments ... since August"), else the nearest before it ("told lawmakers in
    November ... 10 shipments" is when it was said, the fallback)."""
    resolved = [t for t in times if t.first is not None]
    if quantity is None or not resolved:
        return resolved[0] if resolved else None
    after = [t for t in resolved if t.start >= quantity.end]
    if after:
        return after[0]
    return max(resolved, key=lambda t: t.end)


def _body(document: Document) -> list[Sentence]:
    """The article's sentences, up to a references or related-posts heading."""
    out = []
    for sentence in split_sentences(document.text):
        if END_OF_BODY.match(sentence.text):
            break
        out.append(sentence)
    return out


def suggest_document(document: Document, case: CaseContext) -> list[Suggestion]:
    """Every suggestion for one document, in the order of its text."""
    outlet = case.outlets.get(document.outlet_id) if document.outlet_id is not None else None
    credited = credited_in_title(document.title, document.text, case.registry, outlet)
    whole_document_from = None
    if credited:
        origin = source_document(credited[0][0], document, case.documents)
        whole_document_from = origin.id if origin else None
    anchor = document_anchor(document)
    memory = SpeakerMemory()
    seen: set[str] = set()
    out: list[Suggestion] = []
    for sentence in _body(document):
        cue = find_cue(sentence.text)
        if cue is not None:
            cue = memory.refer(cue)
            memory.remember(cue)
        if is_furniture(sentence.text) or not may_carry_figure_or_date(sentence.text):
            continue
        sid = suggestion_id(document.id, sentence.text)
        if sid in seen or (document.id, sentence.text) in case.rejected:
            continue
        if _already_attributed(sentence, case.attributed.get(document.id, [])):
            continue
        reading = normalized(sentence.text, anchor)
        if reading is not None and not says_figure_or_date(reading, sentence.text):
            continue
        seen.add(sid)
        out.append(_suggestion(sid, document, sentence, cue, reading, outlet, case))
        if out[-1].derived_from is None:
            out[-1].derived_from = whole_document_from
    return out


def _suggestion(
    sid: str,
    document: Document,
    sentence: Sentence,
    cue: SpeakerCue | None,
    reading: Normalized | None,
    outlet: Source | None,
    case: CaseContext,
) -> Suggestion:
    # No attribution cue: the outlet reports it in its own voice.
    source = resolve_speaker(cue, case.registry, outlet) if cue else outlet
    quantities = reading.quantities if reading else []
    times = reading.times if reading else []
    subject = choose_subject(principal_quantity(quantities), sentence.text, case.profiles)
    derived_from = None
    credited = credited_in_text(sentence.text, case.registry, outlet)
    if credited:
        origin = source_document(credited[0][0], document, case.documents)
        derived_from = origin.id if origin else None
    return Suggestion(
        id=sid,
        document=document.id,
        quote=sentence.text,
        start=sentence.start,
        end=sentence.end,
        source=source.name if source else None,
        speaker=cue.speaker if cue else None,
        hedge=find_hedge(sentence.text),
        quantities=list(quantities),
        times=list(times),
        subject=subject.name,
        subject_exists=subject.existing,
        derived_from=derived_from,
        cue=cue.cue if cue else None,
        source_id=source.id if source else None,
    )


def suggest(session: Session, document_id: str | None = None) -> list[Suggestion]:
    """Suggestions for one document, or for every document of the case (by document id)."""
    case = CaseContext.load(session)
    documents = case.documents
    if document_id is not None:
        documents = [d for d in documents if d.id == document_id]
    out: list[Suggestion] = []
    for document in documents:
        out.extend(suggest_document(document, case))
    return out


def existing_derivations(session: Session) -> set[tuple[str, str]]:
    return {(d.document_id, d.derived_from_id) for d in session.exec(select(Derivation)).all()}
