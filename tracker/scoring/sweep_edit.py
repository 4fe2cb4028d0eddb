"""One claim edited in a large swept subject: patch the tallies, do not sweep again.

Only the edited claim's origins change their intervals, so another claim's tallies
(origins meeting it, origins entirely below or above it) can move only for those
origins, and only for claims that meet the claim's old or new interval, or whose
bounds lie between an origin's old and new extremes. Those candidates are found by
bisecting the claims sorted by lower and by upper bound; the edited claim itself is
measured against every origin once. Tallies are exact integers (``sweep.Tally``),
so the patched numbers are those a full sweep would give.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from operator import itemgetter

from tracker.scoring.compat import Bound
from tracker.scoring.context import Context, Prepared
from tracker.scoring.sweep import Tally, bounds, finish, merge, raw_sweep

_INF = float("inf")
_first = itemgetter(0)


@dataclass(slots=True)
class _Origin:
    """One origin's claims in the subject: sorted intervals, merged pieces, extremes."""

    spans: list[tuple[Bound, Bound]]
    piece_lows: list[Bound]
    piece_highs: list[Bound]
    lowest_upper: Bound
    highest_lower: Bound

    @classmethod
    def of(cls, spans: list[tuple[Bound, Bound]]) -> _Origin:
        pieces, lowest_upper, highest_lower = merge(spans)
        return cls(spans, [p[0] for p in pieces], [p[1] for p in pieces], lowest_upper,
                   highest_lower)  # fmt: skip

    def meets(self, lc: Bound, uc: Bound) -> bool:
        i = bisect_right(self.piece_lows, uc) - 1
        return i >= 0 and self.piece_highs[i] >= lc

    def apart(self, lc: Bound, uc: Bound) -> bool:
        return self.lowest_upper < lc or self.highest_lower > uc


