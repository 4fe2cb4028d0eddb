"""Origins as packed per-grade counts, and their noisy-or.

Sums are of *origin counts per grade*, packed into one int, not of floats: integer sums
are exact in any order, so the full sweep, the one-claim update in ``sweep_edit`` and
the pair loop reach bit-identical numbers for the same origins.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.scoring.context import Context

DIGITS = 9  # scores are rounded so the sweep and the pairwise path agree
_GRADES = "ABCDEF"
_SLOT = 32  # bits per grade in a packed tally: up to 4 billion origins per grade
_MASK = (1 << _SLOT) - 1


def unit_of(grade: str) -> int:
    """The packed tally of one origin of this grade."""
    return 1 << (_SLOT * _GRADES.index(grade))


class Tally:
    """Origins as packed per-grade counts: an origin of grade k adds 1 << (32 * k)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        # The noisy-or of a packed tally depends on the weights per grade only: one memo
        # for every Tally of a Context (the Scorer's sweeps, its pair loop, after regrades).
        self._values: dict[int, float] = ctx.noisy_or_values
        self._keeps = [1.0 - ctx.weights.weight(grade) for grade in _GRADES]
        self._units: dict[str, int] = {}  # valid while grades stand (``forget``)

    def unit(self, origin: str | None) -> int:
        if origin is None:
            return 0
        known = self._units.get(origin)
        if known is None:
            known = self._units[origin] = unit_of(self.ctx.grade(origin))
        return known

    def forget(self, origins: Iterable[str]) -> None:
        """These origins' grades changed: their units are read again (the noisy-or of a
        packed tally depends on the weights per grade only, and stays)."""
        for origin in origins:
            self._units.pop(origin, None)

    def noisy_or(self, packed: int) -> float:
        """1 - prod(1 - w) over the counted origins, rounded; memoized (few distinct tallies)."""
        known = self._values.get(packed)
        if known is not None:
            return known
        product, rest = 1.0, packed
        for keep in self._keeps:
            count = rest & _MASK
            rest >>= _SLOT
            if count:
                product *= keep**count
        value = round(max(0.0, 1.0 - product), DIGITS)
        self._values[packed] = value
        return value
