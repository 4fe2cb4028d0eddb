"""Shared fixtures: real databases (a SQLite file, a PostgreSQL server) and the bundled case.

- ``sqlite_url``: a fresh SQLite file path in tmp_path (a path, as ``--db`` takes it).
- ``engine``: that file, migrated.
- ``pg_url``: a real PostgreSQL server for the session (pgserver, or TRACKER_TEST_PG_URL);
  under pytest-xdist each worker starts its own, in its own directory and socket.
- ``pg_database_url``: a fresh, empty database on that server, per test.
- ``db_url``: parametrized over sqlite and postgresql: a fresh empty database per test.
- ``bundled_case``: the path of imports/najin-2023.
- ``imported_case``: a SQLite file holding given case files, imported once per session
  (per xdist worker) and copied for each test that asks.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine, make_url

from tracker.db import open_database, resolve_url

REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Compile tracker and its migrations to bytecode once, before any test runs.

    The end-to-end tests start hundreds of ``python -m tracker`` subprocesses. With
    PYTHONDONTWRITEBYTECODE set (as on our machines and CI) an editable install never
    gets its .pyc files, so each subprocess compiled every module it imported from
    source, ~0.2 s of CPU in a ~1 s command; pip compiles an installed wheel the same
    way. compileall skips what is up to date. xdist workers leave it to the controller.
    """
    if hasattr(config, "workerinput"):
        return
    import compileall

    for folder in ("tracker", "db"):
        compileall.compile_dir(REPO / folder, quiet=2)


def shared_dir() -> Path:
    """The project's shared/ folder (seed articles, conformance data): beside the
    checkout, as CI lays it out, or wherever TRACKER_SHARED points. Missing is an
    error, never an empty glob that lets a table test pass on nothing."""
    path = Path(os.environ.get("TRACKER_SHARED") or REPO.parent / "shared")
    if not (path / "seeds").is_dir():
        raise FileNotFoundError(f"{path / 'seeds'} not found: set TRACKER_SHARED to shared/")
    return path


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


def _contents(paths: tuple[Path, ...]) -> str:
    """What the files under ``paths`` hold, as one digest: a case edited on disk is a new key."""
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in (f for f in files if f.is_file()):
            digest.update(str(file).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


@pytest.fixture(scope="session")
def imported_case(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``imported_case(target, *paths)`` writes at ``target`` a SQLite database holding
    ``paths`` imported (in process, as ``tracker import`` does), and returns ``target``.

    For tests whose subject is what comes after the import: each set of files is
    imported once per session and copied, instead of re-imported (often through a
    CLI subprocess) by every test. A test about importing itself imports for real.
    """
    from tracker.importers import import_paths

    made: dict[str, Path] = {}

    def copy_to(target: Path, *paths: Path) -> Path:
        key = _contents(paths)
        if key not in made:
            template = tmp_path_factory.mktemp("imported") / "case.sqlite"
            engine = open_database(str(template))
            try:
                report = import_paths(engine, list(paths))
                assert report.ok, report.summary()
            finally:
                engine.dispose()  # the last connection closed: the WAL is checkpointed
            made[key] = template
        for suffix in ("-wal", "-shm"):
            assert not Path(f"{made[key]}{suffix}").exists()
        shutil.copyfile(made[key], target)
        return target

    return copy_to


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


SMALL_SOURCES = """\
- name: United States government
  short: US government
  kind: government
  reliability: B
- name: White House
  aliases: [The White House]
  kind: government
  parent: United States government
  reliability: B
- name: National Intelligence Service
  short: NIS
  aliases: ["South Korea's National Intelligence Service"]
  kind: agency
  reliability: B
- name: Bloomberg
  kind: outlet
  reliability: B
- name: Euromaidan Press
  kind: outlet
  reliability: C
"""

SMALL_BLOOMBERG = """\
---
id: bloomberg-2023-12-27
title: "A dormant North Korean port has sprung back to life"
outlet: Bloomberg
url: https://example.org/bloomberg
published: 2023-12-27
authors: [Jon Herskovitz]
---
South Korea’s National Intelligence Service told lawmakers in November there had been
about 10 shipments of weapons from North Korea to Russia since August, likely encompassing
more than 1 million rounds of artillery.

The White House said “more than 1,000 containers” of equipment had been delivered.
"""

SMALL_EUROMAIDAN = """\
---
id: euromaidan-2023-12
title: "Ghost ships reveal North Korea's secret arms trade"
outlet: Euromaidan Press
published: 2023-12
derived_from: [bloomberg-2023-12-27]
---
According to South Korea's National Intelligence Service, there have been about 10 shipments
of weapons from North Korea to Russia since August, encompassing over 1 million rounds.
"""

SMALL_CLAIMS = """\
- id: nis-shipments
  subject: "Maritime munitions shipments, DPRK to Russia (count)"
  cumulative: true
  text: "About 10 shipments of munitions from North Korea to Russia since August"
  stance: asserts
  quantity: "about 10 shipments"
  period: "since August"
  attributions:
    - source: NIS
      document: bloomberg-2023-12-27
      quote: "there had been about 10 shipments of weapons from North Korea to Russia since August"
    - source: South Korea's National Intelligence Service
      document: euromaidan-2023-12
      quote: "there have been about 10 shipments of weapons from North Korea to Russia"
- id: wh-containers
  subject: "Containers delivered, DPRK to Russia (count)"
  text: "More than 1,000 containers delivered"
  quantity: "more than 1,000 containers"
  attributions:
    - source: White House
      document: bloomberg-2023-12-27
      quote: '"more than 1,000 containers" of equipment'
"""


@pytest.fixture
def small_case(tmp_path: Path) -> Path:
    """A two-article case (one derived from the other) with sources and two claims."""
    case = tmp_path / "case"
    case.mkdir()
    (case / "sources.yaml").write_text(SMALL_SOURCES, encoding="utf-8")
    (case / "bloomberg.md").write_text(SMALL_BLOOMBERG, encoding="utf-8")
    (case / "euromaidan.md").write_text(SMALL_EUROMAIDAN, encoding="utf-8")
    (case / "claims.yaml").write_text(SMALL_CLAIMS, encoding="utf-8")
    return case


def snapshot(engine: Engine) -> dict:
    """Every row of every table: equal snapshots mean an unchanged database."""
    from tracker.backup import export_case

    return export_case(engine)["tables"]
