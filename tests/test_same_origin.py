"""One origin, two claims of a subject (issue 15): two outlets that disagree on one day
about what NIS said are a reporting discrepancy on both claims; NIS giving a new figure
weeks later is a revision, shown as one. Inputs made by hand, expectations worked out
by hand from them."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

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
from tracker.scoring.compat import overlap
from tracker.scoring.context import Context, prepare
from tracker.scoring.engine import explain
from tracker.scoring.estimate import estimate_subjects
from tracker.scoring.misreports import subject_moments
from tracker.scoring.pairs import pairwise
from tracker.scoring.scorer import Scorer
from tracker.scoring.weights import Weights

SUBJECT = "North Korean troops sent to Russia (count)"
NIS = SourceIn(1, "NIS", "Republic of Korea", "B")
RUSI = SourceIn(2, "RUSI", "RUSI", "B")
SOURCES = {1: NIS, 2: RUSI}

ABOUT_12000 = Figure(10_800, 13_200, qualifier="approx", value=12_000, text="about 12,000 troops")
ABOUT_10000 = Figure(9_000, 11_000, qualifier="approx", value=10_000, text="about 10,000 troops")
UNDER_10000 = Figure(
    None,
    10_000,
    high_open=True,
    qualifier="less_than",
    value=10_000,
    text="fewer than 10,000 troops",
)


def doc(doc_id: str, outlet: str, day: date, last: date | None = None) -> DocumentIn:
    return DocumentIn(doc_id, outlet, day, last or day)


def nis(
    cid: str, document: str, figure: Figure, quote: str, until: date, cumulative: bool = True
) -> ClaimIn:
    return ClaimIn(
        cid,
        SUBJECT,
        figure=figure,
        period=Period(date(2023, 8, 1), until, "since"),
        cumulative=cumulative,
        attributions=(AttributionIn(1, document, quote=quote),),
    )


BRIEFING = date(2023, 11, 1)
ONE_DAY = {
    "yonhap": doc("yonhap", "Yonhap", BRIEFING),
    "reuters": doc("reuters", "Reuters", BRIEFING),
}
TWELVE = nis(
    "nis-12000",
    "yonhap",
    ABOUT_12000,
    "NIS told lawmakers about 12,000 troops had been sent since August",
    BRIEFING,
)
UNDER_TEN = nis(
    "nis-under-10000",
    "reuters",
    UNDER_10000,
    "NIS said fewer than 10,000 troops had been sent since August",
    BRIEFING,
)


def test_two_outlets_disagreeing_about_nis_on_one_day_are_a_discrepancy_on_both_claims() -> None:
    scores = score_inputs(ScoringInputs(SOURCES, ONE_DAY, (TWELVE, UNDER_TEN))).claims
    # [10,800, 13,200] and (-inf, 10,000) cannot meet: NIS said one of them, not both.
    (on_twelve,) = scores["nis-12000"].discrepancies
    (on_under,) = scores["nis-under-10000"].discrepancies
    assert (on_twelve.kind, on_twelve.origin) == ("value", "Republic of Korea")
    assert (on_twelve.first.outlet, on_twelve.second.outlet) == ("Yonhap", "Reuters")
    assert (on_twelve.first.claim, on_twelve.second.claim) == ("nis-12000", "nis-under-10000")
    assert on_twelve.first.quote == TWELVE.attributions[0].quote
    assert on_twelve.second.quote == UNDER_TEN.attributions[0].quote
    # Mirrored on the other claim: its own appearance first.
    assert (on_under.first.outlet, on_under.second.outlet) == ("Reuters", "Yonhap")
    assert "about 12,000 troops" in on_twelve.detail and "fewer than 10,000" in on_twelve.detail
    assert "1 Nov 2023" in on_twelve.detail
    # One voice, so never a contradiction: nothing else speaks in this subject.
    assert scores["nis-12000"].contradiction == 0.0
    assert scores["nis-under-10000"].contradiction == 0.0
    assert scores["nis-12000"].contradicted_by == ()


def test_a_month_known_date_overlapping_the_briefing_is_still_one_moment() -> None:
    # A monthly digest dated only "November 2023" may be from the briefing's day.
    docs = {**ONE_DAY, "reuters": doc("reuters", "Reuters", date(2023, 11, 1), date(2023, 11, 30))}
    scores = score_inputs(ScoringInputs(SOURCES, docs, (TWELVE, UNDER_TEN))).claims
    assert len(scores["nis-12000"].discrepancies) == 1


# Yonhap on 18 Oct, Reuters on 2 Dec: six weeks between NIS's two briefings.
WEEKS_APART = {
    "yonhap": doc("yonhap", "Yonhap", date(2023, 10, 18)),
    "reuters": doc("reuters", "Reuters", date(2023, 12, 2)),
}


def test_a_later_new_figure_is_a_revision_not_a_discrepancy() -> None:
    docs = WEEKS_APART
    earlier = nis("nis-10000", "yonhap", ABOUT_10000, "about 10,000", date(2023, 10, 18))
    later = nis("nis-12000", "reuters", ABOUT_12000, "about 12,000", date(2023, 12, 2))
    inputs = ScoringInputs(SOURCES, docs, (earlier, later))
    scores = score_inputs(inputs).claims
    assert scores["nis-10000"].discrepancies == () and scores["nis-12000"].discrepancies == ()
    (revision,) = scores["nis-12000"].explanation.revisions
    assert revision.words() == (
        "Republic of Korea: about 10,000 troops (18 Oct 2023) -> about 12,000 troops (2 Dec 2023)"
    )
    assert scores["nis-10000"].explanation.revisions == (revision,)
    (summary,) = estimate_subjects(inputs)
    (estimate,) = summary.estimates
    assert [r.words() for r in estimate.revisions] == [revision.words()]
    # Its latest figure is what the estimate counts, not both.
    assert estimate.origins == ("Republic of Korea",) and estimate.outliers == ()
    assert (estimate.low, estimate.high) == (10_800, 13_200)


def test_the_same_two_figures_weeks_apart_are_a_revision() -> None:
    # The discrepancy's two figures, only dated apart: NIS changed its figure.
    docs = WEEKS_APART
    earlier = nis("nis-under-10000", "yonhap", UNDER_10000, "fewer than", date(2023, 10, 18))
    later = nis("nis-12000", "reuters", ABOUT_12000, "about 12,000", date(2023, 12, 2))
    scores = score_inputs(ScoringInputs(SOURCES, docs, (earlier, later))).claims
    assert scores["nis-12000"].discrepancies == ()
    (revision,) = scores["nis-12000"].explanation.revisions
    assert revision.words().endswith(
        "fewer than 10,000 troops (18 Oct 2023) -> about 12,000 troops (2 Dec 2023)"
    )


def test_a_copy_printed_weeks_later_still_misreports_the_original() -> None:
    # Reuters' piece is derived from Yonhap's: a different figure there is a misreport,
    # however much later it ran.
    docs = {
        "yonhap": doc("yonhap", "Yonhap", BRIEFING),
        "reuters": DocumentIn(
            "reuters", "Reuters", date(2023, 12, 20), date(2023, 12, 20), ("yonhap",)
        ),
    }
    scores = score_inputs(ScoringInputs(SOURCES, docs, (TWELVE, UNDER_TEN))).claims
    assert len(scores["nis-12000"].discrepancies) == 1
    assert scores["nis-12000"].explanation.revisions == ()


def test_different_hedges_on_one_day_for_the_same_figure() -> None:
    likely = dataclasses.replace(TWELVE, hedge="likely")
    plain = dataclasses.replace(
        TWELVE,
        id="nis-12000-plain",
        attributions=(AttributionIn(1, "reuters", quote="NIS: 12,000", id=7),),
    )
    scores = score_inputs(ScoringInputs(SOURCES, ONE_DAY, (likely, plain))).claims
    (d,) = scores["nis-12000"].discrepancies
    assert d.kind == "hedge" and "'likely'" in d.detail and "'none'" in d.detail


def test_an_independent_voice_is_still_a_contradiction() -> None:
    rusi = ClaimIn(
        "rusi-5000",
        SUBJECT,
        figure=Figure(5_000, 5_000, value=5_000, text="5,000 troops"),
        period=Period(date(2023, 8, 1), BRIEFING, "since"),
        cumulative=True,
        attributions=(AttributionIn(2, "reuters", quote="RUSI: 5,000"),),
    )
    scores = score_inputs(ScoringInputs(SOURCES, ONE_DAY, (TWELVE, rusi))).claims
    assert scores["nis-12000"].contradicted_by == ("rusi-5000",)
    assert scores["nis-12000"].discrepancies == ()


# -- the property -------------------------------------------------------------------------

DAYS = [date(2023, 11, d) for d in (1, 2, 3, 20)]
FIGURES = [
    ABOUT_10000,
    ABOUT_12000,
    UNDER_10000,
    Figure(5_000, 5_000, value=5_000),
    Figure(20_000, None, qualifier="at_least", value=20_000),
]
GROUPS = ["Republic of Korea", "RUSI", "CSIS"]


@st.composite
def cases(draw):  # type: ignore[no-untyped-def]
    sources = {
        i: SourceIn(i, f"s{i}", GROUPS[i % 3], draw(st.sampled_from("ABCF"))) for i in range(4)
    }
    docs = {f"d{i}": doc(f"d{i}", f"outlet {i}", DAYS[i % 4]) for i in range(6)}
    claims = []
    for i in range(draw(st.integers(1, 6))):
        cite = draw(
            st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5)), min_size=1, max_size=2)
        )
        figure = draw(st.sampled_from(FIGURES))
        # Each appearance printed the claim's figure (what the loader reads from its quote).
        claims.append(
            ClaimIn(
                f"c{i}",
                SUBJECT,
                figure=figure,
                hedge=draw(st.sampled_from([None, "likely"])),
                attributions=tuple(
                    AttributionIn(s, f"d{d}", quote=f"q{i}", figure=figure) for s, d in cite
                ),
            )
        )
    return ScoringInputs(sources, docs, tuple(claims))


@given(cases(), st.integers(0, 10), st.booleans(), st.integers(0, 4))
@settings(max_examples=150, deadline=None)
def test_a_second_outlets_incompatible_report_never_hides_a_discrepancy_nor_raises_contradiction(
    inputs: ScoringInputs, pick: int, on_same_claim: bool, day: int
) -> None:
    """Another outlet carries one claim's origin on the claim's day with a figure that
    cannot meet the claim's: as a second appearance of that claim, or as a claim of its
    own. No claim loses a discrepancy, and no claim's contradiction rises: a misreport of
    an origin counts against no claim that another report of it agrees with."""
    claim = inputs.claims[pick % len(inputs.claims)]
    first = claim.attributions[0]
    origin = inputs.sources[first.source_id].group
    source = next(s for s in inputs.sources.values() if s.group == origin)
    when = inputs.documents[first.document_id].published_first
    # A figure that cannot meet the claim's.
    assert claim.figure is not None
    other = next(f for f in FIGURES if not overlap(f, claim.figure))
    new_doc = DocumentIn("late", "another outlet", when, when)
    documents = {**inputs.documents, "late": new_doc}
    report = AttributionIn(source.id, "late", quote="the other outlet's words", figure=other)
    if on_same_claim:
        changed = dataclasses.replace(claim, attributions=(*claim.attributions, report))
        claims = tuple(changed if c.id == claim.id else c for c in inputs.claims)
    else:
        added = ClaimIn("added", SUBJECT, figure=other, attributions=(report,))
        claims = (*inputs.claims, added)
    before = score_inputs(inputs).claims
    after = score_inputs(ScoringInputs(inputs.sources, documents, claims)).claims
    for cid, old in before.items():
        new = after[cid]
        assert len(new.discrepancies) >= len(old.discrepancies), cid
        assert new.contradiction <= old.contradiction, cid
    if not on_same_claim:
        assert after["added"].discrepancies, "the added report is listed on its claim"
    assert any(d.second.document == "late" or d.first.document == "late"
               for s in after.values() for d in s.discrepancies)  # fmt: skip


# -- through the command line ---------------------------------------------------------------


def _article(folder, doc_id: str, outlet: str, published: str, text: str) -> None:  # type: ignore[no-untyped-def]
    (folder / f"{doc_id}.md").write_text(
        f"---\nid: {doc_id}\ntitle: {doc_id}\noutlet: {outlet}\npublished: {published}\n---\n\n"
        f"{text}\n",
        encoding="utf-8",
    )


def _nis_case(folder, reuters_day: str) -> None:  # type: ignore[no-untyped-def]
    folder.mkdir()
    (folder / "sources.yaml").write_text(
        "- name: National Intelligence Service\n  short: NIS\n  kind: agency\n"
        "  reliability: B\n- name: Yonhap\n  kind: outlet\n- name: Reuters\n  kind: outlet\n",
        encoding="utf-8",
    )
    twelve = "NIS told lawmakers about 12,000 troops had been sent to Russia since August."
    under = "NIS said fewer than 10,000 troops had been sent to Russia since August."
    _article(folder, "yonhap-nis", "Yonhap", "2023-11-01", twelve)
    _article(folder, "reuters-nis", "Reuters", reuters_day, under)
    (folder / "claims.yaml").write_text(
        f"""- id: nis-12000
  subject: "North Korean troops sent to Russia (count)"
  cumulative: true
  text: "About 12,000 troops since August (NIS)"
  stance: asserts
  quantity: "about 12,000 troops"
  period: "since August"
  attributions:
    - source: NIS
      document: yonhap-nis
      quote: "{twelve}"
