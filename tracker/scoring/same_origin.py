"""One origin in two claims of a subject: a reporting discrepancy, or a revision (issue 15).

- **Reporting discrepancy** (DOMAIN §4 property 5): two claims carried for one origin by
  different documents whose dates overlap (or one of which derives from the other), that
  cannot both be what the origin said (they conflict under scoring's rules, ``compat``),
  or that say the same thing with different hedges. The origin cannot have said both at
  once: an outlet misreported it. Listed on both claims; never a contradiction (a
  claim's own origins never count against it, ``scores.py``).
- **Revision**: the same origin with a new figure on a strictly later date (a running
  total over any period, another subject's figure over the same period): the origin
  changed its figure, nobody misreported it.

A pair of appearances inside one claim is ``discrepancies.py``'s (the analyst filed them
as one statement, so a different figure there is always a reporting fault).

Cost: appearances are grouped by origin first, and only origins carried by two claims
or more are looked at; inside one, a sweep over dates visits only the pairs whose dates
overlap, never every pair of the subject.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.dates_display import human_span
from tracker.provenance import AttributedOrigin, Derivations
from tracker.scoring.compat import CONFLICTS, SUPPORTS, relation
from tracker.scoring.context import Context, Prepared
from tracker.scoring.inputs import ClaimIn, DocumentIn, Figure
from tracker.scoring.results import AttributionRef, Discrepancy


@dataclass(frozen=True, slots=True)
class _Seen:
    """One appearance of a claim for one origin, with its document's dates."""

    p: Prepared
    a: AttributedOrigin
    first: date | None  # None: undated, which overlaps every date
    last: date | None


def _dates(doc: DocumentIn | None) -> tuple[date | None, date | None]:
    if doc is None or doc.published_first is None:
        return None, None
    return doc.published_first, doc.published_last or doc.published_first


def _words(f: Figure | None) -> str:
    if f is None:
        return "no figure"
    return f.text or f.describe()


def _carried_hedge(a: AttributedOrigin, claim: ClaimIn) -> str | None:
    # A claim read from one quote keeps that quote's hedge on the claim; with several,
    # the loader reads each appearance's own hedge (None there means "printed none").
    hedge = a.attribution.hedge
    if hedge is None and len(claim.attributions) == 1:
        hedge = claim.hedge
    cleaned = " ".join((hedge or "").casefold().split())
    return cleaned or None


def _same_statement(x: ClaimIn, y: ClaimIn) -> bool:
    fx, fy = x.figure, y.figure
    bounds = (
        (fx.low, fx.high, fx.low_open, fx.high_open, fx.unit, fx.per) if fx else None,
        (fy.low, fy.high, fy.low_open, fy.high_open, fy.unit, fy.per) if fy else None,
    )
    return x.stance == y.stance and bounds[0] == bounds[1] and x.period == y.period


def _ref(s: _Seen, ctx: Context) -> AttributionRef:
    at = s.a.attribution
    doc = ctx.documents.get(at.document_id)
    figure = at.figure if at.figure is not None else s.p.claim.figure
    return AttributionRef(
        attribution=at.id,
        source=ctx.source_name(at.source_id),
        document=at.document_id,
        outlet=doc.outlet if doc is not None else None,
        quote=at.quote,
        hedge=at.hedge,
        figure=figure.describe() if figure is not None else None,
        claim=s.p.claim.id,
    )


def _where(s: _Seen) -> str:
    return f"{s.a.attribution.document_id} ({human_span(s.first, s.last)}, claim {s.p.claim.id})"


