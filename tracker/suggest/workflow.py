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

from sqlalchemy import select as sa_select
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from tracker.figures import document_anchor
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
from tracker.normalize.batch import normalize_all
from tracker.normalize.types import Anchor, Normalized, Quantity, TimeSpan
from tracker.registry import SourceRegistry
from tracker.suggest.candidates import (
    END_OF_BODY,
    CaptionLines,
    is_furniture,
    may_carry_figure_or_date,
    names_a_period,
)
from tracker.suggest.derivation import credited_in_text, credited_in_title, source_document
from tracker.suggest.footnotes import is_within, marker_after, reference_source, references
from tracker.suggest.hedges import STRONG_HEDGES, find_hedge
from tracker.suggest.resolve import OUTLET_WORDS, resolve_speakers
from tracker.suggest.sentences import Sentence, split_sentences
from tracker.suggest.speakers import (
    NAME_PATTERN,
    PRONOUNS,
    STATE_REFERENCES,
    SpeakerCue,
    SpeakerMemory,
    find_cues,
)
from tracker.suggest.subjects import SubjectProfile, Subjects, choose_subject
from tracker.suggest.suggestion import Suggestion, suggestion_id


@dataclass
class CaseContext:
    """What every document's suggestions are resolved against, read once."""

    registry: SourceRegistry
    documents: list[Document]
    outlets: dict[int, Source]
    profiles: Subjects
    rejected: set[tuple[str, str]]
    attributed: dict[str, list[tuple[int, int, str, int]]]
    derivations: dict[str, list[str]]

    @classmethod
    def load(cls, session: Session, document_id: str | None = None) -> CaseContext:
        """The case as suggestions see it; for one document (``document_id``) only that
        document's text and attributions are read, so opening one stays quick at scale."""
        registry = SourceRegistry.from_session(session)
        query = select(Document).order_by(Document.id)
        if document_id is not None:
            query = query.options(defer(Document.text))  # type: ignore[arg-type]
        documents = list(session.exec(query).all())
        profiles = {
            s.id: SubjectProfile.from_name(s.name, s.cumulative)
            for s in session.exec(select(Subject)).all()
        }
        # What a subject's claims count: the distinct kinds, not every claim.
        counted = select(Claim.subject_id, Claim.qty_item, Claim.qty_unit, Claim.qty_per)
        for subject_id, item, unit, per in session.exec(counted.distinct()).all():
            if subject_id in profiles:
                profiles[subject_id].add_claim(item, unit, per)
        spans = sa_select(
            col(Attribution.document_id),
            col(Attribution.start),
            col(Attribution.end),
            col(Attribution.quote),
            col(Attribution.source_id),
        )
        if document_id is not None:
            spans = spans.where(col(Attribution.document_id) == document_id)
        attributed: dict[str, list[tuple[int, int, str, int]]] = {}
        for doc, start, end, quote, source_id in session.execute(spans).all():
            attributed.setdefault(doc, []).append((start, end, quote, source_id))
        derivations: dict[str, list[str]] = {}
        for d in session.exec(select(Derivation)).all():
            derivations.setdefault(d.document_id, []).append(d.derived_from_id)
        rejected = {
            (r.document_id, r.quote) for r in session.exec(select(RejectedSuggestion)).all()
        }
        return cls(
            registry=registry,
            documents=documents,
            outlets={s.id: s for s in registry.sources if s.id is not None},
            profiles=Subjects(list(profiles.values())),
            rejected=rejected,
            attributed=attributed,
            derivations=derivations,
        )


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


def _already_attributed(
    sentence: Sentence, spans: list[tuple[int, int, str, int]], source: Source | None
) -> bool:
    """Whether this sentence is already an attribution of this source (of any source,
    for a suggestion whose speaker is unknown)."""
    for start, end, quote, source_id in spans:
        if source is not None and source.id != source_id:
            continue
        if quote.strip() == sentence.text:
            return True
        overlap = min(end, sentence.end) - max(start, sentence.start)
        if overlap > 0 and overlap * 2 >= min(end - start, sentence.end - sentence.start):
            return True
    return False


