"""The analyst's answer to a suggestion: accept it as a claim, attach it, or reject it.

Sources are never created here: a suggestion whose speaker the registry does
not know must be given a source by name (one the registry knows) before it
can become an attribution. A subject may be created on accept, because the
analyst has just read and approved its name.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, select

from tracker.anchoring import CONTEXT_CHARS
from tracker.audit import current_analyst
from tracker.errors import UserError
from tracker.figures import write_period, write_quantity
from tracker.models import Attribution, Claim, Document, RejectedSuggestion, Source, Subject
from tracker.normalize.types import Quantity, TimeSpan
from tracker.registry import SourceRegistry
from tracker.suggest.sentences import split_sentences
from tracker.suggest.suggestion import ID_LENGTH, Suggestion, suggestion_id
from tracker.suggest.workflow import (
    document_anchor,
    normalized,
    principal_period,
    principal_quantity,
    suggest,
)

EDITABLE = (
    "text",
    "subject",
    "stance",
    "hedge",
    "quantity",
    "period",
    "source",
    "claim_id",
    "cumulative",
)


def find_suggestion(session: Session, suggestion_id: str) -> Suggestion:
    """The current suggestion with this id (a unique prefix is enough)."""
    wanted = suggestion_id.strip().lower()
    if len(wanted) == ID_LENGTH:
        # A whole id names a sentence of one document: hash the sentences (cheap) and
        # suggest for the documents that match, not for the whole case.
        for document_id in _documents_with_sentence(session, wanted):
            found = [s for s in suggest(session, document_id) if s.id == wanted]
            if found:
                return found[0]
    # A prefix, or a second voice of a sentence (its id also hashes the source): all of it.
    matches = [s for s in suggest(session) if s.id.startswith(wanted)] if wanted else []
    if not matches:
        raise UserError(f"suggestion {suggestion_id}: no such suggestion (run `tracker suggest`)")
    if len(matches) > 1 and not any(s.id == wanted for s in matches):
        raise UserError(
            f"suggestion {suggestion_id}: ambiguous, matches {len(matches)} suggestions"
        )
    return next((s for s in matches if s.id == wanted), matches[0])


def _documents_with_sentence(session: Session, wanted: str) -> list[str]:
    rows = session.exec(select(Document.id, Document.text).order_by(Document.id)).all()
    return [
        document_id
        for document_id, text in rows
        if any(suggestion_id(document_id, s.text) == wanted for s in split_sentences(text))
    ]


def _source(session: Session, suggestion: Suggestion, name: str | None) -> Source:
    if name:
        found = SourceRegistry.from_session(session).exact(name)
        if found is None:
            raise UserError(f"suggestion {suggestion.id}: source {name!r} is not in the registry")
        return found
    if suggestion.source_id is None:
        who = suggestion.speaker or "the speaker"
        raise UserError(
            f"suggestion {suggestion.id}: {who!r} is not a known source; "
            "name one with --source (add it to sources.yaml first if it is new)"
        )
    source = session.get(Source, suggestion.source_id)
    assert source is not None
    return source


def _attribution(
    session: Session, suggestion: Suggestion, claim_id: str, source: Source
) -> Attribution:
    document = session.get(Document, suggestion.document)
    text = document.text if document else ""
    attribution = Attribution(
        claim_id=claim_id,
        source_id=_id(source.id),
        document_id=suggestion.document,
        quote=suggestion.quote,
        start=suggestion.start,
        end=suggestion.end,
        prefix=text[max(0, suggestion.start - CONTEXT_CHARS) : suggestion.start],
        suffix=text[suggestion.end : suggestion.end + CONTEXT_CHARS],
        hedge=suggestion.hedge,
    )
    session.add(attribution)
    return attribution


def _id(value: int | None) -> int:
    """A flushed row's primary key (rows read from or flushed to the database have one)."""
    if value is None:
        raise RuntimeError("row has no primary key; flush the session first")
    return value


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:6]) or "claim"