def _verdict(x: _Seen, y: _Seen) -> tuple[str, str] | None:
    """(kind, detail) when the two appearances cannot both be what their origin said."""
    cx, cy = x.p.claim, y.p.claim
    kind, rule = relation(cx, cy)
    origin = x.a.origin
    if kind == CONFLICTS:
        if cx.stance != cy.stance:
            said = {"asserts": "asserting", "denies": "denying"}
            return "stance", (
                f"{origin} is carried as {said.get(cx.stance, cx.stance)} in {_where(x)} and "
                f"as {said.get(cy.stance, cy.stance)} in {_where(y)}, on dates that overlap"
            )
        return "value", (
            f"{origin}'s figure is carried as {_words(cx.figure)} in {_where(x)} and as "
            f"{_words(cy.figure)} in {_where(y)}, on dates that overlap ({rule})"
        )
    if kind == SUPPORTS and _same_statement(cx, cy):
        hx, hy = _carried_hedge(x.a, cx), _carried_hedge(y.a, cy)
        if hx != hy:
            return "hedge", (
                f"{origin} is carried with hedge {hx or 'none'!r} in {_where(x)} but "
                f"{hy or 'none'!r} in {_where(y)}"
            )
    return None


def cross_claim(members: Sequence[Prepared], ctx: Context) -> dict[str, tuple[Discrepancy, ...]]:
    """Claim id -> its reporting discrepancies with other claims of the subject (each pair
    listed on both claims, this claim's appearance first)."""
    by_origin: dict[str, list[Prepared]] = {}
    for p in members:
        for g in p.origins:
            listed = by_origin.get(g)
            if listed is None:
                by_origin[g] = [p]
            else:
                listed.append(p)
    found: dict[str, list[Discrepancy]] = {}
    documents = ctx.documents
    for origin, carriers in by_origin.items():
        if len(carriers) < 2:
            continue
        seen = []
        for p in carriers:
            for a in p.attributed:
                if a.origin == origin:
                    doc_id = (a.copied_from or a.attribution).document_id
                    seen.append(_Seen(p, a, *_dates(documents.get(doc_id))))
        for x, y in _pairs(seen, ctx):
            verdict = _verdict(x, y)
            if verdict is None:
                continue
            kind, detail = verdict
            rx, ry = _ref(x, ctx), _ref(y, ctx)
            found.setdefault(x.p.claim.id, []).append(
                Discrepancy(x.p.claim.id, origin, kind, rx, ry, detail)
            )
            mirrored = _verdict(y, x)
            assert mirrored is not None
            found.setdefault(y.p.claim.id, []).append(
                Discrepancy(y.p.claim.id, origin, kind, ry, rx, mirrored[1])
            )
    return {claim: tuple(sorted(ds, key=_order)) for claim, ds in found.items()}


def _order(d: Discrepancy) -> tuple:
    return (d.second.claim or "", d.kind, d.origin, d.first.document, d.second.document)


def _pairs(seen: list[_Seen], ctx: Context) -> Iterable[tuple[_Seen, _Seen]]:
    """Pairs of appearances of two claims in two documents that may be of one moment:
    dates that overlap (a sweep: only such pairs are visited), an undated one, or one
    document derived from the other."""
    dated = sorted((s for s in seen if s.first is not None), key=_start)
    undated = [s for s in seen if s.first is None]
    candidates: list[tuple[_Seen, _Seen]] = []
    active: list[_Seen] = []
    for s in dated:
        assert s.first is not None
        active = [x for x in active if x.last is not None and x.last >= s.first]
        candidates += [(x, s) for x in active]
        active.append(s)
    for i, u in enumerate(undated):
        candidates += [(u, s) for s in dated]
        candidates += [(u, v) for v in undated[i + 1 :]]
    by_document: dict[str, list[_Seen]] = {}
    for s in seen:
        by_document.setdefault(s.a.attribution.document_id, []).append(s)
    if len(by_document) > 1:
        ancestors = ctx.derivations.ancestors
        for s in dated:
            for d in ancestors(s.a.attribution.document_id):
                for x in by_document.get(d, ()):
                    if x.last is not None and x.last < s.first:  # type: ignore[operator]
                        candidates.append((x, s))  # apart in time, but s repeats x's document
    for x, y in candidates:
        if x.p is not y.p and x.a.attribution.document_id != y.a.attribution.document_id:
            yield (x, y) if x.p.claim.id <= y.p.claim.id else (y, x)


def _start(s: _Seen) -> tuple:
    return (s.first, s.last, s.p.claim.id, s.a.attribution.document_id)