- id: nis-under-10000
  subject: "North Korean troops sent to Russia (count)"
  cumulative: true
  text: "Fewer than 10,000 troops since August (NIS)"
  stance: asserts
  quantity: "fewer than 10,000 troops"
  period: "since August"
  attributions:
    - source: NIS
      document: reuters-nis
      quote: "{under}"
""",
        encoding="utf-8",
    )


def test_the_command_line_lists_the_discrepancy_on_both_claims_and_explains_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from tests.cli_helpers import run_tracker

    folder, db = tmp_path / "case", str(tmp_path / "case.sqlite")
    _nis_case(folder, "2023-11-01")
    imported = run_tracker("--db", db, "import", str(folder))
    assert imported.returncode == 0, imported.stderr
    scored = run_tracker("--db", db, "score", "--json")
    assert scored.returncode == 0, scored.stderr
    claims = {c["id"]: c for c in json.loads(scored.stdout)["claims"]}
    for own, other, outlets in (
        ("nis-12000", "nis-under-10000", ["Yonhap", "Reuters"]),
        ("nis-under-10000", "nis-12000", ["Reuters", "Yonhap"]),
    ):
        (d,) = claims[own]["discrepancies"]
        assert d["kind"] == "value" and d["origin"] == "National Intelligence Service"
        assert [d["first"]["claim"], d["second"]["claim"]] == [own, other]
        assert [d["first"]["outlet"], d["second"]["outlet"]] == outlets
        assert "12,000 troops" in (d["first"]["quote"] + d["second"]["quote"])
        assert claims[own]["contradiction"] == 0
    explained = run_tracker("--db", db, "explain", "nis-12000")
    assert explained.returncode == 0, explained.stderr
    out = explained.stdout
    assert "reporting discrepancies (not contradictions):" in out
    assert "Reuters (claim nis-under-10000): “NIS said fewer than 10,000 troops" in out
    assert "Yonhap: “NIS told lawmakers about 12,000 troops" in out


def test_the_command_line_shows_a_revision_weeks_later(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.cli_helpers import run_tracker

    folder, db = tmp_path / "case", str(tmp_path / "case.sqlite")
    _nis_case(folder, "2023-12-02")
    assert run_tracker("--db", db, "import", str(folder)).returncode == 0
    explained = run_tracker("--db", db, "explain", "nis-12000")
    assert explained.returncode == 0, explained.stderr
    assert "reporting discrepancies (not contradictions)" not in explained.stdout
    assert (
        "National Intelligence Service: about 12,000 troops (1 Nov 2023) -> fewer than 10,000 "
        "troops (2 Dec 2023)"
    ) in explained.stdout
    subject = run_tracker(
        "--db", db, "explain", "--subject", "North Korean troops sent to Russia (count)"
    )
    assert "revised: National Intelligence Service: about 12,000 troops (1 Nov 2023)" in (
        subject.stdout
    )


def test_the_brief_lists_a_discrepancy_between_two_claims_once_naming_both(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tracker.brief import write_brief
    from tracker.db import open_database, session_scope
    from tracker.importers import import_paths

    folder = tmp_path / "case"
    _nis_case(folder, "2023-11-01")
    engine = open_database(tmp_path / "case.sqlite")
    assert not import_paths(engine, [folder / "sources.yaml", *sorted(folder.glob("*.md"))]).failed
    assert not import_paths(engine, [folder / "claims.yaml"]).failed
    with session_scope(engine) as session:
        brief = write_brief(session, title="NIS", today=date(2023, 12, 1))
    section = brief.split("## Reporting discrepancies", 1)[1].split("\n## ", 1)[0]
    items = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(items) == 1, section
    (item,) = items
    assert item.startswith("- **National Intelligence Service**, on North Korean troops sent")
    assert "Yonhap printed “NIS told lawmakers about 12,000 troops" in item
    assert "Reuters printed “NIS said fewer than 10,000 troops" in item
    assert "(claim nis-12000)" in item and "(claim nis-under-10000)" in item
    assert "an outlet misreported it" in item


def test_explain_subject_names_the_containers_wording_of_the_bundled_case(
    tmp_path, bundled_case
) -> None:  # type: ignore[no-untyped-def]
    """Checked against the articles: CSIS quotes the US government's October 13 figure
    as "more than 1,000 containers"; the Washington Post, reporting the same Friday
    statement, printed "as many as 1,000". One origin, one moment (16 Oct and 16-31 Oct
    2023), figures that cannot meet: a reporting discrepancy in the subject's account."""
    from tests.cli_helpers import run_tracker

    db = str(tmp_path / "najin.sqlite")
    assert run_tracker("--db", db, "import", str(bundled_case)).returncode == 0
    subject = "Containers of munitions shipped, DPRK to Russia (count)"
    out = run_tracker("--db", db, "explain", "--subject", subject).stdout
    section = out.split("reporting discrepancies (outlets carrying one origin differently):")[1]
    assert section.count("  - value: United States government's figure is carried as") == 1
    assert "The Washington Post: “North Korea has transported as many as 1,000 containers" in (
        section
    )
    assert "CSIS Beyond Parallel: “the U.S. government announced that North Korea had " in (section)
    assert "“more than 1,000 containers of military equipment and munitions,”" in section


