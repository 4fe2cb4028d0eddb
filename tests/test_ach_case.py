"""ACH on a case: the bundled case's three hypotheses through the real CLI, ratings that
are audited and undone, hypotheses.yaml errors named by file and line, and the backup."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import run_tracker
from sqlmodel import select

from tracker.ach.case import claim_weight, load_assessment, rate, remove_hypothesis
from tracker.backup import export_case, restore
from tracker.db import open_database, session_scope
from tracker.importers import import_paths
from tracker.models import Hypothesis, Rating
from tracker.undo import undo_last_edit


def _tracker(db: Path, *args: str) -> subprocess.CompletedProcess:
    return run_tracker("--db", str(db), *args)


@pytest.fixture(scope="module")
def case_db(tmp_path_factory: pytest.TempPathFactory, bundled_case: Path) -> Path:
    db = tmp_path_factory.mktemp("ach") / "case.sqlite"
    result = _tracker(db, "import", str(bundled_case))
    assert result.returncode == 0, result.stderr
    return db


def test_the_bundled_case_ranks_its_three_hypotheses(case_db: Path) -> None:
    result = _tracker(case_db, "ach", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ranking"] == ["sea-through-najin", "mostly-rail", "ordinary-trade"]
    weight = {c["id"]: c["weight"] for c in data["claims"]}
    score = {h["id"]: h["inconsistency"] for h in data["hypotheses"]}
    # hypotheses.yaml, by hand: only the two DPRK denials (I) tell against the sea route;
    # against ordinary trade, two II (weight x 2) and four I.
    assert score["sea-through-najin"] == pytest.approx(
        weight["dprk-denies-shipments"] + weight["dprk-denies-supplying-russia"], abs=1e-3
    )
    assert score["ordinary-trade"] == pytest.approx(
        2 * weight["rusi-vessels-carry-arms"]
        + 2 * weight["us-munitions-delivered-to-tikhoretsk"]
        + weight["rusi-tikhoretsk-containers-match"]
        + weight["nis-shipments-about-10"]
        + weight["us-containers-over-1000"]
        + weight["wh-300-containers-sep-7-oct-1"],
        abs=1e-3,
    )
    # A denial is contradicted by stronger evidence: it weighs far less than RUSI's finding.
    assert weight["dprk-denies-shipments"] < weight["rusi-vessels-carry-arms"] / 4
    assert data["sensitive"] == []
    assert data["sensitivity"].startswith("No single claim")
    # Every hypothesis has evidence rated for or against it: no caution.
    assert data["unrated"] == [] and data["unrated_warning"] is None


def test_the_table_and_the_proposals(case_db: Path) -> None:
    result = _tracker(case_db, "ach", "--proposals")
    assert result.returncode == 0, result.stderr
    assert "1. sea-through-najin" in result.stdout
    # us-accuses-dprk-of-supplying-russia asserts in a subject that supports the sea route.
    assert "proposed: us-accuses-dprk-of-supplying-russia C under sea-through-najin" in (
        result.stdout
    )
    # A proposal is not a rating until the analyst accepts it.
    data = json.loads(_tracker(case_db, "ach", "--json").stdout)
    assert "us-accuses-dprk-of-supplying-russia" not in {c["id"] for c in data["claims"]}


def test_weights_come_from_credibility_and_corroboration() -> None:
    from tracker.scoring import score_case  # noqa: F401  (the ClaimScore type below)
    from tracker.scoring.results import ClaimScore

    def score(credibility: int, corroboration: float) -> ClaimScore:
        return ClaimScore("c", "s", (), corroboration, 0.0, credibility, "likely", 0.6, (), None)  # type: ignore[arg-type]

    assert claim_weight(score(1, 1.0)) == 1.0  # confirmed, fully corroborated
    assert claim_weight(score(6, 0.0)) == 0.25  # cannot be judged, alone: 0.5 x 0.5
    assert claim_weight(score(5, 0.0)) == pytest.approx(0.05)  # improbable: 0.1 x 0.5


def test_rating_cli_then_undo(
    tmp_path: Path, bundled_case: Path, imported_case: Callable[..., Path]
) -> None:
    db = imported_case(tmp_path / "case.sqlite", bundled_case)
    rated = _tracker(db, "rate", "mostly-rail", "us-accuses-dprk-of-supplying-russia", "c")
    assert rated.returncode == 0, rated.stderr
    changed = _tracker(db, "rate", "mostly-rail", "rusi-vessels-carry-arms", "II")
    assert changed.returncode == 0, changed.stderr
    engine = open_database(str(db))
    try:
        with session_scope(engine) as s:
            assert s.get(Rating, ("mostly-rail", "rusi-vessels-carry-arms")).rating == "II"
        undo_last_edit(engine)
        with session_scope(engine) as s:
            assert s.get(Rating, ("mostly-rail", "rusi-vessels-carry-arms")).rating == "I"
        undo_last_edit(engine)  # further back, not a redo
        with session_scope(engine) as s:
            assert s.get(Rating, ("mostly-rail", "us-accuses-dprk-of-supplying-russia")) is None
        # Removing a hypothesis takes its ratings; one undo brings both back.
        with session_scope(engine) as s:
            assert remove_hypothesis(s, "ordinary-trade") == 12
        with session_scope(engine) as s:
            assert s.get(Hypothesis, "ordinary-trade") is None
        undo_last_edit(engine)
        with session_scope(engine) as s:
            assert s.get(Hypothesis, "ordinary-trade").title.startswith("The Najin-Dunay")
            back = s.exec(select(Rating).where(Rating.hypothesis_id == "ordinary-trade")).all()
            assert len(back) == 12
    finally:
        engine.dispose()


def test_bad_ratings_are_one_line_and_change_nothing(
    tmp_path: Path, bundled_case: Path, imported_case: Callable[..., Path]
) -> None:
    db = imported_case(tmp_path / "case.sqlite", bundled_case)
    before = _tracker(db, "ach", "--json").stdout
    for args, expected in [
        (("rate", "mostly-rail", "nis-shipments-about-10", "maybe"), "not one of CC, C, N, I, II"),
        (("rate", "no-such", "nis-shipments-about-10", "C"), "no hypothesis 'no-such'"),
        (("rate", "mostly-rail", "no-such-claim", "C"), "no claim 'no-such-claim'"),
        (("hypotheses", "add", "a/b", "--title", "x"), "may not contain '/'"),
        (("hypotheses", "add", "x", "--title", "x", "--supports", "Nope"), "no subject named"),
    ]:
        result = _tracker(db, *args)
        assert result.returncode == 1, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], (args, result.stderr)
    assert _tracker(db, "ach", "--json").stdout == before


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        (
            "- id: h1\n  title: T\n  ratings:\n    - {claim: nis-shipments-about-10, rating: X}\n",
            4,
            "rating 'X' is not one of",
        ),
        (
            "- id: h1\n  title: T\n  ratings:\n    - {claim: nobody, rating: C}\n",
            4,
            "no claim 'nobody'",
        ),
        ("- id: h1\n  title: T\n- id: h1\n  title: U\n", 3, "listed twice (first on line 1)"),
        ("- id: h1\n  supports: [Nope]\n  title: T\n", 1, "no subject named 'Nope'"),
        ("- id: h1\n", 1, "missing required field 'title'"),
        ("- id: h1\n  title: T\n  colour: red\n", 1, "unknown field 'colour'"),
    ],
)
def test_hypotheses_yaml_errors_name_file_and_line(
    tmp_path: Path,
    bundled_case: Path,
    imported_case: Callable[..., Path],
    body: str,
    line: int,
    expected: str,
) -> None:
    db = imported_case(
        tmp_path / "case.sqlite",
        bundled_case / "sources.yaml",
        *[p for p in sorted(bundled_case.iterdir()) if p.suffix == ".md"],
        bundled_case / "claims.yaml",
    )
    bad = tmp_path / "hypotheses.yaml"
    bad.write_text(body, encoding="utf-8")
    result = _tracker(db, "import", str(bad))
    assert result.returncode != 0
    assert f"{bad}:{line}:" in result.stderr and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(_tracker(db, "ach", "--json").stdout)["hypotheses"] == []


def test_hypotheses_round_trip_through_the_backup_and_their_file(
    tmp_path: Path, bundled_case: Path
) -> None:
    source = open_database(str(tmp_path / "a.sqlite"))
    target = open_database(str(tmp_path / "b.sqlite"))
    try:
        import_paths(source, [bundled_case])
        with session_scope(source) as s:
            rate(s, "mostly-rail", "nis-shipments-about-10", "I", note="a note")
        restore(target, json.loads(json.dumps(export_case(source))))
        with session_scope(source) as s, session_scope(target) as t:
            assert load_assessment(s).to_json() == load_assessment(t).to_json()
            assert t.get(Rating, ("mostly-rail", "nis-shipments-about-10")).note == "a note"
    finally:
        source.dispose()
        target.dispose()

    written = tmp_path / "hypotheses.yaml"
    out = _tracker(tmp_path / "a.sqlite", "export", "--format", "hypotheses", "-o", str(written))
    assert out.returncode == 0, out.stderr
    fresh = tmp_path / "c.sqlite"
    files = [p for p in sorted(bundled_case.iterdir()) if p.name != "hypotheses.yaml"]
    assert _tracker(fresh, "import", *map(str, files), str(written)).returncode == 0
    a = json.loads(_tracker(tmp_path / "a.sqlite", "ach", "--json").stdout)
    c = json.loads(_tracker(fresh, "ach", "--json").stdout)
    assert a == c


HOSTILE_ID = ":warning:"
HOSTILE_TITLE = "[bold red]x[/] :smile: \x1b]0;pwn\x07 end"


@pytest.mark.parametrize("terminal", [False, True])
def test_ids_and_titles_print_as_written(
    case_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    """An emoji code is text too: Rich turned ':warning:' into a sign even without markup,
    in the lines, the table's header and the JSON (which then read back altered)."""
    if terminal:  # Rich's own switch: draw as for a terminal, without colour
        monkeypatch.setenv("TTY_COMPATIBLE", "1")
        monkeypatch.setenv("NO_COLOR", "1")
        monkeypatch.setenv("COLUMNS", "200")
    db = tmp_path / "hostile.sqlite"
    shutil.copyfile(case_db, db)
    added = _tracker(db, "hypotheses", "add", HOSTILE_ID, "--title", HOSTILE_TITLE)
    assert added.returncode == 0, added.stderr
    assert added.stdout == f"hypothesis {HOSTILE_ID} added\n"
    rated = _tracker(db, "rate", HOSTILE_ID, "dprk-denies-shipments", "II", "--note", ":smile:")
    assert rated.stdout == f"dprk-denies-shipments is II under {HOSTILE_ID}\n"
    shown_title = "[bold red]x[/] :smile: \\x1b]0;pwn\\x07 end"
    listing = _tracker(db, "hypotheses").stdout
    assert f"{HOSTILE_ID}: {shown_title} (inconsistency 0.10)" in listing
    table = _tracker(db, "ach").stdout
    header = next(line for line in table.splitlines() if "sea-through-najin" in line)
    assert HOSTILE_ID in header
    assert f"{HOSTILE_ID}: {shown_title}\n" in table
    for output in (listing, table, added.stdout, rated.stdout):
        # (a terminal's own bold is ESC [ 1 m; the title's ESC ] ... BEL never reaches it)
        assert "\x1b]" not in output and "\x07" not in output
        assert "\u26a0" not in output and "\U0001f604" not in output
    data = json.loads(_tracker(db, "ach", "--json").stdout)
    mine = next(h for h in data["hypotheses"] if h["id"] == HOSTILE_ID)
    assert mine["title"] == HOSTILE_TITLE
    denial = next(c for c in data["claims"] if c["id"] == "dprk-denies-shipments")
    assert denial["notes"] == {HOSTILE_ID: ":smile:"}


