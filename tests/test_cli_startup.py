"""The command line as a newcomer meets it: readable --help, --version, lazy start-up.

Every test runs the real CLI as a subprocess (``python -m tracker``). Start-up time
itself is measured by bench/bench_startup.py; here, what makes it: which libraries a
command imports before it needs them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import tracker

# (Typer itself imports pydantic to coerce some parameter values: not ours to avoid.)
HEAVY = ("sqlmodel", "sqlalchemy", "textual", "dateparser", "rapidfuzz", "alembic", "rich")


def run(*args: str, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    flags = ["-X", "importtime"] if importtime else []
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("TRACKER_DB", None)
    return subprocess.run(
        [sys.executable, *flags, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def imported(stderr: str) -> set[str]:
    """The top-level packages ``-X importtime`` reports as imported."""
    names = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*([\w.]+)$", stderr, re.M)
    return {name.split(".")[0] for name in names}


def commands(help_text: str) -> list[str]:
    section = help_text.split("Commands:", 1)[1]
    return re.findall(r"^  (\w[\w-]*)\s", section, re.M)


def every_help() -> list[tuple[str, str]]:
    """(command path, its --help) for the app, every command and every sub-command."""
    top = run("--help").stdout
    out = [("tracker", top)]
    for name in commands(top):
        text = run(name, "--help").stdout
        out.append((name, text))
        if "Commands:" in text:
            out += [(f"{name} {sub}", run(name, sub, "--help").stdout) for sub in commands(text)]
    return out


def test_help_reads_as_a_command_line_not_as_python_types() -> None:
    helps = every_help()
    assert len(helps) > 15  # the app, its commands, suggest's and db's sub-commands
    for path, text in helps:
        assert text.startswith("Usage:"), path
        # Type labels (<list[Path]>, <int range>, <str>), braces round a required
        # argument ({query}) and the spec's section numbers are not for the user.
        assert not re.search(r"<[\w\[\], ]+>", text), (path, text)
        assert not re.search(r"\{\w+\}", text), (path, text)
        assert "DOMAIN" not in text and "§" not in text, (path, text)
    by_path = dict(helps)
    assert "Usage: python -m tracker cite [OPTIONS] QUERY\n" in by_path["cite"]
    assert "--limit N" in by_path["cite"]
    assert "Usage: python -m tracker import [OPTIONS] PATH...\n" in by_path["import"]
    assert "[TEXT]" in by_path["normalize"].splitlines()[0]


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"tracker {tracker.__version__}\n"


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("cite", "--help")])
def test_help_and_version_import_no_database_or_interface_library(args: tuple[str, ...]) -> None:
    result = run(*args, importtime=True)
    assert result.returncode == 0
    assert imported(result.stderr).isdisjoint(HEAVY), imported(result.stderr) & set(HEAVY)


# What a listing never needs: the ORM with its models and pydantic (SQLModel), SQLAlchemy
# itself (a SQLite file at the latest schema is read through sqlite3), Alembic, the
# interface, fuzzy matching, the date parser, the figure and date grammars.
NOT_FOR_A_LISTING = (
    "sqlmodel",
    "sqlalchemy",
    "pydantic",
    "alembic",
    "textual",
    "dateparser",
    "rapidfuzz",
)
NOT_OURS_FOR_A_LISTING = (
    "tracker.models",
    "tracker.normalize.quantities",
    "tracker.normalize.times",
)


def modules_imported(stderr: str) -> set[str]:
    """Every module ``-X importtime`` reports, by its full name."""
    return set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*([\w.]+)$", stderr, re.M))


@pytest.fixture(scope="module")
def najin(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("najin") / "case.sqlite")
    case = Path(__file__).resolve().parent.parent / "imports" / "najin-2023"
    imported_case = run("--db", db, "import", str(case))
    assert imported_case.returncode == 0, imported_case.stderr
    return db


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("sources",), "Bloomberg"),
        (("sources", "--json"), '"name": "Bloomberg"'),
        (("documents",), "wapo-2023-10-16"),
        (("documents", "--json"), '"id": "wapo-2023-10-16"'),
        (("documents", "wapo-2023-10-16"), "The Washington Post, 16 Oct 2023"),
        (("claims",), "Najin"),
        (("claims", "--json"), '"change": '),
        (("claims", "--subject", "Artillery rounds shipped, DPRK to Russia (count)"), "rounds"),
        (("subjects",), "Artillery rounds shipped, DPRK to Russia (count)"),
        (("feeds",), "feed\ttitle\tentries\tpulled\n"),  # piped: plain lines, even empty
    ],
)
def test_a_listing_reads_the_case_without_the_orm_or_the_interface(
    najin: str, args: tuple[str, ...], shown: str
) -> None:
    result = run("--db", najin, *args, importtime=True)
    assert result.returncode == 0, result.stderr
    assert shown in result.stdout
    modules = modules_imported(result.stderr)
    assert imported(result.stderr).isdisjoint(NOT_FOR_A_LISTING), modules & set(NOT_FOR_A_LISTING)
    assert modules.isdisjoint(NOT_OURS_FOR_A_LISTING), modules & set(NOT_OURS_FOR_A_LISTING)


def test_a_listing_on_a_schema_to_migrate_migrates_it_first(tmp_path: Path) -> None:
    """Only a file at the latest schema is read without SQLAlchemy: a new one is made."""
    db = tmp_path / "new.sqlite"
    result = run("--db", str(db), "sources", importtime=True)
    assert result.returncode == 0, result.stderr
    assert "alembic" in imported(result.stderr)
    assert result.stdout == "name\tshort\tkind\tparent\tgroup\tgrade\n"  # piped: the header
    again = run("--db", str(db), "sources", importtime=True)
    assert "alembic" not in imported(again.stderr) and again.stdout == result.stdout


@pytest.mark.parametrize(
    "args", [("sources",), ("documents",), ("claims",), ("subjects",), ("claims", "--json")]
)
def test_a_piped_listing_prints_its_plain_lines_without_rich(
    najin: str, args: tuple[str, ...]
) -> None:
    # Rich draws the tables on a terminal; a pipe gets tab-separated lines, or JSON.
    result = run("--db", najin, *args, importtime=True)
    assert result.returncode == 0, result.stderr
    assert "rich" not in imported(result.stderr)
    assert "┃" not in result.stdout and "│" not in result.stdout
    first = result.stdout.splitlines()[0]
    assert first == "[" if "--json" in args else "\t" in first