# -- a misreport set aside (MISREPORT_SET_ASIDE): the exact pair path ------------------------

RUSI_RANGE = ClaimIn(
    "rusi-11000-13000",
    SUBJECT,
    figure=Figure(11_000, 13_000, value=12_000, text="11,000-13,000 troops"),
    period=Period(date(2023, 8, 1), BRIEFING, "since"),
    cumulative=True,
    attributions=(AttributionIn(2, "reuters", quote="RUSI: 11,000-13,000"),),
)


def _pair_path(claims: tuple[ClaimIn, ...]):  # type: ignore[no-untyped-def]
    ctx = Context(SOURCES, ONE_DAY, Weights())
    members = [prepare(c, ctx) for c in claims]
    moments = subject_moments(members, ctx)
    return ctx, members, moments, pairwise(members, ctx, moments)


def test_an_outlets_misreport_of_nis_does_not_contradict_what_another_report_of_nis_supports() -> (
    None
):
    """RUSI's 11,000-13,000 meets NIS's "about 12,000" (Yonhap) and misses "fewer than
    10,000" (Reuters, the same day: one outlet misreported NIS). NIS does not count
    against RUSI; it still corroborates it (B: weight 0.6), and RUSI still contradicts
    the Reuters report (0.6)."""
    ctx, members, moments, numbers = _pair_path((TWELVE, UNDER_TEN, RUSI_RANGE))
    # One disputed moment of NIS: the two reports of 1 Dec, each claim's only one.
    assert moments.versions == [frozenset({"nis-12000", "nis-under-10000"})]
    assert moments.of == {
        ("Republic of Korea", "nis-12000"): (0,),
        ("Republic of Korea", "nis-under-10000"): (0,),
    }
    assert numbers["rusi-11000-13000"] == (0.6, 0.0)
    assert numbers["nis-under-10000"] == (0.0, 0.6)
    explained = explain(members[2], members, ctx, moments)
    assert explained.contradiction.value == 0.0
    assert explained.contradiction.counted == ()
    (aside,) = explained.contradiction.set_aside
    assert (aside.origin, aside.rule, aside.claims) == (
        "Republic of Korea",
        "misreport_set_aside",
        ("nis-under-10000",),
    )
    assert "reporting discrepancy" in aside.note


