"""MISREPORT_SET_ASIDE (issue 15): where an origin whose outlets disagree about what it
said still counts against a claim, without comparing every pair in a swept subject.

A *disputed moment* of an origin O is a set of O's first-hand reports (a copy adds
nothing) chained by reporting discrepancies: two reports in two documents and two
claims that cannot both be what O said (they conflict under scoring's rules) and may be
of one moment (their dates overlap, one is undated, or one document derives from the
other). A report in no discrepancy is a moment of its own. The rule: O counts against a
claim X through one of its claims B that conflicts with X unless every report of B lies
in a disputed moment with a version (a claim of that moment) that supports X. The
outlets disagree about what O said then, and one version agrees with X; a report added
to a moment can only add versions, so another outlet's incompatible report of O never
raises a contradiction (the issue's property), while O's own later word (a revision,
another moment) still counts.

The sweeps turn that into gaps on a line (``apart.py``). Small subjects (``pairs.py``),
explanations and the brief ask ``Moments`` the same question claim by claim.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from datetime import date

from tracker.scoring.apart import Apart, Span, Star, apart_of, star_summary
from tracker.scoring.compat import CONFLICTS, Bound, Relations, lower, upper
from tracker.scoring.context import Context, Prepared
from tracker.scoring.revisions import document_dates

_INF = float("inf")
DENIES = -2  # a report's class: a denial
BARE = -1  # an assertion without a figure; a figure's class is its unit's index (>= 0)

# One first-hand report of an origin: first and last day of its document (None:
# undated), claim id, document id, class, the figure's lower and upper bounds.
Report = tuple[date | None, date | None, str, str, int, Bound, Bound]


# -- reports and moments --------------------------------------------------------------


def reports_of(p: Prepared, origin: str, cls: int, ctx: Context) -> list[Report]:
    """The first-hand reports of an origin in a claim (a copy adds nothing)."""
    c = p.claim
    lo = lower(c.figure) if c.figure is not None else -_INF
    hi = upper(c.figure) if c.figure is not None else _INF
    out = []
    for a in p.attributed:
        if a.origin == origin and a.copied_from is None:
            doc = a.attribution.document_id
            first, last = document_dates(ctx.documents.get(doc))
            out.append((first, last, c.id, doc, cls, lo, hi))
    return out


def conflict(x: Report, y: Report) -> bool:
    """Two reports that cannot both be what their origin said (``compat``'s rules in a
    swept or mixed subject): a denial and an assertion, or figures of one unit apart."""
    cx, cy = x[4], y[4]
    if cx == DENIES or cy == DENIES:
        return cx != cy
    return cx == cy and cx >= 0 and (x[6] < y[5] or y[6] < x[5])


def may_conflict(reports: Sequence[Report]) -> bool:
    """Whether any two of an origin's reports can conflict (cheap: most cannot)."""
    classes = {r[4] for r in reports}
    if DENIES in classes and len(classes) > 1:
        return True
    for cls in classes:
        if cls >= 0:
            of = [r for r in reports if r[4] == cls]
            if min(r[6] for r in of) < max(r[5] for r in of):
                return True
    return False


def together(x: Report, y: Report, ctx: Context) -> bool:
    """Two reports in two documents that may be of one moment: dates that overlap (or
    one is undated), or one document derived from the other."""
    if x[3] == y[3]:
        return False
    if x[0] is None or y[0] is None or (x[0] <= y[1] and y[0] <= x[1]):  # type: ignore[operator]
        return True
    ancestors = ctx.derivations.ancestors
    return x[3] in ancestors(y[3]) or y[3] in ancestors(x[3])