UNRATED_WARNING = (
    "No claim is rated consistent or inconsistent with untested: its score is an absence "
    "of evidence, not evidence in its favour."
)


def test_an_unrated_leader_is_called_so_in_the_table_and_the_json(
    case_db: Path, tmp_path: Path
) -> None:
    """The brief said it (test_brief_hypotheses); `tracker ach` ranked the same hypothesis
    first at 0.00 and said nothing."""
    db = tmp_path / "unrated.sqlite"
    shutil.copyfile(case_db, db)
    added = _tracker(db, "hypotheses", "add", "untested", "--title", "Nobody rated this")
    assert added.returncode == 0, added.stderr
    table = _tracker(db, "ach")
    assert table.returncode == 0, table.stderr
    assert "1. untested: Nobody rated this" in table.stdout
    assert f"{UNRATED_WARNING}\n" in table.stdout
    data = json.loads(_tracker(db, "ach", "--json").stdout)
    assert data["ranking"][0] == "untested"
    assert data["unrated"] == ["untested"]
    assert data["unrated_warning"] == UNRATED_WARNING
    # Added beside the fields scripts already read, none renamed.
    assert {"ranking", "hypotheses", "claims", "not_diagnostic", "sensitive"} <= set(data)


def test_a_tie_for_the_lead_is_said_and_breaking_it_is_not_sensitivity(
    case_db: Path, tmp_path: Path
) -> None:
    """A second hypothesis rated, like the sea route, inconsistent with the two DPRK
    denials only (0.05 each, see test_brief_hypotheses) ties it at 0.10. Before, every
    claim the sea route rates C or CC was "sensitive": reversing it put twin alone in
    front. By hand nothing is: only mostly-rail (2.70) could come in, and no one claim
    takes more than 0.80 off it; ordinary trade is at 4.76."""
    db = tmp_path / "tie.sqlite"
    shutil.copyfile(case_db, db)
    assert _tracker(db, "hypotheses", "add", "twin", "--title", "A twin").returncode == 0
    for claim in ("dprk-denies-shipments", "dprk-denies-supplying-russia"):
        assert _tracker(db, "rate", "twin", claim, "I").returncode == 0
    data = json.loads(_tracker(db, "ach", "--json").stdout)
    ranks = {h["id"]: (h["rank"], h["inconsistency"]) for h in data["hypotheses"]}
    assert ranks["sea-through-najin"] == ranks["twin"] == (1, pytest.approx(0.10))
    assert data["sensitive"] == []
    assert not any(c["sensitive"] for c in data["claims"])
    no_change = "No single claim's removal or reversal brings another hypothesis into the lead"
    assert data["sensitivity"] == no_change.replace("the lead", "the shared lead") + "."
    table = _tracker(db, "ach").stdout
    assert "sea-through-najin and twin are tied for the lead at 0.10.\n" in table
    assert "sensitive" not in table


