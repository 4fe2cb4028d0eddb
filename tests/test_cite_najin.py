"""Citation lookup on the bundled Najin case, imported through `tracker import`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cite import cite
from tracker.cli import app
from tracker.db import open_database, session_scope

CASE = Path(__file__).resolve().parent.parent / "imports" / "najin-2023"


@pytest.fixture(scope="module")
def najin_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("najin-cite") / "najin.sqlite"
    result = CliRunner().invoke(app, ["--db", str(db), "import", str(CASE)])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize(
    "query", ["1 million rounds", "1,000,000 shells", "over a million artillery rounds"]
)
def test_paraphrases_of_the_nis_figure(najin_db: Path, query: str) -> None:
    with session_scope(open_database(najin_db)) as session:
        top = cite(session, query)[0]
    assert top.claim == "nis-rounds-over-1-million"
    assert top.first_appearance is not None
    assert top.first_appearance.document == "bloomberg-2023-12"
    assert {a.document for a in top.appearances} == {"bloomberg-2023-12", "euromaidan-ghost-ships"}
    # NIS counts with its government.
    assert top.origin == "Republic of Korea"


def test_rajin_finds_claims_worded_najin(najin_db: Path) -> None:
    with session_scope(open_database(najin_db)) as session:
        matches = cite(session, "Rajin", limit=50)
    worded_najin_only = [m for m in matches if "Najin" in m.text and "Rajin" not in m.text]
    assert worded_najin_only


def test_danube_finds_the_misreported_quote_not_an_alias(najin_db: Path) -> None:
    with session_scope(open_database(najin_db)) as session:
        matches = cite(session, "Danube")
    # Only the syndication's own quote says "the Danube": the lookup shows where it was printed.
    assert [m.claim for m in matches] == ["onn-round-trips-continue"]
    assert any("Danube" in a.quote for a in matches[0].appearances)


def test_cite_command_json_shape(najin_db: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(najin_db), "cite", "1,000,000 shells", "--json"])
    assert result.exit_code == 0, result.output
    first = json.loads(result.output)[0]
    assert {"claim", "text", "origin", "first_appearance", "appearances"} <= set(first)
    assert set(first["first_appearance"]) == {"document", "outlet", "published"}
    assert {"document", "outlet", "published", "quote"} <= set(first["appearances"][0])