def moments(
    reports: Sequence[Report], ctx: Context, dated: bool = True
) -> Iterator[tuple[Report, Report]]:
    """The pairs of reports in two documents and two claims that may be of one moment:
    dates that overlap (a sweep over dates: only such pairs are visited; left out when
    not ``dated``), an undated one, or one document derived from the other."""
    on_dates = sorted(r for r in reports if r[0] is not None)
    undated = [r for r in reports if r[0] is None]
    if dated:
        active: list[Report] = []
        for s in on_dates:
            active = [x for x in active if x[1] >= s[0]]  # type: ignore[operator]
            for x in active:
                if x[2] != s[2] and x[3] != s[3]:
                    yield x, s
            active.append(s)
    for i, u in enumerate(undated):
        for v in (*on_dates, *undated[i + 1 :]):
            if u[2] != v[2] and u[3] != v[3]:
                yield u, v
    by_document: dict[str, list[Report]] = {}
    for r in on_dates:
        by_document.setdefault(r[3], []).append(r)
    if len(by_document) > 1:
        ancestors = ctx.derivations.ancestors
        for s in on_dates:
            for d in ancestors(s[3]):
                for x in by_document.get(d, ()):
                    # Apart in time (else the date sweep paired them), one repeating the other.
                    if x[2] != s[2] and (x[1] < s[0] or s[1] < x[0]):  # type: ignore[operator]
                        yield x, s


def discrepant(reports: Sequence[Report], ctx: Context) -> list[tuple[Report, Report]]:
    """The pairs of reports in a reporting discrepancy, by ``conflict``."""
    if not all(r[4] == 0 for r in reports):
        return [(x, y) for x, y in moments(reports, ctx) if conflict(x, y)]
    found = []
    # A plain swept subject, figures only: the hot loop, the test inline.
    active: list[Report] = []
    for s in sorted(r for r in reports if r[0] is not None):
        first, _, claim, doc, _, lo, hi = s
        active = [x for x in active if x[1] >= first]  # type: ignore[operator]
        found += [
            (x, s) for x in active if (x[6] < lo or hi < x[5]) and x[2] != claim and x[3] != doc
        ]
        active.append(s)
    found += [(x, y) for x, y in moments(reports, ctx, dated=False) if conflict(x, y)]
    return found


Key = tuple[str, str]  # a report's claim and document


def key(r: Report) -> Key:
    return (r[2], r[3])


