"""Loading scoring inputs from the database in a few bulk queries, then scoring.

Each attribution's own figure is its quote normalized against its document's
publication date (the figure matching the claim's unit and item), so a reporting
discrepancy between outlets shows even where the claim's figure is one number.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from tracker.errors import UserError
from tracker.models import Attribution, Claim, Derivation, Document, Source, Subject
from tracker.provenance import (
    ClaimProvenance,
    Derivations,
    appearance_chain,
    attribution_origins,
    first_appearance,
    independence_groups,
)
from tracker.scoring.collector import collector_paused
from tracker.scoring.inputs import (
    AttributionIn,
    ClaimIn,
    DocumentIn,
    Figure,
    Period,
    ScoringInputs,
    SourceIn,
)
from tracker.scoring.results import CaseScores, ClaimScore
from tracker.scoring.scorer import Scorer, score_inputs
from tracker.scoring.weights import APPROX_TOLERANCE, DEFAULT_WEIGHTS, Weights

if TYPE_CHECKING:
    from tracker.normalize.types import Quantity

try:  # the hedge lexicon is SUGGEST's; scoring only needs it for unmarked quotes
    from tracker.suggest.hedges import find_hedge
except ImportError:  # pragma: no cover - only while that module is absent

    def find_hedge(text: str) -> str | None:
        return None


def figure_from_parts(
    value: float | None,
    low: float | None,
    high: float | None,
    low_open: bool,
    high_open: bool,
    qualifier: str | None,
    unit: str | None = None,
    item: str | None = None,
    per: str | None = None,
    text: str = "",
    tolerance: float = APPROX_TOLERANCE,
) -> Figure | None:
    """A claim's stored figure; bounds inferred from the qualifier when only a value
    was stored (approx: ±APPROX_TOLERANCE)."""
    qualifier = qualifier or "exact"
    if low is None and high is None:
        if value is None:
            return None
        v = value
        low, high = {
            "exact": (v, v),
            "approx": (v * (1 - tolerance), v * (1 + tolerance)),
            "at_least": (v, None),
            "more_than": (v, None),
            "at_most": (None, v),
            "less_than": (None, v),
            "nearly": (v * (1 - tolerance), v),
        }.get(qualifier, (v, v))
        low_open = qualifier == "more_than"
        high_open = qualifier in ("less_than", "nearly")
    return Figure(low, high, low_open, high_open, qualifier, value, unit, item, per, text)


def figure_of(row: Any) -> Figure | None:
    """The figure of a claim row (a Claim or a plain row with its ``qty_*`` columns)."""
    return figure_from_parts(
        row.qty_value,
        row.qty_low,
        row.qty_high,
        row.qty_low_open,
        row.qty_high_open,
        row.qty_qualifier,
        row.qty_unit,
        row.qty_item,
        row.qty_per,
        row.quantity_text or "",
    )


def claim_in(
    row: Any,
    subject: str,
    cumulative: bool,
    attributions: tuple[AttributionIn, ...] = (),
    figure: Figure | None = None,
) -> ClaimIn:
    """What scoring compares of a claim row (a Claim or a plain row of its columns)."""
    period = (
        Period(row.period_first, row.period_last or row.period_first, row.period_qualifier or "in")
        if row.period_first is not None
        else None
    )
    if figure is None:
        figure = figure_of(row)
    return ClaimIn(row.id, subject, row.stance, figure, period, cumulative, row.hedge, attributions)


@lru_cache(maxsize=65536)
def _quantities(quote: str, first: date | None, last: date | None) -> tuple[Quantity, ...]:
    """``normalize(quote, anchor).quantities``, with the costly part cached per quote.

    Parsing quantities does not depend on the anchor and is most of the cost; one quote
    is carried by many documents of different dates (syndication, one claim's several
    attributions), so it is parsed once. Only the time spans, which take their numbers
    away from the quantities (DOMAIN §3), are found per anchor, and only when there is
    a quantity to lose.
    """
    from tracker.normalize.times import find_times
    from tracker.normalize.types import Anchor

    found = _quantities_in(quote)
    if first is None or not found:
        return found
    anchor = Anchor(first, last or first, "interval")
    taken = [(t.start, t.end) for t in find_times(quote, anchor)]
    return tuple(q for q in found if not any(q.start < e and s < q.end for s, e in taken))


@lru_cache(maxsize=65536)
def _quantities_in(quote: str) -> tuple[Quantity, ...]:
    # Imported on first use: scoring in memory does not load the normalizer's grammars.
    from tracker.normalize.quantities import find_quantities

    return tuple(find_quantities(quote))


def _matching(quantities: tuple[Quantity, ...], claim: Figure) -> Quantity | None:
    """The quote's figure for the claim's measure: same unit (a count is never matched
    with a calibre or a distance), then shared item words, then the closest value."""

    def words(text: str | None) -> set[str]:
        return {w.rstrip("s") for w in (text or "").casefold().split()}

    def rank(q: Quantity) -> tuple[int, float]:
        shared = len(words(q.item) & words(claim.item))
        distance = abs((q.value or 0) - (claim.value or 0)) if claim.value is not None else 0
        return (-shared, distance)

    candidates = [
        q
        for q in quantities
        if (q.low is not None or q.high is not None) and (q.unit or None) == (claim.unit or None)
    ]
    return min(candidates, key=rank) if candidates else None


def load_inputs(
    session: Session, subject: str | None = None, outlet_figures: bool = True
) -> ScoringInputs:
    """The scoring inputs, in a few bulk queries. ``outlet_figures=False`` skips
    normalizing each quote (no value discrepancies then; hedges are still compared).

    What each outlet printed (an attribution's own figure, and its hedge read from the
    quote when none was stored) is only ever compared between two documents carrying one
    claim (``discrepancies``), so it is read only for claims carried by two or more
    documents: normalizing a quote is most of the cost of loading a case.
    """
    rows = list(session.exec(select(Source)).all())
    groups = independence_groups(rows)
    sources = {
        s.id: SourceIn(s.id, s.name, groups[s.id], s.reliability or "F")
        for s in rows
        if s.id is not None
    }
    outlet_names = {s.id: s.name for s in rows}
    derived: dict[str, list[str]] = {}
    for d in session.exec(select(Derivation)).all():
        derived.setdefault(d.document_id, []).append(d.derived_from_id)
    documents = {
        doc_id: DocumentIn(
            doc_id,
            outlet_names.get(outlet_id) if outlet_id is not None else None,
            first,
            last,
            tuple(sorted(derived.get(doc_id, ()))),
        )
        for doc_id, outlet_id, first, last in session.execute(
            # Only the columns scoring needs: never the documents' full text.
            sa_select(  # type: ignore[call-overload]
                Document.id, Document.outlet_id, Document.published_first, Document.published_last
            )
        ).all()
    }
    subjects = {s.id: s for s in session.exec(select(Subject)).all()}
    # Rows as plain tuples of the columns scoring reads: no ORM objects to build.
    c, a = Claim.__table__.c, Attribution.__table__.c  # type: ignore[attr-defined]
    claim_query = sa_select(
        c.id,
        c.subject_id,
        c.stance,
        c.hedge,
        c.quantity_text,
        c.qty_value,
        c.qty_low,
        c.qty_high,
        c.qty_low_open,
        c.qty_high_open,
        c.qty_qualifier,
        c.qty_unit,
        c.qty_item,
        c.qty_per,
        c.period_first,
        c.period_last,
        c.period_qualifier,
    )
    attribution_query = sa_select(
        a.id, a.claim_id, a.source_id, a.document_id, a.quote, a.hedge
    ).order_by(a.id)
    if subject is not None:
        wanted = [s for s in subjects.values() if s.name == subject]
        if not wanted:
            from tracker.subject_names import unknown_subject

            raise unknown_subject(subject, (s.name for s in subjects.values()))
        claim_query = claim_query.where(c.subject_id == wanted[0].id)
        attribution_query = attribution_query.where(
            a.claim_id.in_(sa_select(c.id).where(c.subject_id == wanted[0].id))
        )
    claims = session.execute(claim_query).all()
    by_claim: dict[str, list[Any]] = {}
    for row in session.execute(attribution_query).all():
        listed = by_claim.get(row[1])
        if listed is None:
            by_claim[row[1]] = [row]
        else:
            listed.append(row)

    subject_of = {s.id: (s.name, s.cumulative) for s in subjects.values()}
    result = []
    for row in claims:
        carried = by_claim.get(row.id, ())
        compared = len(carried) > 1 and len({a[3] for a in carried}) > 1
        figure = figure_of(row)
        attributions = []
        for attribution_id, _, source_id, document_id, quote, own_hedge in carried:
            own: Figure | None = None
            if compared:
                doc = documents.get(document_id)
                if outlet_figures and figure is not None and doc is not None:
                    first, last = doc.published_first, doc.published_last
                    q = _matching(_quantities(quote, first, last), figure)
                    own = Figure.from_quantity(q) if q is not None else None
                if own_hedge is None:
                    own_hedge = find_hedge(quote)
            attributions.append(
                AttributionIn(source_id, document_id, quote, own_hedge, own, attribution_id)
            )
        name, cumulative = subject_of[row.subject_id]
        result.append(claim_in(row, name, cumulative, tuple(attributions), figure))
    return ScoringInputs(sources, documents, tuple(result))


def score_case(
    session: Session, subject: str | None = None, weights: Weights = DEFAULT_WEIGHTS
) -> CaseScores:
    """Every claim's scores (or one subject's), from the database."""
    with collector_paused():
        return score_inputs(load_inputs(session, subject), weights)


def case_scorer(
    session: Session, subject: str | None = None, weights: Weights = DEFAULT_WEIGHTS
) -> Scorer:
    """``score_case``'s work, kept: a Scorer of the case (or of one subject), for a caller
    that reads more than the scores (the brief: each subject's misreports)."""
    with collector_paused():
        return Scorer(load_inputs(session, subject), weights)


def score_claim(session: Session, claim_id: str, weights: Weights = DEFAULT_WEIGHTS) -> ClaimScore:
    """One claim's scores, computed with the rest of its subject (and nothing else)."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise UserError(f"no claim with id {claim_id!r}")
    subject = session.get(Subject, claim.subject_id)
    assert subject is not None
    return score_case(session, subject.name, weights).claims[claim_id]


def refresh_subject(scorer: Scorer, session: Session, subject: str) -> set[str]:
    """After edits in the database (claims, attributions, sources, documents), rescore one
    subject of a running Scorer: sources and documents are refreshed, claims reloaded."""
    inputs = load_inputs(session, subject)
    affected = scorer.put_sources(inputs.sources.values())
    for document in inputs.documents.values():
        if scorer.documents.get(document.id) != document:
            affected |= scorer.put_document(document)
    return affected | scorer.replace_subject(subject, inputs.claims)


def claim_provenance(session: Session, claim_id: str) -> ClaimProvenance:
    """Origins, first appearance and appearance chain of one claim, from the database
    (here, above both the loader and ``tracker.provenance``, which needs no database)."""
    row = session.get(Claim, claim_id)
    if row is None:
        raise UserError(f"no claim with id {claim_id!r}")
    subject = session.get(Subject, row.subject_id)
    assert subject is not None
    inputs = load_inputs(session, subject.name, outlet_figures=False)
    claim = next(c for c in inputs.claims if c.id == claim_id)
    attributed = attribution_origins(claim, inputs.sources, Derivations(inputs.documents))
    return ClaimProvenance(
        claim_id,
        tuple(sorted({a.origin for a in attributed})),
        tuple(attributed),
        first_appearance(claim, inputs.documents),
        tuple(appearance_chain(claim, inputs.documents)),
    )
