"""Where each document id and claim id was defined in one import run.

Two files of one run that define one id are a mistake (a copied file, a
reused id): the later file is refused, naming both files and lines, instead of
one silently replacing the other. Ids defined by a file that failed count for
nothing. Across runs, a file that defines an existing id again is an update,
and is reported as one (``updated claim 'X' from FILE``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import located

# A file that updates many ids names this many and counts the rest.
NAMED_UPDATES = 20

_ID_LINE = re.compile(r"\s*id\s*:")


@dataclass(frozen=True)
class Defined:
    """The ids of one kind one file defines, each with the line it is defined on."""

    kind: str  # "document" or "claim"
    path: Path
    lines: Mapping[str, int | None]


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line is not None else str(path)


@dataclass
class Definitions:
    # kind -> id -> the file's Defined, whose ``lines`` hold the id's line: a run of
    # 100,000 claims keeps their ids, each with a line and a pointer, and nothing else.
    known: dict[str, dict[str, Defined]] = field(default_factory=dict)
    _resolved: dict[Path, Path] = field(default_factory=dict)

    def check(self, defined: Defined) -> None:
        """Refuse the first id another file of this run defined already."""
        known = self.known.get(defined.kind, {})
        here = self._resolve(defined.path)
        for key, line in defined.lines.items():
            old = known.get(key)
            if old is not None and self._resolve(old.path) != here:
                raise located(
                    defined.path,
                    f"{defined.kind} '{key}' is defined twice in this import: here and in "
                    f"{_where(old.path, old.lines[key])}; rename one of them or leave one "
                    "file out",
                    line,
                )

    def add(self, defined: Defined | None) -> None:
        if defined is None:
            return
        known = self.known.setdefault(defined.kind, {})
        for key in defined.lines:
            known.setdefault(key, defined)

    def _resolve(self, path: Path) -> Path:
        if path not in self._resolved:
            self._resolved[path] = path.resolve()
        return self._resolved[path]


def front_matter_id_line(text: str) -> int | None:
    """The line of an article's ``id:`` field in its front matter (None: id from the name)."""
    lines = text.splitlines()
    for number, line in enumerate(lines[1:], 2):
        if line.strip() in ("---", "..."):
            return None
        if _ID_LINE.match(line) and not line.startswith((" ", "\t")):
            return number
    return None


def updated_notes(kind: str, ids: list[str], path: Path, count: int | None = None) -> list[str]:
    """``updated claim 'X' from FILE`` for each id defined before and changed by this file;
    ``count``: how many there were, when ``ids`` holds only the first NAMED_UPDATES."""
    count = len(ids) if count is None else count
    notes = [f"updated {kind} '{i}' from {path}" for i in ids[:NAMED_UPDATES]]
    if count > NAMED_UPDATES:
        notes.append(f"updated {count - NAMED_UPDATES} more {kind}s from {path}")
    return notes