def test_a_lone_report_of_nis_that_misses_rusi_still_contradicts_it() -> None:
    """Without Yonhap's report nothing of NIS agrees with RUSI: nothing is set aside, NIS
    (B, 0.6) contradicts RUSI; and a later report is a revision, not a misreport."""
    _, _, moments, numbers = _pair_path((UNDER_TEN, RUSI_RANGE))
    assert (moments.of, numbers["rusi-11000-13000"]) == ({}, (0.0, 0.6))
    later = dataclasses.replace(
        TWELVE, attributions=(AttributionIn(1, "later", quote="NIS: about 12,000"),)
    )
    documents = {**ONE_DAY, "later": doc("later", "Yonhap", date(2023, 12, 1))}
    ctx = Context(SOURCES, documents, Weights())
    members = [prepare(c, ctx) for c in (later, UNDER_TEN, RUSI_RANGE)]
    moments = subject_moments(members, ctx)
    assert moments.of == {}
    assert pairwise(members, ctx, moments)["rusi-11000-13000"] == (0.6, 0.6)


def test_scoring_sets_the_misreport_aside_and_explain_says_why() -> None:
    claims = (TWELVE, UNDER_TEN, RUSI_RANGE)
    scores = score_inputs(ScoringInputs(SOURCES, ONE_DAY, claims)).claims
    rusi = scores["rusi-11000-13000"]
    assert (rusi.corroboration, rusi.contradiction) == (0.6, 0.0)
    assert (rusi.corroborated_by, rusi.contradicted_by) == (("nis-12000",), ())
    (aside,) = rusi.explanation.contradiction.set_aside
    assert (aside.origin, aside.rule) == ("Republic of Korea", "misreport_set_aside")
    assert scores["nis-under-10000"].contradicted_by == ("rusi-11000-13000",)


