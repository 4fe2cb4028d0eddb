"""Dates, periods and quantities as intervals, relative to the article (DOMAIN §3).

``normalize(text, anchor)`` is the one entry point; ``quantities`` and
``times`` hold the two grammars. Core code: no Textual or Typer imports.

The grammars are loaded by ``normalize``'s first call, not by this package: a module
of it that needs neither (``direction``, read by ``tracker claims``) starts without
building them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from tracker.normalize.types import Anchor, Normalized, Quantity, TimeSpan

if TYPE_CHECKING:
    from tracker.normalize.quantities import QuantityMatch

__all__ = ["Anchor", "Normalized", "Quantity", "TimeSpan", "normalize"]


def normalize(text: str, anchor: Anchor | date | datetime | str) -> Normalized:
    """Every quantity and every date or period in ``text``, resolved against ``anchor``.

    A date is never also a quantity: numbers inside a time span ("Oct. 13,
    2023", "over the past two months") belong to the time. A quantity whose figure
    comes before the time but whose item or rate runs into it ("$4.1 billion a year
    earlier") keeps its figure and loses only the words the time took.
    """
    from tracker.normalize.quantities import find_quantity_matches
    from tracker.normalize.times import find_times

    if not isinstance(anchor, Anchor):
        anchor = Anchor.parse(anchor)
    times = find_times(text, anchor)
    taken = [(t.start, t.end) for t in times]
    quantities: list[Quantity] = []
    for match in find_quantity_matches(text) if isinstance(text, str) else []:
        q = match.quantity
        hit = [start for start, end in taken if q.start < end and start < q.end]
        if not hit:
            quantities.append(q)
        elif (kept := _before_time(text, match, min(hit))) is not None:
            quantities.append(kept)
    return Normalized(anchor=anchor, quantities=quantities, times=times)


def _before_time(text: str, match: QuantityMatch, time_start: int) -> Quantity | None:
    """The quantity cut where a time begins, when its figure lies wholly before the time."""
    q = match.quantity
    if match.core[1] > time_start or match.figure[0] < q.start:
        return None
    end = len(text[:time_start].rstrip())
    kept = text[q.start : end]
    item = q.item if q.item and q.item in text[match.core[1] : end] else None
    return replace(q, text=kept, end=end, item=item, per=None)
