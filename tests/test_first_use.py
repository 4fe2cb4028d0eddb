"""First use under concurrency: commands started together on a database that does not
exist yet all succeed (one creates and migrates it, the others wait for it and find
the schema done), on SQLite and PostgreSQL.

Before the fix, two commands on a new SQLite file failed "database is locked" about
one time in two (or "table ... already exists").
"""

from __future__ import annotations

import multiprocessing
import uuid
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from tracker.db import open_database
from tracker.migrations import current_revision, head_revision

ROUNDS = 30


def _commands(urls: list[str], barrier, results) -> None:  # type: ignore[no-untyped-def]
    """One analyst's process: for each new database, wait for the other process, then
    run a real command on it (the CLI's own code, in this process)."""
    from typer.testing import CliRunner

    from tracker.cli import app

    runner = CliRunner()
    for number, url in enumerate(urls):
        barrier.wait(timeout=120)  # both start each round together: the race is real
        result = runner.invoke(app, ["--db", url, "sources", "--json"])
        error = result.output.strip().splitlines()[-1:] if result.exit_code else []
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            error = [f"{type(result.exception).__name__}: {result.exception}"]
        results.put((number, result.exit_code, " ".join(error)))


def _race(urls: list[str]) -> list[tuple[int, int, str]]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_commands, args=(urls, barrier, results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=600) for _ in range(2 * len(urls))]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return outcomes


def _check(urls: list[str], outcomes: list[tuple[int, int, str]]) -> None:
    failed = [(n, message) for n, code, message in outcomes if code != 0]
    assert failed == [], f"{len(failed)} of {len(outcomes)} commands failed: {failed[:3]}"
    for url in urls:
        engine = open_database(url)
        assert current_revision(engine) == head_revision()
        assert {"claim", "source", "document"} <= set(inspect(engine).get_table_names())
        engine.dispose()


def test_two_commands_on_a_new_sqlite_file_both_succeed_every_time(tmp_path: Path) -> None:
    urls = [str(tmp_path / f"new-{n}.sqlite") for n in range(ROUNDS)]
    _check(urls, _race(urls))


def test_two_commands_on_a_new_postgresql_database_both_succeed(pg_url: str) -> None:
    import psycopg

    admin = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    names = [f"t_first_{uuid.uuid4().hex[:10]}" for _ in range(10)]
    with psycopg.connect(admin, autocommit=True) as connection:
        for name in names:
            connection.execute(f'CREATE DATABASE "{name}"')
    urls = [make_url(pg_url).set(database=n).render_as_string(hide_password=False) for n in names]
    try:
        _check(urls, _race(urls))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            for name in names:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
