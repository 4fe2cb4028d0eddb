"""MISREPORT_SET_ASIDE in large subjects under the plain overlap rule (issue 15).

An origin O conflicts with a claim X through one of O's claims B only if no claim A of
O in a reporting discrepancy with B (``same_origin``: another document on overlapping
dates, or one derived from the other, with a figure apart from B's) supports X. The
pair path (``pairs.pairwise``) applies it from ``same_origin.misreported``; a swept
subject finds the same discrepancies here with plain tuples (only origins whose own
figures are apart somewhere can have one), and sets aside, per claim, the origins the
rule excuses; the sweep takes them out of its conflict tallies.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from tracker.scoring.compat import lower, upper
from tracker.scoring.context import Context, Prepared
from tracker.scoring.same_origin import _dates

# One appearance: first day, last day, claim id, document id, the figure's low and high.
_App = tuple[date, date, str, str, float, float]
_Undated = tuple[None, None, str, str, float, float]


def _figure(p: Prepared) -> tuple[float, float]:
    f = p.claim.figure
    assert f is not None  # a swept subject: every claim asserts a figure
    return lower(f), upper(f)


def plain_misreports(
    members: Sequence[Prepared], ctx: Context, only: Prepared | None = None
) -> dict[str, dict[str, set[str]]]:
    """``same_origin.misreported`` for a ``sweepable`` subject. ``only``: just the
    discrepancies of that claim (a claim patched into a kept sweep)."""
    carriers: dict[str, list[Prepared]] = {}
    wanted = set(only.origins) if only is not None else None
    for p in members:
        for g in p.origins:
            if wanted is None or g in wanted:
                carriers.setdefault(g, []).append(p)
    out: dict[str, dict[str, set[str]]] = {}
    origins = only.origins if only is not None else tuple(carriers)
    for g in origins:
        carrying = carriers.get(g, ())
        if len(carrying) < 2:
            continue
        figures = [_figure(p) for p in carrying]
        if min(hi for _, hi in figures) >= max(lo for lo, _ in figures):
            continue  # every two of its figures meet: no discrepancy of figure
        apps: list = []
        for p, (lo, hi) in zip(carrying, figures, strict=True):
            for a in p.attributed:
                if a.origin == g:
                    doc = ctx.documents.get((a.copied_from or a.attribution).document_id)
                    first, last = _dates(doc)
                    apps.append((first, last, p.claim.id, a.attribution.document_id, lo, hi))
        mine = only.claim.id if only is not None else None
        for x, y in _together(apps, ctx):
            if x[2] == y[2] or x[3] == y[3]:
                continue
            if mine is not None and mine not in (x[2], y[2]):
                continue
            if x[5] < y[4] or y[5] < x[4]:
                out.setdefault(x[2], {}).setdefault(g, set()).add(y[2])
                out.setdefault(y[2], {}).setdefault(g, set()).add(x[2])
    return out


def _together(apps: list, ctx: Context) -> Iterable[tuple]:
    """Pairs of appearances that may be of one moment, as ``same_origin._pairs`` finds
    them: dates that overlap (a sweep), an undated one, one document derived from the
    other."""
    dated = sorted((s for s in apps if s[0] is not None), key=lambda s: (s[0], s[1], s[2], s[3]))
    undated = [s for s in apps if s[0] is None]
    active: list = []
    for s in dated:
        active = [x for x in active if x[1] >= s[0]]
        for x in active:
            yield x, s
        active.append(s)
    for i, u in enumerate(undated):
        for s in dated:
            yield u, s
        for v in undated[i + 1 :]:
            yield u, v
    by_document: dict[str, list] = {}
    for s in apps:
        by_document.setdefault(s[3], []).append(s)
    if len(by_document) > 1:
        ancestors = ctx.derivations.ancestors
        for s in dated:
            for d in ancestors(s[3]):
                for x in by_document.get(d, ()):
                    if x[1] is not None and x[1] < s[0]:
                        yield x, s


def plain_excused(
    members: Sequence[Prepared], misreports: Mapping[str, Mapping[str, set[str]]]
) -> dict[str, list[str]]:
    """claim id -> the origins MISREPORT_SET_ASIDE takes out of its conflicts, in a
    ``sweepable`` subject: the origin has a claim apart from it, and every such claim B
    has a discrepant claim A that meets it.

    Per origin, without visiting every (claim, B) pair: the B entirely below a claim X
    are those with B.hi < X.lo, and B is covered iff min{A.lo : A.hi >= X.lo} <= X.hi.
    As X.lo grows, Bs only join and each one's minimum only grows, so the worst over the
    Bs below X is a running maximum over sorted thresholds (and mirrored for the Bs
    above X, a running minimum of max{A.hi : A.lo <= X.hi}). A B with no discrepancy is
    never covered."""
    figure = {p.claim.id: _figure(p) for p in members}
    carriers: dict[str, list[str]] = {}
    origins_of = {}
    for p in members:
        origins_of[p.claim.id] = p.origins
        for g in p.origins:
            carriers.setdefault(g, []).append(p.claim.id)
    ordered = sorted((figure[c][0], c) for c in figure)
    out: dict[str, list[str]] = {}
    for g, discrepant in by_origin(misreports).items():
        for x in Excuser(g, carriers[g], discrepant, figure).excused(figure, ordered, origins_of):
            out.setdefault(x, []).append(g)
    return out


def by_origin(misreports: Mapping[str, Mapping[str, set[str]]]) -> dict[str, dict[str, set[str]]]:
    """origin -> claim -> its discrepant claims (``misreports`` turned inside out)."""
    out: dict[str, dict[str, set[str]]] = {}
    for claim, per_origin in misreports.items():
        for g, others in per_origin.items():
            out.setdefault(g, {})[claim] = others
    return out


class Excuser:
    """One origin's claims and discrepancies, read as: is it set aside for a claim with
    figure [lo, hi]? Built once per origin (again when an edit touches it)."""

    __slots__ = ("above", "below", "cap_low", "floor_high", "least_high", "most_low", "origin")

    def __init__(
        self,
        g: str,
        claims: Sequence[str],
        discrepant: Mapping[str, set[str]],
        figure: Mapping[str, tuple[float, float]],
    ) -> None:
        self.origin = g
        self.least_high = min(figure[c][1] for c in claims)
        self.most_low = max(figure[c][0] for c in claims)
        plain = [figure[c] for c in claims if c not in discrepant]
        # A claim of the origin without a discrepancy must not be apart from X.
        self.cap_low = min((hi for _, hi in plain), default=_INF)
        self.floor_high = max((lo for lo, _ in plain), default=-_INF)
        self.below = _below(claims, discrepant, figure)
        self.above = _above(claims, discrepant, figure)

    def excuses(self, lo: float, hi: float) -> bool:
        """For a claim not carrying the origin."""
        if self.cap_low < lo or hi < self.floor_high:
            return False  # a claim of the origin without a discrepancy is apart from it
        if not (self.least_high < lo or hi < self.most_low):
            return False  # none of the origin's claims is apart from it
        # No A meets nothing: +inf (-inf) is a B without any, never a real A.lo (A.hi).
        at, worst = self.below
        w = worst[bisect_left(at, lo)]
        if w > hi or w == _INF:
            return False
        at, worst = self.above
        w = worst[bisect_right(at, hi)]
        return not (w < lo or w == -_INF)

    def excused(
        self,
        figure: Mapping[str, tuple[float, float]],
        ordered: Sequence[tuple[float, str]],
        origins_of: Mapping[str, tuple[str, ...]],
    ) -> list[str]:
        """The claims it is set aside for; ``ordered``: (low, claim id) of every claim
        of the subject, sorted."""
        out = []
        g, excuses = self.origin, self.excuses
        for k in range(bisect_right(ordered, (self.cap_low, "\U0010ffff"))):
            x = ordered[k][1]
            lo, hi = figure[x]
            if excuses(lo, hi) and g not in origins_of[x]:
                out.append(x)
        return out


_INF = float("inf")


def _below(
    claims: Sequence[str], discrepant: Mapping[str, set[str]], figure: Mapping[str, tuple]
) -> tuple[list[float], list[float]]:
    """Thresholds h (sorted) and, at index k, the worst min{A.lo : A.hi >= t} over the
    Bs with B.hi < t for t just above the first k thresholds; index 0: none yet."""
    events: list[tuple[float, float]] = []
    for b in claims:
        b_hi = figure[b][1]
        partners = sorted((figure[a] for a in discrepant.get(b, ())), key=lambda f: f[1])
        # Suffix minima of A.lo by A.hi: the value once every A with A.hi <= h is gone.
        best, values = _INF, []
        for a_lo, a_hi in reversed(partners):
            values.append((a_hi, best))
            best = min(best, a_lo)
        events.append((b_hi, min((a_lo for a_lo, a_hi in partners if a_hi > b_hi), default=_INF)))
        events += [(a_hi, after) for a_hi, after in values if a_hi > b_hi]
    events.sort()
    at, worst, running = [], [-_INF], -_INF
    for h, value in events:
        running = max(running, value)
        at.append(h)
        worst.append(running)
    return at, worst


def _above(
    claims: Sequence[str], discrepant: Mapping[str, set[str]], figure: Mapping[str, tuple]
) -> tuple[list[float], list[float]]:
    """Thresholds l (sorted) and, at index k, the worst max{A.hi : A.lo <= s} over the
    Bs with B.lo > s, for s below the thresholds from index k on (suffix minima)."""
    events: list[tuple[float, float]] = []
    for b in claims:
        b_lo = figure[b][0]
        partners = sorted(figure[a] for a in discrepant.get(b, ()))
        # Prefix maxima of A.hi by A.lo: the value once every A with A.lo >= l is gone.
        best, values = -_INF, []
        for a_lo, a_hi in partners:
            values.append((a_lo, best))
            best = max(best, a_hi)
        events.append((b_lo, max((a_hi for a_lo, a_hi in partners if a_lo < b_lo), default=-_INF)))
        events += [(a_lo, before) for a_lo, before in values if a_lo < b_lo]
    events.sort()
    at = [threshold for threshold, _ in events]
    worst, running = [_INF] * (len(events) + 1), _INF
    for k in range(len(events) - 1, -1, -1):
        running = min(running, events[k][1])
        worst[k] = running
    return at, worst
