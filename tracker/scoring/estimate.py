"""What a subject's evidence adds up to: the best-supported estimate, its spread, its
outliers, and for a running total the series over time (issue 15).

- Each independent origin counts once: its latest figure in the subject (by the date its
  claim first appeared; copies are folded into what they copy, as in scoring).
- The **best-supported interval** is where the largest weight of origins agrees: the
  deepest point of a sweep over their intervals (weights as in corroboration), then the
  common part of the origins that cover it. In one dimension intervals that overlap
  pairwise share a point, so this is the largest agreeing set, found in n log n.
- **Outliers** are origins whose figure cannot meet that interval; **spread** is the
  lowest and highest figure reported, and by whom.
- Figures in different units (or rates) get one estimate each.
- A cumulative subject also gets its **series**: each origin's latest figure by date,
  and whether the series ever falls (a later high below an earlier low).
- The estimative phrase uses scoring's rule: support is the noisy-or of the origins
  behind the interval, contradiction that of the outliers and the denials.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from tracker.dates_display import human_span
from tracker.scoring.collector import collector_paused
from tracker.scoring.compat import lower, overlap, upper
from tracker.scoring.context import Context, prepare
from tracker.scoring.inputs import ClaimIn, Figure, ScoringInputs
from tracker.scoring.revisions import Revision, revisions
from tracker.scoring.scores import noisy_or, phrase, probability
from tracker.scoring.weights import DEFAULT_WEIGHTS, Weights

if TYPE_CHECKING:
    from sqlmodel import Session

    from tracker.scoring.results import CaseScores

# Confidence (ICD 203 keeps it apart from likelihood): what the estimate rests on.
HIGH_CONFIDENCE_ORIGINS = 3  # at least this many independent origins, one graded A or B
MODERATE_CONFIDENCE_ORIGINS = 2  # or one origin graded A or B
STRONG_GRADES = ("A", "B")


@dataclass(frozen=True, slots=True)
class Reported:
    """One origin's figure in a subject, as the estimate counts it."""

    origin: str
    claim: str
    figure: Figure
    first: date | None  # when the claim first appeared (None: undated)
    period_last: date | None

    def to_json(self) -> dict:
        return {
            "origin": self.origin,
            "claim": self.claim,
            "figure": self.figure.describe(),
            "low": self.figure.low,
            "high": self.figure.high,
            "first_appeared": self.first.isoformat() if self.first else None,
        }


@dataclass(frozen=True)
class SubjectEstimate:
    subject: str
    unit: str | None  # canonical unit, or None for a count
    item: str | None  # the counted item of the strongest figure behind it ("rounds")
    per: str | None
    low: float | None  # None: open-ended (no lower / upper bound)
    high: float | None
    low_open: bool
    high_open: bool
    text: str  # the figure as reported when one origin stands behind it, else ""
    period: tuple[date, date] | None
    origins: tuple[str, ...]  # behind the interval, strongest first
    outside: tuple[str, ...]  # every other origin reporting a figure in this unit
    outliers: tuple[Reported, ...]  # figures that cannot meet the interval
    lowest: Reported
    highest: Reported
    denied_by: tuple[str, ...]
    probability: float
    estimative: str
    confidence: str
    rests_on: str
    series: tuple[Reported, ...] = ()
    falls: bool = False
    falls_at: tuple[str, ...] = field(default=())  # "origin: earlier -> later" lines
    # An origin's new figure on a later date (revisions.py): shown, never an outlier.
    revisions: tuple[Revision, ...] = ()

    def interval_words(self) -> str:
        if self.text:
            return self.text
        what = self.unit or self.item or ""
        num = _num
        if self.low is not None and self.high is not None:
            core = (
                num(self.low) if self.low == self.high else f"{num(self.low)} to {num(self.high)}"
            )
        elif self.low is not None:
            core = f"{'more than' if self.low_open else 'at least'} {num(self.low)}"
        elif self.high is not None:
            core = f"{'fewer than' if self.high_open else 'at most'} {num(self.high)}"
        else:
            core = "any amount"
        return f"{core} {what}".strip() + (f" per {self.per}" if self.per else "")

    def sentence(self) -> str:
        """The ICD 203 sentence: likelihood of the figure, then confidence and its basis."""
        when = f" ({human_span(*self.period)})" if self.period is not None else ""
        return (
            f"{self.subject}: it is {self.estimative} that the figure is "
            f"{self.interval_words()}{when}; {self.confidence} confidence, resting on "
            f"{self.rests_on}."
        )

    def to_json(self) -> dict:
        return {
            "estimate": {
                "low": self.low,
                "high": self.high,
                "low_open": self.low_open,
                "high_open": self.high_open,
                "unit": self.unit,
                "item": self.item,
                "per": self.per,
                "period": [d.isoformat() for d in self.period] if self.period else None,
                "origins": list(self.origins),
                "words": self.interval_words(),
            },
            "outside": list(self.outside),
            "outliers": [o.to_json() for o in self.outliers],
            "spread": {"lowest": self.lowest.to_json(), "highest": self.highest.to_json()},
            "denied_by": list(self.denied_by),
            "probability": round(self.probability, 4),
            "estimative": self.estimative,
            "confidence": self.confidence,
            "sentence": self.sentence(),
            "series": [r.to_json() for r in self.series],
            "falls": self.falls,
            "falls_at": list(self.falls_at),
            "revisions": [r.to_json() for r in self.revisions],
        }


