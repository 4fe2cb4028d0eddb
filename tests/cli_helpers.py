"""Running the real command line as a user does, for the end-to-end tests: ``python -m
tracker`` in a subprocess, on no database but the one named."""

from __future__ import annotations

import os
import subprocess
import sys


def run_tracker(
    *args: str, pass_fds: tuple[int, ...] = (), timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    # A hang is a bug too: the timeout turns it into a failure, not a stuck suite.
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TRACKER_DB": ""},
        timeout=timeout,
        pass_fds=pass_fds,
    )


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """The charter's rule for bad input: exit 1, one ``tracker: ...`` line on stderr
    holding each of ``words``, no traceback. Returns the line."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]
