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

    def summary(self) -> str:
        """What the run read and what it wrote, in words: "7 files (7 new, 0 changed,
        0 unchanged, 0 failed): 49 sources, 5 documents, 71 claims and 140 attributions
        added". Counts are rows written; an unchanged file writes none."""
        files = (
            f"{_counted(len(self.files), 'files')} ({len(self.added)} new, "
            f"{len(self.updated)} changed, {len(self.unchanged)} unchanged, "
            f"{len(self.failed)} failed)"
        )
        added: dict[str, int] = {}
        updated: dict[str, int] = {}
        for result in self.files:
            if result.status == FAILED:
                continue  # a failed file changed nothing
            for key, count in result.counts.items():
                into = updated if key.endswith(" updated") else added
                name = _plural(key.removesuffix(" updated"))
                into[name] = into.get(name, 0) + count
        parts = [
            f"{_listed(added)} added" if any(added.values()) else "",
            f"{_listed(updated)} updated" if any(updated.values()) else "",
        ]
        said = "; ".join(p for p in parts if p) or "nothing added or updated"
        return f"{files}: {said}"


# Backups count by table name; the case files by what they hold. Named in this order.
_NAMES = {
    "source": "sources",
    "document": "documents",
    "claim": "claims",
    "attribution": "attributions",
    "subject": "subjects",
    "derivation": "derivations",
    "auditentry": "audit entries",
    "importedfile": "imported file records",
    "rejectedsuggestion": "rejected suggestions",
    "hypothesis": "hypotheses",
}
# Plurals not made by adding an s (or -y to -ies): their one.
_ONE = {"hypotheses": "1 hypothesis"}
_ORDER = list(_NAMES.values())


def _plural(key: str) -> str:
    key = _NAMES.get(key, key)
    return key if key.endswith("s") else key.replace("_", " ") + "s"


def _counted(count: int, plural: str) -> str:
    if count != 1:
        return f"{count:,} {plural}"
    if plural in _ONE:
        return _ONE[plural]
    one = plural[:-3] + "y" if plural.endswith("ies") else plural.removesuffix("s")
    return f"1 {one}"


def _listed(counts: dict[str, int]) -> str:
    order = {name: n for n, name in enumerate(_ORDER)}
    named = sorted((k for k, v in counts.items() if v), key=lambda k: (order.get(k, 99), k))
    words = [_counted(counts[k], k) for k in named]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
