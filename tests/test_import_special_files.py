"""Inputs that are not regular files, as a user imports them (``python -m tracker`` in
a subprocess): a loop of symbolic links is a one-line note (in a folder) or error
(named on the command line), never a crash; a named pipe is skipped with a note,
never opened (it would hang the import until something wrote to it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cli_helpers import run_tracker as tracker


def test_a_folder_with_a_link_loop_and_a_pipe_imports_the_rest_and_says_so(
    tmp_path: Path, small_case: Path
) -> None:
    (small_case / "loop-a.md").symlink_to(small_case / "loop-b.md")
    (small_case / "loop-b.md").symlink_to(small_case / "loop-a.md")
    os.mkfifo(small_case / "feed.md")
    db = str(tmp_path / "t.sqlite")
    result = tracker("--db", db, "import", str(small_case))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    notes = [line for line in result.stdout.splitlines() if line.startswith("note: ")]
    assert f"note: {small_case / 'loop-a.md'}: symbolic link loop, skipped" in notes
    assert f"note: {small_case / 'loop-b.md'}: symbolic link loop, skipped" in notes
    assert f"note: {small_case / 'feed.md'}: a named pipe, not a regular file, skipped" in notes
    # sources.yaml, the two articles and claims.yaml: the case imported whole.
    assert result.stdout.splitlines()[-1].startswith(
        "4 files (4 new, 0 changed, 0 unchanged, 0 failed): "
    )
    claims = json.loads(tracker("--db", db, "claims", "--json").stdout)
    assert len(claims) == 2


def test_a_pipe_or_a_loop_named_on_the_command_line(tmp_path: Path, small_case: Path) -> None:
    fifo = tmp_path / "claims.json"  # a backup's name: even peeking at it would block
    os.mkfifo(fifo)
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    db = str(tmp_path / "t.sqlite")
    result = tracker("--db", db, "import", str(fifo), str(loop), str(small_case / "bloomberg.md"))
    assert result.returncode == 1  # the loop is a file named that cannot be read
    assert result.stderr == f"tracker: {loop}: symbolic link loop\n"
    lines = result.stdout.splitlines()
    assert f"note: {fifo}: a named pipe, not a regular file, skipped" in lines
    assert lines[-1].startswith("2 files (1 new, 0 changed, 0 unchanged, 1 failed): ")
