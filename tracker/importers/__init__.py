"""Importing case files and folders, one transaction per file, idempotent by content hash.

``import_paths(engine, paths)`` walks files and folders, imports sources
first, then articles (those re-reported by others before them), then claims,
and returns an ImportReport. A bad file is rolled back and reported; the good
ones in the same run still import. A JSON backup written by ``tracker export``
is restored instead (into an empty database only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from tracker.db import session_scope
from tracker.errors import UserError, located
from tracker.importers.articles import front_matter_peek, parse_markdown, store_article
from tracker.importers.claims import import_claims
from tracker.importers.html import parse_html
from tracker.importers.reading import content_hash, decode, read_bytes
from tracker.importers.report import (
    ADDED,
    FAILED,
    UNCHANGED,
    UPDATED,
    FileResult,
    ImportReport,
)
from tracker.importers.sources import import_sources
from tracker.models import ImportedFile

__all__ = ["FileResult", "ImportReport", "import_paths", "plan"]

SOURCES, ARTICLE, HTML, CLAIMS, BACKUP = "sources", "article", "html", "claims", "backup"
_ORDER = {BACKUP: 0, SOURCES: 1, ARTICLE: 2, HTML: 2, CLAIMS: 3}
_ARTICLE_SUFFIXES = {".md": ARTICLE, ".txt": ARTICLE, ".html": HTML, ".htm": HTML}
_DATA_SUFFIXES = {".yaml", ".yml", ".json", ".csv"}


def classify(path: Path) -> str | None:
    """What a file holds, by name (and, for JSON, whether it is a backup); None: not ours."""
    name, suffix = path.name.lower(), path.suffix.lower()
    if suffix in _ARTICLE_SUFFIXES:
        return _ARTICLE_SUFFIXES[suffix]
    if suffix not in _DATA_SUFFIXES:
        return None
    if "source" in name and suffix in (".yaml", ".yml"):
        return SOURCES
    if suffix == ".json" and _looks_like_backup(path):
        return BACKUP
    return CLAIMS


def _looks_like_backup(path: Path) -> bool:
    from tracker.backup import FORMAT

    try:
        with path.open("rb") as handle:
            head = handle.read(200)
    except OSError:
        return False
    return FORMAT.encode() in head


def plan(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """Every file to import with its kind, in dependency order."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.name.lower().startswith("readme"):
                    continue
                kind = classify(child)
                if kind is not None:
                    found.append((child, kind))
        else:
            # A file named explicitly is never skipped silently: unknown kinds fail loudly.
            found.append((path, classify(path) or "unknown"))
    found.sort(key=lambda item: _ORDER.get(item[1], 9))
    return _articles_in_derivation_order(found)


def _articles_in_derivation_order(found: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    articles = [(p, k) for p, k in found if k == ARTICLE]
    if len(articles) < 2:
        return found
    ids: dict[str, tuple[Path, str]] = {}
    needs: dict[str, list[str]] = {}
    for path, kind in articles:
        try:
            meta = front_matter_peek(path, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            meta = {}
        doc_id = str(meta.get("id") or path.stem)
        ids[doc_id] = (path, kind)
        derived = meta.get("derived_from") or []
        needs[doc_id] = [str(d) for d in (derived if isinstance(derived, list) else [derived])]
    ordered: list[tuple[Path, str]] = []
    done: set[str] = set()

    def visit(doc_id: str, trail: frozenset[str]) -> None:
        if doc_id in done or doc_id in trail or doc_id not in ids:
            return
        for other in needs.get(doc_id, []):
            visit(other, trail | {doc_id})
        done.add(doc_id)
        ordered.append(ids[doc_id])

    for doc_id in ids:
        visit(doc_id, frozenset())
    first = [item for item in found if _ORDER.get(item[1], 9) < _ORDER[ARTICLE]]
    rest = [item for item in found if item[1] != ARTICLE and item not in first]
    html = [item for item in rest if item[1] == HTML]
    later = [item for item in rest if item[1] != HTML]
    return first + ordered + html + later


def import_paths(
    engine: Engine,
    paths: Iterable[Path | str],
    progress: Callable[[Path], None] | None = None,
) -> ImportReport:
    report = ImportReport()
    missing = [Path(p) for p in paths if not Path(p).exists()]
    existing = [Path(p) for p in paths if Path(p).exists()]
    for path in missing:
        report.files.append(FileResult(path, "unknown", FAILED, error=f"{path}: no such file"))
    for path, kind in plan(existing):
        report.files.append(import_file(engine, path, kind))
        if progress is not None:
            progress(path)
    return report


def import_file(engine: Engine, path: Path, kind: str | None = None) -> FileResult:
    """One file in one transaction: imported whole, or not at all."""
    kind = kind or classify(path) or "unknown"
    try:
        if kind == BACKUP:
            from tracker.backup import restore_file

            counts = restore_file(engine, path)
            return FileResult(path, kind, ADDED, counts)
        with session_scope(engine) as session:
            return _import_in(session, path, kind)
    except UserError as error:
        return FileResult(path, kind, FAILED, error=error.message)
    except IntegrityError as error:
        detail = str(error.orig).strip().splitlines()[0] if error.orig else "constraint"
        return FileResult(path, kind, FAILED, error=f"{path}: database refused it: {detail}")


def _import_in(session: Session, path: Path, kind: str) -> FileResult:
    if kind == "unknown":
        raise located(
            path,
            "not a case file (expected .md, .txt, .html, sources.yaml or claims .yaml/.json/.csv)",
        )
    data = read_bytes(path)
    digest = content_hash(data)
    if session.get(ImportedFile, digest) is not None:
        return FileResult(path, kind, UNCHANGED)
    text = decode(path, data)
    notes: list[str] = []
    status = ADDED
    if kind == SOURCES:
        counts, notes = import_sources(session, path, text)
    elif kind == CLAIMS:
        counts, notes = import_claims(session, path, text)
        if counts.get("claims updated"):
            status = UPDATED
    else:
        article = parse_html(path, text) if kind == HTML else parse_markdown(path, text)
        status, counts, notes = store_article(session, article)
    session.add(
        ImportedFile(content_hash=digest, path=str(path), kind=kind, imported_at=datetime.now(UTC))
    )
    return FileResult(path, kind, status, counts, notes=notes)
