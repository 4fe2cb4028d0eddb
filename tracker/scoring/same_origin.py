"""One origin in two claims of a subject: a reporting discrepancy (issue 15).

**Reporting discrepancy** (DOMAIN §4 property 5): two claims carried for one origin by
different documents whose dates overlap (or one of which derives from the other), that
cannot both be what the origin said (they conflict under scoring's rules, ``compat``),
or that say the same thing with different hedges. The origin cannot have said both at
once: an outlet misreported it. Listed on both claims; never a contradiction (a claim's
own origins never count against it, ``scores.py``). The same origin with a new figure on
a strictly later date is a revision (``revisions.py``); how a discrepancy reads is
``same_origin_words.py``'s.

A pair of appearances inside one claim is ``discrepancies.py``'s (the analyst filed them
as one statement, so a different figure there is always a reporting fault).

Cost: appearances are grouped by origin first, and only origins carried by two claims
or more are looked at; inside one, a sweep over dates visits only the pairs whose dates
overlap, never every pair of the subject. What was found is kept per subject and origin
(on the scoring's Context), so after an edit only the claims that came or went are
compared again. Each claim lists at most CLAIMS_SHOWN_PER_ORIGIN per origin, and the
whole is worked out when a score's ``discrepancies`` are first read (``SubjectCross``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from operator import itemgetter

from tracker.provenance import AttributedOrigin
from tracker.scoring.collector import collector_paused
from tracker.scoring.compat import (
    A_AT_MOST_B,
    ALWAYS_CONFLICTS,
    ALWAYS_SUPPORTS,
    B_AT_MOST_A,
    OVERLAPS,
    lower,
    upper,
)
from tracker.scoring.context import Context, Prepared
from tracker.scoring.inputs import ClaimIn
from tracker.scoring.results import AttributionRef, Discrepancy
from tracker.scoring.revisions import document_dates
from tracker.scoring.same_origin_words import Wording, detail, ref


class Seen:
    """One appearance of a claim for one origin, with its document's dates."""

    __slots__ = ("a", "first", "hedge", "hi", "kind", "last", "lo", "p", "ref", "said", "where")

    def __init__(self, p: Prepared, a: AttributedOrigin, dates: tuple, ctx: Context) -> None:
        self.p, self.a = p, a
        self.first: date | None = dates[0]  # None: undated, which overlaps every date
        self.last: date | None = dates[1]
        self.ref: AttributionRef | None = None  # its words: same_origin_words.py
        self.where: str | None = None  # how a detail names it, made when first listed
        self.said: str | None = None  # its claim's figure in words, likewise
        # What the pair test reads, worked out once (as pairs.py does for scoring).
        c = p.claim
        self.kind = ctx.kinds.of(c)
        self.lo = lower(c.figure) if c.figure is not None else -_INF
        self.hi = upper(c.figure) if c.figure is not None else _INF
        self.hedge = _carried_hedge(a, c)


def _carried_hedge(a: AttributedOrigin, claim: ClaimIn) -> str | None:
    # An appearance without a hedge of its own carries the claim's (the analyst's reading
    # of its quote): between claims, only hedges someone wrote down are compared.
    hedge = a.attribution.hedge if a.attribution.hedge is not None else claim.hedge
    cleaned = " ".join((hedge or "").casefold().split())
    return cleaned or None


def _same_statement(x: ClaimIn, y: ClaimIn) -> bool:
    fx, fy = x.figure, y.figure
    bounds = (
        (fx.low, fx.high, fx.low_open, fx.high_open, fx.unit, fx.per) if fx else None,
        (fy.low, fy.high, fy.low_open, fy.high_open, fy.unit, fy.per) if fy else None,
    )
    return x.stance == y.stance and bounds[0] == bounds[1] and x.period == y.period


_INF = float("inf")


def _verdict(x: Seen, y: Seen, tests: list[dict[int, int]]) -> str | None:
    """The kind of discrepancy when two appearances cannot both be what their origin
    said: their claims conflict by scoring's rules (``compat``, decided per pair of kinds
    of claim), or say the same with different hedges."""
    test = tests[x.kind][y.kind]
    if test == OVERLAPS:
        conflict = x.hi < y.lo or y.hi < x.lo
    elif test == A_AT_MOST_B:
        conflict = y.hi < x.lo
    elif test == B_AT_MOST_A:
        conflict = x.hi < y.lo
    else:
        conflict = test == ALWAYS_CONFLICTS
        if not conflict and test != ALWAYS_SUPPORTS:  # never related (other units, periods)
            return None
    cx, cy = x.p.claim, y.p.claim
    if conflict:
        return "stance" if cx.stance != cy.stance else "value"
    if x.hedge != y.hedge and _same_statement(cx, cy):
        return "hedge"
    return None


