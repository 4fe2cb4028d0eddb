"""Dates, periods and quantities as intervals, relative to the article (DOMAIN §3).

``normalize(text, anchor)`` is the one entry point; ``quantities`` and
``times`` hold the two grammars. Core code: no Textual or Typer imports.
"""

from __future__ import annotations

from datetime import date, datetime

from tracker.normalize.quantities import find_quantities
from tracker.normalize.times import find_times
from tracker.normalize.types import Anchor, Normalized, Quantity, TimeSpan

__all__ = ["Anchor", "Normalized", "Quantity", "TimeSpan", "normalize"]


def normalize(text: str, anchor: Anchor | date | datetime | str) -> Normalized:
    """Every quantity and every date or period in ``text``, resolved against ``anchor``.

    A date is never also a quantity: numbers inside a time span ("Oct. 13,
    2023", "over the past two months") belong to the time.
    """
    if not isinstance(anchor, Anchor):
        anchor = Anchor.parse(anchor)
    times = find_times(text, anchor)
    taken = [(t.start, t.end) for t in times]
    quantities = [
        q
        for q in find_quantities(text)
        if not any(q.start < end and start < q.end for start, end in taken)
    ]
    return Normalized(anchor=anchor, quantities=quantities, times=times)
