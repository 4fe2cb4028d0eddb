"""The claims ``corroborated_by`` and ``contradicted_by`` name, for a swept subject,
without building every claim's explanation.

``explain`` names, per counted origin, the first claims (subject order, at most
``claims_shown_per_origin``) of that origin that support (or conflict with) the
claim: one comparison per member, so ``score --json``, which names them for every
claim, did n^2 comparisons. In a swept subject (plain overlap rule, see sweep.py)
supporting means intervals that meet and conflicting means intervals apart, so
per origin a tree over its claims in subject order, holding the lowest and
highest bounds under each node, finds the first few that meet (or miss) an
interval by descending only into nodes that can hold one: the same claims, in
about log n steps each.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.scoring.apart import Apart
from tracker.scoring.context import Context, Prepared
from tracker.scoring.misreports import unit_aparts
from tracker.scoring.sweep import bounds, sweepable

_INF = float("inf")


@dataclass
class _Tree:
    """One origin's claims in subject order; node i covers a range, children 2i and 2i+1."""

    ids: list[str]
    lows: list[float]
    highs: list[float]

    def __post_init__(self) -> None:
        size = 1
        while size < len(self.ids):
            size *= 2
        self.size = size
        self.min_low = [_INF] * (2 * size)
        self.max_low = [-_INF] * (2 * size)
        self.min_high = [_INF] * (2 * size)
        self.max_high = [-_INF] * (2 * size)
        for i, (lo, hi) in enumerate(zip(self.lows, self.highs, strict=True)):
            node = size + i
            self.min_low[node] = self.max_low[node] = lo
            self.min_high[node] = self.max_high[node] = hi
        for node in range(size - 1, 0, -1):
            a, b = 2 * node, 2 * node + 1
            self.min_low[node] = min(self.min_low[a], self.min_low[b])
            self.max_low[node] = max(self.max_low[a], self.max_low[b])
            self.min_high[node] = min(self.min_high[a], self.min_high[b])
            self.max_high[node] = max(self.max_high[a], self.max_high[b])

    def first(self, lo: float, hi: float, meeting: bool, want: int, skip: str) -> list[str]:
        """The first ``want`` claims (but ``skip``) meeting [lo, hi], or entirely apart.

        A node is entered only if some claim under it may qualify; at a leaf the same
        test is exact. Left before right: subject order."""
        out: list[str] = []
        min_low, max_high = self.min_low, self.max_high
        max_low, min_high = self.max_low, self.min_high
        size, count, ids = self.size, len(self.ids), self.ids
        stack = [1]
        while stack:
            node = stack.pop()
            if meeting:
                if min_low[node] > hi or max_high[node] < lo:
                    continue
            elif not (max_low[node] > hi or min_high[node] < lo):
                continue
            if node < size:
                stack.append(2 * node + 1)
                stack.append(2 * node)
                continue
            i = node - size
            if i < count and ids[i] != skip:  # past the last claim: padding
                out.append(ids[i])
                if len(out) >= want:
                    break
        return out


class NamedClaims:
    """Per claim of one swept subject, (corroborated_by, contradicted_by) as ``explain``
    would name them. ``box`` holds the subject's current members (engine.score_subject);
    the trees are built on first use, again after the subject changed, and not at all
    (None: ask the explanation) once it no longer follows the plain overlap rule."""

    def __init__(self, box: list[list[Prepared]], ctx: Context) -> None:
        self.box = box
        self.ctx = ctx
        self.cap = ctx.weights.claims_shown_per_origin
        self.trees: dict[str, _Tree] = {}
        self.built_for: list[Prepared] | None = None
        self.usable = False
        self.aparts: dict[str, Apart] = {}
        self.found: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def _build(self) -> None:
        members = self.box[0]
        self.built_for = members
        self.found = {}
        self.usable = bool(members) and sweepable(members)
        # Where each origin with a disputed moment counts (MISREPORT_SET_ASIDE): one it
        # does not count against a claim names none of its claims there, as explain.
        self.aparts = (
            unit_aparts(members, {q.claim.id: bounds(q) for q in members}, self.ctx)
            if self.usable
            else {}
        )
        spans: dict[str, tuple[list[str], list[float], list[float]]] = {}
        for q in members if self.usable else []:
            lo, hi = bounds(q)
            for g in q.origins:
                ids, lows, highs = spans.setdefault(g, ([], [], []))
                ids.append(q.claim.id)
                lows.append(lo)
                highs.append(hi)
        self.trees = {g: _Tree(*parts) for g, parts in spans.items()}

    def of(self, p: Prepared) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        if self.built_for is not self.box[0]:
            self._build()
        if not self.usable:
            return None
        if p.claim.id in self.found:
            return self.found[p.claim.id]
        lo, hi = bounds(p)
        own = p.claim.id
        support: dict[str, None] = {}
        conflict: dict[str, None] = {}
        for g in sorted(self.trees):
            tree = self.trees[g]
            if g != p.primary:
                # An own origin's list starts with the claim itself (explain's "own").
                want = self.cap - 1 if g in p.origins else self.cap
                support.update(dict.fromkeys(tree.first(lo, hi, True, want, own)))
            apart = self.aparts.get(g)
            if g not in p.origins and (apart is None or apart.counts(lo, hi)):
                conflict.update(dict.fromkeys(tree.first(lo, hi, False, self.cap, own)))
        self.found[p.claim.id] = (tuple(support), tuple(conflict))
        return self.found[p.claim.id]