# -- revisions --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Revision:
    """One origin's figure replaced by a new one on a strictly later date."""

    origin: str
    earlier: str  # claim ids
    later: str
    earlier_words: str  # the figure as reported ("about 10,000 troops")
    later_words: str
    earlier_dates: tuple[date, date]  # the claim's first appearance
    later_dates: tuple[date, date]

    def words(self) -> str:
        return (
            f"{self.origin}: {self.earlier_words} ({human_span(*self.earlier_dates)}) -> "
            f"{self.later_words} ({human_span(*self.later_dates)})"
        )

    def to_json(self) -> dict:
        return {
            "origin": self.origin,
            "earlier": {
                "claim": self.earlier,
                "figure": self.earlier_words,
                "first_appeared": [d.isoformat() for d in self.earlier_dates],
            },
            "later": {
                "claim": self.later,
                "figure": self.later_words,
                "first_appeared": [d.isoformat() for d in self.later_dates],
            },
            "words": self.words(),
        }


def first_dates(claim: ClaimIn, documents: Mapping[str, DocumentIn]) -> tuple[date, date] | None:
    """The interval of the claim's earliest document (by its first day), or None."""
    best: tuple[date, date] | None = None
    for a in claim.attributions:
        first, last = _dates(documents.get(a.document_id))
        if first is not None and last is not None and (best is None or (first, last) < best):
            best = (first, last)
    return best


def revisions(
    carried: Iterable[tuple[str, ClaimIn]],
    documents: Mapping[str, DocumentIn],
    derivations: Derivations | None = None,
) -> tuple[Revision, ...]:
    """Every revision among (origin, claim) pairs of one subject: per origin and measure
    (unit and rate; and period, unless the subject is a running total), its claims by
    first appearance, each new figure on a strictly later date than the one before."""
    series: dict[tuple, list[ClaimIn]] = {}
    for origin, claim in carried:
        f = claim.figure
        if f is None or claim.stance != "asserts":
            continue
        period = None if claim.cumulative or claim.period is None else claim.period
        key = (origin, f.unit, f.per, period)
        listed = series.get(key)
        if listed is None:
            series[key] = [claim]
        else:
            listed.append(claim)
    found = []
    for (origin, *_), claims in series.items():
        if len(claims) < 2:  # most: one figure per origin, no date to look up
            continue
        dated = [(when, c) for c in claims if (when := first_dates(c, documents)) is not None]
        dated.sort(key=lambda item: (item[0], item[1].id))
        for (when_a, a), (when_b, b) in zip(dated, dated[1:], strict=False):
            fa, fb = a.figure, b.figure
            assert fa is not None and fb is not None
            new = (fa.low, fa.high, fa.low_open, fa.high_open) != (
                fb.low,
                fb.high,
                fb.low_open,
                fb.high_open,
            )
            if new and when_b[0] > when_a[1] and not _repeats(b, a, derivations):
                found.append(Revision(origin, a.id, b.id, _words(fa), _words(fb), when_a, when_b))
    return tuple(sorted(found, key=lambda r: (r.origin, r.earlier_dates, r.earlier, r.later)))


def _repeats(later: ClaimIn, earlier: ClaimIn, derivations: Derivations | None) -> bool:
    """Whether a document carrying ``later`` derives from one carrying ``earlier``: then
    the later figure re-reports the earlier statement (a misreport), it is no revision."""
    if derivations is None:
        return False
    theirs = {a.document_id for a in earlier.attributions}
    return any(
        not theirs.isdisjoint(derivations.ancestors(a.document_id)) for a in later.attributions
    )


def claim_revisions(p: Prepared, members: Sequence[Prepared], ctx: Context) -> tuple[Revision, ...]:
    """The revisions of the claim's own origins in its subject that involve the claim."""
    mine = set(p.origins)
    carried = [(g, q.claim) for q in members for g in q.origins if g in mine]
    found = revisions(carried, ctx.documents, ctx.derivations)
    return tuple(r for r in found if p.claim.id in (r.earlier, r.later))
