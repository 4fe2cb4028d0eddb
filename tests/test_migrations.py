"""The schema comes from the Alembic migrations, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import tracker.models  # noqa: F401
from tracker.db import make_engine, open_database
from tracker.migrations import current_revision, head_revision


def test_an_empty_database_is_migrated_to_head_on_open(db_url: str) -> None:
    assert current_revision(make_engine(db_url)) is None
    engine = open_database(db_url)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"source", "document", "claim", "attribution", "auditentry"} <= tables
    # Opening again is a no-op, not an error.
    assert current_revision(open_database(db_url)) == head_revision()
    engine.dispose()


def _modelled(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """Skip the full-text index of migration 0002: raw SQL by design (FTS5 / GIN), no model."""
    return not (name and (name.startswith("cite_fts") or name.endswith("_tsv")))


def test_the_models_match_the_migrations(db_url: str) -> None:
    engine = open_database(db_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _modelled})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []
    engine.dispose()


def test_a_migration_that_fails_midway_leaves_no_half_schema_on_sqlite(tmp_path: Path) -> None:
    from sqlalchemy import Table, event, inspect

    from tracker.db import make_engine
    from tracker.migrations import upgrade

    def fail_on_claim(table, connection, **_kw) -> None:  # type: ignore[no-untyped-def]
        if table.name == "claim":
            raise RuntimeError("interrupted")

    engine = make_engine(tmp_path / "half.sqlite")
    event.listen(Table, "after_create", fail_on_claim)
    try:
        with pytest.raises(RuntimeError, match="interrupted"):
            upgrade(engine)
    finally:
        event.remove(Table, "after_create", fail_on_claim)
    # Tables created before the failure (source, subject, ...) were rolled back with it.
    assert inspect(engine).get_table_names() == []
    upgrade(engine)  # and the next open migrates from scratch
    assert "claim" in inspect(engine).get_table_names()
