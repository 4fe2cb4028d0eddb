"""The brief of the bundled Najin case, against a golden file checked by hand.

tests/golden/najin-brief.md was generated once, then read line by line against
the five articles (quotes verbatim, outlets, dates, origins, the NIS figure's
dropped "likely", the White House's "more than 1,000" printed as "as many as
1,000"). When scoring or the case changes on purpose, regenerate with
TRACKER_UPDATE_GOLDEN=1 and read the diff before committing it.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from sqlmodel import select
from typer.testing import CliRunner

from tracker.brief import write_brief, write_brief_to
from tracker.cli import app
from tracker.db import open_database, session_scope
from tracker.models import Document

CASE = Path(__file__).resolve().parent.parent / "imports" / "najin-2023"
GOLDEN = Path(__file__).resolve().parent / "golden" / "najin-brief.md"
TITLE = "North Korean munitions to Russia via Najin, 2023"
TODAY = date(2024, 1, 15)


@pytest.fixture(scope="module")
def najin_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("najin") / "najin.sqlite"
    result = CliRunner().invoke(app, ["--db", str(db), "import", str(CASE)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def brief(najin_db: Path) -> str:
    with session_scope(open_database(najin_db)) as session:
        return write_brief(session, title=TITLE, today=TODAY)


def test_brief_matches_the_hand_checked_golden_file(brief: str) -> None:
    if os.environ.get("TRACKER_UPDATE_GOLDEN"):
        GOLDEN.write_text(brief, encoding="utf-8", newline="\n")
    assert brief == GOLDEN.read_text(encoding="utf-8")


def test_same_database_same_bytes(najin_db: Path, brief: str) -> None:
    with session_scope(open_database(najin_db)) as session:
        assert write_brief(session, title=TITLE, today=TODAY) == brief


def test_written_in_small_batches_the_bytes_are_the_same(
    najin_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The brief is streamed in chunks of lines; where a chunk ends changes nothing."""
    from tracker.brief import writer

    monkeypatch.setattr(writer, "CHUNK_LINES", 3)
    monkeypatch.setattr(writer, "CHUNK_CHARS", 200)
    out = io.StringIO()
    with session_scope(open_database(najin_db)) as session:
        write_brief_to(out, session, title=TITLE, today=TODAY)
    assert out.getvalue() == GOLDEN.read_text(encoding="utf-8")


def test_every_footnote_is_defined_and_referenced(brief: str) -> None:
    tokens = MarkdownIt("commonmark").enable("table").use(footnote_plugin).parse(brief)
    referenced = {
        child.meta["label"]
        for token in tokens
        if token.children
        for child in token.children
        if child.type == "footnote_ref"
    }
    defined = {token.meta["label"] for token in tokens if token.type == "footnote_open"}
    assert defined and referenced == defined
    assert sorted(defined, key=int) == [str(n) for n in range(1, len(defined) + 1)]


def _plain(text: str) -> str:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-")
    return " ".join(text.split())


def test_every_footnote_quote_is_verbatim_in_its_article(najin_db: Path, brief: str) -> None:
    with session_scope(open_database(najin_db)) as session:
        by_outlet_title = {_plain(d.title): _plain(d.text) for d in session.exec(select(Document))}
    notes = re.findall(r"^\[\^\d+\]: .*?“(.*?)”; .*?: “(.*)”$", brief, flags=re.M)
    assert len(notes) > 50
    for title, quote in notes:
        unescaped = re.sub(r"\\(.)", r"\1", quote)
        assert _plain(unescaped) in by_outlet_title[_plain(re.sub(r"\\(.)", r"\1", title))]


def test_the_known_misreports_are_flagged(brief: str) -> None:
    discrepancies = brief.split("## Reporting discrepancies", 1)[1].split("## Sources", 1)[0]
    items = discrepancies.splitlines()
    # The White House said "more than 1,000 containers"; the Post printed "as many as 1,000".
    containers = next(i for i in items if "on Containers of munitions shipped" in i)
    assert containers.startswith("- **United States government**, on Containers")
    assert "The Washington Post printed “North Korea has transported as many as 1,000" in containers
    assert (
        "CSIS Beyond Parallel printed “the U.S. government announced that North Korea had "
        "provided Russia with “more than 1,000" in containers
    )
    assert containers.endswith(
        "These figures cannot all be what the source said: an outlet misreported it."
    )
    # NIS's "likely" kept by Bloomberg, dropped by Euromaidan Press.
    rounds = next(i for i in items if "on Artillery rounds shipped" in i)
    assert rounds.startswith(
        "- **Republic of Korea**, on Artillery rounds shipped, DPRK to Russia: Bloomberg "
        "printed “since August, likely encompassing more than 1 million rounds of artillery”"
    )
    assert "(hedged “likely”); Euromaidan Press printed" in rounds and "(no hedge)" in rounds