@dataclass(frozen=True)
class SubjectSummary:
    """A subject with its estimates (one per unit) or, without figures, who asserts and
    who denies it."""

    id: int | None
    name: str
    cumulative: bool
    estimates: tuple[SubjectEstimate, ...]
    asserted_by: tuple[str, ...]
    denied_by: tuple[str, ...]
    claims: int

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "cumulative": self.cumulative,
            "claims": self.claims,
            "estimates": [e.to_json() for e in self.estimates],
            # DOMAIN §5: the first estimate's fields also at the top level.
            **(
                {
                    "estimate": self.estimates[0].to_json()["estimate"],
                    "outliers": self.estimates[0].to_json()["outliers"],
                    "spread": self.estimates[0].to_json()["spread"],
                    "estimative": self.estimates[0].estimative,
                }
                if self.estimates
                else {"estimate": None, "outliers": [], "spread": None, "estimative": None}
            ),
            "asserted_by": list(self.asserted_by),
            "denied_by": list(self.denied_by),
        }


def _num(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def _plain(key: tuple[str | None, str | None]) -> tuple[str, str]:
    return (key[0] or "", key[1] or "")


def _by_unit_and_origin(item: tuple[tuple, tuple]) -> tuple:
    (unit_key, origin), _ = item
    return (_plain(unit_key), origin)


def _size(f: Figure) -> float:
    """The figure as one number for the spread: its value, else its one known end."""
    for x in (f.value, f.low, f.high):
        if x is not None:
            return float(x)
    return 0.0


def _best(reported: list[Reported], ctx: Context) -> list[Reported]:
    """The heaviest set of origins whose intervals share a point (sweep; ties: the
    set found first from below, which is deterministic)."""
    if len(reported) == 1:
        return list(reported)
    events: list[tuple[float, int, int]] = []
    for i, r in enumerate(reported):
        events.append((lower(r.figure), 0, i))  # starts before ends at one point: closed
        events.append((upper(r.figure), 1, i))
    events.sort()
    active: set[int] = set()
    depth, best_depth, best = 0.0, -1.0, frozenset[int]()
    for _, kind, i in events:
        if kind == 0:
            active.add(i)
            depth += ctx.weight(reported[i].origin)
            if depth > best_depth + 1e-12:
                best_depth, best = depth, frozenset(active)
        else:
            active.discard(i)
            depth -= ctx.weight(reported[i].origin)
    return [reported[i] for i in sorted(best)]


def _common(figures: list[Figure]) -> Figure:
    """The part every figure allows: the highest lower end, the lowest upper end."""
    low = max(figures, key=lower)
    high = min(figures, key=upper)
    return Figure(low=low.low, high=high.high, low_open=low.low_open, high_open=high.high_open)


def _confidence(origins: list[str], ctx: Context) -> tuple[str, str]:
    strong = [o for o in origins if ctx.grade(o) in STRONG_GRADES]
    graded = ", ".join(f"{o} ({ctx.grade(o)})" for o in origins)
    n = len(origins)
    basis = f"{n} independent origin{'s' if n != 1 else ''}: {graded}"
    if n >= HIGH_CONFIDENCE_ORIGINS and strong:
        return "high", basis
    if n >= MODERATE_CONFIDENCE_ORIGINS or strong:
        return "moderate", basis
    return "low", basis


def _series(reported: list[Reported]) -> tuple[tuple[Reported, ...], bool, tuple[str, ...]]:
    ordered = sorted(reported, key=lambda r: (r.period_last or r.first or date.max, r.origin))
    falls: list[str] = []
    for i, later in enumerate(ordered):
        for earlier in ordered[:i]:
            end_e = earlier.period_last or earlier.first
            end_l = later.period_last or later.first
            if end_e is None or end_l is None or end_l <= end_e:
                continue
            if upper(later.figure) < lower(earlier.figure):
                falls.append(
                    f"{later.origin} {later.figure.describe()} ({end_l.isoformat()}) is below "
                    f"{earlier.origin} {earlier.figure.describe()} ({end_e.isoformat()})"
                )
    return tuple(ordered), bool(falls), tuple(falls)


def _estimate(
    subject: str,
    reported: list[Reported],
    claims: Mapping[str, ClaimIn],
    denied_by: tuple[str, ...],
    cumulative: bool,
    ctx: Context,
) -> SubjectEstimate:
    behind = _best(reported, ctx)
    behind.sort(key=lambda r: (-ctx.weight(r.origin), r.origin))
    interval = _common([r.figure for r in behind])
    outliers = tuple(r for r in reported if not overlap(r.figure, interval))
    origins = [r.origin for r in behind]
    outside = tuple(sorted({r.origin for r in reported} - set(origins)))
    support = [ctx.weight(o) for o in origins]
    against = [ctx.weight(r.origin) for r in outliers] + [ctx.weight(o) for o in denied_by]
    p = probability(
        support[0] if support else 0.0, noisy_or(support[1:]), noisy_or(against), ctx.weights
    )
    periods = [claims[r.claim].period for r in behind if claims[r.claim].period is not None]
    period = (
        (min(pd.first for pd in periods if pd), max(pd.last for pd in periods if pd))
        if periods
        else None
    )
    confidence, rests_on = _confidence(origins, ctx)
    series, falls, falls_at = _series(reported) if cumulative else ((), False, ())
    by_size = sorted(reported, key=lambda r: (_size(r.figure), r.origin))
    by_low, by_high = by_size, by_size[::-1]
    head = behind[0].figure
    return SubjectEstimate(
        subject=subject,
        unit=head.unit,
        item=head.item,
        per=head.per,
        low=interval.low,
        high=interval.high,
        low_open=interval.low_open,
        high_open=interval.high_open,
        text=head.text if len(behind) == 1 else "",
        period=period,  # type: ignore[arg-type]
        origins=tuple(origins),
        outside=outside,
        outliers=outliers,
        lowest=by_low[0],
        highest=by_high[0],
        denied_by=denied_by,
        probability=p,
        estimative=phrase(p, ctx.weights),
        confidence=confidence,
        rests_on=rests_on,
        series=series,
        falls=falls,
        falls_at=falls_at,
    )


def estimate_subjects(
    inputs: ScoringInputs,
    subjects: Mapping[str, tuple[int | None, bool]] | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    scores: CaseScores | None = None,
) -> list[SubjectSummary]:
    """Every subject of ``inputs`` summarized; ``subjects`` maps names to (id, cumulative).
    With ``scores`` (of the same inputs) each claim's origins are taken from them rather
    than worked out again."""
    # Many small objects, none cyclic: the collector's passes were half the time.
    with collector_paused():
        return _estimate_subjects(inputs, subjects, weights, scores)


def _estimate_subjects(
    inputs: ScoringInputs,
    subjects: Mapping[str, tuple[int | None, bool]] | None,
    weights: Weights,
    scores: CaseScores | None,
) -> list[SubjectSummary]:
    ctx = Context(inputs.sources, inputs.documents, weights)
    documents = inputs.documents

    def origins_of(claim: ClaimIn) -> tuple[str, ...]:
        known = scores.claims.get(claim.id) if scores is not None else None
        return known.origins if known is not None else prepare(claim, ctx).origins

    def first_seen(claim: ClaimIn) -> date | None:
        # The earliest day any of its documents may be from (first_appearance's "first").
        days = [
            d.published_first
            for a in claim.attributions
            if (d := documents.get(a.document_id)) is not None and d.published_first is not None
        ]
        return min(days) if days else None

    by_subject: dict[str, list[ClaimIn]] = {}
    for claim in inputs.claims:
        by_subject.setdefault(claim.subject, []).append(claim)
    out: list[SubjectSummary] = []
    for name in sorted(by_subject):
        members = by_subject[name]
        claims = {c.id: c for c in members}
        cumulative = any(c.cumulative for c in members)
        # (unit key, origin) -> (recency, claim, first seen): the origin's latest figure.
        latest: dict[tuple, tuple[tuple, ClaimIn, date | None]] = {}
        asserted: set[str] = set()
        denied: set[str] = set()
        carried: list[tuple[str, ClaimIn]] = []
        for claim in members:
            origins = origins_of(claim)
            if claim.stance == "denies":
                denied.update(origins)
                continue
            asserted.update(origins)
            figure = claim.figure
            if figure is None:
                continue
            carried += [(g, claim) for g in origins]
            seen = first_seen(claim)
            period = claim.period
            # A revision replaces the origin's earlier figure; on one day, the figure over
            # the latest and widest period stands (a total, not the count of a part of it).
            recency = (
                seen or date.min,
                period.last if period else date.min,
                -period.first.toordinal() if period else 0,
                claim.id,
            )
            unit_key = (figure.unit, figure.per)
            for origin in origins:
                known = latest.get((unit_key, origin))
                if known is None or recency > known[0]:
                    latest[(unit_key, origin)] = (recency, claim, seen)
        groups: dict[tuple, list[Reported]] = {}
        for (unit_key, origin), (_, c, seen) in sorted(latest.items(), key=_by_unit_and_origin):
            assert c.figure is not None
            last = c.period.last if c.period else None
            groups.setdefault(unit_key, []).append(Reported(origin, c.id, c.figure, seen, last))
        denied_by = tuple(sorted(denied, key=lambda g: (-ctx.weight(g), g)))
        revised: dict[tuple, list[Revision]] = {}
        for r in (
            # Each origin's latest few, as explanations name a few claims per origin.
            revisions(carried, documents, ctx.derivations, weights.claims_shown_per_origin)
            if len(carried) > 1
            else ()
        ):
            f = claims[r.earlier].figure
            assert f is not None
            revised.setdefault((f.unit, f.per), []).append(r)
        estimates = tuple(
            dataclasses.replace(
                _estimate(name, rs, claims, denied_by, cumulative, ctx),
                revisions=tuple(revised.get(unit_key, ())),
            )
            if unit_key in revised
            else _estimate(name, rs, claims, denied_by, cumulative, ctx)
            for unit_key, rs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), _plain(kv[0])))
        )
        sid = subjects.get(name, (None, cumulative))[0] if subjects else None
        out.append(
            SubjectSummary(
                sid,
                name,
                cumulative,
                estimates,
                tuple(sorted(asserted, key=lambda g: (-ctx.weight(g), g))),
                denied_by,
                len(members),
            )
        )
    return out


def score_with_estimates(
    session: Session,
    subject: str | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    scored: Callable[[CaseScores], object] | None = None,
) -> tuple[CaseScores, list[SubjectSummary]]:
    """Every claim's scores and every subject's estimates, from one read of the case.
    ``scored`` is given the scores before the estimates are worked out (the TUI shows
    them meanwhile)."""
    from sqlmodel import select

    from tracker.models import Subject
    from tracker.scoring.collector import collector_paused
    from tracker.scoring.load import load_inputs
    from tracker.scoring.scorer import score_inputs

    with collector_paused():
        inputs = load_inputs(session, subject)
        scores = score_inputs(inputs, weights)
    if scored is not None:
        scored(scores)
    rows = session.exec(select(Subject.name, Subject.id, Subject.cumulative)).all()
    known = {name: (sid, cumulative) for name, sid, cumulative in rows}
    return scores, estimate_subjects(inputs, known, weights, scores)