class SweptSubject:
    """A large subject's sweep, kept so that one edit costs O(k log n), not O(n log n)."""

    def __init__(self, members: list[Prepared], ctx: Context) -> None:
        self.tally = Tally(ctx)
        first = members[0].claim
        assert first.figure is not None
        self.key = (first.figure.unit, first.figure.per, first.period)
        self.prepared = {p.claim.id: p for p in members}
        self.bounds_of = {p.claim.id: bounds(p) for p in members}
        spans: dict[str, list[tuple[Bound, Bound]]] = {}
        for p in members:
            for g in p.origins:
                spans.setdefault(g, []).append(self.bounds_of[p.claim.id])
        self.origins = {g: _Origin.of(sorted(s)) for g, s in spans.items()}
        self.raw = raw_sweep(members, self.tally)
        self.by_lower = sorted((b[0], i) for i, b in self.bounds_of.items())
        self.by_upper = sorted((b[1], i) for i, b in self.bounds_of.items())
        self.numbers = {p.claim.id: self._finish(p) for p in members}

    def fits(self, p: Prepared) -> bool:
        """Can this claim join the subject without leaving the plain overlap rule?"""
        c = p.claim
        return (
            c.stance == "asserts"
            and not c.cumulative
            and c.figure is not None
            and (c.figure.unit, c.figure.per, c.period) == self.key
        )

    def put(self, new: Prepared) -> set[str]:
        """Add or replace one claim; returns the claims whose numbers may have moved
        (always including the claim itself). The caller checks ``fits`` first."""
        cid = new.claim.id
        old = self.prepared.get(cid)
        old_b = self.bounds_of.get(cid)
        new_b = bounds(new)
        touched = set(new.origins) | set(old.origins if old is not None else ())
        before = {g: self.origins.get(g) for g in touched}
        if old is not None and old_b is not None:
            self._unlist(cid, old_b, old.origins)
        self._list(cid, new_b, new.origins)
        self.prepared[cid] = new

        candidates = self._meeting(new_b)
        if old_b is not None:
            candidates |= self._meeting(old_b)
        for g in touched:
            candidates |= self._between_extremes(before[g], self.origins.get(g))
        candidates.discard(cid)
        changes = [(self.tally.unit(g), before[g], self.origins.get(g)) for g in touched]
        # A claim for which no touched origin changed standing keeps its numbers.
        moved = {q for q in candidates if self._patch(q, changes)}
        self.raw[cid] = self._against_every_origin(new_b)
        moved.add(cid)
        for q in moved:
            self.numbers[q] = self._finish(self.prepared[q])
        return moved

    # -- internals -------------------------------------------------------------
    def _finish(self, p: Prepared) -> tuple[float, float]:
        lc, uc = self.bounds_of[p.claim.id]
        meeting, apart = self.raw[p.claim.id]
        return finish(p, meeting, apart, lc, uc, self.tally, self._apart)

    def _apart(self, g: str, lc: Bound, uc: Bound) -> bool:
        return self.origins[g].apart(lc, uc)

    def _unlist(self, cid: str, b: tuple[Bound, Bound], origins: tuple[str, ...]) -> None:
        del self.by_lower[bisect_left(self.by_lower, (b[0], cid))]
        del self.by_upper[bisect_left(self.by_upper, (b[1], cid))]
        for g in origins:
            spans = self.origins[g].spans
            del spans[bisect_left(spans, b)]
            if spans:
                self.origins[g] = _Origin.of(spans)
            else:
                del self.origins[g]
        del self.bounds_of[cid]

    def _list(self, cid: str, b: tuple[Bound, Bound], origins: tuple[str, ...]) -> None:
        insort(self.by_lower, (b[0], cid))
        insort(self.by_upper, (b[1], cid))
        for g in origins:
            known = self.origins.get(g)
            spans = known.spans if known is not None else []
            insort(spans, b)
            self.origins[g] = _Origin.of(spans)
        self.bounds_of[cid] = b

    def _meeting(self, b: tuple[Bound, Bound]) -> set[str]:
        """Claims whose interval meets b: lower bound <= b's upper and upper >= b's lower."""
        lo, hi = b
        n_low = bisect_right(self.by_lower, hi, key=_first)
        n_high = len(self.by_upper) - bisect_left(self.by_upper, lo, key=_first)
        if n_low <= n_high:
            return {i for _, i in self.by_lower[:n_low] if self.bounds_of[i][1] >= lo}
        if not n_high:
            return set()
        return {i for _, i in self.by_upper[-n_high:] if self.bounds_of[i][0] <= hi}

    def _between_extremes(self, before: _Origin | None, after: _Origin | None) -> set[str]:
        """Claims for which "this origin has a claim entirely below (above) it" may flip:
        their lower (upper) bound lies between the origin's old and new extremes."""
        lu0, hl0 = (before.lowest_upper, before.highest_lower) if before else (_INF, -_INF)
        lu1, hl1 = (after.lowest_upper, after.highest_lower) if after else (_INF, -_INF)
        found: set[str] = set()
        if lu0 != lu1:  # "below" holds for lower bounds > lowest_upper
            a, b = min(lu0, lu1), max(lu0, lu1)
            start = bisect_right(self.by_lower, a, key=_first)
            stop = bisect_right(self.by_lower, b, key=_first)
            found.update(claim for _, claim in self.by_lower[start:stop])
        if hl0 != hl1:  # "above" holds for upper bounds < highest_lower
            a, b = min(hl0, hl1), max(hl0, hl1)
            start = bisect_left(self.by_upper, a, key=_first)
            stop = bisect_left(self.by_upper, b, key=_first)
            found.update(claim for _, claim in self.by_upper[start:stop])
        return found

    def _patch(self, q: str, changes: list[tuple[int, _Origin | None, _Origin | None]]) -> bool:
        """Move q's tallies by the touched origins' change; True if any origin's standing
        for q flipped (two flips of one grade can cancel in the tally, yet one of them may
        be q's own origin, which its contradiction leaves out)."""
        lc, uc = self.bounds_of[q]
        d_meeting = d_apart = 0
        flipped = False
        for unit, old, new in changes:
            m = _meets(new, lc, uc) - _meets(old, lc, uc)
            a = _apart(new, lc, uc) - _apart(old, lc, uc)
            if m or a:
                flipped = True
                d_meeting += unit * m
                d_apart += unit * a
        if flipped:
            meeting, apart = self.raw[q]
            self.raw[q] = (meeting + d_meeting, apart + d_apart)
        return flipped

    def _against_every_origin(self, b: tuple[Bound, Bound]) -> tuple[int, int]:
        lc, uc = b
        meeting = apart = 0
        for g, o in self.origins.items():
            if o.meets(lc, uc):
                meeting += self.tally.unit(g)
            if o.apart(lc, uc):
                apart += self.tally.unit(g)
        return meeting, apart


def _meets(o: _Origin | None, lc: Bound, uc: Bound) -> int:
    return int(o is not None and o.meets(lc, uc))


def _apart(o: _Origin | None, lc: Bound, uc: Bound) -> int:
    return int(o is not None and o.apart(lc, uc))
