"""The bundled case on a real PostgreSQL server, through the command line, as on SQLite."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli_end_to_end import tracker


def test_bundled_case_on_postgresql_matches_sqlite(
    pg_database_url: str, tmp_path: Path, bundled_case: Path
) -> None:
    sqlite_db = str(tmp_path / "t.sqlite")
    for db in (pg_database_url, sqlite_db):
        result = tracker("--db", db, "import", str(bundled_case))
        assert result.returncode == 0, result.stderr
    on_pg = json.loads(tracker("--db", pg_database_url, "claims", "--json").stdout)
    on_sqlite = json.loads(tracker("--db", sqlite_db, "claims", "--json").stdout)
    assert len(on_pg) >= 25
    assert on_pg == on_sqlite
    again = tracker("--db", pg_database_url, "import", str(bundled_case))
    assert again.stdout.strip().startswith("8 files (0 new, 0 changed, 8 unchanged,")
