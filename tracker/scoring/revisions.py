"""Revisions: one origin's figure replaced by a new one on a strictly later date (issue 15).

A running total over any period, or another subject's figure over the same period, given
anew by the same origin later on: the origin changed its figure, nobody misreported it.
Two claims of one origin whose dates overlap are ``same_origin.py``'s (a reporting
discrepancy); a later figure in a document derived from the earlier one re-reports it,
and is no revision either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.dates_display import human_span
from tracker.provenance import Derivations
from tracker.scoring.context import Context, Prepared
from tracker.scoring.inputs import ClaimIn, DocumentIn, Figure


def document_dates(doc: DocumentIn | None) -> tuple[date | None, date | None]:
    """The days a document was published over, or (None, None) when undated."""
    if doc is None or doc.published_first is None:
        return None, None
    return doc.published_first, doc.published_last or doc.published_first


def _words(f: Figure | None) -> str:
    if f is None:
        return "no figure"
    return f.text or f.describe()


@dataclass(frozen=True, slots=True)
class Revision:
    """One origin's figure replaced by a new one on a strictly later date."""

    origin: str
    earlier: str  # claim ids
    later: str
    earlier_figure: Figure
    later_figure: Figure
    earlier_dates: tuple[date, date]  # the claim's first appearance
    later_dates: tuple[date, date]

    @property
    def earlier_words(self) -> str:
        """The figure as reported ("about 10,000 troops"), made when shown."""
        return _words(self.earlier_figure)

    @property
    def later_words(self) -> str:
        return _words(self.later_figure)

    def words(self, arrow: str = "->") -> str:
        return (
            f"{self.origin}: {self.earlier_words} ({human_span(*self.earlier_dates)}) {arrow} "
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
        first, last = document_dates(documents.get(a.document_id))
        if first is not None and last is not None and (best is None or (first, last) < best):
            best = (first, last)
    return best


def revisions(
    carried: Iterable[tuple[str, ClaimIn]],
    documents: Mapping[str, DocumentIn],
    derivations: Derivations | None = None,
    latest: int | None = None,
) -> tuple[Revision, ...]:
    """Every revision among (origin, claim) pairs of one subject: per origin and measure
    (unit and rate; and period, unless the subject is a running total), its claims by
    first appearance, each new figure on a strictly later date than the one before.
    ``latest``: only the last so many of each series (a subject's account)."""
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
        kept = 0
        for i in range(len(dated) - 1, 0, -1):  # latest first, to stop at ``latest``
            (when_a, a), (when_b, b) = dated[i - 1], dated[i]
            fa, fb = a.figure, b.figure
            assert fa is not None and fb is not None
            new = (fa.low, fa.high, fa.low_open, fa.high_open) != (
                fb.low,
                fb.high,
                fb.low_open,
                fb.high_open,
            )
            if new and when_b[0] > when_a[1] and not _repeats(b, a, derivations):
                found.append(Revision(origin, a.id, b.id, fa, fb, when_a, when_b))
                kept += 1
                if latest is not None and kept >= latest:
                    break
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
