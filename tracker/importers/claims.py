"""Storing a claims file: claims with their attributions.

Each attribution's source is resolved through the registry (a near-certain
fuzzy match is used and reported; anything less is an error listing the
closest), and its quote must be found verbatim in its document. The claim's
quantity and period texts are normalized against the publication date of the
first attribution's document; the raw text is always kept.

A file is read a batch of claims at a time, against what the database already
holds in a few bulk queries per batch (their subjects, claims and attributions),
and each batch is written and let go before the next is read: a 100,000-claim
file is neither 100,000 round trips nor 100,000 claims in memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from tracker.anchoring import QuoteAnchor, closest_passage, find_quote
from tracker.errors import UserError
from tracker.figures import document_anchor, write_period, write_quantity
from tracker.importers.claims_files import ATTRIBUTION_FIELDS, CLAIM_FIELDS
from tracker.importers.definitions import NAMED_UPDATES, updated_notes
from tracker.importers.reading import (
    LINE_KEY,
    entry_error,
    list_field,
    text_field,
    unknown_fields,
)
from tracker.models import STANCES, Attribution, Claim, Document, Subject
from tracker.normalize.types import Anchor, Quantity, TimeSpan
from tracker.registry import NEAR_CERTAIN, SourceRegistry

__all__ = ["import_claims", "normalize_into"]

# A quote is a sentence or a paragraph. Finding a closest passage for a much longer one
# takes time growing with its length times the document's, so it is refused first.
MAX_QUOTE_CHARS = 5000
# Claims written per flush: big enough for bulk inserts, small enough to bound memory.
BATCH = 500
# Ids per IN (...) query, well under SQLite's bound on parameters.
IN_CHUNK = 500
# Documents kept at hand while storing claims (most recently cited first).
DOCUMENTS_KEPT = 32
# Notes listed for one file; more are counted.
NOTES_KEPT = 50


@dataclass
class _Resolved:
    source_id: int
    document: Document
    quote: str
    anchor: QuoteAnchor
    hedge: str | None


@dataclass
class _FileState:
    """What one claims file is stored against: the registry, and for each batch of its
    claims, the subjects, claims and attributions the database holds (in bulk queries)."""

    session: Session
    path: Path
    registry: SourceRegistry
    subjects: dict[str, Subject] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    attributions: dict[str, list[Attribution]] = field(default_factory=dict)
    documents: OrderedDict[str, Document | None] = field(default_factory=OrderedDict)
    # New attributions wait for their claims' flush: with no relationship between the
    # models, one flush would not know to insert the claim first.
    waiting: list[Attribution] = field(default_factory=list)
    notes: Notes = field(init=False)
    updated: list[str] = field(default_factory=list)  # the first claims this file defined anew
    counts: dict[str, int] = field(
        default_factory=lambda: {"claims": 0, "claims updated": 0, "attributions": 0}
    )

    def __post_init__(self) -> None:
        self.notes = Notes(self.path)

    def load(self, entries: list[dict]) -> None:
        """The batch's subjects, claims and attributions, as the database holds them."""
        ids = [text_field(self.path, e, "id") for e in entries]  # checked by the survey
        names = sorted({name for e in entries if (name := _subject_name(self.path, e))})
        session = self.session
        for chunk in in_chunks(ids):
            for a in session.exec(select(Attribution).where(col(Attribution.claim_id).in_(chunk))):
                self.attributions.setdefault(a.claim_id, []).append(a)
            for c in session.exec(select(Claim).where(col(Claim.id).in_(chunk))):
                self.claims[c.id] = c
        for chunk in in_chunks(names):
            for s in session.exec(select(Subject).where(col(Subject.name).in_(chunk))):
                self.subjects[s.name] = s

    def flush(self) -> None:
        self.session.flush()
        self.session.add_all(self.waiting)
        self.waiting.clear()
        self.session.flush()
        # Written: let go of them, so memory holds one batch, not the whole file.
        rows = [*self.claims.values(), *self.subjects.values()]
        rows += [a for attributions in self.attributions.values() for a in attributions]
        for row in rows:
            if row in self.session:
                self.session.expunge(row)
        self.claims.clear()
        self.subjects.clear()
        self.attributions.clear()

    def document(self, document_id: str) -> Document | None:
        # A few recent documents kept: a file's claims come in runs from one document,
        # and a document's text may be megabytes.
        if document_id in self.documents:
            self.documents.move_to_end(document_id)
        else:
            self.documents[document_id] = self.session.get(Document, document_id)
            if len(self.documents) > DOCUMENTS_KEPT:
                self.documents.popitem(last=False)
        return self.documents[document_id]


