"""Resolving one date atom against the anchor: the dispatch from pattern kind to handler.

Handlers live in ``dates_absolute`` (named on the calendar) and ``dates_relative``
(relative to the anchor, with the documented windows for vague words).
"""

from __future__ import annotations

import re

from tracker.normalize.dates_absolute import ABSOLUTE
from tracker.normalize.dates_relative import RELATIVE, shift, starting_length
from tracker.normalize.dates_resolve import Resolved, day_in_month
from tracker.normalize.types import Anchor

__all__ = ["Resolved", "day_in_month", "resolve", "shift", "starting_length"]

_HANDLERS = ABSOLUTE | RELATIVE


def resolve(kind: str, m: re.Match[str], anchor: Anchor, direction: str) -> Resolved | None:
    """The interval of one atom, or None when the match is not a date after all."""
    return _HANDLERS[kind](m, anchor, direction)
