"""Issue 21 as a newcomer met it in a terminal: the real CLI, run as a subprocess, on
the bundled Najin case (imported once for the module)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CASE = Path(__file__).resolve().parent.parent / "imports" / "najin-2023"


def tracker(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "TRACKER_DB": ""}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def najin(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("newcomer") / "najin.sqlite")
    result = tracker("--db", db, "import", str(CASE))
    assert result.returncode == 0, result.stderr
    return db


def test_an_unknown_subject_name_gets_the_closest_names_on_one_line(najin: str) -> None:
    result = tracker("--db", najin, "score", "--subject", "artillery rounds")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    # The case's subject for the NIS figure, as claims.yaml names it.
    assert lines[0].startswith(
        "tracker: no subject named 'artillery rounds'; "
        "closest: 'Artillery rounds shipped, DPRK to Russia (count)'"
    )
    listed = tracker("--db", najin, "claims", "--subject", "port activity")
    assert listed.returncode == 1
    assert "closest: 'Najin port activity picking up (start date)'" in listed.stderr


def test_an_exact_subject_name_still_scores(najin: str) -> None:
    subject = "Artillery rounds shipped, DPRK to Russia (count)"
    result = tracker("--db", najin, "score", "--json", "--subject", subject)
    assert result.returncode == 0, result.stderr
    assert "nis-rounds-over-1-million" in result.stdout


def test_normalize_without_anchor_resolves_against_today_and_says_so() -> None:
    from datetime import date

    today = date.today()
    spoken = f"{today.day} {today.strftime('%b')} {today.year}"  # "2 Dec 2026"
    result = tracker("normalize", "since March 2020", columns=80)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"tracker: no --anchor given: dates resolved against today, {spoken}\n"
    lines = result.stdout.splitlines()
    assert lines[0] == f"anchored at {spoken}"
    header = next(line for line in lines if "first" in line and "last" in line)
    row = next(line for line in lines if "since March 2020" in line)
    # Whole dates on one row at 80 columns, and a month is a precision, not a unit.
    assert "1 Mar 2020" in row and spoken in row and "month" in row
    assert "precision" in header and "unit" not in header

    as_json = tracker("normalize", "since March 2020", "--json")
    assert json.loads(as_json.stdout)["anchor"] == today.isoformat()
    assert json.loads(as_json.stdout)["times"][0]["first"] == "2020-03-01"
