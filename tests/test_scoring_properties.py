"""The six properties of DOMAIN §4: each as a small hand-checked case, then as a
hypothesis property over random cases (sources, groups, grades, derivations, intervals)."""

from __future__ import annotations

import dataclasses
import math
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.scoring import (
    AttributionIn,
    CaseScores,
    ClaimIn,
    DocumentIn,
    Figure,
    Period,
    ScoringInputs,
    SourceIn,
    score_inputs,
)
from tracker.scoring.engine import MISREPORT_SET_ASIDE
from tracker.scoring.weights import RELIABILITY_WEIGHTS, Weights

W = RELIABILITY_WEIGHTS
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAY = date(2023, 12, 27)


def doc(doc_id: str, *derived: str, day: date = DAY) -> DocumentIn:
    return DocumentIn(doc_id, doc_id, day, day, tuple(derived))


def fig(low, high) -> Figure:
    return Figure(low, high)


def case(sources, documents, claims) -> ScoringInputs:
    return ScoringInputs({s.id: s for s in sources}, {d.id: d for d in documents}, tuple(claims))


def numbers(scores: CaseScores) -> dict[str, tuple[float, float]]:
    return {i: (s.corroboration, s.contradiction) for i, s in scores.claims.items()}


# ---------------------------------------------------------------- hand-checked cases
NIS = SourceIn(1, "NIS", "Government of South Korea", "B")
RUSI = SourceIn(2, "RUSI", "RUSI", "B")
CSIS = SourceIn(3, "CSIS", "CSIS", "C")
KCNA = SourceIn(4, "KCNA", "Government of North Korea", "E")
NSC = SourceIn(5, "NSC", "Government of the United States", "B")
WHITE_HOUSE = SourceIn(6, "White House", "Government of the United States", "B")
BLOG = SourceIn(7, "Anonymous blog", "Anonymous blog", "F")
DOCS = [doc("bloomberg"), doc("euromaidan", "bloomberg"), doc("csis"), doc("rusi"), doc("kcna")]
SOURCES = [NIS, RUSI, CSIS, KCNA, NSC, WHITE_HOUSE, BLOG]


def nis_claim(*extra: AttributionIn) -> ClaimIn:
    return ClaimIn(
        "nis", "shipments", figure=fig(9, 11), attributions=(AttributionIn(1, "bloomberg"), *extra)
    )


def test_copies_add_nothing_by_hand():
    rusi = ClaimIn(
        "rusi", "shipments", figure=fig(5, None), attributions=(AttributionIn(2, "rusi"),)
    )
    before = score_inputs(case(SOURCES, DOCS, [nis_claim(), rusi]))
    # Euromaidan re-reports Bloomberg: the same NIS figure, read in a copy.
    after = score_inputs(case(SOURCES, DOCS, [nis_claim(AttributionIn(1, "euromaidan")), rusi]))
    assert numbers(after) == numbers(before)
    assert after.claims["nis"].origins == ("Government of South Korea",)
    assert after.claims["rusi"].corroboration == W["B"]  # one NIS voice, not two


def test_one_voice_per_group_by_hand():
    nis = nis_claim()
    nsc = ClaimIn("nsc", "shipments", figure=fig(10, 10), attributions=(AttributionIn(5, "csis"),))
    white_house = ClaimIn(
        "wh", "shipments", figure=fig(8, 12), attributions=(AttributionIn(6, "csis"),)
    )
    scores = score_inputs(case(SOURCES, DOCS, [nis, nsc, white_house]))
    # NSC and the White House are one US government voice: 0.6, not 1 - 0.4 * 0.4.
    assert scores.claims["nis"].corroboration == W["B"]
    assert set(scores.claims["nis"].corroborated_by) == {"nsc", "wh"}


