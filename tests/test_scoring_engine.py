"""The sweep over sorted intervals agrees with comparing every pair, and incremental
rescoring after an edit agrees with scoring the whole case again."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.scoring import (
    AttributionIn,
    ClaimIn,
    DocumentIn,
    Figure,
    Scorer,
    ScoringInputs,
    SourceIn,
    Weights,
    score_inputs,
)
from tracker.scoring.context import Context, prepare
from tracker.scoring.misreports import discrepant, reports_of
from tracker.scoring.same_origin import misreported

PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAY = date(2023, 12, 27)
PAIRWISE = Weights(sweep_from=10**9)
SWEEP = Weights(sweep_from=0)


def numbers(scores) -> dict[str, tuple[float, float, int, str]]:
    return {
        i: (s.corroboration, s.contradiction, s.credibility, s.estimative)
        for i, s in scores.claims.items()
    }


@st.composite
def interval_cases(draw) -> ScoringInputs:
    """One subject under the plain overlap rule, origins with several claims each."""
    n_sources = draw(st.integers(1, 6))
    sources = {
        i: SourceIn(i, f"s{i}", f"g{draw(st.integers(0, 3))}", draw(st.sampled_from("ABCDEF")))
        for i in range(n_sources)
    }
    docs = {"d0": DocumentIn("d0", None, DAY, DAY), "d1": DocumentIn("d1", None, DAY, DAY, ("d0",))}
    claims = []
    for i in range(draw(st.integers(1, 14))):
        low = draw(st.none() | st.integers(0, 30))
        width = draw(st.integers(0, 8))
        high = None if draw(st.integers(0, 4)) == 0 else (low or 0) + width
        figure = Figure(
            low,
            high,
            low is not None and draw(st.booleans()),
            high is not None and draw(st.booleans()),
        )
        attributions = tuple(
            AttributionIn(draw(st.integers(0, n_sources - 1)), draw(st.sampled_from(["d0", "d1"])))
            for _ in range(draw(st.integers(0, 3)))
        )
        claims.append(ClaimIn(f"c{i}", "one", figure=figure, attributions=attributions))
    return ScoringInputs(sources, docs, tuple(claims))


@PROPS
@given(interval_cases())
def test_sweep_agrees_with_every_pair(inputs):
    assert numbers(score_inputs(inputs, SWEEP)) == numbers(score_inputs(inputs, PAIRWISE))


def test_sweep_handles_an_origin_with_a_gap_between_its_claims():
    # g0 says [0,1] and [10,11]; the claim [0,11] meets both pieces but g0 counts once.
    sources = {0: SourceIn(0, "a", "g0", "B"), 1: SourceIn(1, "b", "g1", "C")}
    docs = {"d": DocumentIn("d", None, DAY, DAY)}
    claims = (
        ClaimIn("low", "x", figure=Figure(0, 1), attributions=(AttributionIn(0, "d"),)),
        ClaimIn("high", "x", figure=Figure(10, 11), attributions=(AttributionIn(0, "d"),)),
        ClaimIn("wide", "x", figure=Figure(0, 11), attributions=(AttributionIn(1, "d"),)),
    )
    score = score_inputs(ScoringInputs(sources, docs, claims), SWEEP).claims["wide"]
    assert score.corroboration == 0.6
    assert score.contradiction == 0.0
    low = score_inputs(ScoringInputs(sources, docs, claims), SWEEP).claims["low"]
    # "low" is supported by the wide C claim; its own origin g0 also said [10, 11]:
    # a voice revising itself is not counted as a contradiction.
    assert (low.corroboration, low.contradiction) == (0.4, 0.0)


@PROPS
@given(interval_cases(), st.data())
def test_incremental_rescoring_matches_a_full_rescore(inputs, data):
    scorer = Scorer(inputs)
    for _ in range(3):
        action = data.draw(st.sampled_from(["claim", "grade", "group", "remove", "derive"]))
        if action == "claim":
            claim = data.draw(st.sampled_from(inputs.claims))
            moved = dataclasses.replace(
                claim,
                figure=Figure(data.draw(st.integers(0, 40)), data.draw(st.integers(40, 60))),
                attributions=claim.attributions[:1],
            )
            scorer.put_claim(moved)
        elif action in ("grade", "group"):
            source = scorer.sources[data.draw(st.sampled_from(sorted(scorer.sources)))]
            if action == "grade":
                source = dataclasses.replace(
                    source, reliability=data.draw(st.sampled_from("ABCDEF"))
                )
            else:
                source = dataclasses.replace(source, group=data.draw(st.sampled_from(["g0", "g9"])))
            scorer.put_sources([source])
        elif action == "remove":
            scorer.remove_claim(data.draw(st.sampled_from(inputs.claims)).id)
        else:
            scorer.put_document(DocumentIn("d1", None, DAY, DAY, ()))
        fresh = ScoringInputs(scorer.sources, scorer.documents, tuple(scorer.claims.values()))
        assert numbers(scorer.case_scores()) == numbers(score_inputs(fresh))


def test_an_edit_rescores_only_its_subject():
    sources = {0: SourceIn(0, "a", "g0", "B"), 1: SourceIn(1, "b", "g1", "C")}
    docs = {"d": DocumentIn("d", None, DAY, DAY)}
    claims = (
        ClaimIn("x1", "x", figure=Figure(1, 2), attributions=(AttributionIn(0, "d"),)),
        ClaimIn("y1", "y", figure=Figure(1, 2), attributions=(AttributionIn(1, "d"),)),
    )
    scorer = Scorer(ScoringInputs(sources, docs, claims))
    untouched = scorer.scores["y1"]
    assert scorer.put_claim(
        ClaimIn("x2", "x", figure=Figure(1, 1), attributions=(AttributionIn(1, "d"),))
    ) == {"x"}
    assert scorer.scores["y1"] is untouched
    assert scorer.scores["x1"].corroboration == 0.4
    # Regrading b reaches both subjects where b speaks.
    assert scorer.put_sources([SourceIn(1, "b", "g1", "A")]) == {"x", "y"}
    assert scorer.scores["x1"].corroboration == 0.8


def test_a_kept_score_explains_itself_against_the_edited_subject():
    sources = {0: SourceIn(0, "a", "g0", "B"), 1: SourceIn(1, "b", "g1", "C")}
    docs = {"d": DocumentIn("d", None, DAY, DAY)}
    claims = (
        ClaimIn("x1", "x", figure=Figure(1, 2), attributions=(AttributionIn(0, "d"),)),
        ClaimIn("x2", "x", figure=Figure(1, 2), attributions=(AttributionIn(1, "d"),)),
        ClaimIn("x3", "x", figure=Figure(1, 3), attributions=(AttributionIn(1, "d"),)),
    )
    scorer = Scorer(ScoringInputs(sources, docs, claims))
    assert scorer.scores["x1"].corroborated_by == ("x2", "x3")
    # x2 moves to another unit: g1 still supports x1 through x3, so x1's numbers stay.
    scorer.put_claim(dataclasses.replace(claims[1], figure=Figure(1, 2, unit="km")))
    assert scorer.scores["x1"].corroboration == 0.4
    assert scorer.scores["x1"].corroborated_by == ("x3",)


def test_a_regrade_of_a_silent_source_counts_once_it_speaks():
    # b says nothing yet when the analyst grades it A; its first claim must weigh as A.
    sources = {0: SourceIn(0, "a", "g0", "B"), 1: SourceIn(1, "b", "g1", "F")}
    docs = {"d": DocumentIn("d", None, DAY, DAY)}
    claims = (ClaimIn("x1", "x", figure=Figure(1, 2), attributions=(AttributionIn(0, "d"),)),)
    scorer = Scorer(ScoringInputs(sources, docs, claims))
    assert scorer.put_sources([SourceIn(1, "b", "g1", "A")]) == set()
    scorer.put_claim(ClaimIn("x2", "x", figure=Figure(1, 2), attributions=(AttributionIn(1, "d"),)))
    fresh = ScoringInputs(scorer.sources, scorer.documents, tuple(scorer.claims.values()))
    assert numbers(scorer.case_scores()) == numbers(score_inputs(fresh))
    # An A supporter lifts x1 as far as the regrade test above: 0.8, not an F's weight.
    assert scorer.scores["x1"].corroboration == 0.8


# -- misreports set aside (MISREPORT_SET_ASIDE): every path agrees --------------------------


@st.composite
def dated_interval_cases(draw) -> ScoringInputs:
    """``interval_cases`` with documents on several dates (a day, a month, undated, one
    derived from an earlier one), so that one origin's claims are misreports of it on
    some dates and revisions on others."""
    inputs = draw(interval_cases())
    later = date(2023, 12, 28)
    docs = {
        "d0": DocumentIn("d0", None, DAY, DAY),
        "d1": DocumentIn("d1", None, later, later, ("d0",)),
        "d2": DocumentIn("d2", None, date(2023, 12, 1), date(2023, 12, 31)),
        "d3": DocumentIn("d3", None, None, None),
        "d4": DocumentIn("d4", None, later, later),
    }
    claims = tuple(
        dataclasses.replace(
            c,
            attributions=tuple(
                dataclasses.replace(a, document_id=draw(st.sampled_from(sorted(docs))))
                for a in c.attributions
            ),
        )
        for c in inputs.claims
    )
    return ScoringInputs(inputs.sources, docs, claims)


@PROPS
@given(dated_interval_cases())
def test_the_sweep_sets_misreports_aside_as_every_pair_does(inputs):
    swept = score_inputs(inputs, SWEEP)
    assert numbers(swept) == numbers(score_inputs(inputs, PAIRWISE))
    ctx = Context(inputs.sources, inputs.documents, SWEEP)
    members = [prepare(c, ctx) for c in inputs.claims]
    if members:
        # The sweep's discrepancies are those listed between claims (``same_origin``).
        found: dict[str, dict[str, set[str]]] = {}
        for g in {g for p in members for g in p.origins}:
            reports = [r for p in members for r in reports_of(p, g, 0, ctx)]
            for x, y in discrepant(reports, ctx):
                found.setdefault(x[2], {}).setdefault(g, set()).add(y[2])
                found.setdefault(y[2], {}).setdefault(g, set()).add(x[2])
        assert found == misreported(members, ctx)
    pairwise_scores = score_inputs(inputs, PAIRWISE).claims
    for s in swept.claims.values():  # the explanation tells the same numbers
        assert s.explanation.contradiction.value == s.contradiction
        assert s.explanation.corroboration.value == s.corroboration
        # The sweep names claims without explanations, leaving out origins set aside.
        named = pairwise_scores[s.id]
        assert (s.corroborated_by, s.contradicted_by) == (
            named.corroborated_by,
            named.contradicted_by,
        )


@PROPS
@given(dated_interval_cases(), st.data())
def test_a_kept_sweep_edited_matches_a_full_rescore_with_misreports(inputs, data):
    scorer = Scorer(inputs, SWEEP)
    for _ in range(3):
        claim = data.draw(st.sampled_from(inputs.claims)) if inputs.claims else None
        if claim is None:
            return
        if data.draw(st.booleans()):
            scorer.put_claim(
                dataclasses.replace(
                    claim,
                    figure=Figure(data.draw(st.integers(0, 40)), data.draw(st.integers(40, 60))),
                )
            )
        else:
            scorer.remove_claim(claim.id)
        fresh = ScoringInputs(scorer.sources, scorer.documents, tuple(scorer.claims.values()))
        assert numbers(scorer.case_scores()) == numbers(score_inputs(fresh, PAIRWISE))