@pytest.mark.parametrize("terminal", [False, True])
def test_a_title_with_line_breaks_prints_on_one_line(
    case_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    """As a table cell shows it: each run of line breaks, tabs and spaces one space."""
    if terminal:
        monkeypatch.setenv("TTY_COMPATIBLE", "1")
        monkeypatch.setenv("NO_COLOR", "1")
        monkeypatch.setenv("COLUMNS", "200")
    db = tmp_path / "lines.sqlite"
    shutil.copyfile(case_db, db)
    title = "By sea\nthen by rail,\r\n\tin two legs"
    added = _tracker(db, "hypotheses", "add", "two-legs", "--title", title)
    assert added.returncode == 0, added.stderr
    assert _tracker(db, "rate", "two-legs", "dprk-denies-shipments", "II").returncode == 0
    flat = "By sea then by rail, in two legs"
    # Tied with the sea route at 0.10 (II x 0.05): rank 1, in the ranking's own indent.
    for args, line in (
        (("ach",), f"  1. two-legs: {flat}"),
        (("hypotheses",), f"1. two-legs: {flat} (inconsistency 0.10)"),
    ):
        rows = _tracker(db, *args).stdout.splitlines()
        assert line in rows, rows
        assert not any(row.lstrip().startswith(("then by rail", "in two legs")) for row in rows)
    data = json.loads(_tracker(db, "ach", "--json").stdout)
    assert next(h for h in data["hypotheses"] if h["id"] == "two-legs")["title"] == title