def accept(session: Session, suggestion_id: str, **edits: Any) -> Claim:
    """A new claim (and its first attribution) from the suggestion, with the analyst's edits.

    Edits: text, subject, stance, hedge, quantity (text), period (text), source (a
    registry name), claim_id, cumulative (for a new subject).
    """
    unknown = set(edits) - set(EDITABLE)
    if unknown:
        raise UserError(f"accept: cannot edit {', '.join(sorted(unknown))}")
    suggestion = find_suggestion(session, suggestion_id)
    source = _source(session, suggestion, edits.get("source"))
    stance = edits.get("stance") or "asserts"
    if stance not in ("asserts", "denies"):
        raise UserError(
            f"suggestion {suggestion.id}: stance must be asserts or denies, not {stance!r}"
        )
    subject = _subject(session, edits.get("subject") or suggestion.subject, edits.get("cumulative"))
    text = edits.get("text") or suggestion.quote
    # Named from the analyst's wording, else from its subject: never from the first
    # words of the sentence ("but-new-satellite-images-analyzed-by").
    named = edits.get("text") or subject.name
    claim_id = edits.get("claim_id") or f"{_slug(named)}-{suggestion.id[:4]}"
    if session.get(Claim, claim_id) is not None:
        raise UserError(f"suggestion {suggestion.id}: claim id {claim_id!r} already exists")
    document = session.get(Document, suggestion.document)
    quantity, period = _edited_figure(suggestion, edits, document)
    claim = Claim(
        id=claim_id,
        subject_id=_id(subject.id),
        text=text,
        stance=stance,
        hedge=edits["hedge"] if "hedge" in edits else suggestion.hedge,
    )
    _set_quantity(claim, quantity)
    _set_period(claim, period)
    session.add(claim)
    session.flush()
    _attribution(session, suggestion, claim.id, source)
    session.flush()
    return claim


def _edited_figure(
    suggestion: Suggestion, edits: dict[str, Any], document: Document | None
) -> tuple[Quantity | None, TimeSpan | None]:
    quantity = principal_quantity(suggestion.quantities)
    period = principal_period(suggestion.times, quantity)
    anchor = document_anchor(document) if document else None
    if edits.get("quantity"):
        reading = normalized(edits["quantity"], anchor)
        quantity = reading.quantities[0] if reading and reading.quantities else None
        if quantity is None:
            raise UserError(f"suggestion {suggestion.id}: no quantity in {edits['quantity']!r}")
    if edits.get("period"):
        reading = normalized(edits["period"], anchor)
        period = reading.times[0] if reading and reading.times else None
        if period is None:
            raise UserError(f"suggestion {suggestion.id}: no date or period in {edits['period']!r}")
    return quantity, period


def _subject(session: Session, name: str, cumulative: bool | None) -> Subject:
    subject = session.exec(select(Subject).where(Subject.name == name)).first()
    if subject is None:
        subject = Subject(name=name, cumulative=bool(cumulative))
        session.add(subject)
        session.flush()
    return subject


def _set_quantity(claim: Claim, q: Quantity | None) -> None:
    if q is None:
        return
    claim.quantity_text = q.text
    write_quantity(claim, q)


def _set_period(claim: Claim, t: TimeSpan | None) -> None:
    if t is None:
        return
    claim.period_text = t.text
    write_period(claim, t)


def attach(
    session: Session, suggestion_id: str, claim_id: str, source: str | None = None
) -> Attribution:
    """The suggestion as one more attribution of an existing claim."""
    suggestion = find_suggestion(session, suggestion_id)
    if session.get(Claim, claim_id) is None:
        raise UserError(f"suggestion {suggestion.id}: no claim {claim_id!r}")
    attribution = _attribution(session, suggestion, claim_id, _source(session, suggestion, source))
    session.flush()
    return attribution


def reject(session: Session, suggestion_id: str) -> RejectedSuggestion:
    """Never suggest this quote of this document again."""
    suggestion = find_suggestion(session, suggestion_id)
    row = RejectedSuggestion(
        document_id=suggestion.document,
        quote=suggestion.quote,
        start=suggestion.start,
        end=suggestion.end,
        analyst=current_analyst(),
        rejected_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    return row