def test_a_misreport_added_or_removed_by_an_edit_scores_as_a_full_rescoring() -> None:
    scorer = Scorer(ScoringInputs(SOURCES, ONE_DAY, (UNDER_TEN, RUSI_RANGE)))
    assert scorer.scores["rusi-11000-13000"].contradiction == 0.6
    scorer.put_claim(TWELVE)
    full = score_inputs(ScoringInputs(SOURCES, ONE_DAY, (UNDER_TEN, RUSI_RANGE, TWELVE)))
    for cid, score in full.claims.items():
        kept = scorer.scores[cid]
        assert (kept.corroboration, kept.contradiction) == (
            score.corroboration,
            score.contradiction,
        ), cid
    assert scorer.scores["rusi-11000-13000"].contradiction == 0.0
    scorer.remove_claim(TWELVE.id)
    assert scorer.scores["rusi-11000-13000"].contradiction == 0.6
    # Yonhap's report moved to a later day: a revision, no misreport; NIS counts against
    # RUSI again through the Reuters report.
    scorer.put_claim(TWELVE)
    assert scorer.scores["rusi-11000-13000"].contradiction == 0.0
    scorer.put_document(doc("yonhap", "Yonhap", date(2023, 12, 1)))
    assert scorer.scores["rusi-11000-13000"].contradiction == 0.6


