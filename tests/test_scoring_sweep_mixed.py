"""A large mixed subject (denials, assertions without a figure, several units, one period
per unit) is swept, not compared pair by pair, and scores exactly like every pair."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from test_scoring_engine import DAY, PAIRWISE, PROPS, SWEEP, numbers

from tracker.scoring import (
    AttributionIn,
    ClaimIn,
    DocumentIn,
    Figure,
    Period,
    ScoringInputs,
    SourceIn,
    score_inputs,
)
from tracker.scoring.context import Context, prepare
from tracker.scoring.engine import pairwise
from tracker.scoring.sweep_mixed import mixable, mixed_sweep

YEAR = Period(date(2023, 1, 1), date(2023, 12, 31))
AUTUMN = Period(date(2023, 9, 1), date(2023, 11, 30))


@st.composite
def mixed_cases(draw) -> ScoringInputs:
    n_sources = draw(st.integers(1, 6))
    sources = {
        i: SourceIn(i, f"s{i}", f"g{draw(st.integers(0, 3))}", draw(st.sampled_from("ABCDEF")))
        for i in range(n_sources)
    }
    # One day's documents (one repeating the other), a later one, a month's, an undated
    # one: one origin's claims are misreports of it on some dates, revisions on others.
    docs = {
        "d0": DocumentIn("d0", None, DAY, DAY),
        "d1": DocumentIn("d1", None, DAY, DAY, ("d0",)),
        "d2": DocumentIn("d2", None, date(2024, 1, 9), date(2024, 1, 9)),
        "d3": DocumentIn("d3", None, date(2023, 12, 1), date(2023, 12, 31)),
        "d4": DocumentIn("d4", None, None, None),
    }
    # Usually one period per unit (swept); sometimes a second one (every pair compared).
    period_of = {"ships": draw(st.sampled_from([None, YEAR])), "tons": YEAR}
    claims = []
    for i in range(draw(st.integers(1, 14))):
        kind = draw(st.sampled_from(["figure", "figure", "figure", "plain", "denial"]))
        figure, period = None, None
        if kind == "figure":
            low = draw(st.none() | st.integers(0, 30))
            high = None if draw(st.integers(0, 4)) == 0 else (low or 0) + draw(st.integers(0, 8))
            unit = draw(st.sampled_from(["ships", "tons"]))
            figure = Figure(
                low,
                high,
                low is not None and draw(st.booleans()),
                high is not None and draw(st.booleans()),
                unit=unit,
            )
            period = draw(st.sampled_from([period_of[unit], None, AUTUMN]))
        attributions = tuple(
            AttributionIn(draw(st.integers(0, n_sources - 1)), draw(st.sampled_from(sorted(docs))))
            for _ in range(draw(st.integers(0, 3)))
        )
        stance = "denies" if kind == "denial" else "asserts"
        claims.append(ClaimIn(f"c{i}", "one", stance, figure, period, False, None, attributions))
    return ScoringInputs(sources, docs, tuple(claims))


@PROPS
@given(mixed_cases())
def test_mixed_sweep_agrees_with_every_pair(inputs):
    ctx = Context(inputs.sources, inputs.documents, SWEEP)
    members = [prepare(c, ctx) for c in inputs.claims]
    if mixable(members):
        # Misreports set aside as every pair sets them aside (MISREPORT_SET_ASIDE).
        assert mixed_sweep(members, ctx) == pairwise(members, ctx)
    assert numbers(score_inputs(inputs, SWEEP)) == numbers(score_inputs(inputs, PAIRWISE))


def test_a_denial_and_a_bare_assertion_count_once_beside_the_figures():
    # Group g0 both denies and reports 10 ships; g1 reports 10-12 ships and, bare, that
    # shipments happened; g2 reports 50 tons (another unit: unrelated to the ships).
    sources = {0: SourceIn(0, "a", "g0", "B"), 1: SourceIn(1, "b", "g1", "C")}
    sources[2] = SourceIn(2, "c", "g2", "A")
    doc = {"d0": DocumentIn("d0", None, DAY, DAY)}
    claims = (
        ClaimIn(
            "ships",
            "one",
            figure=Figure(10, 10, unit="ships"),
            attributions=(AttributionIn(0, "d0"),),
        ),
        ClaimIn(
            "range",
            "one",
            figure=Figure(10, 12, unit="ships"),
            attributions=(AttributionIn(1, "d0"),),
        ),
        ClaimIn("bare", "one", attributions=(AttributionIn(1, "d0"),)),
        ClaimIn("no", "one", "denies", attributions=(AttributionIn(0, "d0"),)),
        ClaimIn(
            "tons",
            "one",
            figure=Figure(50, 50, unit="tons"),
            attributions=(AttributionIn(2, "d0"),),
        ),
    )
    ctx = Context(sources, doc, SWEEP)
    members = [prepare(c, ctx) for c in claims]
    assert mixable(members)
    got = mixed_sweep(members, ctx)
    # "ships" (g0): corroborated by g1 once (C, 0.4) though g1 speaks twice; its own
    # group's denial is a voice revising itself, not a contradiction.
    assert got["ships"] == (0.4, 0.0)
    # "range" (g1): corroborated by g0 (B, 0.6); contradicted by g0's denial (0.6).
    assert got["range"] == (0.6, 0.6)
    # "tons" (g2, A): supported by the bare assertion of g1 (0.4); denied by g0 (0.6).
    assert got["tons"] == (0.4, 0.6)
    # the denial (g0): no other denier; every asserting group but its own conflicts:
    # 1 - (1 - 0.4)(1 - 0.8) = 0.88.
    assert got["no"] == (0.0, 0.88)
