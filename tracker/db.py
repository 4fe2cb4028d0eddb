"""The engine and session factory, in one place.

``open_database`` turns a path or URL into an engine, applies pending
migrations, and returns it. SQLite files get WAL, foreign keys and a busy
timeout on every connection; a ``postgresql://`` URL is used as given (with
the psycopg 3 driver).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

import tracker.audit  # noqa: F401  (registers the audit log's session events)

ENV_VAR = "TRACKER_DB"
SQLITE_BUSY_TIMEOUT_MS = 5000


def default_database_path() -> Path:
    """Where the embedded default lives when neither --db nor TRACKER_DB is given."""
    return Path(user_data_dir("tracker", appauthor=False)) / "tracker.sqlite"


def resolve_url(path_or_url: str | os.PathLike[str] | None = None) -> str:
    """A path means SQLite; a URL (``postgresql://…``, ``sqlite://…``) is used as given."""
    value = os.fspath(path_or_url) if path_or_url is not None else os.environ.get(ENV_VAR)
    if not value:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" in value:
        url = make_url(value)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    if value == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def database_files(path_or_url: str | os.PathLike[str] | None = None) -> list[Path]:
    """The files a SQLite database in use is made of (none for PostgreSQL or memory):
    what no output may ever be written over."""
    url = resolve_url(path_or_url)
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return []
    path = Path(url.removeprefix("sqlite:///"))
    return [path] + [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


def _on_sqlite_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # WAL does not apply to in-memory databases; SQLite ignores it there.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(path_or_url: str | os.PathLike[str] | None = None) -> Engine:
    """An engine for the path or URL, without touching the schema."""
    url = resolve_url(path_or_url)
    if url.startswith("sqlite"):
        kwargs: dict = {"connect_args": {"check_same_thread": False}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            from sqlalchemy.pool import StaticPool

            # One shared connection, or every session would see its own empty database.
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_database(path_or_url: str | os.PathLike[str] | None = None) -> Engine:
    """An engine whose schema is at the latest migration."""
    from tracker.migrations import upgrade

    engine = make_engine(path_or_url)
    upgrade(engine)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