def test_monotone_in_support_and_conflict_by_hand():
    rusi = ClaimIn(
        "rusi", "shipments", figure=fig(5, None), attributions=(AttributionIn(2, "rusi"),)
    )
    csis = ClaimIn(
        "csis", "shipments", figure=fig(6, None), attributions=(AttributionIn(3, "csis"),)
    )
    denial = ClaimIn("deny", "shipments", stance="denies", attributions=(AttributionIn(4, "kcna"),))
    one = score_inputs(case(SOURCES, DOCS, [nis_claim(), rusi])).claims["nis"]
    two = score_inputs(case(SOURCES, DOCS, [nis_claim(), rusi, csis])).claims["nis"]
    denied = score_inputs(case(SOURCES, DOCS, [nis_claim(), rusi, csis, denial])).claims["nis"]
    assert one.corroboration == W["B"]
    assert math.isclose(two.corroboration, 1 - (1 - W["B"]) * (1 - W["C"]))
    assert (one.contradiction, two.contradiction) == (0.0, 0.0)
    assert denied.contradiction == W["E"]
    assert denied.corroboration == two.corroboration
    assert denied.contradicted_by == ("deny",)


def test_reliability_weighs_by_hand():
    def corroboration_with(grade: str) -> float:
        csis = dataclasses.replace(CSIS, reliability=grade)
        other = ClaimIn(
            "csis", "shipments", figure=fig(6, None), attributions=(AttributionIn(3, "csis"),)
        )
        return (
            score_inputs(case([NIS, csis], DOCS, [nis_claim(), other])).claims["nis"].corroboration
        )

    assert corroboration_with("A") > corroboration_with("C")
    # F counts, but less than any graded source.
    assert 0 < corroboration_with("F") < corroboration_with("E")


def test_discrepancy_is_not_a_contradiction_by_hand():
    # The White House said more than 1,000 containers; the Post printed "as many as 1,000".
    said = AttributionIn(
        6, "csis", "more than 1,000 containers", None, Figure(1000, None, low_open=True)
    )
    printed = AttributionIn(6, "euromaidan", "as many as 1,000", None, Figure(None, 1000))
    only_said = ClaimIn(
        "containers", "containers", figure=Figure(1000, None, low_open=True), attributions=(said,)
    )
    both = dataclasses.replace(only_said, attributions=(said, printed))
    before = score_inputs(case(SOURCES, DOCS, [only_said])).claims["containers"]
    after = score_inputs(case(SOURCES, DOCS, [both])).claims["containers"]
    assert (after.contradiction, after.corroboration) == (
        before.contradiction,
        before.corroboration,
    )
    assert after.contradicted_by == ()
    assert [d.kind for d in after.discrepancies] == ["value"]
    assert after.discrepancies[0].origin == "Government of the United States"


def test_dropped_hedge_is_flagged_by_hand():
    likely = AttributionIn(
        1, "bloomberg", "likely encompassing more than 1 million rounds", "likely"
    )
    dropped = AttributionIn(1, "euromaidan", "totaling over 1 million artillery rounds", None)
    claim = ClaimIn(
        "rounds", "rounds", figure=Figure(1e6, None, low_open=True), attributions=(likely, dropped)
    )
    score = score_inputs(case(SOURCES, DOCS, [claim])).claims["rounds"]
    assert [(d.kind, d.first.document, d.second.document) for d in score.discrepancies] == [
        ("hedge", "bloomberg", "euromaidan")
    ]
    assert score.contradiction == 0.0


def test_explained_by_hand():
    rusi = ClaimIn(
        "rusi", "shipments", figure=fig(5, None), attributions=(AttributionIn(2, "rusi"),)
    )
    denial = ClaimIn("deny", "shipments", stance="denies", attributions=(AttributionIn(4, "kcna"),))
    score = score_inputs(case(SOURCES, DOCS, [nis_claim(), rusi, denial])).claims["nis"]
    exp = score.explanation
    assert [e.origin for e in exp.corroboration.counted] == ["RUSI"]
    assert exp.corroboration.counted[0].grade == "B"
    assert exp.corroboration.counted[0].sources == ("RUSI",)
    assert exp.corroboration.counted[0].rule == "overlap"
    assert [(e.origin, e.rule) for e in exp.contradiction.counted] == [
        ("Government of North Korea", "denial")
    ]
    assert exp.primary_origin == "Government of South Korea"
    assert dict(exp.constants)["RELIABILITY_WEIGHTS[B]"] == W["B"]
    assert exp.credibility.value == str(score.credibility)