class _Origin:
    """One origin's appearances in one subject and the discrepancies among them, kept so
    that after an edit only the appearances of the claims that changed are compared
    again (a Prepared is rebuilt whenever its claim, documents or groups change)."""

    __slots__ = ("found", "kinds", "seen")

    def __init__(self) -> None:
        self.seen: dict[int, tuple[Prepared, list[Seen]]] = {}  # id(Prepared) -> its own
        # claim id -> (other claim, kind, its appearance, the other's), every pair
        self.found: dict[str, list[tuple[str, str, Seen, Seen]]] = {}
        self.kinds: set[int] = set()  # compat.Kinds ids of its claims (ever seen)


class _Subject:
    """What one subject's last call saw: its members, who carries each origin, the kept
    origins carried by two claims or more, and the result."""

    __slots__ = ("by_claim", "carriers", "members", "origins", "pending", "result")

    def __init__(self) -> None:
        self.pending: set[str] = set()  # claims whose listed discrepancies may be stale
        self.members: dict[int, Prepared] = {}  # id(Prepared) -> it (kept alive: ids stay)
        self.by_claim: dict[str, Prepared] = {}
        self.carriers: dict[str, dict[int, Prepared]] = {}  # origin -> its claims
        self.origins: dict[str, _Origin] = {}
        self.result: dict[str, tuple[Discrepancy, ...]] = {}


class _Store:
    __slots__ = ("readers", "subjects", "words")

    def __init__(self) -> None:
        self.readers: dict[int, SubjectCross] = {}  # id(box) -> its reader (holds the box)
        self.subjects: dict[str, _Subject] = {}
        self.words = Wording()


def _store(ctx: Context) -> _Store:
    store = ctx.same_origin
    if store is None:
        store = ctx.same_origin = _Store()
    assert isinstance(store, _Store)
    return store


def _appearances(p: Prepared, origin: str, ctx: Context) -> list[Seen]:
    documents = ctx.documents
    out = []
    for a in p.attributed:
        if a.origin == origin:
            doc = documents.get((a.copied_from or a.attribution).document_id)
            out.append(Seen(p, a, document_dates(doc), ctx))
    return out


class SubjectCross:
    """One subject's discrepancies between claims, read by its claims' scores: worked out
    when first asked for, and again only once the subject's members have changed (every
    change puts a new list in the box that scoring keeps per subject). Like explanations,
    nothing is built for a scoring nobody reads."""

    __slots__ = ("_members", "_result", "box", "ctx")

    def __init__(self, box: list[list[Prepared]], ctx: Context) -> None:
        self.box, self.ctx = box, ctx
        self._members: list[Prepared] | None = None
        self._result: dict[str, tuple[Discrepancy, ...]] = {}

    def of(self, claim_id: str) -> tuple[Discrepancy, ...]:
        members = self.box[0]
        if members is not self._members:
            self._result = dict(cross_claim(members, self.ctx)[0])
            self._members = members
        return self._result.get(claim_id, ())


def subject_cross(box: list[list[Prepared]], ctx: Context) -> SubjectCross:
    """The one reader of a subject's box (kept scores and new ones share it)."""
    readers = _store(ctx).readers
    reader = readers.get(id(box))
    if reader is None or reader.box is not box:
        reader = readers[id(box)] = SubjectCross(box, ctx)
    return reader


def cross_claim(
    members: Sequence[Prepared], ctx: Context
) -> tuple[dict[str, tuple[Discrepancy, ...]], set[str]]:
    """(claim id -> its reporting discrepancies with other claims of the subject, the
    claims whose list may differ from the previous call for this subject). Each pair is
    listed on both claims, the claim's own appearance first."""
    # Many small objects, none cyclic: the collector would walk the whole heap for none.
    with collector_paused():
        return _cross_claim(members, ctx)


def _cross_claim(
    members: Sequence[Prepared], ctx: Context
) -> tuple[dict[str, tuple[Discrepancy, ...]], set[str]]:
    kept = _refresh(members, ctx)
    if kept is None:
        return {}, set()
    touched, kept.pending = kept.pending, set()
    cap = ctx.weights.claims_shown_per_origin
    result = kept.result
    for claim in touched:
        result.pop(claim, None)
        q = kept.by_claim.get(claim)
        if q is None:  # left the subject
            continue
        listed: list[Discrepancy] = []
        for origin in q.origins:
            group = kept.origins.get(origin)
            entries = group.found.get(claim) if group is not None else None
            if entries:
                listed += _listed(entries, origin, cap, ctx, _store(ctx).words)
        if listed:
            result[claim] = tuple(sorted(listed, key=_order))
    return result, touched


