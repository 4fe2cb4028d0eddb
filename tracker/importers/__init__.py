"""Importing case files and folders, one transaction per file, idempotent by content hash.

``import_paths(engine, paths)`` walks files and folders, imports sources
first, then articles (those re-reported by others before them), then claims,
and returns an ImportReport. A bad file is rolled back and reported; the good
ones in the same run still import. A JSON backup written by ``tracker export``
is restored instead (into an empty database only).
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import re
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, func, select

from tracker import snapshots
from tracker.audit import IMPORT, IMPORT_ACTION, current_analyst, operation
from tracker.db import session_scope
from tracker.errors import UserError, located
from tracker.fetch_limits import TIMEOUT_SECONDS
from tracker.importers.articles import (
    Article,
    front_matter_peek,
    parse_markdown,
    store_article,
)
from tracker.importers.claims import import_claims, in_chunks
from tracker.importers.claims_files import claim_entries, survey
from tracker.importers.definitions import (
    Defined,
    Definitions,
    front_matter_id_line,
    updated_notes,
)
from tracker.importers.feeds import parse_feed, store_feed
from tracker.importers.fetch import Fetched, fetch, is_url
from tracker.importers.html import parse_html, registered_domain
from tracker.importers.hypotheses import import_hypotheses
from tracker.importers.pdf import parse_pdf
from tracker.importers.reading import (
    check_size,
    content_hash,
    decode,
    decode_page,
    load_yaml,
    read_bytes,
    require_list,
    text_field,
)
from tracker.importers.report import (
    ADDED,
    FAILED,
    UNCHANGED,
    UPDATED,
    FileResult,
    ImportReport,
)
from tracker.importers.sources import import_sources
from tracker.importers.streaming import scan
from tracker.models import AuditEntry, Claim, Document, Hypothesis, ImportedFile, Source

__all__ = [
    "FileResult", "ImportReport", "Links", "import_file", "import_paths", "import_url", "plan",
    "walk",
]  # fmt: skip

SOURCES, ARTICLE, HTML, CLAIMS, BACKUP = "sources", "article", "html", "claims", "backup"
HYPOTHESES, PDF, FEED = "hypotheses", "pdf", "feed"
_ORDER = {BACKUP: 0, SOURCES: 1, ARTICLE: 2, HTML: 2, PDF: 2, FEED: 2, CLAIMS: 3, HYPOTHESES: 4}
_ARTICLE_SUFFIXES = {
    ".md": ARTICLE, ".txt": ARTICLE, ".html": HTML, ".htm": HTML, ".pdf": PDF,
    ".rss": FEED, ".atom": FEED, ".xml": FEED,
}  # fmt: skip
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
    if "hypothes" in name and suffix in (".yaml", ".yml"):
        return HYPOTHESES
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


def walk(root: Path, skipped: list[str] | None = None) -> list[Path]:
    """Every file under ``root``, sorted, never leaving it.

    Symbolic links are not followed out of the folder (a link to ``../secret`` or to
    ``/etc`` is skipped and reported in ``skipped``); hidden files and folders and
    READMEs are not case files.
    """
    base = root.resolve()
    found: list[Path] = []
    # os.walk does not descend into symlinked folders (followlinks=False).
    for directory, folders, names in os.walk(root):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for folder in folders:
            if (Path(directory) / folder).is_symlink():
                _outside(Path(directory) / folder, base, skipped)
        for name in names:
            child = Path(directory) / name
            if name.startswith(".") or name.lower().startswith("readme"):
                continue
            if child.is_symlink() and _outside(child, base, skipped):
                continue
            why = unreadable_kind(child)
            if why is not None:
                if skipped is not None:
                    skipped.append(f"{child}: {why}, skipped")
                continue
            if child.is_file():
                found.append(child)
    return sorted(found)


def unreadable_kind(path: Path) -> str | None:
    """Why ``path`` is not read as a case file (None: a regular file, or not there).

    A named pipe would block the import until something writes to it, a device may
    never end, a socket cannot be read: only regular files are case files."""
    from tracker.output import kind_of_file

    try:
        mode = path.stat().st_mode
    except OSError as error:
        return "symbolic link loop" if error.errno == errno.ELOOP else None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return f"{kind_of_file(mode)}, not a regular file"


def _outside(link: Path, base: Path, skipped: list[str] | None) -> bool:
    try:
        target = link.resolve()
    except (RuntimeError, OSError):  # a loop of links (Python 3.11 raises RuntimeError)
        if skipped is not None:
            skipped.append(f"{link}: symbolic link loop, skipped")
        return True
    if target.is_relative_to(base) and not link.is_dir():
        return False
    if skipped is not None:
        where = "outside the folder" if not target.is_relative_to(base) else "a linked folder"
        skipped.append(f"{link}: symbolic link to {where} not followed")
    return True


def plan(paths: Iterable[Path], skipped: list[str] | None = None) -> list[tuple[Path, str]]:
    """Every file to import with its kind, in dependency order."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for child in walk(path, skipped):
                kind = classify(child)
                if kind is not None:
                    found.append((child, kind))
        elif (why := unreadable_kind(path)) is not None:
            # Never opened (a pipe would hang the import); said, not silently dropped.
            if skipped is not None:
                skipped.append(f"{path}: {why}, skipped")
        else:
            # A file named explicitly is never skipped silently: unknown kinds fail loudly.
            found.append((path, classify(path) or "unknown"))
    found.sort(key=lambda item: _ORDER.get(item[1], 9))
    return _articles_in_derivation_order(found)


