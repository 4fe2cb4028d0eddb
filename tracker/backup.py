"""A complete JSON backup of a case (every table, the audit log included) and its restore.

``export_case`` writes every row of every table; ``restore`` puts them back,
unchanged, into an empty database (SQLite or PostgreSQL). Restored rows are
written with plain inserts so the audit log is restored, not re-recorded.
"""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

import tracker.models  # noqa: F401  (every table on the metadata)
from tracker.backup_rows import checked_rows, short
from tracker.display import json_text
from tracker.errors import located
from tracker.migrations import head_revision, known_revisions

FORMAT = "tracker-backup"
VERSION = 1


def _tables() -> list:
    return list(SQLModel.metadata.sorted_tables)


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bytes):  # a snapshot's compressed bytes: base64 text in JSON
        return base64.b64encode(value).decode("ascii")
    return value


def export_case(engine: Engine) -> dict:
    tables: dict[str, list[dict]] = {}
    with engine.connect() as connection:
        for table in _tables():
            order = [c for c in table.primary_key.columns]
            rows = connection.execute(select(table).order_by(*order)).mappings()
            tables[table.name] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return {"format": FORMAT, "version": VERSION, "schema": head_revision(), "tables": tables}


def export_json(engine: Engine) -> str:
    # Terminal-active characters as \uXXXX (display.json_text): the same data once read,
    # and the file is as safe to ``cat`` as the export printed to standard output.
    return json_text(export_case(engine), indent=1) + "\n"


def restore_file(engine: Engine, path: Path) -> dict[str, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:  # ValueError: JSON, or 4300+ digits
        raise located(path, f"not a readable backup: {error}") from None
    except RecursionError:
        raise located(path, "not a readable backup: nested too deeply") from None
    return restore(engine, data, str(path))


def restore(engine: Engine, data: Any, where: str = "backup") -> dict[str, int]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise located(where, f"not a {FORMAT} file")
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        raise located(where, f"backup version {short(version)} is not {VERSION}")
    _check_schema(data.get("schema"), where)
    # Every row of every table is checked before the first is written.
    rows_by_table = checked_rows(_tables(), data.get("tables"), where)
    counts: dict[str, int] = {}
    with engine.begin() as connection:
        _require_empty(connection, where)
        for table in _tables():
            typed = rows_by_table[table.name]
            # A parent source may come after its child: link parents once all rows exist.
            deferred = table.name == "source"
            if typed:
                values = [r | {"parent_id": None} for r in typed] if deferred else typed
                connection.execute(insert(table), values)
                if deferred:
                    for row in typed:
                        if row.get("parent_id") is not None:
                            connection.execute(
                                update(table)
                                .where(table.c.id == row["id"])
                                .values(parent_id=row["parent_id"])
                            )
            counts[table.name] = len(typed)
        _reset_sequences(connection)
    return counts


def _check_schema(schema: Any, where: str) -> None:
    """A backup of a schema this tracker does not know was made by a newer one."""
    if schema is None:
        return  # written before backups named their schema: today's tables are checked anyway
    if not isinstance(schema, str) or schema not in known_revisions():
        raise located(
            where,
            f"backup schema {short(schema)} is not one this tracker knows "
            f"(newest: {head_revision()!r}): made by a newer tracker; upgrade tracker",
        )


# Named first when refusing a non-empty database: the analyst thinks in sources and claims.
_CASE_TABLES = ("source", "document", "claim", "attribution", "subject")


def _require_empty(connection: Connection, where: str) -> None:
    rank = {name: index for index, name in enumerate(_CASE_TABLES)}
    tables = sorted(_tables(), key=lambda t: (rank.get(t.name, len(rank)), t.name))
    for table in tables:
        count = connection.execute(select(func.count()).select_from(table)).scalar_one()
        if count:
            raise located(
                where,
                f"a backup restores only into an empty database; this one has {count} "
                f"row(s) in '{table.name}'",
            )


def _reset_sequences(connection: Connection) -> None:
    """PostgreSQL's id sequences must move past the restored ids."""
    if connection.dialect.name != "postgresql":
        return
    for table in _tables():
        column = table.c.get("id")
        if column is None or not column.autoincrement or str(column.type) != "INTEGER":
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
            )
        )
