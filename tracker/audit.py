"""The audit log: who changed which claim, attribution, source or document, when, and how.

A session event writes one AuditEntry per inserted, updated or deleted row of
the audited tables, inside the same transaction as the change itself, so a
rolled-back import leaves no audit trail of changes that never happened.
Restoring a backup writes rows with plain inserts and is deliberately not
audited again (the backup carries its own audit log).

Each entry also names its **operation**: one analyst edit (every flush of one
transaction: an accepted suggestion writes a subject, a claim and an attribution)
or one import run (every file of it, each file its own transaction). Undo
(tracker.undo) reverts an edit whole, and an import only as one unit, by name.
"""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from tracker.models import (
    Attribution,
    AuditEntry,
    Claim,
    Document,
    Hypothesis,
    Rating,
    RejectedSuggestion,
    Source,
    Subject,
)

# A rejected suggestion is audited so that the reject, like every answer, can be undone.
AUDITED = (Claim, Attribution, Source, Document, Subject, Hypothesis, Rating, RejectedSuggestion)
# Full article texts are large; the log records that they changed, not the text.
_ELIDED = {("document", "text")}

# An undo is logged as an entry of its own, naming the entries it reverted.
UNDO_ACTION = "undo"
# An import run ends with an entry of its own naming the files it read.
IMPORT_ACTION = "import"

# What an operation was: an analyst's edit, an import run, or an undo (never undone).
EDIT, IMPORT, UNDO = "edit", "import", "undo"

# The operation that the current thread's writes belong to, when one spans transactions
# (an import run) or must not be an edit (an undo); else each transaction is an edit.
_operation: ContextVar[tuple[str, str] | None] = ContextVar("audit_operation", default=None)
_SESSION_KEY = "tracker.audit.operation"


@contextmanager
def operation(kind: str) -> Iterator[str]:
    """Record every write in this block (in this thread) as one operation of ``kind``."""
    operation_id = uuid.uuid4().hex
    token = _operation.set((operation_id, kind))
    try:
        yield operation_id
    finally:
        _operation.reset(token)


def _operation_of(session: Session) -> tuple[str, str]:
    active = _operation.get()
    if active is not None:
        return active
    if _SESSION_KEY not in session.info:
        session.info[_SESSION_KEY] = (uuid.uuid4().hex, EDIT)
    found: tuple[str, str] = session.info[_SESSION_KEY]
    return found


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _transaction_ended(session: Session) -> None:
    # The next transaction of a long-lived session is another edit.
    session.info.pop(_SESSION_KEY, None)


_analyst: str | None = None


def set_analyst(name: str | None) -> None:
    """Record changes under ``name`` (``--analyst``); None falls back to the OS user."""
    global _analyst
    _analyst = name or None


def current_analyst() -> str:
    if _analyst:
        return _analyst
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something honest
        return "unknown"


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def is_elided(table: str, column: str) -> bool:
    """Whether the log keeps only the length of this column, so it cannot be restored."""
    return (table, column) in _ELIDED


def _shown(table: str, column: str, value: Any) -> Any:
    if (table, column) in _ELIDED and isinstance(value, str):
        return f"<{len(value)} characters>"
    return _plain(value)


def _row_id(obj: Any) -> str:
    state = inspect(obj)
    # A new row has no identity yet in after_flush; its key columns are already set.
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    return "/".join(str(part) for part in identity)


def _snapshot(obj: Any) -> dict:
    mapper = inspect(obj).mapper
    table = type(obj).__tablename__
    return {c.key: _shown(table, c.key, getattr(obj, c.key)) for c in mapper.column_attrs}


def _changes(obj: Any) -> dict:
    state = inspect(obj)
    table = type(obj).__tablename__
    changed: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changed[attr.key] = [_shown(table, attr.key, old), _shown(table, attr.key, new)]
    return changed


@event.listens_for(Session, "after_flush")
def _record(session: Session, _flush: UOWTransaction) -> None:
    # In after_flush the new/dirty/deleted sets still show what this flush wrote,
    # and new rows already have their ids.
    entries: list[dict] = []
    now = datetime.now(UTC)
    analyst = current_analyst()
    operation_id, kind = _operation_of(session)

    def add(action: str, obj: Any, changes: dict) -> None:
        entries.append(
            {
                "at": now,
                "analyst": analyst,
                "action": action,
                "table_name": type(obj).__tablename__,
                "row_id": _row_id(obj),
                "changes": changes,
                "operation": operation_id,
                "kind": kind,
            }
        )

    for obj in session.new:
        if isinstance(obj, AUDITED):
            add("insert", obj, _snapshot(obj))
    for obj in session.dirty:
        if isinstance(obj, AUDITED) and (changes := _changes(obj)):
            add("update", obj, changes)
    for obj in session.deleted:
        if isinstance(obj, AUDITED):
            add("delete", obj, _snapshot(obj))
    if entries:
        # A plain insert: adding ORM objects during a flush is not allowed.
        session.connection().execute(insert(AuditEntry), entries)
