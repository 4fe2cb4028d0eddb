"""Scoring read from a real database (a SQLite file and PostgreSQL): the loader,
`tracker score` and `tracker explain`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from tracker.cli import app
from tracker.db import open_database, session_scope
from tracker.errors import UserError
from tracker.models import Attribution, Claim, Derivation, Document, Source, Subject
from tracker.scoring import score_case, score_claim

BLOOMBERG_QUOTE = (
    "there had been about 10 shipments of weapons from North Korea to Russia since August, "
    "likely encompassing more than 1 million rounds of artillery"
)
EUROMAIDAN_QUOTE = "totaling over 1 million artillery rounds"


@pytest.fixture
def scoring_db(db_url):
    path = db_url
    engine = open_database(path)
    with session_scope(engine) as s:
        rok = Source(name="Government of South Korea", kind="government")
        s.add(rok)
        s.flush()
        nis = Source(
            name="National Intelligence Service", short="NIS", parent_id=rok.id, reliability="B"
        )
        rusi = Source(name="RUSI", kind="think_tank", reliability="B")
        dprk = Source(name="Government of North Korea", short="DPRK", reliability="E")
        bloomberg = Source(name="Bloomberg", kind="outlet", reliability="C")
        euromaidan = Source(name="Euromaidan Press", kind="outlet")
        s.add_all([nis, rusi, dprk, bloomberg, euromaidan])
        s.flush()
        for doc_id, outlet, day, text in (
            ("bloomberg", bloomberg, date(2023, 12, 27), BLOOMBERG_QUOTE),
            ("euromaidan", euromaidan, date(2023, 12, 28), EUROMAIDAN_QUOTE),
            ("rusi-report", rusi, date(2023, 10, 1), "at least five round trips"),
        ):
            s.add(
                Document(
                    id=doc_id,
                    outlet_id=outlet.id,
                    published_first=day,
                    published_last=day,
                    text=text,
                    content_hash=doc_id,
                )
            )
        s.flush()
        s.add(Derivation(document_id="euromaidan", derived_from_id="bloomberg"))
        shipments = Subject(name="shipments", cumulative=True)
        rounds = Subject(name="rounds")
        s.add_all([shipments, rounds])
        s.flush()
        s.add_all(
            [
                Claim(
                    id="nis-10",
                    subject_id=shipments.id,
                    text="About 10 shipments since August",
                    qty_value=10,
                    qty_low=9,
                    qty_high=11,
                    qty_qualifier="approx",
                    qty_item="shipments",
                    period_first=date(2023, 8, 1),
                    period_last=date(2023, 12, 27),
                ),
                Claim(
                    id="rusi-5",
                    subject_id=shipments.id,
                    text="At least five round trips",
                    qty_value=5,
                    qty_low=5,
                    qty_qualifier="at_least",
                    qty_item="round trips",
                    period_first=date(2023, 9, 7),
                    period_last=date(2023, 10, 1),
                ),
                Claim(
                    id="dprk-denies", subject_id=shipments.id, text="No arms went", stance="denies"
                ),
                Claim(
                    id="nis-1m",
                    subject_id=rounds.id,
                    text="More than 1 million rounds",
                    qty_value=1_000_000,
                    qty_low=1_000_000,
                    qty_low_open=True,
                    qty_qualifier="more_than",
                    qty_item="rounds",
                ),
            ]
        )
        s.flush()
        start = BLOOMBERG_QUOTE.index("likely")
        s.add_all(
            [
                Attribution(
                    claim_id="nis-10",
                    source_id=nis.id,
                    document_id="bloomberg",
                    quote=BLOOMBERG_QUOTE[:80],
                    start=0,
                    end=80,
                ),
                Attribution(
                    claim_id="rusi-5",
                    source_id=rusi.id,
                    document_id="rusi-report",
                    quote="at least five round trips",
                    start=0,
                    end=25,
                ),
                Attribution(
                    claim_id="dprk-denies",
                    source_id=dprk.id,
                    document_id="rusi-report",
                    quote="at least five round trips",
                    start=0,
                    end=25,
                ),
                Attribution(
                    claim_id="nis-1m",
                    source_id=nis.id,
                    document_id="bloomberg",
                    quote=BLOOMBERG_QUOTE[start:],
                    start=start,
                    end=len(BLOOMBERG_QUOTE),
                ),
                Attribution(
                    claim_id="nis-1m",
                    source_id=nis.id,
                    document_id="euromaidan",
                    quote=EUROMAIDAN_QUOTE,
                    start=0,
                    end=len(EUROMAIDAN_QUOTE),
                ),
            ]
        )
    engine.dispose()
    return path


def test_loader_scores_the_case(scoring_db):
    with session_scope(open_database(scoring_db)) as session:
        scores = score_case(session)
    nis = scores.claims["nis-10"]
    assert nis.origins == ("Government of South Korea",)  # NIS through its parent
    assert nis.corroborated_by == ("rusi-5",)
    assert nis.corroboration == 0.6  # one B voice
    assert nis.contradicted_by == ("dprk-denies",)
    assert nis.contradiction == 0.15  # one E voice
    rounds = scores.claims["nis-1m"]
    # Bloomberg printed "likely", Euromaidan dropped it: flagged, not a contradiction.
    assert [(d.kind, d.first.hedge, d.second.hedge) for d in rounds.discrepancies] == [
        ("hedge", "likely", None)
    ]
    assert rounds.contradiction == 0.0
    # Each outlet's own figure was normalized from its quote, both "more than 1 million".
    assert rounds.discrepancies[0].first.figure == rounds.discrepancies[0].second.figure


def test_subject_filter_and_unknown_subject(scoring_db):
    with session_scope(open_database(scoring_db)) as session:
        assert set(score_case(session, "rounds").claims) == {"nis-1m"}
        with pytest.raises(UserError, match="no subject named 'nope'"):
            score_case(session, "nope")
        assert score_claim(session, "rusi-5").corroborated_by == ("nis-10",)


def test_score_json_command(scoring_db):
    result = CliRunner().invoke(app, ["--db", str(scoring_db), "score", "--json"])
    assert result.exit_code == 0, result.output
    claims = {c["id"]: c for c in json.loads(result.output)["claims"]}
    assert set(claims) == {"nis-10", "rusi-5", "dprk-denies", "nis-1m"}
    for field in (
        "subject",
        "origins",
        "corroboration",
        "contradiction",
        "credibility",
        "estimative",
        "corroborated_by",
        "contradicted_by",
        "discrepancies",
    ):
        assert field in claims["nis-10"]
    assert claims["nis-10"]["origins"] == ["Government of South Korea"]


def test_score_table_and_explain_commands(scoring_db):
    runner = CliRunner()
    table = runner.invoke(app, ["--db", str(scoring_db), "score", "--subject", "shipments"])
    assert table.exit_code == 0, table.output
    assert "rusi-5" in table.output and "nis-1m" not in table.output
    explained = runner.invoke(app, ["--db", str(scoring_db), "explain", "nis-10"])
    assert explained.exit_code == 0, explained.output
    assert "RUSI" in explained.output and "grade B" in explained.output
    assert "denial" in explained.output


def test_unknown_claim_is_one_line_error(scoring_db):
    result = CliRunner().invoke(app, ["--db", str(scoring_db), "explain", "nope"])
    assert result.exit_code == 1
    assert "no claim with id 'nope'" in result.output
    assert "Traceback" not in result.output


def test_claim_provenance_from_the_database(scoring_db):
    from tracker.scoring.load import claim_provenance

    with session_scope(open_database(scoring_db)) as session:
        found = claim_provenance(session, "nis-1m")
        with pytest.raises(UserError):
            claim_provenance(session, "nope")
    assert found.origins == ("Government of South Korea",)
    assert found.first.documents == ("bloomberg",)
    assert [a.document for a in found.chain] == ["bloomberg", "euromaidan"]
    assert found.chain[1].repeats == ("bloomberg",)


def test_names_are_printed_as_text_not_markup(scoring_db):
    with session_scope(open_database(scoring_db)) as session:
        rusi = session.exec(select(Source).where(Source.name == "RUSI")).one()
        rusi.name = "[bold red]RUSI[/]"
    runner = CliRunner()
    explained = runner.invoke(app, ["--db", str(scoring_db), "explain", "nis-10"])
    assert "[bold red]RUSI[/]" in explained.output
    table = runner.invoke(app, ["--db", str(scoring_db), "score"])
    # Rich would swallow "[bold" if it read the name as markup (the cell may be folded).
    assert "[bold" in table.output


def test_refresh_subject_after_a_database_edit(scoring_db):
    from tracker.scoring import Scorer, load_inputs, refresh_subject

    engine = open_database(scoring_db)
    with session_scope(engine) as session:
        scorer = Scorer(load_inputs(session))
    assert scorer.scores["nis-10"].corroboration == 0.6
    with session_scope(engine) as session:
        rusi = session.exec(select(Source).where(Source.name == "RUSI")).one()
        rusi.reliability = "A"
        session.get(Claim, "rusi-5").qty_low = 50  # now "at least 50": conflicts with ~10
    with session_scope(engine) as session:
        assert refresh_subject(scorer, session, "shipments") >= {"shipments"}
    nis = scorer.scores["nis-10"]
    assert (nis.corroboration, nis.corroborated_by) == (0.0, ())
    # RUSI (now A) and the E-graded denial conflict with it: 1 - 0.2 * 0.85.
    assert nis.contradiction == pytest.approx(1 - 0.2 * 0.85)
    assert scorer.case_scores().claims.keys() == score_case_keys(engine)
    engine.dispose()


def score_case_keys(engine):
    with session_scope(engine) as session:
        return score_case(session).claims.keys()
