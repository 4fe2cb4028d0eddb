"""The bundled Najin case, scored and checked by hand (issue 5, "Must show").

Sources and articles go in through FOUNDATION's importers; the claims file is read
here with a few lines (normalizing each claim's quantity and period against its first
attribution's document, as DOMAIN §5 says) until the claims importer lands.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tracker.db import open_database, session_scope
from tracker.importers.articles import parse_markdown, store_article
from tracker.importers.sources import import_sources
from tracker.models import Attribution, Claim, Document, Subject
from tracker.normalize import normalize
from tracker.normalize.types import Anchor
from tracker.registry import SourceRegistry
from tracker.scoring import CaseScores, score_case

CASE = Path(__file__).resolve().parents[1] / "imports" / "najin-2023"
SHIPMENTS = "Maritime munitions shipments, DPRK to Russia (count)"
ROK = "Republic of Korea"
US = "United States government"


def _import_claims(session, path: Path) -> None:
    registry = SourceRegistry.from_session(session)
    subjects: dict[str, Subject] = {}
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        name = entry["subject"]
        if name not in subjects:
            subjects[name] = Subject(name=name, cumulative=bool(entry.get("cumulative")))
            session.add(subjects[name])
            session.flush()
        first_doc = session.get(Document, entry["attributions"][0]["document"])
        anchor = Anchor(first_doc.published_first, first_doc.published_last, "interval")
        claim = Claim(
            id=entry["id"],
            subject_id=subjects[name].id,
            text=entry["text"],
            stance=entry.get("stance") or "asserts",
            hedge=entry.get("hedge"),
        )
        if entry.get("quantity"):
            quantities = normalize(entry["quantity"], anchor).quantities
            if quantities:
                q = quantities[0]
                claim.quantity_text = entry["quantity"]
                claim.qty_value, claim.qty_low, claim.qty_high = q.value, q.low, q.high
                claim.qty_low_open, claim.qty_high_open = q.low_open, q.high_open
                claim.qty_qualifier, claim.qty_unit, claim.qty_item = q.qualifier, q.unit, q.item
                claim.qty_per = q.per
        if entry.get("period"):
            times = normalize(entry["period"], anchor).times
            if times and times[0].first is not None:
                claim.period_text = entry["period"]
                claim.period_first, claim.period_last = times[0].first, times[0].last
                claim.period_qualifier = times[0].qualifier
        session.add(claim)
        session.flush()
        for a in entry["attributions"]:
            source = registry.exact(a["source"])
            assert source is not None, a["source"]
            session.add(
                Attribution(
                    claim_id=claim.id,
                    source_id=source.id,
                    document_id=a["document"],
                    quote=a["quote"],
                    start=0,
                    end=len(a["quote"]),
                    hedge=a.get("hedge"),
                )
            )
        session.flush()


@pytest.fixture(scope="module")
def najin(tmp_path_factory) -> CaseScores:
    engine = open_database(tmp_path_factory.mktemp("najin") / "case.sqlite")
    with session_scope(engine) as session:
        sources = CASE / "sources.yaml"
        import_sources(session, sources, sources.read_text(encoding="utf-8"))
        articles = [parse_markdown(p, p.read_text(encoding="utf-8")) for p in CASE.glob("*.md")]
        # Originals before the articles derived from them.
        for article in sorted(articles, key=lambda a: len(a.derived_from)):
            store_article(session, article)
        _import_claims(session, CASE / "claims.yaml")
    with session_scope(engine) as session:
        return score_case(session)


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
