"""Shared fixtures: real databases (a SQLite file, a PostgreSQL server) and the bundled case.

- ``sqlite_url``: a fresh SQLite file path in tmp_path (a path, as ``--db`` takes it).
- ``engine``: that file, migrated.
- ``pg_url``: a real PostgreSQL server for the session (pgserver, or TRACKER_TEST_PG_URL).
- ``pg_database_url``: a fresh, empty database on that server, per test.
- ``db_url``: parametrized over sqlite and postgresql: a fresh empty database per test.
- ``bundled_case``: the path of imports/najin-2023.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine, make_url

from tracker.db import open_database, resolve_url

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "case.sqlite")


@pytest.fixture
def engine(sqlite_url: str) -> Iterator[Engine]:
    engine = open_database(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def bundled_case() -> Path:
    return REPO / "imports" / "najin-2023"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL server URL (driver psycopg); the server lives for the test session."""
    given = os.environ.get("TRACKER_TEST_PG_URL")
    if given:
        yield resolve_url(given)
        return
    import pgserver

    with tempfile.TemporaryDirectory(prefix="tracker-pg-") as directory:
        server = pgserver.get_server(directory, cleanup_mode="stop")
        try:
            yield resolve_url(server.get_uri())
        finally:
            server.cleanup()


@pytest.fixture
def pg_database_url(pg_url: str) -> Iterator[str]:
    """A fresh database on the server, dropped after the test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_url(pg_url).set(drivername="postgresql")
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on the embedded default and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "case.sqlite")
    return request.getfixturevalue("pg_database_url")