class Notes:
    """A file's notes, bounded however many claims it holds: a note shared by many claims
    (one misspelt source) is said once with their count, and past NOTES_KEPT notes the
    rest are counted, not listed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []
        self.repeats: dict[str, list[int]] = {}  # key: [index of its line, times again]
        self.dropped = 0

    def append(self, note: str) -> None:
        if len(self.lines) < NOTES_KEPT:
            self.lines.append(note)
        else:
            self.dropped += 1

    def once(self, key: str, note: str) -> None:
        """``note`` the first time for ``key``; afterwards only counted."""
        if key in self.repeats:
            self.repeats[key][1] += 1
        elif len(self.lines) < NOTES_KEPT:
            self.repeats[key] = [len(self.lines), 0]
            self.lines.append(note)
        else:
            self.dropped += 1

    def said(self) -> list[str]:
        out = list(self.lines)
        for index, again in self.repeats.values():
            if again:
                out[index] += f", and for {again} more claim{'s' if again > 1 else ''}"
        if self.dropped:
            out.append(f"{self.path}: {self.dropped} more notes like these")
        return out


def _subject_name(path: Path, entry: dict) -> str:
    try:
        return text_field(path, entry, "subject")
    except UserError:  # said, with the claim's id, when the claim is stored
        return ""


def in_chunks(values: list[str]) -> Iterator[list[str]]:
    """Ids a few hundred at a time, for ``IN (...)`` queries."""
    for index in range(0, len(values), IN_CHUNK):
        yield values[index : index + IN_CHUNK]


def import_claims(
    session: Session,
    path: Path,
    entries: Iterable[dict],
    total: int,
    rows: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Store the file's claims (``claim_entries``; ``total``: how many, from its survey),
    a batch at a time; ``rows(done, total)`` is told after each batch written. Ids are
    unique in ``entries``: the survey refused a file listing one twice."""
    state = _FileState(session, path, SourceRegistry.from_session(session))
    done = 0
    for batch in _batches(entries):
        state.load(batch)
        for entry in batch:
            _store_claim(state, entry, text_field(path, entry, "id", required=True))
        state.flush()
        done += len(batch)
        if rows is not None and total >= BATCH:
            rows(done, total)
    notes = state.notes.said() + updated_notes(
        "claim", state.updated, path, state.counts["claims updated"]
    )
    return state.counts, notes


def _batches(entries: Iterable[dict]) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _store_claim(state: _FileState, entry: dict, claim_id: str) -> None:
    path, session = state.path, state.session
    what = f"claim '{claim_id}': "
    unknown_fields(path, entry, CLAIM_FIELDS, what)
    subject_name = text_field(path, entry, "subject", required=True, what=what)
    wording = text_field(path, entry, "text", required=True, what=what)
    stance = text_field(path, entry, "stance", what=what) or "asserts"
    if problem := stance_problem(stance):
        raise entry_error(path, entry, f"{what}{problem}")
    raw_attributions = list_field(path, entry, "attributions", what=what, mappings=True)
    if not raw_attributions:
        raise entry_error(path, entry, f"{what}missing required field 'attributions'")

    resolved = [_resolve_attribution(state, entry, claim_id, raw) for raw in raw_attributions]
    subject = state.subjects.get(subject_name)
    if subject is None:
        subject = state.subjects[subject_name] = Subject(name=subject_name)
    cumulative = _boolean(path, entry, "cumulative")
    if cumulative is not None:
        subject.cumulative = cumulative
    session.add(subject)
    if subject.id is None:
        session.flush()  # a new subject's id, for its claims

    claim = state.claims.get(claim_id)
    existed = claim is not None
    if claim is None:
        claim = Claim(id=claim_id, subject_id=subject.id or 0, text=wording)
        state.claims[claim_id] = claim
        state.counts["claims"] += 1
    claim.subject_id = subject.id or 0
    claim.text = wording
    claim.stance = stance
    claim.hedge = text_field(path, entry, "hedge", what=what) or None
    normalize_into(
        claim,
        text_field(path, entry, "quantity", what=what) or None,
        text_field(path, entry, "period", what=what) or None,
        resolved[0].document,
        state.notes,
        path,
    )
    session.add(claim)
    # A claim written again with the same values is not an update: two importers
    # racing on one file must not both report it, and a re-import must say unchanged.
    changed = existed and session.is_modified(claim)

    existing = state.attributions.setdefault(claim_id, [])
    by_key = {(a.source_id, a.document_id, a.quote): a for a in existing}
    for r in resolved:
        attribution = by_key.get((r.source_id, r.document.id, r.quote))
        if attribution is None:
            attribution = Attribution(
                claim_id=claim_id,
                source_id=r.source_id,
                document_id=r.document.id,
                quote=r.quote,
                start=r.anchor.start,
                end=r.anchor.end,
            )
            state.counts["attributions"] += 1
            changed = existed
            existing.append(attribution)
            state.waiting.append(attribution)
        attribution.start, attribution.end = r.anchor.start, r.anchor.end
        attribution.prefix, attribution.suffix = r.anchor.prefix, r.anchor.suffix
        attribution.hedge = r.hedge
        changed = changed or (existed and session.is_modified(attribution))
        by_key[(r.source_id, r.document.id, r.quote)] = attribution
    if changed:
        state.counts["claims updated"] += 1
        if len(state.updated) < NAMED_UPDATES:
            state.updated.append(claim_id)


