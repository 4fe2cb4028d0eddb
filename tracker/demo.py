"""The bundled Najin case, built into a fresh database: the quickest way to see the tool work."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tracker.db import open_database, resolve_url
from tracker.errors import UserError
from tracker.importers import ImportReport, import_paths
from tracker.models import Document

CASE = "najin-2023"


def bundled_case_dir() -> Path:
    """The case shipped with the package (a wheel), else the checkout's imports/ folder."""
    packaged = Path(__file__).parent / "_bundled" / CASE
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "imports" / CASE


def default_demo_path() -> Path:
    return Path(user_data_dir("tracker", appauthor=False)) / "demo.sqlite"


def _remove_sqlite(url: str) -> None:
    if not url.startswith("sqlite:///"):
        return
    path = Path(url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _require_fresh(engine: Engine, target: str) -> None:
    with Session(engine) as session:
        if session.exec(select(Document)).first() is not None:
            raise UserError(f"{target}: demo builds into a fresh database; this one holds a case")


def build_demo(db: str | None = None) -> tuple[Engine, ImportReport, str]:
    """A fresh database (``db``, or demo.sqlite in the user data dir) holding the bundled case.

    The default demo file is replaced; a database named with --db must hold no case yet.
    """
    target = db or str(default_demo_path())
    url = resolve_url(target)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if db is None:
        _remove_sqlite(url)  # only our own demo file is ever replaced
    engine = open_database(target)
    _require_fresh(engine, target)
    report = import_paths(engine, [bundled_case_dir()])
    return engine, report, url
