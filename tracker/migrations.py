"""Apply the Alembic migrations in ``db/`` (or, in a wheel, ``tracker/_migrations``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import UserError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine


def migrations_dir() -> Path:
    packaged = Path(__file__).parent / "_migrations"
    if (packaged / "env.py").exists():
        return packaged
    return Path(__file__).resolve().parent.parent / "db"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    """Every revision id of our migrations (a backup naming another is from a newer tracker)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*[\"'](\w+)[\"']\s*$", re.M)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]+)?=\s*(.+?)\s*$", re.M)


def _plain_head() -> str | None:
    """The head revision read from the migration files' ``revision`` and ``down_revision``
    lines, without Alembic (whose import and script parsing cost most of a listing's
    start-up); None when the files say anything this reading is not sure of."""
    revisions, downs = set(), set()
    for path in (migrations_dir() / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.findall(source), _DOWN.findall(source)
        if len(revision) != 1 or len(down) != 1:
            return None
        revisions.add(revision[0])
        if down[0] != "None":
            names = re.findall(r"[\"'](\w+)[\"']", down[0])
            if not names:
                return None
            downs.update(names)
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 and downs <= revisions else None


def at_head(revision: str | None) -> bool:
    """Whether a stored revision is the latest migration (read without Alembic)."""
    return revision is not None and revision == _plain_head()


def _stored_revision(engine: Engine) -> str | None:
    from sqlalchemy import text

    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except Exception:  # no table yet (a new database): Alembic decides
        return None
    return rows[0][0] if len(rows) == 1 else None


# Creating and migrating a database is serialized across processes: SQLite by taking the
# write lock first (BEGIN IMMEDIATE), PostgreSQL by a transaction-scoped advisory lock
# (an arbitrary key of ours). The loser waits, then finds the schema done and does nothing.
MIGRATION_LOCK_WAIT_MS = 120_000
PG_MIGRATION_LOCK_KEY = 0x74726B72  # "trkr"


def upgrade(
    engine: Engine, revision: str = "head", *, adopt: bool = False, where: str | None = None
) -> None:
    """Bring the schema to ``revision``; a no-op when it is already there.

    Raises UserError for a schema newer than ours, and for a non-empty database without
    our schema (another application's tables) unless ``adopt`` says to add ours to it.
    Several processes may call this at once on a new database: one migrates, the others
    wait for it (up to MIGRATION_LOCK_WAIT_MS on SQLite) and find the work done.
    """
    if revision == "head" and not adopt:
        if at_head(_stored_revision(engine)):
            return  # the common case, decided without importing Alembic
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import text

    where = where or engine.url.render_as_string(hide_password=True)
    head = head_revision()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    refuse_newer(current, where)
    if revision == "head" and current == head:
        return
    config = alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={MIGRATION_LOCK_WAIT_MS}")
            connection.commit()  # ends the autobegun transaction: ours is opened below
        try:
            with connection.begin():
                if sqlite:
                    # pysqlite runs DDL outside any transaction unless one is opened by hand
                    # (a process killed mid-migration would leave half a schema behind); and
                    # IMMEDIATE takes the write lock now, waiting for another migrating
                    # process, instead of failing "database is locked" at its first write.
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                elif connection.dialect.name == "postgresql":
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK_KEY}
                    )
                # Again, under the lock: another process may have migrated meanwhile.
                current = MigrationContext.configure(connection).get_current_revision()
                refuse_newer(current, where)
                if revision == "head" and current == head:
                    return
                if current is None and not adopt:
                    _refuse_foreign(connection, where)
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        finally:
            if sqlite:
                from tracker.db import SQLITE_BUSY_TIMEOUT_MS

                connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
                connection.commit()


def refuse_newer(current: str | None, where: str) -> None:
    if current is None or current == _plain_head():  # the common case, without Alembic
        return
    if current not in known_revisions():
        raise UserError(
            f"{where}: made by a newer tracker (schema revision {current}, this tracker "
            f"knows up to {head_revision()}); upgrade tracker to open it"
        )


def _refuse_foreign(connection: Connection, where: str) -> None:
    from sqlalchemy import inspect

    inspector = inspect(connection)
    refuse_foreign(set(inspector.get_table_names()) | set(inspector.get_view_names()), where)


def refuse_foreign(names: set[str], where: str) -> None:
    """A database with tables but without our revision belongs to another application:
    giving it our tables unasked would change someone else's file."""
    if names:
        raise UserError(
            f"{where}: not a tracker database ({len(names)} table(s) of another application, "
            f"such as '{sorted(names)[0]}'); run `tracker db upgrade` to add tracker's "
            "tables to it"
        )