def _refresh(members: Sequence[Prepared], ctx: Context) -> _Subject | None:
    """The subject's kept origins brought up to ``members``; the claims whose list may
    have changed wait in ``pending`` until listed (``misreported`` lists none). None when
    no origin is carried by two claims."""
    store = _store(ctx)
    subject = members[0].claim.subject if members else ""
    kept = store.subjects.get(subject)
    if kept is None:
        if len(members) < 2:
            return None
        kept = _Subject()
    now = {id(p): p for p in members}
    if now.keys() == kept.members.keys():  # nothing changed here (a regrade elsewhere)
        return kept
    # Only the origins of claims that came or went are looked at again.
    known = kept.members
    gone = [known[k] for k in known.keys() - now.keys()]
    new = [now[k] for k in now.keys() - known.keys()]
    kept.members = now
    affected: set[str] = set()
    for p in gone:
        if kept.by_claim.get(p.claim.id) is p:
            del kept.by_claim[p.claim.id]
        for g in p.origins:
            carrying = kept.carriers[g]
            del carrying[id(p)]
            if not carrying:
                del kept.carriers[g]
            affected.add(g)
    for p in new:
        kept.by_claim[p.claim.id] = p
        for g in p.origins:
            kept.carriers.setdefault(g, {})[id(p)] = p
            affected.add(g)
    touched = kept.pending
    for origin in affected:
        carriers = kept.carriers.get(origin, {})
        group = kept.origins.get(origin)
        if len(carriers) < 2:
            if group is not None:
                touched.update(kept.origins.pop(origin).found)
            continue
        if group is None:
            group = kept.origins[origin] = _Origin()
        _update(group, list(carriers.values()), origin, ctx, touched)
    if kept.origins:
        store.subjects[subject] = kept
        return kept
    store.subjects.pop(subject, None)  # no origin carried twice: nothing worth keeping
    return None


def _update(
    kept: _Origin, carriers: list[Prepared], origin: str, ctx: Context, touched: set[str]
) -> None:
    now = {id(p): p for p in carriers}
    gone = [k for k in kept.seen if k not in now]
    new = [p for k, p in now.items() if k not in kept.seen]
    for k in gone:
        claim = kept.seen.pop(k)[0].claim.id
        touched.add(claim)
        for other, *_ in kept.found.pop(claim, ()):
            touched.add(other)
            kept.found[other] = [e for e in kept.found.get(other, ()) if e[0] != claim]
    if not new:
        return
    added = []
    for p in new:
        own = _appearances(p, origin, ctx)
        kept.seen[id(p)] = (p, own)
        added += own
        touched.add(p.claim.id)
    if len(new) == len(now):  # the whole group: one sweep over its dates
        pairs: Iterable[tuple[Seen, Seen]] = _pairs(added, ctx)
    else:  # a few changed claims against the rest
        rest = [s for k, (p, own) in kept.seen.items() for s in own]
        pairs = _pairs_with(added, rest, ctx)
    kinds = ctx.kinds
    fresh = {s.kind for s in added} - kept.kinds
    if fresh:  # a kind of claim new to this origin: decide its tests against the others
        kept.kinds |= fresh
        kinds.meet(kept.kinds)
    tests = kinds.tests
    found = kept.found
    verdict = _verdict
    for x, y in pairs:
        kind = verdict(x, y, tests)
        if kind is None:
            continue
        cx, cy = x.p.claim.id, y.p.claim.id
        mine = found.get(cx)
        if mine is None:
            found[cx] = [(cy, kind, x, y)]
        else:
            mine.append((cy, kind, x, y))
        theirs = found.get(cy)
        if theirs is None:
            found[cy] = [(cx, kind, y, x)]
        else:
            theirs.append((cx, kind, y, x))
        touched.add(cx)
        touched.add(cy)


def _listed(
    entries: list[tuple[str, str, Seen, Seen]],
    origin: str,
    cap: int,
    ctx: Context,
    words: Wording,
) -> list[Discrepancy]:
    """The first ``cap`` of one origin's discrepancies on a claim, as the analyst reads
    them; the rest are not built (a voice carried by thousands of outlets' claims on one
    day would list them all, to nobody's use, at the cost of all of scoring)."""
    # By the other claim (C speed), then, among ties at the cut, by every field.
    ordered = sorted(entries, key=_by_other)
    if len(ordered) > cap:
        edge = _by_other(ordered[cap - 1])
        end = cap
        while end < len(ordered) and _by_other(ordered[end]) == edge:
            end += 1
        ordered = ordered[:end]
    first = sorted(ordered, key=_entry_order)[:cap]
    return [
        Discrepancy(
            x.p.claim.id,
            origin,
            kind,
            ref(x, ctx, words),
            ref(y, ctx, words),
            detail(kind, x, y, words),
        )
        for _, kind, x, y in first
    ]


