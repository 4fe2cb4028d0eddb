"""Quantities: numerals in digits and words, qualifiers, ranges, units, items, rates."""

from __future__ import annotations

from tracker.normalize.types import Quantity


def find_quantities(text: str) -> list[Quantity]:
    raise NotImplementedError