def grouped(pairs: Iterable[tuple[Key, Key]]) -> list[set[Key]]:
    """The disputed moments that discrepancies between reports (by ``key``) chain
    together (union-find over reports)."""
    parent: dict[Key, Key] = {}

    def root(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[Key, set[Key]] = {}
    for k in parent:
        groups.setdefault(root(k), set()).add(k)
    return list(groups.values())


def versions(group: Iterable[Key]) -> set[str]:
    """The claims a disputed moment holds."""
    return {c for c, _ in group}


def alone(mine: Sequence[Report], disputed: Container[Key]) -> bool:
    """Whether a claim is a moment of its own: a report of it in no disputed moment, or
    no first-hand report at all."""
    return not mine or any(key(r) not in disputed for r in mine)


def moment_star(group: Iterable[Key], span: Callable[[str], Span | None]) -> Star | None:
    """A disputed moment on a unit's line: its versions' intervals (``span``: a claim's
    interval, None if it has none on the line) as a ``star_summary``."""
    spans = [b for c in versions(group) if (b := span(c)) is not None]
    return star_summary(spans) if spans else None


def moment_stars(
    reports: Mapping[str, Sequence[Report]],
    groups: Sequence[set[Key]],
    span: Callable[[str], Span | None],
) -> list[Star]:
    """One origin's moments on a unit's line: each disputed moment's star, and each claim
    (of ``reports``) that is a moment of its own, its interval."""
    stars = [s for group in groups if (s := moment_star(group, span)) is not None]
    disputed = set().union(*groups)
    for c, mine in reports.items():
        if alone(mine, disputed) and (b := span(c)) is not None:
            stars.append((b[0], b[1], ()))
    return stars


class Moments:
    """One subject's disputed moments, per origin, asked claim by claim: does origin g
    count against a claim through its claim b? (Small subjects, explanations, the brief.)

    ``conflicts(a, b)``: whether two claims of the subject conflict, by claim id."""

    def __init__(
        self,
        members: Sequence[Prepared],
        ctx: Context,
        conflicts: Callable[[str, str], bool],
        origins: Iterable[str] | None = None,
    ) -> None:
        carriers: dict[str, list[Prepared]] = {}
        for p in members:
            for g in p.origins:
                carriers.setdefault(g, []).append(p)
        wanted = carriers.keys() if origins is None else set(origins) & carriers.keys()
        # (origin, claim id) -> the moments of its reports, when every one is disputed
        self.of: dict[tuple[str, str], tuple[int, ...]] = {}
        self.versions: list[frozenset[str]] = []  # moment -> the claims it holds
        for g in wanted:
            carrying = carriers[g]
            if len(carrying) < 2:
                continue
            reports = {p.claim.id: reports_of(p, g, 0, ctx) for p in carrying}
            listed = [r for rs in reports.values() for r in rs]
            pairs = [(key(x), key(y)) for x, y in moments(listed, ctx) if conflicts(x[2], y[2])]
            if not pairs:
                continue
            at: dict[Key, int] = {}
            for group in grouped(pairs):
                for k in group:
                    at[k] = len(self.versions)
                self.versions.append(frozenset(versions(group)))
            for c, mine in reports.items():
                if not alone(mine, at):
                    self.of[(g, c)] = tuple(sorted({at[key(r)] for r in mine}))

    def __bool__(self) -> bool:
        return bool(self.of)

    def excused(
        self,
        g: str,
        b: str,
        supports: Callable[[str], bool],
        memo: dict[tuple[int, int], bool] | None = None,
        x: int = 0,
    ) -> bool:
        """Whether g does not count against a claim through b (which conflicts with it):
        every report of b is in a disputed moment with a version ``supports`` accepts.
        ``memo``, if given, keeps each moment's answer for the claim ``x`` names."""
        held = self.of.get((g, b))
        if held is None:
            return False
        for k in held:
            known = memo.get((k, x)) if memo is not None else None
            if known is None:
                known = any(supports(c) for c in self.versions[k])
                if memo is not None:
                    memo[(k, x)] = known
            if not known:
                return False
        return True


def subject_moments(members: Sequence[Prepared], ctx: Context) -> Moments:
    """Every origin's disputed moments in one subject, conflicts judged as
    ``pairs.related_pairs`` judges them; kept for the same list of members (every claim
    of a subject explained reads them: found once, not once per claim)."""
    subject = members[0].claim.subject if members else ""
    kept = ctx.moments.get(subject)
    if kept is not None and kept[0] is members:
        return kept[1]
    claims = [p.claim for p in members]
    relations = Relations(claims, ctx.kinds)
    index = {c.id: i for i, c in enumerate(claims)}

    def conflicts(a: str, b: str) -> bool:
        return relations.of(index[a], index[b]) == CONFLICTS

    moments = Moments(members, ctx, conflicts)
    ctx.moments[subject] = (members, moments)
    return moments


# -- a swept subject's origins ------------------------------------------------------------


def unit_aparts(
    members: Sequence[Prepared], bounds_of: Mapping[str, Span], ctx: Context
) -> dict[str, Apart]:
    """The ``Apart`` of each origin of a plain swept subject that has a disputed moment
    (the others keep the plain one their claims' extremes give)."""
    carriers: dict[str, list[Prepared]] = {}
    for p in members:
        for g in p.origins:
            carriers.setdefault(g, []).append(p)
    out: dict[str, Apart] = {}
    for g, carrying in carriers.items():
        if len(carrying) < 2:
            continue
        spans = [bounds_of[p.claim.id] for p in carrying]
        if min(hi for _, hi in spans) >= max(lo for lo, _ in spans):
            continue  # every two of its figures meet: no discrepancy of figure
        reports = {p.claim.id: reports_of(p, g, 0, ctx) for p in carrying}
        pairs = discrepant([r for rs in reports.values() for r in rs], ctx)
        if pairs:
            groups = grouped((key(x), key(y)) for x, y in pairs)
            out[g] = apart_of(moment_stars(reports, groups, bounds_of.get))
    return out
