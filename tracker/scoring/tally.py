"""Origins as packed per-grade counts, and their noisy-or.

Sums are of *origin counts per grade*, packed into one int, not of floats: integer sums
are exact in any order, so the full sweep, the one-claim update in ``sweep_edit`` and
the pair loop reach bit-identical numbers for the same origins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.scoring.context import Context

DIGITS = 9  # scores are rounded so the sweep and the pairwise path agree
_GRADES = "ABCDEF"
_SLOT = 32  # bits per grade in a packed tally: up to 4 billion origins per grade


class Tally:
    """Origins as packed per-grade counts: an origin of grade k adds 1 << (32 * k)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._values: dict[int, float] = {}
        self._units: dict[str, int] = {}  # valid while grades stand: a Tally per scoring

    def unit(self, origin: str | None) -> int:
        if origin is None:
            return 0
        known = self._units.get(origin)
        if known is None:
            known = self._units[origin] = 1 << (_SLOT * _GRADES.index(self.ctx.grade(origin)))
        return known

    def noisy_or(self, packed: int) -> float:
        """1 - prod(1 - w) over the counted origins, rounded; memoized (few distinct tallies)."""
        known = self._values.get(packed)
        if known is not None:
            return known
        product, rest = 1.0, packed
        for grade in _GRADES:
            count = rest & ((1 << _SLOT) - 1)
            rest >>= _SLOT
            if count:
                product *= (1.0 - self.ctx.weights.weight(grade)) ** count
        value = round(max(0.0, 1.0 - product), DIGITS)
        self._values[packed] = value
        return value
