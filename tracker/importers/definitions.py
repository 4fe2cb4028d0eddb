"""Where each document id and claim id was defined in one import run.

Two files of one run that define one id are a mistake (a copied file, a
reused id): the later file is refused, naming both files and lines, instead of
one silently replacing the other. Ids defined by a file that failed count for
nothing. Across runs, a file that defines an existing id again is an update,
and is reported as one (``updated claim 'X' from FILE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import located

# A file that updates many ids names this many and counts the rest.
NAMED_UPDATES = 20

_ID_LINE = re.compile(r"\s*id\s*:")


@dataclass(frozen=True)
class Definition:
    kind: str  # "document" or "claim"
    id: str
    path: Path
    line: int | None

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


@dataclass
class Definitions:
    known: dict[tuple[str, str], Definition] = field(default_factory=dict)

    def check(self, definitions: list[Definition]) -> None:
        """Refuse the first id another file of this run defined already."""
        for new in definitions:
            old = self.known.get((new.kind, new.id))
            if old is not None and old.path.resolve() != new.path.resolve():
                raise located(
                    new.path,
                    f"{new.kind} '{new.id}' is defined twice in this import: here and in "
                    f"{old.where}; rename one of them or leave one file out",
                    new.line,
                )

    def add(self, definitions: list[Definition]) -> None:
        for new in definitions:
            self.known.setdefault((new.kind, new.id), new)


def front_matter_id_line(text: str) -> int | None:
    """The line of an article's ``id:`` field in its front matter (None: id from the name)."""
    lines = text.splitlines()
    for number, line in enumerate(lines[1:], 2):
        if line.strip() in ("---", "..."):
            return None
        if _ID_LINE.match(line) and not line.startswith((" ", "\t")):
            return number
    return None


def updated_notes(kind: str, ids: list[str], path: Path) -> list[str]:
    """``updated claim 'X' from FILE`` for each id defined before and changed by this file."""
    notes = [f"updated {kind} '{i}' from {path}" for i in ids[:NAMED_UPDATES]]
    if len(ids) > NAMED_UPDATES:
        notes.append(f"updated {len(ids) - NAMED_UPDATES} more {kind}s from {path}")
    return notes
