"""The engine and session factory, in one place.

``open_database`` turns a path or URL into an engine, applies pending
migrations, and returns it. SQLite files get WAL, foreign keys and a busy
timeout on every connection; a ``postgresql://`` URL is used as given (with
the psycopg 3 driver). ``open_reader`` is the read-only way in that listings take.

SQLAlchemy, SQLModel and the models are imported by the functions that use them:
a listing on a SQLite file whose schema is current reads through sqlite3 alone,
and their import is most of what such a command would otherwise cost to start.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.exc import DBAPIError
    from sqlmodel import Session

ENV_VAR = "TRACKER_DB"
SQLITE_BUSY_TIMEOUT_MS = 5000


def default_database_path() -> Path:
    """Where the embedded default lives when neither --db nor TRACKER_DB is given."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("tracker", appauthor=False)) / "tracker.sqlite"


# The databases tracker runs on: a SQLite file, or PostgreSQL through psycopg 3.
_BACKENDS = ("sqlite", "postgresql")


def resolve_url(path_or_url: str | os.PathLike[str] | None = None) -> str:
    """A path means SQLite; a URL (``postgresql://…``, ``sqlite://…``) is used as given.

    Anything else (``ftp://``, ``mysql://``, a URL that does not parse) is a one-line
    UserError naming ``--db``, never a driver's traceback."""
    value = os.fspath(path_or_url) if path_or_url is not None else os.environ.get(ENV_VAR)
    if not value:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" in value:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        scheme = value.split("://", 1)[0]
        try:
            url = make_url(value)
            url.port  # noqa: B018  (a bad port only fails when read)
        except (ArgumentError, ValueError) as error:
            # The URL itself is not shown: it may hold a password.
            why = "its host or port cannot be read" if isinstance(error, ValueError) else None
            raise UserError(
                f"--db: not a valid {scheme}:// URL ({why or 'it cannot be parsed'}); "
                "the form is postgresql://user:password@host:port/database"
            ) from None
        if url.get_backend_name() not in _BACKENDS:
            raise UserError(
                f"--db: {scheme}:// is not a database tracker works with; "
                "give a SQLite file path or a postgresql:// URL"
            )
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    if value == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def describe(path_or_url: str | os.PathLike[str] | None = None) -> str:
    """The database as an error message names it: its file, or its URL without password."""
    url = resolve_url(path_or_url)
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


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
    try:
        return _engine_for(url)
    except ModuleNotFoundError as error:  # a driver that is not installed
        from sqlalchemy.engine import make_url

        raise UserError(
            f"--db: the driver for {make_url(url).get_backend_name()} ({error.name}) is not "
            "installed; for PostgreSQL: pip install 'tracker[postgres]'"
        ) from None


def _engine_for(url: str) -> Engine:
    from sqlalchemy import event
    from sqlmodel import create_engine

    import tracker.audit  # noqa: F401  (registers the audit log's session events)

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


def open_database(
    path_or_url: str | os.PathLike[str] | None = None, *, adopt: bool = False
) -> Engine:
    """An engine whose schema is at the latest migration.

    Refused in one line (UserError): a file that is not SQLite, a schema made by a newer
    tracker, and a non-empty database without our schema (another application's) unless
    ``adopt`` (``tracker db upgrade``) asks for tracker's tables to be added to it.
    Safe when several commands open a new database at once: see ``migrations.upgrade``.
    """
    from sqlalchemy.exc import DBAPIError

    from tracker.migrations import upgrade

    url = resolve_url(path_or_url)
    where = describe(path_or_url)
    if url.startswith("sqlite:///"):
        _probe_sqlite(Path(url.removeprefix("sqlite:///")), where, adopt)
    engine = make_engine(path_or_url)
    try:
        upgrade(engine, adopt=adopt, where=where)
    except DBAPIError as error:
        engine.dispose()
        raise UserError(f"{where}: {_first_line(error)}") from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def _probe_sqlite(path: Path, where: str, adopt: bool) -> str | None:
    """Looks at an existing SQLite file read-only, before our connections touch it (they
    switch it to WAL): a file that is not SQLite, a newer tracker's or another
    application's database is refused exactly as it was. ``upgrade`` checks again under
    its lock; this look only has to leave a file that is not ours unchanged.

    Returns the schema revision the file holds (None: none, or the file was not read)."""
    import sqlite3
    from contextlib import closing
    from urllib.parse import quote

    from tracker.migrations import refuse_foreign, refuse_newer

    try:
        if path.stat().st_size == 0:
            return None  # new (or just created by another command): ours to migrate
    except OSError:
        return None  # not there yet; or unreadable, said when it is opened
    try:
        uri = f"file:{quote(str(path))}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            names = {
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                )
            }
            revision = None
            if "alembic_version" in names:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.OperationalError:
        return None  # locked or not openable read-only: the normal open decides and says why
    except sqlite3.DatabaseError as error:
        raise UserError(f"{where}: not a SQLite database ({error})") from None
    refuse_newer(revision, where)
    if "alembic_version" not in names and not adopt:
        refuse_foreign({n for n in names if not n.startswith("sqlite_")}, where)
    return revision


