"""One claim edited in a large swept subject: patch the tallies, do not sweep again.

Only the edited claim's origins change their intervals, so another claim's tallies
(origins meeting it, origins entirely below or above it) can move only for those
origins, and only for claims that meet the claim's old or new interval, or whose
bounds lie between an origin's old and new extremes. Those candidates are found by
bisecting the claims sorted by lower and by upper bound; the edited claim itself is
measured against every origin once. Tallies are exact integers (``sweep.Tally``),
so the patched numbers are those a full sweep would give.

Disputed moments (``misreports``) are kept per origin that has one: its first-hand
reports and the discrepancies between them. An edit pairs the edited claim's reports
with the origin's others again, regroups the origin's moments, and looks for claims
whose standing against the origin flipped only where its ``Apart`` moved.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter

from tracker.scoring.apart import Apart, plain_apart
from tracker.scoring.compat import Bound
from tracker.scoring.context import Context, Prepared
from tracker.scoring.disputes import Disputes
from tracker.scoring.misreports import reports_of
from tracker.scoring.sweep import Tally, bounds, merge, tallies

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
        self.ctx = ctx
        self.carrying: dict[str, set[str]] = {}
        for p in members:
            for g in p.origins:
                self.carrying.setdefault(g, set()).add(p.claim.id)
        self.disputes: dict[str, Disputes] = {}
        for g, o in self.origins.items():
            if o.lowest_upper < o.highest_lower:  # two of its figures are apart
                self._dispute(g)
        unit = self.tally.unit
        self.raw = tallies(
            self.bounds_of,
            (
                (unit(g), o.piece_lows, o.piece_highs, o.lowest_upper, o.highest_lower,
                 d.apart if (d := self.disputes.get(g)) is not None else None)
                for g, o in self.origins.items()
            ),
        )  # fmt: skip
        self.by_lower = sorted((b[0], i) for i, b in self.bounds_of.items())
        self.by_upper = sorted((b[1], i) for i, b in self.bounds_of.items())
        self.numbers: dict[str, tuple[float, float]] = {}
        self._refinish(self.prepared)

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
        aparts_before = {g: self._apart(g) for g in touched}
        if old is not None and old_b is not None:
            self._unlist(cid, old_b, old.origins)
        self._list(cid, new_b, new.origins)
        self.prepared[cid] = new
        for g in touched:
            self._redispute(g, cid, new if g in new.origins else None)

        # Whether a touched origin meets a claim can flip only where its coverage changed
        # (inside the old or new interval, but often a sliver of it: the origin's other
        # claims cover the rest); whether it lies apart, only between its old and new
        # extremes. Only claims there are looked at. A claim for which some touched origin
        # changed standing has moved, even when two flips of one grade cancel in the tally
        # (one of them may be its own origin, which its contradiction leaves out).
        bounds_of = self.bounds_of
        shift: dict[str, list[int]] = {}
        for g in touched:
            unit, was, now = self.tally.unit(g), before[g], self.origins.get(g)
            meeting: set[str] = set()
            for piece in _uncovered(was, now) + _uncovered(now, was):
                meeting |= self._meeting(piece)
            meeting.discard(cid)
            for q in meeting:
                lc, uc = bounds_of[q]
                m = _meets(now, lc, uc) - _meets(was, lc, uc)
                if m:
                    shift.setdefault(q, [0, 0])[0] += unit * m
            a0, a1 = aparts_before[g], self._apart(g)
            if a0 == a1:
                continue
            apart = self._flippable(a0, a1)
            apart.discard(cid)
            for q in apart:
                lc, uc = bounds_of[q]
                a = a1.counts(lc, uc) - a0.counts(lc, uc)
                if a:
                    shift.setdefault(q, [0, 0])[1] += unit * a
        raw = self.raw
        for q, (d_meeting, d_apart) in shift.items():
            meeting_, apart_ = raw[q]
            raw[q] = (meeting_ + d_meeting, apart_ + d_apart)
        moved = set(shift)
        self.raw[cid] = self._against_every_origin(new_b)
        moved.add(cid)
        self._refinish(moved)
        return moved

    def regrade(
        self, units: dict[str, tuple[int, int]], carrying: Mapping[str, Prepared]
    ) -> set[str]:
        """Origins whose tally unit changed (a group's best grade moved), old and new
        unit; ``carrying`` the claims with a regraded origin of their own, their origins
        reordered. Each claim's tallies move by the difference for every such origin
        that meets it or lies apart from it, never the subject swept again. Returns the
        claims whose numbers moved, and those carrying."""
        self.tally.forget(units)
        self.prepared.update(carrying)
        regraded = [
            (o, self._apart(g) if g in self.disputes else None, new_unit - old_unit)
            for g, (old_unit, new_unit) in units.items()
            if (o := self.origins.get(g)) is not None and old_unit != new_unit
        ]
        if not regraded:
            return set()
        # Every claim meets an origin of its subject or lies apart from one of its claims
        # (in a gap between its pieces, or beyond them): one pass over the claims.
        unit, noisy_or = self.tally.unit, self.tally.noisy_or
        raw, numbers, by_id = self.raw, self.numbers, self.prepared
        moved = set()
        for q, (lc, uc) in self.bounds_of.items():
            d_meeting = d_apart = 0
            for o, disputed, delta in regraded:
                if o.meets(lc, uc):
                    d_meeting += delta
                if disputed is not None:
                    if disputed.counts(lc, uc):
                        d_apart += delta
                elif o.lowest_upper < lc or o.highest_lower > uc:
                    d_apart += delta
            if not d_meeting and not d_apart:
                continue
            meeting, apart = raw[q] = (raw[q][0] + d_meeting, raw[q][1] + d_apart)
            if q in carrying:  # its own units and primary voice moved: finished below
                continue
            # Its own origins and primary voice kept their units: only the side whose
            # tally moved is worked out again.
            p = by_id[q]
            corr, contr = numbers[q]
            if d_meeting:
                corr = noisy_or(meeting - unit(p.primary))
            if d_apart:
                for g in p.origins:  # the claim's own origins are no independent conflict
                    if self._counts(g, lc, uc):
                        apart -= unit(g)
                contr = noisy_or(apart)
            if numbers[q] != (corr, contr):  # most large subjects' claims stay saturated
                numbers[q] = (corr, contr)
                moved.add(q)
        self._refinish(carrying)
        return moved | carrying.keys()

    # -- internals -------------------------------------------------------------
    def _refinish(self, claims: Iterable[str]) -> None:
        """(corroboration, contradiction) of these claims from their raw tallies: what
        ``sweep.finish`` gives, in one loop (a regrade or an edit may move thousands)."""
        unit, noisy_or = self.tally.unit, self.tally.noisy_or
        prepared, raw, bounds_of, counts = self.prepared, self.raw, self.bounds_of, self._counts
        numbers = self.numbers
        for q in claims:
            p = prepared[q]
            meeting, apart = raw[q]
            lc, uc = bounds_of[q]
            for g in p.origins:  # the claim's own origins are no independent conflict
                if counts(g, lc, uc):
                    apart -= unit(g)
            numbers[q] = (noisy_or(meeting - unit(p.primary)), noisy_or(apart))

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

    def _against_every_origin(self, b: tuple[Bound, Bound]) -> tuple[int, int]:
        lc, uc = b
        meeting = apart = 0
        for g, o in self.origins.items():
            if o.meets(lc, uc):
                meeting += self.tally.unit(g)
            if self._counts(g, lc, uc):
                apart += self.tally.unit(g)
        return meeting, apart

    # -- misreports --------------------------------------------------------------
    def _apart(self, g: str) -> Apart:
        d = self.disputes.get(g)
        if d is not None:
            return d.apart
        o = self.origins.get(g)
        return plain_apart(o.lowest_upper, o.highest_lower) if o else Apart(-_INF, _INF)

    def _counts(self, g: str, lc: Bound, uc: Bound) -> bool:
        d = self.disputes.get(g)
        if d is not None:
            return d.apart.counts(lc, uc)
        return self.origins[g].apart(lc, uc)

    def _dispute(self, g: str) -> None:
        """Find origin g's disputed moments from nothing; kept only if it has one."""
        reports = {
            c: reports_of(self.prepared[c], g, 0, self.ctx) for c in self.carrying.get(g, ())
        }
        d = Disputes.found(reports, self.ctx, self.bounds_of)
        if d is None:
            self.disputes.pop(g, None)
        else:
            self.disputes[g] = d

    def _redispute(self, g: str, cid: str, new: Prepared | None) -> None:
        """Claim cid of origin g was removed, or replaced by ``new``: its reports paired
        with the origin's others again, the moments regrouped where that can change."""
        carrying = self.carrying.setdefault(g, set())
        if new is None:
            carrying.discard(cid)
            if not carrying:
                del self.carrying[g]
        else:
            carrying.add(cid)
        d = self.disputes.get(g)
        if d is None:
            o = self.origins.get(g)
            if o is not None and o.lowest_upper < o.highest_lower:
                self._dispute(g)
            return
        mine = reports_of(new, g, 0, self.ctx) if new is not None else None
        if not d.replace(cid, mine, self.ctx, self.bounds_of):
            del self.disputes[g]

    def _flippable(self, before: Apart, after: Apart) -> set[str]:
        """Claims whose standing may differ between two Aparts of one origin: bounds
        between the old and new thresholds, or inside a gap of one chain only."""
        found: set[str] = set()
        if before.above != after.above:  # "above" holds for lower bounds > it
            a, b = sorted((before.above, after.above))
            start = bisect_right(self.by_lower, a, key=_first)
            stop = bisect_right(self.by_lower, b, key=_first)
            found.update(claim for _, claim in self.by_lower[start:stop])
        if before.below != after.below:  # "below" holds for upper bounds < it
            a, b = sorted((before.below, after.below))
            start = bisect_left(self.by_upper, a, key=_first)
            stop = bisect_left(self.by_upper, b, key=_first)
            found.update(claim for _, claim in self.by_upper[start:stop])
        old, new = set(before.inner()), set(after.inner())
        bounds_of = self.bounds_of
        for a, b in old ^ new:  # claims inside: lower bound in (a, b), upper below b
            start = bisect_right(self.by_lower, a, key=_first)
            stop = bisect_left(self.by_lower, b, key=_first)
            found.update(c for _, c in self.by_lower[start:stop] if bounds_of[c][1] < b)
        return found


def _uncovered(a: _Origin | None, b: _Origin | None) -> list[tuple[Bound, Bound]]:
    """The parts of a's pieces that b's pieces do not cover, as closed intervals (ends
    b covers may be included: a superset is all a search for candidates needs)."""
    if a is None:
        return []
    pieces = list(zip(a.piece_lows, a.piece_highs, strict=True))
    if b is None:
        return pieces
    lows, highs = b.piece_lows, b.piece_highs
    found = []
    for lo, hi in pieces:
        k = bisect_left(highs, lo)  # the first of b's pieces that reaches lo
        at, overlapped = lo, False
        while k < len(lows) and lows[k] <= hi:
            if lows[k] > at:
                found.append((at, lows[k]))
            at, overlapped = max(at, highs[k]), True
            k += 1
        if not overlapped or at < hi:
            found.append((at, hi))
    return found


def _meets(o: _Origin | None, lc: Bound, uc: Bound) -> int:
    return int(o is not None and o.meets(lc, uc))