def test_uncorroborated_claim_cannot_be_judged_and_confirmed_one_is_1():
    lone = score_inputs(case(SOURCES, DOCS, [nis_claim()])).claims["nis"]
    assert lone.credibility == 6
    rusi = ClaimIn(
        "rusi", "shipments", figure=fig(5, None), attributions=(AttributionIn(2, "rusi"),)
    )
    confirmed = score_inputs(case(SOURCES, DOCS, [nis_claim(), rusi])).claims["nis"]
    assert confirmed.credibility == 1
    assert confirmed.estimative in ("very likely", "almost certain")


def test_contradicted_by_stronger_evidence_is_improbable():
    claim = ClaimIn(
        "blog", "shipments", figure=fig(50, 50), attributions=(AttributionIn(7, "csis"),)
    )
    others = [
        nis_claim(),
        ClaimIn("rusi", "shipments", figure=fig(5, 12), attributions=(AttributionIn(2, "rusi"),)),
    ]
    score = score_inputs(case(SOURCES, DOCS, [claim, *others])).claims["blog"]
    assert score.credibility == 5
    assert score.estimative in ("unlikely", "very unlikely", "almost no chance")


# ---------------------------------------------------------------- random cases
GRADES = st.sampled_from("ABCDEF")
GROUPS = ["g0", "g1", "g2", "g3"]
PERIODS = [
    None,
    Period(date(2023, 8, 1), date(2023, 12, 27)),
    Period(date(2023, 9, 7), date(2023, 10, 1)),
    Period(date(2023, 11, 1), date(2023, 11, 30)),
    Period(date(2023, 10, 15), date(2023, 12, 27)),
]


@st.composite
def figures(draw):
    if draw(st.integers(0, 5)) == 0:
        return None
    low = draw(st.none() | st.integers(0, 30))
    high = draw(st.none() | st.integers(0, 20)) if low is not None else draw(st.integers(0, 30))
    if low is not None and high is not None:
        high = low + high
    return Figure(
        low, high, low is not None and draw(st.booleans()), high is not None and draw(st.booleans())
    )


@st.composite
def cases(draw) -> ScoringInputs:
    n_sources = draw(st.integers(1, 7))
    sources = [
        SourceIn(i, f"s{i}", draw(st.sampled_from(GROUPS)), draw(GRADES)) for i in range(n_sources)
    ]
    n_docs = draw(st.integers(1, 5))
    documents = []
    for i in range(n_docs):
        parents = tuple(f"d{j}" for j in range(i) if draw(st.integers(0, 3)) == 0)
        documents.append(doc(f"d{i}", *parents))
    claims = []
    for i in range(draw(st.integers(1, 7))):
        subject = draw(st.sampled_from(["s0", "s1"]))
        attributions = tuple(
            AttributionIn(
                draw(st.integers(0, n_sources - 1)),
                f"d{draw(st.integers(0, n_docs - 1))}",
                hedge=draw(st.sampled_from([None, "likely"])),
            )
            for _ in range(draw(st.integers(1, 3)))
        )
        claims.append(
            ClaimIn(
                f"c{i}",
                subject,
                draw(st.sampled_from(["asserts", "asserts", "asserts", "denies"])),
                draw(figures()),
                draw(st.sampled_from(PERIODS)),
                subject == "s1",
                attributions=attributions,
            )
        )
    return case(sources, documents, claims)


