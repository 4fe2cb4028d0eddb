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


def test_a_listing_imports_the_database_but_not_the_interface(tmp_path: Path) -> None:
    db = str(tmp_path / "case.sqlite")
    case = Path(__file__).resolve().parent.parent / "imports" / "najin-2023"
    assert run("--db", db, "import", str(case)).returncode == 0
    result = run("--db", db, "sources", importtime=True)
    assert result.returncode == 0, result.stderr
    modules = imported(result.stderr)
    assert "sqlmodel" in modules  # it reads the database, so this is needed
    # An up-to-date schema is not checked through Alembic; no fuzzy matching, no parser.
    assert modules.isdisjoint({"textual", "dateparser", "rapidfuzz", "alembic"}), modules
    assert "Bloomberg" in result.stdout
