"""One origin's disputed moments in a kept sweep (``sweep_edit``), kept so that an edit
regroups only what it can change.

The moments are the connected groups of reports that reporting discrepancies chain
(``misreports``). An edit takes a claim's reports out and puts its new ones in; when
they are the same reports (same documents) and every report they were discrepant with
still is, no moment can split, so the groups they touch are merged, and only the moments
and claims touched get a new star. Otherwise (a document changed, a discrepancy
dropped) the origin's moments are found again from its discrepancies.
"""

from __future__ import annotations

from collections.abc import Mapping

from tracker.scoring.apart import Apart, Span, Star, apart_of
from tracker.scoring.context import Context
from tracker.scoring.misreports import (
    Key,
    Report,
    alone,
    conflict,
    discrepant,
    grouped,
    key,
    moment_star,
    together,
)


class Disputes:
    """One origin's first-hand reports in a subject, the discrepancies between them, its
    moments with their stars, and the ``Apart`` they give."""

    __slots__ = ("apart", "group_of", "groups", "keys", "loose", "pairs", "reports", "stars")

    def __init__(self, reports: dict[str, list[Report]]) -> None:
        self.reports = reports  # claim id -> its first-hand reports of the origin
        self.pairs: dict[Key, set[Key]] = {}  # report -> the reports it is discrepant with
        self.keys: dict[Key, Key] = {}
        self.group_of: dict[Key, int] = {}  # a report in a disputed moment -> the moment
        self.groups: dict[int, set[Key]] = {}
        self.stars: dict[int, Star] = {}  # a disputed moment's
        self.loose: dict[str, Star] = {}  # a claim's own, when a report of it is in none
        self.apart = Apart(-_INF, _INF)

    @classmethod
    def found(
        cls, reports: dict[str, list[Report]], ctx: Context, bounds_of: Mapping[str, Span]
    ) -> Disputes | None:
        """The origin's disputes from nothing; None if it has no discrepancy."""
        pairs = discrepant([r for rs in reports.values() for r in rs], ctx)
        if not pairs:
            return None
        d = cls(reports)
        for x, y in pairs:
            d._pair(x, y)
        d._regroup(bounds_of)
        return d

    def replace(
        self, cid: str, mine: list[Report] | None, ctx: Context, bounds_of: Mapping[str, Span]
    ) -> bool:
        """Claim cid's reports are now ``mine`` (None: it left). False when the origin
        has no discrepancy left."""
        old_keys = {key(r) for r in self.reports.pop(cid, ())}
        old_mates: set[Key] = set()
        for k in old_keys:
            for m in self.pairs.pop(k, ()):
                old_mates.add(m)
                mates = self.pairs[m]
                mates.discard(k)
                if not mates:
                    del self.pairs[m]
        new_keys: set[Key] = set()
        if mine is not None:
            self.reports[cid] = mine
            new_keys = {key(r) for r in mine}
            for y in (r for c, rs in self.reports.items() if c != cid for r in rs):
                for x in mine:
                    if conflict(x, y) and together(x, y, ctx):
                        self._pair(x, y)
        if not self.pairs:
            return False
        new_mates = {m for k in new_keys for m in self.pairs.get(k, ())}
        if old_keys == new_keys and self._still_linked(old_mates - new_mates, new_keys):
            self._merge(cid, new_keys, old_mates | new_mates, bounds_of)
        else:
            self._regroup(bounds_of)
        return True

    # -- internals ---------------------------------------------------------------
    def _still_linked(self, lost: set[Key], keys: set[Key], budget: int = 256) -> bool:
        """Whether every report that lost its discrepancy with one of ``keys`` still
        reaches its old moment's reports (so no moment split): a short search from each
        toward ``keys`` or a report discrepant with them. False when unsure (more than
        ``budget`` reports looked at): the caller regroups."""
        if not lost:
            return True
        targets = set(keys) | {m for k in keys for m in self.pairs.get(k, ())}
        group = {self.group_of.get(k) for k in keys}
        for start in lost:
            if start not in self.pairs or self.group_of.get(start) not in group:
                return False  # left with no discrepancy, or moments not known to be one
            seen, frontier = {start}, [start]
            while frontier and targets.isdisjoint(frontier):
                if len(seen) > budget:
                    return False
                frontier = [m for k in frontier for m in self.pairs[k] if m not in seen]
                seen.update(frontier)
            if not frontier:
                return False
        return True

    def _pair(self, x: Report, y: Report) -> None:
        # One key object per report, however many discrepancies it is in.
        a, b = key(x), key(y)
        a, b = self.keys.setdefault(a, a), self.keys.setdefault(b, b)
        self.pairs.setdefault(a, set()).add(b)
        self.pairs.setdefault(b, set()).add(a)

    def _regroup(self, bounds_of: Mapping[str, Span]) -> None:
        """Every moment again (the discrepancies chain them), every star."""
        self.group_of, self.groups, self.stars = {}, {}, {}
        links = ((a, b) for a, mates in self.pairs.items() for b in mates)
        for n, group in enumerate(grouped(links)):
            self.group_of.update(dict.fromkeys(group, n))
            self.groups[n] = group
            self.stars[n] = _star(group, bounds_of)
        self.loose = {}
        for c in self.reports:
            self._reloose(c, bounds_of)
        self._reapart()

    def _merge(
        self, cid: str, keys: set[Key], mates: set[Key], bounds_of: Mapping[str, Span]
    ) -> None:
        """No moment split (every report that lost a discrepancy with cid's still reaches
        them): the moments of its reports and of their mates are one now, with a new star
        (cid's figure moved); a report of cid with no discrepancy left stands alone."""
        touched = {cid}
        for k in keys:
            if k in self.pairs:
                continue
            # A report of cid with no discrepancy left is a moment of its own now.
            gid = self.group_of.pop(k, None)
            if gid is not None:
                group = self.groups[gid]
                group.discard(k)
                if group:
                    self.stars[gid] = _star(group, bounds_of)
                else:
                    del self.groups[gid], self.stars[gid]
        linked = {k for k in keys if k in self.pairs} | mates
        if linked:
            joined = {k for k in linked if k not in self.group_of}
            ids = {self.group_of[k] for k in linked if k in self.group_of}
            base = max(ids, key=lambda i: len(self.groups[i])) if ids else self._fresh()
            merged = self.groups.setdefault(base, set())
            for gid in ids - {base}:
                for k in self.groups.pop(gid):
                    self.group_of[k] = base
                    merged.add(k)
                del self.stars[gid]
            for k in linked:
                self.group_of[k] = base
                merged.add(k)
            self.stars[base] = _star(merged, bounds_of)
            touched |= {c for c, _ in joined}  # claims whose report joined a moment
        for c in touched:
            self._reloose(c, bounds_of)
        self._reapart()

    def _fresh(self) -> int:
        return max(self.groups, default=-1) + 1

    def _reloose(self, c: str, bounds_of: Mapping[str, Span]) -> None:
        mine = self.reports.get(c)
        if mine is not None and alone(mine, self.group_of):
            lo, hi = bounds_of[c]
            self.loose[c] = (lo, hi, ())
        else:
            self.loose.pop(c, None)

    def _reapart(self) -> None:
        self.apart = apart_of([*self.stars.values(), *self.loose.values()])


def _star(group: set[Key], bounds_of: Mapping[str, Span]) -> Star:
    star = moment_star(group, bounds_of.get)
    assert star is not None  # every claim of a swept subject has an interval
    return star


_INF = float("inf")