def stance_problem(stance: str) -> str | None:
    """What is wrong with a claim's stance, or None (shared with the backup's checks)."""
    return None if stance in STANCES else f"stance '{stance}' is not one of {STANCES}"


def _resolve_attribution(state: _FileState, entry: dict, claim_id: str, raw: Any) -> _Resolved:
    path = state.path
    what = f"claim '{claim_id}': attribution: "
    if not isinstance(raw, dict):
        raise entry_error(path, entry, f"{what}must be a mapping with source, document, quote")
    # JSON attributions carry no line of their own: errors point at their claim's line.
    where = raw if raw.get(LINE_KEY) else raw | {LINE_KEY: entry.get(LINE_KEY)}
    unknown_fields(path, where, ATTRIBUTION_FIELDS, what)
    source_text = text_field(path, where, "source", required=True, what=what)
    document_id = text_field(path, where, "document", required=True, what=what)
    quote = text_field(path, where, "quote", required=True, what=what)
    if len(quote) > MAX_QUOTE_CHARS:
        raise entry_error(
            path, where, f"{what}quote is {len(quote)} characters, above {MAX_QUOTE_CHARS}"
        )
    match = state.registry.resolve(source_text)
    if match.source is None or match.source.id is None:
        close = bool(match.candidates) and match.candidates[0][1] >= NEAR_CERTAIN
        kind = "ambiguous" if match.exact or close else "unknown"
        raise entry_error(
            path, where, f"{what}{kind} source '{source_text}'; {match.describe_candidates()}"
        )
    if not match.exact:
        state.notes.once(
            f"{source_text}\0{match.source.name}",
            f"{path}: source '{source_text}' of claim '{claim_id}' read as "
            f"'{match.source.name}' (match {match.score:.0f})",
        )
    document = state.document(document_id)
    if document is None:
        known = state.session.exec(select(Document.id)).all()
        hint = f" (known: {', '.join(sorted(known)[:8])})" if known else " (no documents yet)"
        raise entry_error(path, where, f"{what}unknown document '{document_id}'{hint}")
    anchor = find_quote(document.text, quote)
    if anchor is None:
        passage = closest_passage(document.text, quote)
        raise entry_error(
            path,
            where,
            f"claim '{claim_id}': quote not found in document '{document_id}'; "
            f"closest passage: {passage[:200]!r}",
        )
    hedge = text_field(path, where, "hedge", what=what) or None
    return _Resolved(match.source.id, document, quote, anchor, hedge)


def _boolean(path: Path, entry: dict, key: str) -> bool | None:
    value = entry.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise entry_error(path, entry, f"field '{key}' must be true or false, not {value!r}")


def normalize_into(
    claim: Claim,
    quantity_text: str | None,
    period_text: str | None,
    document: Document,
    notes: list[str] | Notes,
    path: Path,
) -> None:
    """The claim's raw figure and period texts, and their normalized columns."""
    claim.quantity_text, claim.period_text = quantity_text, period_text
    anchor = document_anchor(document)
    quantity: Quantity | None = None
    period: TimeSpan | None = None
    if anchor is not None and quantity_text:
        quantity = _first(_read(quantity_text, anchor, notes, path, "quantities"))
    if anchor is not None and period_text:
        period = _first(_read(period_text, anchor, notes, path, "times"))
    write_quantity(claim, quantity)
    write_period(claim, period)


def _first(spans: Iterable[Any]) -> Any:
    return next(iter(spans), None)


def _read(text: str, anchor: Anchor, notes: list[str] | Notes, path: Path, part: str) -> list[Any]:
    """The normalizer's spans, or [] (raw text only) when it cannot yet read them."""
    from tracker.normalize import normalize
    from tracker.normalize.times import find_times

    try:
        if part == "times":  # the same spans as normalize(...).times, without the figures
            return find_times(text, anchor)
        return list(normalize(text, anchor).quantities)
    except NotImplementedError:
        return []
    except UserError:
        raise
    except Exception as error:  # a normalizer bug must not lose the analyst's curated claim
        notes.append(f"{path}: could not normalize {text!r}: {type(error).__name__}: {error}")
        return []