def _articles_in_derivation_order(found: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    articles = [(p, k) for p, k in found if k == ARTICLE]
    if len(articles) < 2:
        return found
    # Two files may claim one id (refused at import, naming both): both stay in the plan.
    ids: dict[str, list[tuple[Path, str]]] = {}
    needs: dict[str, list[str]] = {}
    for path, kind in articles:
        try:
            check_size(path)
            meta = front_matter_peek(path, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, UserError):
            meta = {}
        doc_id = str(meta.get("id") or path.stem)
        ids.setdefault(doc_id, []).append((path, kind))
        derived = meta.get("derived_from") or []
        needs[doc_id] = needs.get(doc_id, []) + [
            str(d) for d in (derived if isinstance(derived, list) else [derived])
        ]
    ordered: list[tuple[Path, str]] = []
    done: set[str] = set()

    def visit(doc_id: str, trail: frozenset[str]) -> None:
        if doc_id in done or doc_id in trail or doc_id not in ids:
            return
        for other in needs.get(doc_id, []):
            visit(other, trail | {doc_id})
        done.add(doc_id)
        ordered.extend(ids[doc_id])

    for doc_id in ids:
        visit(doc_id, frozenset())
    first = [item for item in found if _ORDER.get(item[1], 9) < _ORDER[ARTICLE]]
    rest = [item for item in found if item[1] != ARTICLE and item not in first]
    html = [item for item in rest if item[1] in (HTML, PDF, FEED)]
    later = [item for item in rest if item[1] not in (HTML, PDF, FEED)]
    return first + ordered + html + later


def import_paths(
    engine: Engine,
    paths: Iterable[Path | str],
    progress: Callable[[Path | str], None] | None = None,
    follow: bool = False,
    timeout: float = TIMEOUT_SECONDS,
    rows: Callable[[Path, int, int], None] | None = None,
) -> ImportReport:
    """Files, folders and URLs (``http(s)://``: a page, a PDF or a feed); ``follow``
    fetches each feed entry's link for the full article. Every file of the run is one
    operation in the audit log (undone only as a whole, by name: tracker.undo).
    ``progress(path)`` after each file; ``rows(path, done, total)`` within a claims file
    of many rows, after each batch written."""
    report = ImportReport()
    given = list(paths)
    urls = [str(p) for p in given if isinstance(p, str) and is_url(p)]
    local = [Path(p) for p in given if not (isinstance(p, str) and is_url(p))]
    missing = [p for p in local if not p.exists()]
    existing = [p for p in local if p.exists()]
    for path in missing:
        why = "no such file"
        if path.is_symlink():  # there, but leading nowhere
            why = unreadable_kind(path) or "symbolic link to nothing"
        report.files.append(FileResult(path, "unknown", FAILED, error=f"{path}: {why}"))
    outlets: dict[str, tuple[int, str]] = {}
    links = Links(follow, timeout)
    defined = Definitions()
    with operation(IMPORT) as operation_id:
        for path, kind in plan(existing, report.skipped):
            report.files.append(import_file(engine, path, kind, outlets, links, defined, rows))
            if progress is not None:
                progress(path)
        for url in urls:
            report.files.append(import_url(engine, url, outlets, links))
            if progress is not None:
                progress(url)
    _mark_import(engine, operation_id, [*existing, *urls], report)
    return report


def _mark_import(
    engine: Engine, operation_id: str, paths: list[Path | str], report: ImportReport
) -> None:
    """One entry naming what the run read, when it changed anything: undo names it so."""
    changed = [str(f.path) for f in report.files if f.status in (ADDED, UPDATED)]
    if not changed:
        return
    with session_scope(engine) as session:
        # A restored backup writes no audit entries (it carries its own log): no mark.
        if (
            session.exec(select(AuditEntry.id).where(AuditEntry.operation == operation_id)).first()
            is None
        ):
            return
        session.add(
            AuditEntry(
                at=datetime.now(UTC),
                analyst=current_analyst(),
                action=IMPORT_ACTION,
                table_name="import",
                row_id=operation_id,
                changes={"paths": [str(p) for p in paths], "files": changed},
                operation=operation_id,
                kind=IMPORT,
            )
        )


@dataclass
class Links:
    """How the web is reached during one import: whether feed entries' links are
    followed, and how long a server may take to answer."""

    follow: bool = False
    timeout: float = TIMEOUT_SECONDS

    def fetcher(self) -> Callable[[str], Fetched] | None:
        return (lambda url: fetch(url, self.timeout)) if self.follow else None


def import_url(
    engine: Engine,
    url: str,
    outlets: dict[str, tuple[int, str]] | None = None,
    links: Links | None = None,
) -> FileResult:
    """Fetch first, outside any transaction (a failed fetch writes nothing), then store
    what came in one transaction, retried like a file on a race."""
    links = links or Links()
    try:
        fetched = fetch(url, links.timeout)
    except UserError as error:
        return FileResult(url, "url", FAILED, error=error.message)

    def store() -> FileResult:
        with session_scope(engine) as session:
            return _store_fetched(session, fetched, {} if outlets is None else outlets, links)

    return _retried(url, fetched.kind, store)


def url_id(url: str) -> str:
    """A document id for a fetched page: its domain, the last words of its path, and a
    short hash of the whole URL (two pages of one site never share an id)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    domain = registered_domain(url) or parts.hostname or "page"
    last = [p for p in parts.path.split("/") if p][-1:] or [""]
    slug = re.sub(r"\.(html?|php|aspx?|pdf)$", "", last[0].lower())
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")[:50].strip("-")
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:6]
    head = re.sub(r"[^a-z0-9]+", "-", domain.lower()).strip("-")
    return "-".join(part for part in (head, slug, digest) if part)


def _store_fetched(
    session: Session, fetched: Fetched, outlets: dict[str, tuple[int, str]], links: Links
) -> FileResult:
    url, kind, data = fetched.url, fetched.kind, fetched.data
    notes: list[str] = []
    if fetched.redirects:
        notes.append(f"{url}: redirected to {fetched.final_url}")
    if kind == "feed":
        counts, more = store_feed(session, url, parse_feed(url, data), outlets, links.fetcher())
        return FileResult(url, FEED, _status_of(counts), counts, notes=notes + more)
    digest = content_hash(data)
    doc_id = url_id(fetched.final_url)
    if session.get(ImportedFile, digest) is not None and session.get(Document, doc_id) is not None:
        return FileResult(url, kind, UNCHANGED)
    if kind == "pdf":
        article, more = parse_pdf(url, data, url=fetched.final_url, doc_id=doc_id)
        notes += more
    else:
        text = decode_page(url, data)
        article = parse_html(url, text, url=fetched.final_url, doc_id=doc_id)
    status, counts, more = store_article(session, article, outlets)
    snapshots.keep(
        session,
        article.id,
        data,
        fetched.content_type or ("application/pdf" if kind == "pdf" else "text/html"),
        url=fetched.final_url,
        redirects=fetched.redirects,
    )
    session.merge(
        ImportedFile(content_hash=digest, path=url, kind=kind, imported_at=datetime.now(UTC))
    )
    return FileResult(url, kind, status, counts, notes=notes + more)


# Concurrent importers of one database race to insert the same rows: the loser's
# transaction fails on a unique key (or, on PostgreSQL, a deadlock; on SQLite, a busy
# lock) and is simply run again, when it finds the file already imported.
RACE_RETRIES = 8


def import_file(
    engine: Engine,
    path: Path,
    kind: str | None = None,
    outlets: dict[str, tuple[int, str]] | None = None,
    links: Links | None = None,
    defined: Definitions | None = None,
    rows: Callable[[Path, int, int], None] | None = None,
) -> FileResult:
    """One file in one transaction: imported whole, or not at all.

    ``outlets`` is the outlet names already resolved by earlier files of the same import;
    ``defined`` the document and claim ids they defined (a second definition is refused)."""
    kind = kind or classify(path) or "unknown"
    found = kind
    known = Definitions() if defined is None else defined

    def attempt() -> FileResult:
        check_size(path)
        if found == BACKUP:
            from tracker.backup import restore_file

            return FileResult(path, found, ADDED, restore_file(engine, path))
        with session_scope(engine) as session:
            result, definitions = _import_in(
                session, path, found, outlets, links or Links(), known, rows
            )
        known.add(definitions)  # only once committed: a failed file defines nothing
        return result

    return _retried(path, kind, attempt)


def _retried(where: Path | str, kind: str, attempt: Callable[[], FileResult]) -> FileResult:
    """``attempt`` run again when it lost a race; a UserError is the file's failure."""
    for number in range(1, RACE_RETRIES + 1):
        try:
            return attempt()
        except UserError as error:
            return FileResult(where, kind, FAILED, error=error.message)
        except (IntegrityError, StaleDataError, OperationalError) as error:
            if number < RACE_RETRIES:
                time.sleep(random.uniform(0.01, 0.05) * number)
                continue
            if isinstance(error, OperationalError):
                raise
            return FileResult(where, kind, FAILED, error=_refused(where, error))
    raise AssertionError("unreachable")  # pragma: no cover


def _refused(path: Path | str, error: Exception) -> str:
    if isinstance(error, StaleDataError):
        return f"{path}: rows changed by another writer during the import; run it again"
    orig = getattr(error, "orig", None)
    detail = str(orig).strip().splitlines()[0] if orig else "constraint"
    return f"{path}: database refused it: {detail}"


def _import_in(
    session: Session,
    path: Path,
    kind: str,
    outlets: dict[str, tuple[int, str]] | None,
    links: Links,
    defined: Definitions,
    rows: Callable[[Path, int, int], None] | None = None,
) -> tuple[FileResult, Defined | None]:
    if kind == "unknown":
        raise located(
            path,
            "not a case file (expected .md, .txt, .html, .pdf, a feed .rss/.atom/.xml, "
            "sources.yaml, claims .yaml/.json/.csv or hypotheses.yaml)",
        )
    if kind == CLAIMS:
        return _import_claims_file(session, path, defined, rows)
    data = read_bytes(path)
    digest = content_hash(data)
    if kind == FEED:
        where = str(path)
        counts, feed_notes = store_feed(
            session, where, parse_feed(where, data), outlets or {}, links.fetcher()
        )
        return FileResult(path, kind, _status_of(counts), counts, notes=feed_notes), None
    if kind == PDF:
        text = ""
    else:
        text = decode_page(path, data) if kind == HTML else decode(path, data)
    article = None
    if kind in (ARTICLE, HTML):
        article = parse_html(path, text) if kind == HTML else parse_markdown(path, text)
    elif kind == PDF:
        article, pdf_notes = parse_pdf(path, data)
    definitions = _definitions(path, text, article)
    if definitions is not None:
        defined.check(definitions)
    known = session.get(ImportedFile, digest) is not None
    if known and _still_present(session, path, kind, text, article):
        return FileResult(path, kind, UNCHANGED), definitions
    notes: list[str] = []
    status = ADDED
    if kind in (SOURCES, HYPOTHESES):
        importer = import_sources if kind == SOURCES else import_hypotheses
        counts, notes = importer(session, path, text)
        status = _status_of(counts)
    else:
        assert article is not None
        status, counts, notes = store_article(session, article, outlets)
        if status == UPDATED:
            notes += updated_notes("document", [article.id], path)
        if kind == PDF:
            notes = pdf_notes + notes
            snapshots.keep(session, article.id, data, "application/pdf", url=article.url)
        elif kind == HTML:
            snapshots.keep(session, article.id, data, "text/html", url=article.url)
    # merge: the hash may be known already when its rows were deleted since (re-import).
    session.merge(
        ImportedFile(content_hash=digest, path=str(path), kind=kind, imported_at=datetime.now(UTC))
    )
    return FileResult(path, kind, status, counts, notes=notes), definitions


def _definitions(path: Path, text: str, article: Article | None) -> Defined | None:
    if article is None:
        return None
    line = front_matter_id_line(text) if path.suffix.lower() in (".md", ".txt") else None
    return Defined("document", path, {article.id: line})


def _import_claims_file(
    session: Session,
    path: Path,
    defined: Definitions,
    rows: Callable[[Path, int, int], None] | None,
) -> tuple[FileResult, Defined]:
    """A claims file is read in passes, never held whole: its bytes checked and hashed,
    its ids read (and any defined twice refused) before anything is written, then its
    claims written a batch at a time, in this one transaction."""
    digest = scan(path)
    found = survey(path)
    definitions = Defined("claim", path, found.lines)
    defined.check(definitions)
    if session.get(ImportedFile, digest) is not None and _claims_present(session, found.lines):
        return FileResult(path, CLAIMS, UNCHANGED), definitions
    told = (lambda done, total: rows(path, done, total)) if rows is not None else None
    entries = claim_entries(path, found.scattered)
    counts, notes = import_claims(session, path, entries, len(found.lines), told)
    if scan(path) != digest:  # saved again between the passes: two versions were read
        raise located(path, "changed while it was being imported; import it again")
    now = datetime.now(UTC)
    session.merge(ImportedFile(content_hash=digest, path=str(path), kind=CLAIMS, imported_at=now))
    return FileResult(path, CLAIMS, _status_of(counts), counts, notes=notes), definitions


def _claims_present(session: Session, ids: Iterable[str]) -> bool:
    """Whether every claim of an already imported file is still there (an analyst may
    have deleted one since: importing the file again restores it). ``ids`` are unique:
    the survey refused a file defining one twice."""
    for chunk in in_chunks(list(ids)):
        query = select(func.count()).select_from(Claim).where(col(Claim.id).in_(chunk))
        if session.exec(query).one() != len(chunk):
            return False
    return True


def _status_of(counts: dict[str, int]) -> str:
    """Added when rows were created, updated when only existing rows changed, else
    unchanged (also for a file whose twin another importer committed a moment ago)."""
    updated = sum(n for key, n in counts.items() if key.endswith(" updated"))
    created = sum(n for key, n in counts.items() if not key.endswith(" updated"))
    return ADDED if created else UPDATED if updated else UNCHANGED


def _still_present(
    session: Session,
    path: Path,
    kind: str,
    text: str,
    article: Article | None,
) -> bool:
    """Whether what this (already imported) file holds is still in the database.

    An analyst may delete a document or claim after importing it; importing the
    same file again must then restore it, not report 'unchanged'.
    """
    try:
        if article is not None:
            return session.get(Document, article.id) is not None
        if kind == HYPOTHESES:
            entries = require_list(path, load_yaml(path, text), "hypotheses")
            ids = [text_field(path, e, "id", required=True) for e in entries]
            return all(session.get(Hypothesis, h) is not None for h in ids)
        if kind == SOURCES:
            names = {
                text_field(path, e, "name", required=True).casefold()
                for e in require_list(path, load_yaml(path, text), "sources")
            }
            have = {n.casefold() for n in session.exec(select(Source.name)).all()}
            return names <= have
    except UserError:
        return False
    return True