@PROPS
@given(cases(), st.data())
def test_copies_add_nothing(inputs, data):
    """Without exception: a copy never reveals a misreport (issue 15), only first-hand
    reports do."""
    before = numbers(score_inputs(inputs))
    claim = data.draw(st.sampled_from(inputs.claims))
    original = data.draw(st.sampled_from(claim.attributions))
    copier = data.draw(st.sampled_from(sorted(inputs.sources)))
    copy_doc = doc("copy", original.document_id)
    # Any outlet, any source named: read in a document derived from one carrying the claim.
    copy = AttributionIn(
        copier, "copy", "re-reported", data.draw(st.sampled_from([None, "likely"]))
    )
    changed = dataclasses.replace(claim, attributions=(*claim.attributions, copy))
    after = _with(inputs, changed, extra_doc=copy_doc)
    assert numbers(score_inputs(after)) == before


@PROPS
@given(cases(), st.data())
def test_same_origin_again_adds_nothing(inputs, data):
    """Unless the new report disagrees with one of the origin's others on its dates: then
    only MISREPORT_SET_ASIDE may move a score (``_only_misreports_set_aside``)."""
    before = numbers(score_inputs(inputs))
    claim = data.draw(st.sampled_from(inputs.claims))
    counted = score_inputs(inputs).claims[claim.id].origins
    same_group = [s for s in inputs.sources.values() if s.group in counted]
    if not same_group:
        return
    speaker = data.draw(st.sampled_from(same_group))
    extra = AttributionIn(speaker.id, "fresh", "again")
    after = _with(
        inputs,
        dataclasses.replace(claim, attributions=(*claim.attributions, extra)),
        extra_doc=doc("fresh"),
    )
    _only_misreports_set_aside(before, after)


@PROPS
@given(cases(), st.data())
def test_one_voice_per_group(inputs, data):
    """A second source of a group already carrying a claim, saying the same, counts once
    (with the exception of ``test_same_origin_again_adds_nothing``)."""
    before = numbers(score_inputs(inputs))
    claim = data.draw(st.sampled_from(inputs.claims))
    origins = score_inputs(inputs).claims[claim.id].origins
    # A new member of one of the claim's origins (a copy's named source is not an origin).
    sibling = SourceIn(99, "sibling", data.draw(st.sampled_from(origins)), data.draw(GRADES))
    group_grade = min(s.reliability for s in inputs.sources.values() if s.group == sibling.group)
    sibling = dataclasses.replace(sibling, reliability=max(sibling.reliability, group_grade))
    twin = dataclasses.replace(claim, id="twin", attributions=(AttributionIn(99, "fresh"),))
    after = ScoringInputs(
        {**inputs.sources, 99: sibling},
        {**inputs.documents, "fresh": doc("fresh")},
        (*inputs.claims, twin),
    )
    _only_misreports_set_aside(before, after)


def _only_misreports_set_aside(before: dict[str, tuple[float, float]], after: ScoringInputs):
    """DOMAIN §4 properties 1 and 2 with their one exception (issue 15). A report of an
    origin already counted, in the new document "fresh", changes no score of the claims
    in ``before`` unless it is in a reporting discrepancy (of figure or stance) with
    another claim of that origin. Then that origin may be set aside from contradicting
    a claim the new report supports: corroboration unchanged, contradiction never
    higher, and a claim whose contradiction fell names MISREPORT_SET_ASIDE for an origin
    of such a discrepancy."""
    scores = score_inputs(after)
    # Every discrepancy listed, so that none of the new report's is cut from the lists.
    listed = score_inputs(after, Weights(claims_shown_per_origin=10**6)).claims.values()
    created = {
        d.origin
        for s in listed
        for d in s.discrepancies[len(s.own_discrepancies) :]  # those between claims
        if d.kind != "hedge" and "fresh" in (d.first.document, d.second.document)
    }
    if not created:
        assert {i: numbers(scores)[i] for i in before} == before
        return
    for claim_id, (corr, contr) in before.items():
        now = scores.claims[claim_id]
        assert now.corroboration == corr, claim_id
        assert now.contradiction <= contr, claim_id
        if now.contradiction < contr:
            aside = now.explanation.contradiction.set_aside
            assert created & {e.origin for e in aside if e.rule == MISREPORT_SET_ASIDE}, claim_id