# -- disputed moments: which reports one version excuses ---------------------------------------
# Troops in Russia at the time (no period, not a running total): figures compare by overlap.

ABOUT_15000 = Figure(13_500, 16_500, qualifier="approx", value=15_000, text="about 15,000 troops")
LATER = date(2023, 12, 20)


def said(cid: str, source: int, document: str, figure: Figure) -> ClaimIn:
    return ClaimIn(cid, SUBJECT, figure=figure, attributions=(AttributionIn(source, document),))


RUSI_NOW = said("rusi", 2, "reuters", Figure(11_000, 13_000, text="11,000-13,000 troops"))


def test_a_revision_after_a_disputed_moment_still_counts_against_the_claim() -> None:
    """1 Nov: Yonhap "about 12,000", Reuters "fewer than 10,000" (one disputed moment,
    and 12,000 meets RUSI's 11,000-13,000). 20 Dec: NIS says about 15,000 (13,500-16,500,
    apart from RUSI's range): a revision, a moment of its own with no version agreeing.
    NIS (B, weight 0.6) counts against RUSI through it: contradiction 0.6, not 0."""
    documents = {**ONE_DAY, "later": doc("later", "KBS", LATER)}
    claims = (
        said("twelve", 1, "yonhap", ABOUT_12000),
        said("under", 1, "reuters", UNDER_10000),
        RUSI_NOW,
        said("fifteen", 1, "later", ABOUT_15000),
    )
    rusi = score_inputs(ScoringInputs(SOURCES, documents, claims)).claims["rusi"]
    assert (rusi.corroboration, rusi.contradiction) == (0.6, 0.6)
    (counted,) = rusi.explanation.contradiction.counted
    assert counted.origin == "Republic of Korea"
    assert "fifteen" in counted.claims
    # Without the revision, the 1 Nov moment alone: NIS is set aside (0).
    alone = score_inputs(ScoringInputs(SOURCES, documents, claims[:3])).claims["rusi"]
    assert alone.contradiction == 0.0


