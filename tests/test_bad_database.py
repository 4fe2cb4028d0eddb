"""Bad ``--db`` values, as a user gives them (``python -m tracker`` in a subprocess):
one line on stderr naming the database or ``--db``, exit 1, and the file exactly as
it was. Another application's database gets tracker's tables only when asked
(``tracker db upgrade``).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import one_line_error as _one_line_error
from cli_helpers import run_tracker as tracker
from sqlalchemy import create_engine, inspect, text


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("Shopping list: eggs, milk.\n" * 100, encoding="utf-8")
    before = _digest(notes)
    result = tracker("--db", str(notes), "claims")
    _one_line_error(result, str(notes), "not a SQLite database")
    assert _digest(notes) == before and _siblings(notes) == ["notes.sqlite"]


def test_a_schema_made_by_a_newer_tracker_says_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "future.sqlite"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('0099')")
        connection.execute("CREATE TABLE claim (id TEXT PRIMARY KEY, hologram BLOB)")
    before = _digest(db)
    for command in (["sources"], ["db", "upgrade"]):
        result = tracker("--db", str(db), *command)
        _one_line_error(result, str(db), "made by a newer tracker", "0099", "upgrade")
    assert _digest(db) == before and _siblings(db) == ["future.sqlite"]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://archive.example.org/case.sqlite", ["--db", "ftp://", "postgresql://"]),
        ("mysql://analyst@db.example.org/case", ["--db", "mysql://", "postgresql://"]),
        ("postgresql://[::1", ["--db", "not a valid postgresql:// URL"]),
        ("postgresql://kim:hunter2@db:port/case", ["--db", "not a valid postgresql:// URL"]),
    ],
)
def test_urls_tracker_cannot_use_are_one_line_errors(url: str, words: list[str]) -> None:
    line = _one_line_error(tracker("--db", url, "claims"), *words)
    assert "hunter2" not in line  # a password is never repeated on the screen


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipe (name TEXT, minutes INTEGER)")
        connection.execute("INSERT INTO recipe VALUES ('bibimbap', 40)")
    connection.close()


def test_another_applications_sqlite_file_is_refused_unless_upgraded(
    tmp_path: Path, small_case: Path
) -> None:
    db = tmp_path / "recipes.sqlite"
    _foreign_sqlite(db)
    before = _digest(db)
    for command in (["claims"], ["import", str(small_case)]):
        result = tracker("--db", str(db), *command)
        _one_line_error(result, str(db), "not a tracker database", "recipe", "tracker db upgrade")
    # Untouched: same bytes, still in its own journal mode, no tracker table added.
    assert _digest(db) == before and _siblings(db) == ["recipes.sqlite"]
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()

    upgraded = tracker("--db", str(db), "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert tracker("--db", str(db), "import", str(small_case)).returncode == 0
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT * FROM recipe").fetchall() == [("bibimbap", 40)]
        assert connection.execute("SELECT count(*) FROM claim").fetchone() == (2,)
    connection.close()


def test_another_applications_postgresql_database_is_refused_unless_upgraded(
    pg_database_url: str,
) -> None:
    plain = pg_database_url.replace("postgresql+psycopg://", "postgresql://")
    engine = create_engine(pg_database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoice (number INTEGER PRIMARY KEY)"))
        connection.execute(text("INSERT INTO invoice VALUES (7)"))
    result = tracker("--db", plain, "sources")
    line = _one_line_error(result, "not a tracker database", "invoice", "tracker db upgrade")
    assert "@" not in line or ":***@" in line  # the URL is named without its password
    assert inspect(engine).get_table_names() == ["invoice"]

    upgraded = tracker("--db", plain, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    inspector = inspect(engine)
    assert {"invoice", "claim", "source", "alembic_version"} <= set(inspector.get_table_names())
    with engine.connect() as connection:
        assert connection.execute(text("SELECT number FROM invoice")).all() == [(7,)]
    engine.dispose()