@PROPS
@given(cases(), st.data())
def test_monotone_in_independent_support_and_conflict(inputs, data):
    before = numbers(score_inputs(inputs))
    newcomer = SourceIn(99, "newcomer", "independent", data.draw(GRADES))
    claim = ClaimIn(
        "new",
        data.draw(st.sampled_from(["s0", "s1"])),
        data.draw(st.sampled_from(["asserts", "denies"])),
        data.draw(figures()),
        data.draw(st.sampled_from(PERIODS)),
        attributions=(AttributionIn(99, "fresh"),),
    )
    claim = dataclasses.replace(claim, cumulative=claim.subject == "s1")
    after = ScoringInputs(
        {**inputs.sources, 99: newcomer},
        {**inputs.documents, "fresh": doc("fresh")},
        (*inputs.claims, claim),
    )
    scores = numbers(score_inputs(after))
    for claim_id, (corr, contr) in before.items():
        assert scores[claim_id][0] >= corr
        assert scores[claim_id][1] >= contr


@PROPS
@given(cases(), st.data())
def test_raising_a_grade_never_lowers_corroboration(inputs, data):
    before = numbers(score_inputs(inputs))
    source = inputs.sources[data.draw(st.sampled_from(sorted(inputs.sources)))]
    better = "ABCDEF"[: "ABCDEF".index(source.reliability) + 1]
    raised = dataclasses.replace(source, reliability=data.draw(st.sampled_from(better)))
    after = numbers(
        score_inputs(dataclasses.replace(inputs, sources={**inputs.sources, source.id: raised}))
    )
    for claim_id, (corr, _) in before.items():
        assert after[claim_id][0] >= corr


@PROPS
@given(cases(), st.data())
def test_reporting_discrepancies_are_not_contradictions(inputs, data):
    before = numbers(score_inputs(inputs))
    claim = data.draw(st.sampled_from(inputs.claims))
    original = claim.attributions[0]
    # The same origin's statement, carried by a copy with another figure and hedge.
    figure = Figure(1e9, 1e9)
    hedge = "allegedly" if original.hedge != "allegedly" else None
    copy = AttributionIn(original.source_id, "copy", "garbled", hedge, figure)
    first = dataclasses.replace(original, figure=Figure(0, 0))
    changed = dataclasses.replace(claim, attributions=(first, *claim.attributions[1:], copy))
    scores = score_inputs(_with(inputs, changed, extra_doc=doc("copy", original.document_id)))
    assert numbers(scores) == before
    kinds = {(d.kind, d.second.document) for d in scores.claims[claim.id].discrepancies}
    assert {("value", "copy"), ("hedge", "copy")} <= kinds


@PROPS
@given(cases())
def test_every_score_is_explained(inputs):
    for score in score_inputs(inputs).claims.values():
        exp = score.explanation
        assert set(score.origins) == {e.origin for e in exp.own_origins}
        assert set(score.corroborated_by) | set(score.contradicted_by) <= exp.claim_ids()
        for value, part in (
            (score.corroboration, exp.corroboration),
            (score.contradiction, exp.contradiction),
        ):
            assert part.value == value
            recomputed = 1 - math.prod(1 - e.weight for e in part.counted)
            assert math.isclose(recomputed, value, abs_tol=1e-9)
            for e in part.counted:
                assert e.weight == W[e.grade]
                assert e.claims and e.sources and e.rule
        assert exp.credibility.value == str(score.credibility)
        assert exp.estimative.value == score.estimative


def _with(inputs: ScoringInputs, claim: ClaimIn, extra_doc: DocumentIn) -> ScoringInputs:
    claims = tuple(claim if c.id == claim.id else c for c in inputs.claims)
    return ScoringInputs(inputs.sources, {**inputs.documents, extra_doc.id: extra_doc}, claims)
