"""How a reporting discrepancy between two claims of one origin reads (``same_origin.py``
finds them): which appearance, where and when, and what each carried.

The same dates and figures recur across the many pairs of a busy subject: each is worded
once per scoring (``Wording``, kept with the rest of ``same_origin``'s store on the
Context), and each appearance's words once, when it is first listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.dates_display import human_span
from tracker.scoring.compat import relation
from tracker.scoring.context import Context
from tracker.scoring.discrepancies import attribution_ref
from tracker.scoring.inputs import Figure
from tracker.scoring.results import AttributionRef

if TYPE_CHECKING:
    from tracker.scoring.same_origin import Seen

_SAID = {"asserts": "asserting", "denies": "denying"}


class Wording:
    """The dates and figures one scoring has worded so far."""

    __slots__ = ("described", "spans")

    def __init__(self) -> None:
        self.spans: dict[tuple, str] = {}
        self.described: dict[Figure, str] = {}


def ref(s: Seen, ctx: Context, words: Wording) -> AttributionRef:
    """How the discrepancy points at the appearance: with its own figure, or else its
    claim's (between claims, the claim's figure is what differs)."""
    if s.ref is None:
        at = s.a.attribution
        figure = at.figure if at.figure is not None else s.p.claim.figure
        worded = _describe(figure, words) if figure is not None else None
        s.ref = attribution_ref(s.a, ctx, s.p.claim.id, worded)
    return s.ref


def detail(kind: str, x: Seen, y: Seen, words: Wording) -> str:
    origin, cx, cy = x.a.origin, x.p.claim, y.p.claim
    wx, wy = _where(x, words), _where(y, words)
    if kind == "stance":
        return (
            f"{origin} is carried as {_SAID.get(cx.stance, cx.stance)} in {wx} and as "
            f"{_SAID.get(cy.stance, cy.stance)} in {wy}, on dates that overlap"
        )
    if kind == "value":
        return (
            f"{origin}'s figure is carried as {_said(x, words)} in {wx} and as "
            f"{_said(y, words)} in {wy}, on dates that overlap "
            f"({relation(cx, cy)[1]})"
        )
    hx, hy = x.hedge, y.hedge
    return f"{origin} is carried with hedge {hx or 'none'!r} in {wx} but {hy or 'none'!r} in {wy}"


def _where(s: Seen, words: Wording) -> str:
    if s.where is None:
        doc, span = s.a.attribution.document_id, _span((s.first, s.last), words)
        s.where = f"{doc} ({span}, claim {s.p.claim.id})"
    return s.where


def _said(s: Seen, words: Wording) -> str:
    if s.said is None:
        f = s.p.claim.figure
        s.said = "no figure" if f is None else (f.text or _describe(f, words))
    return s.said


def _span(dates: tuple, words: Wording) -> str:
    spans = words.spans
    known = spans.get(dates)
    if known is None:
        known = spans[dates] = human_span(*dates)
    return known


def _describe(f: Figure, words: Wording) -> str:
    described = words.described
    known = described.get(f)
    if known is None:
        known = described[f] = f.describe()
    return known
