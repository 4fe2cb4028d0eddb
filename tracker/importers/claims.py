"""Storing a claims file: claims with their attributions.

Each attribution's source is resolved through the registry (a near-certain
fuzzy match is used and reported; anything less is an error listing the
closest), and its quote must be found verbatim in its document. The claim's
quantity and period texts are normalized against the publication date of the
first attribution's document; the raw text is always kept.

A file is read against what the database already holds in a few bulk queries
(its subjects, claims and their attributions), and written in batches: a
100,000-claim case is not 100,000 round trips.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from tracker.anchoring import QuoteAnchor, closest_passage, find_quote
from tracker.errors import UserError
from tracker.figures import document_anchor, write_period, write_quantity
from tracker.importers.claims_files import (
    ATTRIBUTION_FIELDS,
    CLAIM_FIELDS,
    parse_claims,
)
from tracker.importers.definitions import updated_notes
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

__all__ = ["import_claims", "normalize_into", "parse_claims"]

# A quote is a sentence or a paragraph. Finding a closest passage for a much longer one
# takes time growing with its length times the document's, so it is refused first.
MAX_QUOTE_CHARS = 5000
# Claims written per flush: big enough for bulk inserts, small enough to bound memory.
BATCH = 500
# Ids per IN (...) query, well under SQLite's bound on parameters.
IN_CHUNK = 500


@dataclass
class _Resolved:
    source_id: int
    document: Document
    quote: str
    anchor: QuoteAnchor
    hedge: str | None


@dataclass
class _FileState:
    """What one claims file is stored against, loaded in bulk before its first claim."""

    session: Session
    path: Path
    registry: SourceRegistry
    subjects: dict[str, Subject]
    claims: dict[str, Claim]
    attributions: dict[str, list[Attribution]]
    documents: dict[str, Document | None] = field(default_factory=dict)
    # New attributions wait for their claims' flush: with no relationship between the
    # models, one flush would not know to insert the claim first.
    waiting: list[Attribution] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # claims this file defined anew
    batch: list[str] = field(default_factory=list)  # claims stored since the last flush
    counts: dict[str, int] = field(
        default_factory=lambda: {"claims": 0, "claims updated": 0, "attributions": 0}
    )

    @classmethod
    def load(cls, session: Session, path: Path, entries: list[dict]) -> _FileState:
        ids = [str(e["id"]) for e in entries if isinstance(e.get("id"), str | int)]
        names = [e["subject"] for e in entries if isinstance(e.get("subject"), str)]
        attributions: dict[str, list[Attribution]] = {}
        for chunk in _chunks(ids):
            query = select(Attribution).where(col(Attribution.claim_id).in_(chunk))
            for a in session.exec(query):
                attributions.setdefault(a.claim_id, []).append(a)
        return cls(
            session=session,
            path=path,
            registry=SourceRegistry.from_session(session),
            subjects={
                s.name: s
                for chunk in _chunks(sorted(set(names)))
                for s in session.exec(select(Subject).where(col(Subject.name).in_(chunk)))
            },
            claims={
                c.id: c
                for chunk in _chunks(ids)
                for c in session.exec(select(Claim).where(col(Claim.id).in_(chunk)))
            },
            attributions=attributions,
        )

    def flush(self) -> None:
        self.session.flush()
        self.session.add_all(self.waiting)
        self.waiting.clear()
        self.session.flush()
        # Written: let go of them, so memory holds one batch, not the whole file (each
        # id is stored once per file, so nothing looks them up again).
        for claim_id in self.batch:
            claim = self.claims.pop(claim_id, None)
            for row in [claim, *self.attributions.pop(claim_id, [])]:
                if row is not None and row in self.session:
                    self.session.expunge(row)
        self.batch.clear()

    def document(self, document_id: str) -> Document | None:
        if document_id not in self.documents:
            self.documents[document_id] = self.session.get(Document, document_id)
        return self.documents[document_id]


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for index in range(0, len(values), IN_CHUNK):
        yield values[index : index + IN_CHUNK]


def import_claims(
    session: Session,
    path: Path,
    text: str,
    entries: list[dict] | None = None,
    rows: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Store the file's claims; ``entries``: the file already parsed (``parse_claims``);
    ``rows(done, total)`` is told after each batch written."""
    entries = parse_claims(path, text) if entries is None else entries
    state = _FileState.load(session, path, entries)
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        claim_id = text_field(path, entry, "id", required=True)
        if claim_id in seen:
            raise entry_error(path, entry, f"claim '{claim_id}' is listed twice")
        seen.add(claim_id)
        _store_claim(state, entry, claim_id)
        state.batch.append(claim_id)
        if number % BATCH == 0:
            state.flush()
            if rows is not None:
                rows(number, len(entries))
    state.flush()
    if rows is not None and len(entries) >= BATCH:
        rows(len(entries), len(entries))
    return state.counts, state.notes + updated_notes("claim", state.updated, path)


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
        state.notes.append(
            f"{path}: source '{source_text}' of claim '{claim_id}' read as "
            f"'{match.source.name}' (match {match.score:.0f})"
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
    notes: list[str],
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


def _read(text: str, anchor: Anchor, notes: list[str], path: Path, part: str) -> list[Any]:
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
