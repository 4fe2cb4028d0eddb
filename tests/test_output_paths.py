"""Where ``-o`` writes, as a user runs it (``python -m tracker`` in a subprocess).

Nothing the analyst did not mean to replace is replaced: not the database in use
(its file, ``-wal``, ``-shm``, a link or a hard link to it), not a named pipe or a
device (written to as they are, streamed), not the link itself (its target is
written, and the analyst told). What cannot be written is one line on stderr, exit
1, and nothing left behind (no ``.partial``).
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from pathlib import Path

import pytest
from cli_helpers import one_line_error as _one_line_error
from cli_helpers import run_tracker as tracker

from tracker.db import open_database
from tracker.importers import import_paths


@pytest.fixture
def case_db(tmp_path: Path, small_case: Path) -> Path:
    db = tmp_path / "case.sqlite"
    engine = open_database(db)
    assert import_paths(engine, [small_case]).ok
    engine.dispose()
    return db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _claim_count(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM claim").fetchone()[0]


def _no_partial(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".partial")]


@pytest.mark.parametrize(
    "command",
    [
        ["brief"],
        ["export"],
        ["export", "--format", "csv"],
        ["export", "--format", "csl-json"],
    ],
)
def test_no_output_replaces_the_database_in_use(case_db: Path, command: list[str]) -> None:
    before = _digest(case_db)
    result = tracker("--db", str(case_db), *command, "-o", str(case_db))
    _one_line_error(result, "database in use")
    assert _digest(case_db) == before and _claim_count(case_db) == 2
    _no_partial(case_db.parent)


def test_nor_its_wal_nor_a_link_nor_a_hard_link_to_it(case_db: Path, tmp_path: Path) -> None:
    (tmp_path / "link.md").symlink_to(case_db)
    os.link(case_db, tmp_path / "hard.md")
    # Relative and through another spelling of the folder: the resolved path decides.
    wal = f"{tmp_path}/./{case_db.name}-wal"
    before = _digest(case_db)
    for target in (str(tmp_path / "link.md"), str(tmp_path / "hard.md"), wal):
        result = tracker("--db", str(case_db), "brief", "-o", target)
        _one_line_error(result, "database in use")
    assert (tmp_path / "link.md").is_symlink()
    assert _digest(case_db) == before and _claim_count(case_db) == 2
    _no_partial(tmp_path)


def _brief_bytes(case_db: Path, tmp_path: Path) -> bytes:
    plain = tmp_path / "plain.md"
    assert tracker("--db", str(case_db), "brief", "-o", str(plain)).returncode == 0
    text = plain.read_bytes()
    assert text.startswith(b"# Claims brief\n")
    return text


def _drain(path: str | int, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as reader:
            into.append(reader.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_a_named_pipe_is_written_to_streamed_and_stays_a_pipe(
    case_db: Path, tmp_path: Path
) -> None:
    expected = _brief_bytes(case_db, tmp_path)
    fifo = tmp_path / "brief.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _drain(str(fifo), got)
    result = tracker("--db", str(case_db), "brief", "-o", str(fifo))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert got == [expected]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert "named pipe" in result.stderr and "streamed" in result.stderr
    _no_partial(tmp_path)


def test_a_process_substitution_gets_the_bytes(case_db: Path, tmp_path: Path) -> None:
    """``-o >(wc -c)`` names ``/dev/fd/N``, a pipe the shell hands down: written to it."""
    expected = _brief_bytes(case_db, tmp_path)
    read_end, write_end = os.pipe()
    got: list[bytes] = []
    reader = _drain(read_end, got)
    try:
        result = tracker(
            "--db", str(case_db), "brief", "-o", f"/dev/fd/{write_end}", pass_fds=(write_end,)
        )
    finally:
        os.close(write_end)
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert got == [expected]


def test_a_character_device_is_written_to_and_stays_a_device(case_db: Path, tmp_path: Path) -> None:
    # A null device of our own where we may make one (as root); /dev/null otherwise.
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        node = Path("/dev/null")
    for command in (["brief"], ["export", "--format", "csv"], ["export"]):
        result = tracker("--db", str(case_db), *command, "-o", str(node))
        assert result.returncode == 0, result.stderr
        assert stat.S_ISCHR(os.lstat(node).st_mode)
        assert os.lstat(node).st_rdev == os.makedev(1, 3)
    assert not Path(f"{node}.partial").exists()


def test_a_symbolic_link_is_followed_and_the_analyst_told(case_db: Path, tmp_path: Path) -> None:
    expected = _brief_bytes(case_db, tmp_path)
    (tmp_path / "briefs").mkdir()
    target = tmp_path / "briefs" / "2024.md"
    target.write_text("last week's brief\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    result = tracker("--db", str(case_db), "brief", "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes() == expected
    (note,) = result.stderr.splitlines()
    assert "symbolic link" in note and str(target) in note
    _no_partial(tmp_path)
    _no_partial(target.parent)


def test_a_folder_is_a_one_line_error_and_nothing_is_left(case_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for command in (["brief"], ["export"], ["export", "--format", "csv"]):
        result = tracker("--db", str(case_db), *command, "-o", str(folder))
        _one_line_error(result, str(folder), "folder")
    assert folder.is_dir() and not list(folder.iterdir())
    _no_partial(tmp_path)


def test_a_folder_that_cannot_be_written_is_a_one_line_error(case_db: Path) -> None:
    # No one, root included, creates files in /proc/self: a read-only folder for every user.
    result = tracker("--db", str(case_db), "brief", "-o", "/proc/self/brief.md")
    _one_line_error(result, "/proc/self/brief.md", "cannot write")
    missing = tracker("--db", str(case_db), "export", "-o", "/no/such/folder/x.json")
    _one_line_error(missing, "/no/such/folder/x.json", "no such folder")


def test_an_existing_file_is_replaced_whole_and_keeps_its_permissions(
    case_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "claims.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    result = tracker("--db", str(case_db), "export", "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("claim,subject,text,")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    _no_partial(tmp_path)