def principal_quantity(quantities: list[Quantity]) -> Quantity | None:
    """The figure the sentence is about: a rate if there is one, else the first that
    counts or measures something, passing over an exact "one"/"two" ("named one Russian
    vessel, alleging ... as many as 1,000 containers") when a larger figure follows."""

    def weight(q: Quantity) -> tuple[bool, bool, bool]:
        small = q.qualifier == "exact" and q.value is not None and q.value < 3
        # A rate ("2,700 rounds more per day") is the sentence's most specific figure.
        return q.per is not None, bool(q.item or q.unit), not small

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


def _outlet_voice(outlet: Source | None, registry: SourceRegistry) -> Source | None:
    """Who speaks when an outlet writes in its own voice: the organization that publishes
    it (CSIS for CSIS Beyond Parallel), else the outlet itself."""
    if outlet is None:
        return None
    parent = registry.parent_of(outlet)
    return parent if parent is not None and parent.kind != "person" else outlet


def own_voice(document: Document, case: CaseContext) -> tuple[Source | None, str | None]:
    """The source of the document's unattributed sentences, and the document they were
    re-reported from: a re-report's own voice is its origin's (Euromaidan Press's
    unattributed lines are Bloomberg's reporting)."""
    outlet = case.outlets.get(document.outlet_id) if document.outlet_id is not None else None
    origin_id = next(iter(case.derivations.get(document.id, [])), None)
    if origin_id is None:
        credited = credited_in_title(document.title, document.text, case.registry, outlet)
        origin = source_document(credited[0][0], document, case.documents) if credited else None
        origin_id = origin.id if origin else None
    origin_doc = next((d for d in case.documents if d.id == origin_id), None)
    if origin_doc is not None and origin_doc.outlet_id in case.outlets:
        return _outlet_voice(case.outlets[origin_doc.outlet_id], case.registry), origin_id
    return _outlet_voice(outlet, case.registry), origin_id


def _last_state(text: str, registry: SourceRegistry) -> SpeakerCue | None:
    """The last government the sentence names ("North Korea"), for "the country" later."""
    found = None
    for m in NAME_PATTERN.finditer(text):
        source = registry.exact(m.group(0))
        if source is not None and source.kind == "government":
            found = SpeakerCue(m.group(0), "named state", m.start(), m.end())
    return found


def _named(cue: SpeakerCue) -> bool:
    return not cue.evidence and cue.speaker not in PRONOUNS and cue.speaker not in OUTLET_WORDS


Readings = dict[tuple[str, Anchor], Normalized]


def read_ahead(documents: list[Document]) -> Readings:
    """The normalizer's reading of every sentence of these documents that may carry a
    figure or a date, computed together (over several cores for a whole case)."""
    wanted: dict[tuple[str, Anchor], None] = {}
    for document in documents:
        anchor = document_anchor(document)
        if anchor is None:
            continue
        for sentence in _body(document):
            if may_carry_figure_or_date(sentence.text):
                wanted[(sentence.text, anchor)] = None
    keys = list(wanted)
    return dict(zip(keys, normalize_all(keys), strict=True))