_by_other = itemgetter(0, 1)


def _entry_order(e: tuple[str, str, Seen, Seen]) -> tuple:
    other, kind, x, y = e
    ax, ay = x.a.attribution, y.a.attribution
    # Every field a listed discrepancy shows: equal keys mean equal discrepancies, so the
    # order never depends on which claims came first (a full scoring or an edit).
    return (other, kind, ax.document_id, ay.document_id, ax.id or -1, ay.id or -1,
            ax.source_id, ay.source_id, ax.quote, ay.quote, ax.hedge or "",
            ay.hedge or "")  # fmt: skip


def _order(d: Discrepancy) -> tuple:
    f, s = d.first, d.second
    return (s.claim or "", d.kind, d.origin, f.document, s.document, f.attribution or -1,
            s.attribution or -1, f.source, s.source, f.quote, s.quote, f.hedge or "",
            s.hedge or "")  # fmt: skip


def _together(x: Seen, y: Seen, ctx: Context) -> bool:
    """Whether two appearances may be of one moment: dates that overlap (or are unknown),
    or one document derived from the other."""
    if x.first is None or y.first is None:
        return True
    assert x.last is not None and y.last is not None
    if x.first <= y.last and y.first <= x.last:
        return True
    ancestors = ctx.derivations.ancestors
    dx, dy = x.a.attribution.document_id, y.a.attribution.document_id
    return dx in ancestors(dy) or dy in ancestors(dx)


def _pairs_with(added: list[Seen], rest: list[Seen], ctx: Context) -> Iterable[tuple[Seen, Seen]]:
    mine = {id(s) for s in added}
    for i, x in enumerate(added):
        for y in (*added[i + 1 :], *(s for s in rest if id(s) not in mine)):
            if x.p is y.p or x.a.attribution.document_id == y.a.attribution.document_id:
                continue
            if _together(x, y, ctx):
                yield (x, y) if x.p.claim.id <= y.p.claim.id else (y, x)


def _pairs(seen: list[Seen], ctx: Context) -> Iterable[tuple[Seen, Seen]]:
    """Pairs of appearances of two claims in two documents that may be of one moment:
    dates that overlap (a sweep: only such pairs are visited), an undated one, or one
    document derived from the other."""
    dated = sorted((s for s in seen if s.first is not None), key=_start)
    undated = [s for s in seen if s.first is None]
    candidates: list[tuple[Seen, Seen]] = []
    active: list[Seen] = []
    for s in dated:
        assert s.first is not None
        active = [x for x in active if x.last is not None and x.last >= s.first]
        candidates += [(x, s) for x in active]
        active.append(s)
    for i, u in enumerate(undated):
        candidates += [(u, s) for s in dated]
        candidates += [(u, v) for v in undated[i + 1 :]]
    by_document: dict[str, list[Seen]] = {}
    for s in seen:
        by_document.setdefault(s.a.attribution.document_id, []).append(s)
    if len(by_document) > 1:
        ancestors = ctx.derivations.ancestors
        for s in dated:
            for d in ancestors(s.a.attribution.document_id):
                for x in by_document.get(d, ()):
                    if x.last is not None and x.last < s.first:  # type: ignore[operator]
                        candidates.append((x, s))  # apart in time, but s repeats x's document
    for x, y in candidates:
        if x.p is not y.p and x.a.attribution.document_id != y.a.attribution.document_id:
            yield (x, y) if x.p.claim.id <= y.p.claim.id else (y, x)


def _start(s: Seen) -> tuple:
    return (s.first, s.last, s.p.claim.id, s.a.attribution.document_id)


# -- misreports: what a contradiction tally leaves out ----------------------------------


def misreported(members: Sequence[Prepared], ctx: Context) -> dict[str, dict[str, set[str]]]:
    """claim id -> origin -> the claims of that origin in a reporting discrepancy of
    figure or stance with it (``_verdict``'s "value" and "stance"; a hedge alone changes
    no tally), between appearances that are not copies. Empty, at the cost of one look
    at each claim's origins, unless an origin is carried by two claims of the subject."""
    seen: set[str] = set()
    for p in members:
        if not seen.isdisjoint(p.origins):
            break
        seen.update(p.origins)
    else:
        return {}
    with collector_paused():
        kept = _refresh(members, ctx)
    out: dict[str, dict[str, set[str]]] = {}
    if kept is None:
        return out
    for origin, group in kept.origins.items():
        for claim, entries in group.found.items():
            for other, kind, x, y in entries:
                # A copy adds nothing (DOMAIN §4 property 1): only first-hand reports.
                if kind != "hedge" and x.a.copied_from is None and y.a.copied_from is None:
                    out.setdefault(claim, {}).setdefault(origin, set()).add(other)
    return out
