"""``tracker export`` to standard output, as a user runs it (a subprocess): in every
format, no terminal-active character of the data reaches the terminal (the one rule
of ``tracker.display``, as for ``claims --json``), and the data reads back the same.

JSON (the backup, CSL-JSON) carries them as ``\\uXXXX`` escapes, which a JSON reader
turns back into the very characters: the backup printed restores the case exactly.
CSV has no escapes of its own: printed, each cell is shown as ``display.visible``
writes it; the file written with ``-o`` keeps the characters as they are.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.db import open_database
from tracker.display import visible
from tracker.importers import import_paths

CLEAR = "\x1b[2J\x1b[H"
LINK = "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07"
CSI_C1 = "\x9b31m"
RLO = "\u202e"
HOSTILE = f"about 10 shipments {CLEAR}since August {LINK} {CSI_C1}red {RLO}evil"

SOURCES = """\
- name: Wire
  kind: outlet
  reliability: C
"""
ARTICLE = f"""\
---
id: wire-1
title: {json.dumps("Report " + RLO + CLEAR)}
outlet: Wire
published: 2023-12-27
---
Officials said {HOSTILE}.
"""
CLAIMS = f"""\
- id: c1
  subject: {json.dumps("Shipments " + CSI_C1)}
  text: {json.dumps(HOSTILE)}
  quantity: "about 10 shipments"
  attributions:
    - source: Wire
      document: wire-1
      quote: {json.dumps(HOSTILE)}
"""

# What a terminal acts on: C0 controls but newline/tab, DEL, C1, bidi embeddings/overrides.
_ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    case = tmp_path_factory.mktemp("hostile-export")
    (case / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (case / "wire.md").write_text(ARTICLE, encoding="utf-8")
    (case / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    db = case / "case.sqlite"
    engine = open_database(db)
    report = import_paths(engine, [case])
    assert report.ok, [f.error for f in report.failed]
    engine.dispose()
    return db


def tracker(db: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db), *args],
        capture_output=True,
        env={**os.environ, "TRACKER_DB": ""},
        timeout=180,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout.decode("utf-8")


FORMATS = [("export",), ("export", "--format", "csl-json"), ("export", "--format", "csv")]


@pytest.mark.parametrize("args", FORMATS, ids=lambda a: " ".join(a))
def test_export_to_stdout_sends_nothing_a_terminal_acts_on(
    hostile_db: Path, args: tuple[str, ...]
) -> None:
    out = tracker(hostile_db, *args)
    assert out.strip()
    assert not _ACTIVE.findall(out), sorted(set(_ACTIVE.findall(out)))


def test_the_printed_backup_restores_the_case_exactly(hostile_db: Path, tmp_path: Path) -> None:
    printed = tracker(hostile_db, "export")
    data = json.loads(printed)
    (claim,) = data["tables"]["claim"]
    assert claim["text"] == HOSTILE  # the very characters, once read
    saved = tmp_path / "backup.json"
    tracker(hostile_db, "export", "-o", str(saved))
    assert json.loads(saved.read_text(encoding="utf-8")) == data
    (tmp_path / "printed.json").write_text(printed, encoding="utf-8")
    restored = tmp_path / "restored.sqlite"
    tracker(restored, "import", str(tmp_path / "printed.json"))
    assert json.loads(tracker(restored, "export"))["tables"] == data["tables"]


def test_printed_citations_read_back_as_the_file_does(hostile_db: Path, tmp_path: Path) -> None:
    printed = json.loads(tracker(hostile_db, "export", "--format", "csl-json"))
    saved = tmp_path / "cited.json"
    tracker(hostile_db, "export", "--format", "csl-json", "-o", str(saved))
    assert printed == json.loads(saved.read_text(encoding="utf-8"))
    assert printed[0]["title"] == "Report " + RLO + CLEAR


def test_printed_csv_is_the_file_shown_visibly(hostile_db: Path, tmp_path: Path) -> None:
    printed = list(csv.reader(io.StringIO(tracker(hostile_db, "export", "--format", "csv"))))
    saved = tmp_path / "claims.csv"
    tracker(hostile_db, "export", "--format", "csv", "-o", str(saved))
    with saved.open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    header = written[0]
    assert written[1][header.index("text")] == HOSTILE  # the file keeps the data
    assert printed == [[visible(cell) for cell in row] for row in written]
    shown = printed[1][header.index("text")]
    assert "\\x1b[2J" in shown and "\\x9b31m" in shown and "\\u202eevil" in shown