def test_a_report_dated_by_the_month_chains_two_days_into_one_moment() -> None:
    """A report dated only "December 2023" ("fewer than 10,000") overlaps both 1 Dec
    ("about 12,000") and 20 Dec ("about 15,000") and cannot be what NIS said on either:
    the three are one disputed moment, one version of which (12,000) meets RUSI, so NIS
    does not count against RUSI (contradiction 0); the outlets disagree about what NIS
    said all month. Dated to the day, the 20 Dec figure is a revision (0.6, above)."""
    december = {
        "yonhap": doc("yonhap", "Yonhap", date(2023, 12, 1)),
        "monthly": doc("monthly", "Monthly review", date(2023, 12, 1), date(2023, 12, 31)),
        "later": doc("later", "KBS", LATER),
        "reuters": doc("reuters", "Reuters", date(2023, 12, 1)),
    }
    claims = (
        said("twelve", 1, "yonhap", ABOUT_12000),
        said("under", 1, "monthly", UNDER_10000),
        RUSI_NOW,
        said("fifteen", 1, "later", ABOUT_15000),
    )
    ctx = Context(SOURCES, december, Weights())
    moments = subject_moments([prepare(c, ctx) for c in claims], ctx)
    assert moments.versions == [frozenset({"twelve", "under", "fifteen"})]
    rusi = score_inputs(ScoringInputs(SOURCES, december, claims)).claims["rusi"]
    assert (rusi.corroboration, rusi.contradiction) == (0.6, 0.0)


def test_a_claim_reported_on_two_days_counts_through_the_day_no_version_supports() -> None:
    """Found by hypothesis against a partner-by-partner rule. NIS's "about 12,000" is
    carried on 1 Nov by Yonhap and on 2 Nov by KBS; on 1 Nov Reuters reports "fewer than
    10,000", which meets a claim X of 5,000-9,000 (NIS is set aside for X on 1 Nov). On
    2 Nov nothing of NIS agrees with X: NIS counts against X (0.6) through KBS's report.
    Another outlet's report of 2 Nov, "about 15,000", adds a version to the 2 Nov moment
    that does not agree with X either: X's contradiction stays 0.6, it does not rise."""
    second_day = date(2023, 11, 2)
    documents = {
        **ONE_DAY,
        "kbs": doc("kbs", "KBS", second_day),
        "late": doc("late", "Another outlet", second_day),
    }
    twelve = ClaimIn(
        "twelve",
        SUBJECT,
        figure=ABOUT_12000,
        attributions=(AttributionIn(1, "yonhap"), AttributionIn(1, "kbs")),
    )
    x = said("x", 2, "reuters", Figure(5_000, 9_000, text="5,000-9,000 troops"))
    claims = (twelve, said("under", 1, "reuters", UNDER_10000), x)
    before = score_inputs(ScoringInputs(SOURCES, documents, claims)).claims["x"]
    assert before.contradiction == 0.6
    added = said("fifteen", 1, "late", ABOUT_15000)
    after = score_inputs(ScoringInputs(SOURCES, documents, (*claims, added))).claims["x"]
    assert after.contradiction == 0.6
    # Without KBS's report of 2 Nov, only the 1 Nov moment: NIS set aside for X.
    once = dataclasses.replace(twelve, attributions=twelve.attributions[:1])
    alone = score_inputs(ScoringInputs(SOURCES, documents, (once, *claims[1:]))).claims["x"]
    assert alone.contradiction == 0.0
