"""One claim edited in a large subject is patched into the kept sweep, not swept again:
the scores and explanations must be those of scoring the edited case from scratch."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st
from test_scoring_engine import PAIRWISE, PROPS, SWEEP, interval_cases, numbers

from tracker.scoring import AttributionIn, ClaimIn, Figure, Scorer, ScoringInputs, score_inputs


@st.composite
def figures(draw) -> Figure:
    low = draw(st.none() | st.integers(0, 30))
    high = None if draw(st.integers(0, 4)) == 0 else (low or 0) + draw(st.integers(0, 8))
    return Figure(
        low, high, low is not None and draw(st.booleans()), high is not None and draw(st.booleans())
    )


@PROPS
@given(interval_cases(), st.data())
def test_patched_edits_score_like_every_pair_from_scratch(inputs, data):
    scorer = Scorer(inputs, SWEEP)
    n_sources = len(inputs.sources)
    for step in range(4):
        ids = sorted(scorer.claims)
        target = data.draw(st.sampled_from([*ids, f"new{step}"]))
        base = scorer.claims.get(target) or ClaimIn(target, "one")
        source = st.integers(0, n_sources - 1)
        attributions = tuple(
            AttributionIn(data.draw(source), data.draw(st.sampled_from(["d0", "d1"])))
            for _ in range(data.draw(st.integers(0, 3)))
        )
        edited = dataclasses.replace(base, figure=data.draw(figures()), attributions=attributions)
        scorer.put_claim(edited)
        assert "one" in scorer._swept  # the edit went through the patch, not a rescoring
        fresh = ScoringInputs(scorer.sources, scorer.documents, tuple(scorer.claims.values()))
        assert numbers(scorer.case_scores()) == numbers(score_inputs(fresh, PAIRWISE))
    # Kept scores explain themselves against the edited subject, as a fresh scoring does.
    fresh = ScoringInputs(scorer.sources, scorer.documents, tuple(scorer.claims.values()))
    assert scorer.case_scores().to_json(explain=True) == score_inputs(fresh, SWEEP).to_json(
        explain=True
    )


@PROPS
@given(interval_cases(), st.data())
def test_patched_regrades_score_like_every_pair_from_scratch(inputs, data):
    """A regrade moves the tallies of a kept sweep; scores, origins' order, estimates and
    explanations must be those of scoring the regraded case from scratch."""
    scorer = Scorer(inputs, SWEEP)
    for _ in range(3):
        source = scorer.sources[data.draw(st.sampled_from(sorted(scorer.sources)))]
        grade = data.draw(st.sampled_from("ABCDEF"))
        scorer.put_sources([dataclasses.replace(source, reliability=grade)])
        assert "one" in scorer._swept  # patched, the sweep kept
        fresh = ScoringInputs(scorer.sources, scorer.documents, tuple(scorer.claims.values()))
        assert numbers(scorer.case_scores()) == numbers(score_inputs(fresh, PAIRWISE))
        expected = score_inputs(fresh, SWEEP)
        for claim_id, score in scorer.case_scores().claims.items():
            assert score.origins == expected.claims[claim_id].origins
            assert score.probability == expected.claims[claim_id].probability
    fresh = ScoringInputs(scorer.sources, scorer.documents, tuple(scorer.claims.values()))
    assert scorer.case_scores().to_json(explain=True) == score_inputs(fresh, SWEEP).to_json(
        explain=True
    )


def test_an_edit_that_leaves_the_overlap_rule_rescores_the_subject():
    inputs = ScoringInputs(
        {},
        {},
        tuple(ClaimIn(f"c{i}", "one", figure=Figure(i, i + 2)) for i in range(5)),
    )
    scorer = Scorer(inputs, SWEEP)
    denial = ClaimIn("c0", "one", stance="denies")
    scorer.put_claim(denial)
    assert "one" not in scorer._swept
    fresh = ScoringInputs({}, {}, tuple(scorer.claims.values()))
    assert numbers(scorer.case_scores()) == numbers(score_inputs(fresh, PAIRWISE))