def suggest_document(
    document: Document, case: CaseContext, readings: Readings | None = None
) -> list[Suggestion]:
    """Every suggestion for one document, in the order of its text (``readings``: the
    normalizer's answers computed ahead by ``read_ahead``, if any)."""
    outlet = case.outlets.get(document.outlet_id) if document.outlet_id is not None else None
    voice, origin_id = own_voice(document, case)
    anchor = document_anchor(document)
    notes = references(document.text)
    sentences = _body(document)
    captions = CaptionLines(document.text)
    cues_of = [find_cues(s.text) for s in sentences]
    memory = SpeakerMemory()
    # Imagery "analyzed by RUSI" anywhere in the article is RUSI's reading throughout.
    memory.analyst = next((c for cs in cues_of for c in cs if c.cue == "analyzed by"), None)
    out: list[Suggestion] = []
    seen: set[str] = set()
    state: SpeakerCue | None = None
    for sentence, found in zip(sentences, cues_of, strict=True):
        # A pronoun or "images show" beside a named speaker ("RUSI's report ... that it
        # concluded") is that speaker again, not someone from an earlier sentence.
        if any(map(_named, found)):
            found = [c for c in found if _named(c)]
        cues = [memory.refer(c) for c in found]
        cues = [state if c.speaker in STATE_REFERENCES and state else c for c in cues]
        state = _last_state(sentence.text, case.registry) or state
        for cue in sorted(cues, key=lambda c: c.start):
            memory.remember(cue)
        if not cues and sentence.text[:1] in '“"' and memory.last is not None:
            cues = [memory.last]  # a quotation continued from the sentence before
        if is_furniture(sentence.text) or (document.id, sentence.text) in case.rejected:
            continue
        hedge = find_hedge(sentence.text)
        reading = None
        if may_carry_figure_or_date(sentence.text):
            ahead = readings.get((sentence.text, anchor)) if readings and anchor else None
            reading = ahead if ahead is not None else normalized(sentence.text, anchor)
        figure = reading is not None and says_figure_or_date(reading, sentence.text)
        dated = figure or names_a_period(sentence.text)
        if not (dated or any(map(_named, cues)) or (hedge in STRONG_HEDGES)):
            continue
        marker = marker_after(document.text, sentence.end)
        cited = reference_source(notes[marker], case.registry) if marker in notes else None
        speaking = voice
        if captions.around(sentence.start, sentence.end):
            # A photo caption is the publishing outlet's own, even in a re-report.
            speaking = _outlet_voice(outlet, case.registry)
        voices = _voices(cues, cited, speaking, case)
        spans = case.attributed.get(document.id, [])
        for index, (source, said_by) in enumerate(voices):
            extra = "" if index == 0 or source is None else "\n" + source.name
            sid = suggestion_id(document.id, sentence.text + extra)
            if sid in seen or _already_attributed(sentence, spans, source):
                continue
            seen.add(sid)
            out.append(
                _suggestion(sid, document, sentence, source, said_by, hedge, reading, outlet, case)
            )
            if out[-1].derived_from is None:
                out[-1].derived_from = origin_id
    return out


def _voices(
    cues: list[SpeakerCue], cited: Source | None, voice: Source | None, case: CaseContext
) -> list[tuple[Source | None, SpeakerCue | None]]:
    """Each distinct source the sentence speaks for, strongest cue first.

    Named speakers come first; "images show", a pronoun or the document's own voice
    speak only for a sentence whose main clause names nobody. A footnote narrows a
    named speaker (the "U.S. government" of footnote 1 is the U.S. Mission to the UN)
    and names the source of an unattributed sentence.
    """
    named = [c for c in cues if _named(c)]
    main = [c for c in named if not c.secondary]
    out: list[tuple[Source | None, SpeakerCue | None]] = []

    def add(source: Source | None, cue: SpeakerCue | None) -> None:
        if source is not None and all(s is None or s.id != source.id for s, _ in out):
            out.append((source, cue))

    if not main:
        fallback = next((c for c in cues if not _named(c)), None)
        if fallback is not None:
            for source in resolve_speakers(fallback, case.registry, voice):
                add(source, fallback)
        else:
            add(cited or voice, None)
    for cue in main + [c for c in named if c.secondary]:
        for source in resolve_speakers(cue, case.registry, voice):
            if cited is not None and source is not None and is_within(cited, source, case.registry):
                source = cited
            add(source, cue)
    if not out:
        first = main or named or cues
        return [(None, first[0] if first else None)]
    return out


def _suggestion(
    sid: str,
    document: Document,
    sentence: Sentence,
    source: Source | None,
    cue: SpeakerCue | None,
    hedge: str | None,
    reading: Normalized | None,
    outlet: Source | None,
    case: CaseContext,
) -> Suggestion:
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
        hedge=hedge,
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
    case = CaseContext.load(session, document_id)
    documents = case.documents
    if document_id is not None:
        documents = [d for d in documents if d.id == document_id]
    readings = read_ahead(documents) if len(documents) > 1 else None
    out: list[Suggestion] = []
    for document in documents:
        out.extend(suggest_document(document, case, readings))
    return out


def existing_derivations(session: Session) -> set[tuple[str, str]]:
    return {(d.document_id, d.derived_from_id) for d in session.exec(select(Derivation)).all()}