def _first_line(error: DBAPIError) -> str:
    """The driver's own words, first line: 'file is not a database' becomes
    'not a SQLite database (file is not a database)'."""
    first = _driver_line(error.orig if error.orig is not None else error)
    if "file is not a database" in first:
        return f"not a SQLite database ({first})"
    return f"cannot open the database: {first}"


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    from sqlmodel import Session

    import tracker.audit  # noqa: F401  (its writes are audited, whoever made the engine)

    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


class Reader:
    """Plain SQL reads on a case: ``rows(sql, name=value)`` runs a SELECT with ``:name``
    parameters and returns its rows as tuples, whatever holds the connection (sqlite3
    itself, or a SQLAlchemy Connection or Session). Values come as the driver gives
    them: on SQLite, dates and JSON as text (``tracker.listing`` reads both forms)."""

    def __init__(self, run: Callable[[str, dict[str, Any]], list[tuple]]) -> None:
        self._run = run

    def rows(self, sql: str, **params: Any) -> list[tuple]:
        return self._run(sql, params)

    @classmethod
    def of(cls, source: Reader | Connection | Session) -> Reader:
        if isinstance(source, Reader):
            return source
        from sqlalchemy import text

        return cls(lambda sql, params: [tuple(r) for r in source.execute(text(sql), params)])


@contextmanager
def open_reader(path_or_url: str | os.PathLike[str] | None = None) -> Iterator[Reader]:
    """Reads on the case at the latest migration, in one transaction (one consistent view).

    A SQLite file whose schema is current is read through sqlite3 alone; anything else
    (PostgreSQL, a new file, a schema to migrate) is opened by ``open_database``, with the
    same refusals, and read through its engine."""
    url = resolve_url(path_or_url)
    if url.startswith("sqlite:///") and "?" not in url:
        from tracker.migrations import at_head

        path = Path(url.removeprefix("sqlite:///"))
        if at_head(_probe_sqlite(path, describe(path_or_url), adopt=False)):
            with _sqlite_reader(path) as reader:
                yield reader
            return
    engine = open_database(path_or_url)
    try:
        with engine.connect() as connection:
            yield Reader.of(connection)
    finally:
        engine.dispose()


@contextmanager
def _sqlite_reader(path: Path) -> Iterator[Reader]:
    import sqlite3
    from urllib.parse import quote

    # mode=rw: a file removed since it was looked at is an error, not a new empty file.
    uri = f"file:{quote(str(path))}?mode=rw"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None)

    def run(sql: str, params: dict[str, Any]) -> list[tuple]:
        return connection.execute(sql, params).fetchall()

    try:
        connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        connection.execute("BEGIN")  # every read sees the same state of the case
        yield Reader(run)
    except sqlite3.DatabaseError as error:  # locked past the timeout, disk I/O, damage
        raise UserError(f"database error: {_driver_line(error)}") from None
    finally:
        connection.close()  # the transaction read only: nothing to commit


def _driver_line(error: BaseException) -> str:
    """The driver's own words, first line (its class name when it said nothing)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
