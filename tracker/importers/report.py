"""What an import run did, file by file, for the summary the analyst reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ADDED, UPDATED, UNCHANGED, FAILED = "added", "updated", "unchanged", "failed"


@dataclass
class FileResult:
    path: Path | str  # a file, or a URL
    kind: str
    status: str
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    # Things the analyst should know though nothing failed: fuzzy matches used, outlets created.
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)
    # Symbolic links out of a folder, not followed: said, so nothing vanishes silently.
    skipped: list[str] = field(default_factory=list)

    def _with(self, status: str) -> list[FileResult]:
        return [f for f in self.files if f.status == status]

    @property
    def added(self) -> list[FileResult]:
        return self._with(ADDED)

    @property
    def updated(self) -> list[FileResult]:
        return self._with(UPDATED)

    @property
    def unchanged(self) -> list[FileResult]:
        return self._with(UNCHANGED)

    @property
    def failed(self) -> list[FileResult]:
        return self._with(FAILED)

    @property
    def notes(self) -> list[str]:
        return self.skipped + [note for f in self.files for note in f.notes]

    @property
    def ok(self) -> bool:
        return not self.failed
