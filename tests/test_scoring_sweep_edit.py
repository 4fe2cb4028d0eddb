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


def test_an_edit_that_splits_a_disputed_moment_scores_like_a_full_rescoring():
    """One origin (group g, grade B: 0.6): "10" on 1 Nov (a); "20" (c) and "15" (d) on
    2 Nov, a discrepancy; b in a review dated November, which overlaps both days. X,
    another origin's "9-11", meets a only. b "1-2" conflicts with a, c and d: one
    disputed moment {a, b, c, d}; a version (a) agrees with X, g is set aside for X (0).
    b "15": apart from a and c, still one moment (0). b "9-12" meets a: the moment is
    {b, c, d}, and b agrees with X (0). b "10-20" meets a, c and d: the moment splits,
    {c, d} has no version agreeing with X, and g counts against it (0.6)."""
    from datetime import date

    from tracker.scoring import DocumentIn, SourceIn

    sources = {0: SourceIn(0, "g", "g", "B"), 1: SourceIn(1, "x", "x", "B")}
    nov1, nov2 = date(2023, 11, 1), date(2023, 11, 2)
    docs = {
        "da": DocumentIn("da", "A", nov1, nov1),
        "dc": DocumentIn("dc", "C", nov2, nov2),
        "dd": DocumentIn("dd", "D", nov2, nov2),
        "db": DocumentIn("db", "B", nov1, date(2023, 11, 30)),
        "dx": DocumentIn("dx", "X", nov1, nov1),
    }

    def claim(cid: str, doc: str, low: int, high: int, source: int = 0) -> ClaimIn:
        attributions = (AttributionIn(source, doc),)
        return ClaimIn(cid, "one", figure=Figure(low, high), attributions=attributions)

    claims = (
        claim("a", "da", 10, 10),
        claim("b", "db", 1, 2),
        claim("c", "dc", 20, 20),
        claim("d", "dd", 15, 15),
        claim("x", "dx", 9, 11, source=1),
    )
    scorer = Scorer(ScoringInputs(sources, docs, claims), SWEEP)
    assert scorer.scores["x"].contradiction == 0.0
    for low, high, against_x in ((15, 15, 0.0), (9, 12, 0.0), (10, 20, 0.6), (1, 2, 0.0)):
        scorer.put_claim(claim("b", "db", low, high))
        assert "one" in scorer._swept
        fresh = ScoringInputs(sources, docs, tuple(scorer.claims.values()))
        assert numbers(scorer.case_scores()) == numbers(score_inputs(fresh, PAIRWISE))
        assert scorer.scores["x"].contradiction == against_x, (low, high)


def test_an_edit_that_leaves_a_report_with_no_discrepancy_makes_it_a_moment_of_its_own():
    """Found by hypothesis. Origin g1 (grade A: 0.8) carries c0 on 27 Dec (d0) and in a
    December review (d2), "at least 1" on 27 Dec (c7) and "at most 0" in the review
    (c10). c0 "at most 0" is discrepant with c7 through the review. Edited to "1-40",
    c0's review report meets c7 and is discrepant with nothing: it is a moment of its own
    with no version meeting X ("0", origin g0), so g1 counts against X (0.8); its 27 Dec
    report stays in a moment with c10, which meets X. The kept sweep once left that
    report in its old moment, and set g1 aside (0)."""
    from datetime import date

    from tracker.scoring import DocumentIn, SourceIn

    sources = {0: SourceIn(0, "g0", "g0", "A"), 1: SourceIn(1, "g1", "g1", "A")}
    dec27 = date(2023, 12, 27)
    docs = {
        "d0": DocumentIn("d0", None, dec27, dec27),
        "d2": DocumentIn("d2", None, date(2023, 12, 1), date(2023, 12, 31)),
        "d3": DocumentIn("d3", None, dec27, dec27),
    }

    def claim(cid: str, figure: Figure, *where: tuple[int, str]) -> ClaimIn:
        attributions = tuple(AttributionIn(s, d) for s, d in where)
        return ClaimIn(cid, "one", figure=figure, attributions=attributions)

    c0 = claim("c0", Figure(None, 0), (1, "d0"), (1, "d2"))
    claims = (
        c0,
        claim("c7", Figure(1, None), (1, "d0")),
        claim("c10", Figure(None, 0), (1, "d2")),
        claim("x", Figure(0, 0), (0, "d3")),
    )
    scorer = Scorer(ScoringInputs(sources, docs, claims), SWEEP)
    scorer.put_claim(dataclasses.replace(c0, figure=Figure(1, 40)))
    assert "one" in scorer._swept
    fresh = ScoringInputs(sources, docs, tuple(scorer.claims.values()))
    assert numbers(scorer.case_scores()) == numbers(score_inputs(fresh, PAIRWISE))
    assert scorer.scores["x"].contradiction == 0.8
