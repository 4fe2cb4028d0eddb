"""The bundled Najin case, imported with the importer and scored, checked by hand
(issue 5, "Must show")."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tracker.db import open_database, session_scope
from tracker.importers import import_paths
from tracker.scoring import CaseScores, score_case

CASE = Path(__file__).resolve().parents[1] / "imports" / "najin-2023"
ROK = "Republic of Korea"
US = "United States government"


@pytest.fixture(scope="module")
def najin(tmp_path_factory) -> CaseScores:
    engine = open_database(tmp_path_factory.mktemp("najin") / "case.sqlite")
    report = import_paths(engine, [CASE])
    assert not report.failed, [f.error for f in report.failed]
    with session_scope(engine) as session:
        scores = score_case(session)
    engine.dispose()
    return scores


def test_nis_figure_is_one_origin_though_several_outlets_carry_it(najin):
    nis = najin.claims["nis-shipments-about-10"]
    assert nis.origins == (ROK,)
    carriers = {a.split(" repeats ")[0] for a in nis.explanation.copies}
    assert carriers == {"euromaidan-ghost-ships"}  # Euromaidan re-reports Bloomberg


def test_rusi_csis_and_nis_counts_corroborate_one_another(najin):
    ids = {"rusi-round-trips-at-least-5", "csis-trips-at-least-6", "nis-shipments-about-10"}
    for claim_id in ids:
        assert ids - {claim_id} <= set(najin.claims[claim_id].corroborated_by), claim_id
    nis = najin.claims["nis-shipments-about-10"]
    counted = {e.origin for e in nis.explanation.corroboration.counted}
    assert {
        "Royal United Services Institute",
        "Center for Strategic and International Studies",
    } <= counted
    assert ROK not in counted  # its own voice is what is corroborated


def test_north_korea_denial_contradicts_the_transfer_claims(najin):
    denial = najin.claims["dprk-denies-shipments"]
    assert denial.origins == ("Democratic People's Republic of Korea",)
    for claim_id in (
        "rusi-round-trips-at-least-5",
        "csis-trips-at-least-6",
        "nis-shipments-about-10",
    ):
        score = najin.claims[claim_id]
        assert "dprk-denies-shipments" in score.contradicted_by
        # One E-graded voice against B-graded independent ones.
        assert score.contradiction == pytest.approx(0.15)
        assert score.corroboration > score.contradiction
    assert denial.credibility == 5  # improbable: contradicted by stronger evidence


def test_white_house_more_than_1000_vs_post_as_many_as_1000_is_a_discrepancy(najin):
    score = najin.claims["us-containers-over-1000"]
    assert score.origins == (US,)  # the White House and the US Mission: one voice
    values = [d for d in score.discrepancies if d.kind == "value"]
    assert len(values) == 1
    assert {values[0].first.document, values[0].second.document} == {
        "wapo-2023-10-16",
        "csis-beyond-parallel-2023-10",
    }
    assert values[0].origin == US
    # A reporting fault, not a contradiction between sources.
    assert (score.contradiction, score.contradicted_by) == (0.0, ())


def test_dropped_hedge_on_more_than_1_million_rounds_is_flagged(najin):
    score = najin.claims["nis-rounds-over-1-million"]
    hedges = [d for d in score.discrepancies if d.kind == "hedge"]
    assert [
        (d.first.document, d.first.hedge, d.second.document, d.second.hedge) for d in hedges
    ] == [("bloomberg-2023-12", "likely", "euromaidan-ghost-ships", None)]
    assert ROK not in {e.origin for e in score.explanation.contradiction.counted}


def test_every_claim_is_scored_and_explained(najin):
    claims = yaml.safe_load((CASE / "claims.yaml").read_text(encoding="utf-8"))
    assert set(najin.claims) == {c["id"] for c in claims}
    for score in najin.claims.values():
        assert 0 <= score.corroboration <= 1 and 0 <= score.contradiction <= 1
        assert 1 <= score.credibility <= 6
        assert (
            set(score.corroborated_by) | set(score.contradicted_by) <= score.explanation.claim_ids()
        )


def test_a_calibre_in_an_outlet_quote_is_not_read_as_the_count(najin):
    # Euromaidan lists the four munition types without the word "four"; its
    # "120mm" is a calibre, so it carries no figure for this count at all.
    score = najin.claims["oliemans-four-munition-types"]
    assert [d for d in score.discrepancies if d.kind == "value"] == []
