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
    members: Sequence[Prepared],
    ctx: Context,
    only: Prepared | None = None,
    figure: Mapping[str, tuple[float, float]] | None = None,
) -> dict[str, dict[str, set[str]]]:
    """``same_origin.misreported`` for a ``sweepable`` subject. ``only``: just the
    discrepancies of that claim (a claim patched into a kept sweep); ``figure``: each
    claim's bounds, if known."""
    if figure is None:
        figure = {p.claim.id: _figure(p) for p in members}
    carriers: dict[str, list[Prepared]] = {}
    wanted = set(only.origins) if only is not None else None
    for p in members:
        for g in p.origins:
            if wanted is None or g in wanted:
                carriers.setdefault(g, []).append(p)
    out: dict[str, dict[str, set[str]]] = {}
    dates: dict[str, tuple] = {}
    origins = only.origins if only is not None else tuple(carriers)
    for g in origins:
        carrying = carriers.get(g, ())
        if len(carrying) < 2:
            continue
        figures = [figure[p.claim.id] for p in carrying]
        if min(hi for _, hi in figures) >= max(lo for lo, _ in figures):
            continue  # every two of its figures meet: no discrepancy of figure
        apps: list = []
        for p, (lo, hi) in zip(carrying, figures, strict=True):
            for a in p.attributed:
                if a.origin == g and a.copied_from is None:  # a copy adds nothing
                    doc_id = (a.copied_from or a.attribution).document_id
                    first, last = dates.get(doc_id) or dates.setdefault(
                        doc_id, _dates(ctx.documents.get(doc_id))
                    )
                    apps.append((first, last, p.claim.id, a.attribution.document_id, lo, hi))
        if only is None:
            _sweep_dates(apps, g, out)
        pairs = _together(apps, ctx) if only is None else _with(only.claim.id, apps, ctx)
        for x, y in pairs:
            if x[2] == y[2] or x[3] == y[3]:
                continue
            if x[5] < y[4] or y[5] < x[4]:
                out.setdefault(x[2], {}).setdefault(g, set()).add(y[2])
                out.setdefault(y[2], {}).setdefault(g, set()).add(x[2])
    return out


def _with(mine: str, apps: list, ctx: Context) -> Iterable[tuple]:
    """The pairs of one claim's appearances with the others that may be of one moment,
    as ``same_origin._pairs_with`` finds them (for one edited claim)."""
    ancestors = ctx.derivations.ancestors
    own = [x for x in apps if x[2] == mine]
    for x in own:
        for y in apps:
            if y[2] == mine:
                continue
            if x[0] is None or y[0] is None or (x[0] <= y[1] and y[0] <= x[1]):
                yield x, y
            elif x[3] in ancestors(y[3]) or y[3] in ancestors(x[3]):
                yield x, y


def _sweep_dates(apps: list, g: str, out: dict[str, dict[str, set[str]]]) -> None:
    """The discrepancies between appearances whose dates overlap (a sweep over dates,
    checked in place: the hot part of ``_together``)."""
    dated = sorted(s for s in apps if s[0] is not None)
    active: list = []
    for s in dated:
        first, _, claim, doc, lo, hi = s
        active = [x for x in active if x[1] >= first]
        for x in active:
            if x[2] != claim and x[3] != doc and (x[5] < lo or hi < x[4]):
                out.setdefault(x[2], {}).setdefault(g, set()).add(claim)
                out.setdefault(claim, {}).setdefault(g, set()).add(x[2])
        active.append(s)


def _together(apps: list, ctx: Context) -> Iterable[tuple]:
    """Pairs of appearances that may be of one moment, as ``same_origin._pairs`` finds
    them, but for those with overlapping dates (``_sweep_dates``): an undated one, one
    document derived from the other."""
    dated = [s for s in apps if s[0] is not None]
    undated = [s for s in apps if s[0] is None]
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
    by_high = sorted((figure[c][1], c) for c in figure)
    out: dict[str, list[str]] = {}
    for g, discrepant in by_origin(misreports).items():
        excuser = Excuser(g, carriers[g], discrepant, figure)
        for x in excuser.excused(figure, ordered, origins_of, by_high):
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
        by_high: Sequence[tuple[float, str]] | None = None,
    ) -> list[str]:
        """The claims it is set aside for; ``ordered``: (low, claim id) of every claim
        of the subject, sorted; ``by_high``, if given, (high, claim id) likewise."""
        # Past the first threshold at which a B without any A meeting it lies below,
        # no claim qualifies: only the claims whose low is at most that are looked at.
        at, worst = self.below
        k = bisect_left(worst, _INF)  # running maxima: sorted
        limit = min(self.cap_low, at[k - 1] if k <= len(at) else _INF)
        if k == 0:
            return []
        floor_high, least_high, most_low = self.floor_high, self.least_high, self.most_low
        above_at, above_worst = self.above
        out = []
        g = self.origin
        # Only claims with low <= limit and high >= floor_high can qualify: whichever of
        # the two sorted runs is shorter is walked (the second is what most origins with
        # many claims, few of them misreported, narrow it to).
        end = bisect_right(ordered, (limit, "\U0010ffff"))
        candidates: Iterable[tuple[float, str]] = ordered[:end]
        if by_high is not None:
            start = bisect_left(by_high, (floor_high,))
            if len(by_high) - start < end:
                candidates = by_high[start:]
        for _, x in candidates:
            lo, hi = figure[x]
            if lo > limit or hi < floor_high or not (least_high < lo or hi < most_low):
                continue
            w = worst[bisect_left(at, lo)]
            if w > hi or w == _INF:
                continue
            w = above_worst[bisect_right(above_at, hi)]
            if w < lo or w == -_INF or g in origins_of[x]:
                continue
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
        others = discrepant.get(b, ())
        if len(others) <= 1:  # most: none, or one other report
            for a in others:
                a_lo, a_hi = figure[a]
                if a_hi > b_hi:
                    events += ((b_hi, a_lo), (a_hi, _INF))
                    break
            else:
                events.append((b_hi, _INF))
            continue
        partners = sorted((figure[a] for a in others), key=lambda f: f[1])
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
        others = discrepant.get(b, ())
        if len(others) <= 1:
            for a in others:
                a_lo, a_hi = figure[a]
                if a_lo < b_lo:
                    events += ((b_lo, a_hi), (a_lo, -_INF))
                    break
            else:
                events.append((b_lo, -_INF))
            continue
        partners = sorted(figure[a] for a in others)
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
