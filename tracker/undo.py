"""Undo from the audit log: the analyst's own changes, newest first, each said in words.

An operation (tracker.audit) is one edit (one transaction: a grade, a group, a claim
edit, an accepted, attached or rejected suggestion, a subject renamed or merged) or
one import run (every file of it). ``newest`` finds the analyst's newest operation
not undone yet and says what it did ("Anton Sokolin: grade C → B"); ``undo`` reverts
one operation whole. An import is never taken apart: the caller asks the analyst
first, by name, with what would go (``Operation.question``).

An undo is logged as an entry of its own naming the operation it reverted, so a
restarted app goes further back instead of redoing it; the rows the undo wrote are
of kind ``undo`` and are never undone themselves.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from tracker.audit import (
    EDIT,
    IMPORT,
    IMPORT_ACTION,
    UNDO,
    UNDO_ACTION,
    current_analyst,
    is_elided,
    operation,
)
from tracker.db import session_scope
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

_TABLES: dict[str, Any] = {
    "claim": Claim,
    "attribution": Attribution,
    "source": Source,
    "document": Document,
    "subject": Subject,
    "rejectedsuggestion": RejectedSuggestion,
    "hypothesis": Hypothesis,
    "rating": Rating,
}
_ROW_ACTIONS = ("insert", "update", "delete")
# What an import added, in the order an analyst reads it.
_NOUNS = {
    "document": ("document", "documents"),
    "claim": ("claim", "claims"),
    "attribution": ("attribution", "attributions"),
    "source": ("source", "sources"),
    "subject": ("subject", "subjects"),
    "rejectedsuggestion": ("rejected suggestion", "rejected suggestions"),
    "hypothesis": ("hypothesis", "hypotheses"),
    "rating": ("rating", "ratings"),
}
SHORT = 48  # characters of a quote or wording kept in a message


@dataclass(frozen=True)
class Operation:
    """One change the analyst can undo, in words."""

    id: str
    kind: str  # audit.EDIT or audit.IMPORT
    words: str
    # For an import: rows it added (and changed) per table, in the analyst's nouns.
    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)

    @property
    def is_import(self) -> bool:
        return self.kind == IMPORT

    @property
    def what_goes(self) -> str:
        parts = [_count(n, table) for table, n in self.added.items()]
        parts += [f"{_count(n, table)} changed back" for table, n in self.changed.items()]
        return ", ".join(parts) or "nothing left"

    @property
    def question(self) -> str:
        """What an import's undo asks: "Undo the import of 7 files from ...: 5 documents, ...?"."""
        return f"Undo {self.words}: {self.what_goes}?"


def _count(n: int, table: str) -> str:
    one, many = _NOUNS.get(table, (table, table + "s"))
    return f"{n} {one if n == 1 else many}"


def _short(text: Any) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def _undone(session: Session) -> set[str]:
    done: set[str] = set()
    for changes in session.exec(select(AuditEntry.changes).where(AuditEntry.action == UNDO_ACTION)):
        done.update(changes.get("operations", []))
    return done


def newest(engine: Engine, analyst: str | None = None) -> Operation | None:
    """The analyst's newest edit or import not undone yet (None: nothing to undo).

    Only the analyst's own operations: a colleague's grade on a shared case is theirs
    to undo. Entries from before operations were recorded (migration 0004) are not.
    """
    analyst = analyst or current_analyst()
    with Session(engine) as session:
        undone = _undone(session)
        query = (
            select(AuditEntry.operation)
            .where(
                AuditEntry.analyst == analyst,
                col(AuditEntry.kind).in_((EDIT, IMPORT)),
                col(AuditEntry.operation).is_not(None),
            )
            .order_by(col(AuditEntry.id).desc())
        )
        if undone:
            query = query.where(col(AuditEntry.operation).not_in(undone))
        operation_id = session.exec(query.limit(1)).first()
        if operation_id is None:
            return None
        return describe(session, operation_id)


def describe(session: Session, operation_id: str) -> Operation:
    """What one operation did, in the analyst's words."""
    marker = session.exec(
        select(AuditEntry).where(
            AuditEntry.operation == operation_id, AuditEntry.action == IMPORT_ACTION
        )
    ).first()
    first = session.exec(
        select(AuditEntry).where(AuditEntry.operation == operation_id).limit(1)
    ).first()
    if first is None:
        raise LookupError("nothing to undo")
    if first.kind == IMPORT:
        rows = session.exec(
            select(AuditEntry.table_name, AuditEntry.action, AuditEntry.row_id).where(
                AuditEntry.operation == operation_id, col(AuditEntry.action).in_(_ROW_ACTIONS)
            )
        ).all()
        inserted = {(t, r) for t, a, r in rows if a == "insert"}
        added = Counter(t for t, _r in inserted)
        # A row the import added and then filled in (a parent set later) is one row added.
        changed = Counter(t for t, r in {(t, r) for t, a, r in rows if a != "insert"} - inserted)
        return Operation(
            operation_id, IMPORT, _import_words(marker), _in_order(added), _in_order(changed)
        )
    entries = list(
        session.exec(
            select(AuditEntry)
            .where(AuditEntry.operation == operation_id, col(AuditEntry.action).in_(_ROW_ACTIONS))
            .order_by(col(AuditEntry.id))
        )
    )
    return Operation(operation_id, first.kind or EDIT, _edit_words(session, entries))


def _in_order(counts: Counter[str]) -> dict[str, int]:
    order = list(_NOUNS)
    return dict(sorted(counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 9))


def _import_words(marker: AuditEntry | None) -> str:
    if marker is None:  # the run stopped before it could name itself
        return "an unfinished import"
    files = len(marker.changes.get("files", []))
    names = ", ".join(Path(p).name for p in marker.changes.get("paths", []))
    what = f"{files} file{'' if files == 1 else 's'}"
    return f"the import of {what} from {names}" if names else f"the import of {what}"


# -- an edit in words ----------------------------------------------------------------
def _name(session: Session, model: Any, key: Any, attribute: str = "name") -> str:
    if key is None:
        return "none"
    row = session.get(model, int(key) if model in (Source, Subject) else key)
    return str(getattr(row, attribute)) if row is not None else f"#{key}"


def _edit_words(session: Session, entries: list[AuditEntry]) -> str:
    by: dict[tuple[str, str], list[AuditEntry]] = defaultdict(list)
    for entry in entries:
        by[(entry.table_name, entry.action)].append(entry)
    parts: list[str] = []
    new_claims = {e.row_id for e in by[("claim", "insert")]}
    for e in by[("claim", "insert")]:
        parts.append(f"the new claim {e.row_id} “{_short(e.changes.get('text'))}”")
    for e in by[("attribution", "insert")]:
        c = e.changes
        if c.get("claim_id") in new_claims:
            continue
        source = _name(session, Source, c.get("source_id"))
        parts.append(f"{source} in {c.get('document_id')} attached to claim {c.get('claim_id')}")
    for e in by[("rejectedsuggestion", "insert")]:
        c = e.changes
        quote = _short(c.get("quote"))
        parts.append(f"the rejection of “{quote}” in {c.get('document_id')}")
    if not new_claims:
        for e in by[("subject", "insert")]:
            parts.append(f"the new subject “{e.changes.get('name')}”")
    for e in by[("source", "update")]:
        parts.append(_source_words(session, e))
    for e in by[("subject", "update")]:
        parts.append(_subject_words(session, e))
    parts += _claim_update_words(session, by[("claim", "update")])
    for e in by[("document", "update")]:
        parts.append(f"document {e.row_id}: {', '.join(sorted(e.changes))} changed")
    for (table, action), group in by.items():
        if action == "delete":
            parts.append(f"{_count(len(group), table)} deleted")
    return "; ".join(p for p in parts if p) or f"{len(entries)} changes"


def _source_words(session: Session, entry: AuditEntry) -> str:
    name = _name(session, Source, entry.row_id)
    said = []
    for column, (old, new) in entry.changes.items():
        if column == "version":
            continue
        if column == "reliability":
            said.append(f"grade {old} → {new}")
        elif column == "group":
            said.append(f"group {old or '(from parents)'} → {new or '(from parents)'}")
        else:
            said.append(f"{column} {_short(old) or 'none'} → {_short(new) or 'none'}")
    return f"{name}: {', '.join(said)}" if said else ""


def _subject_words(session: Session, entry: AuditEntry) -> str:
    changes = entry.changes
    if "name" in changes:
        old, new = changes["name"]
        return f"subject “{old}” renamed “{new}”"
    name = _name(session, Subject, entry.row_id)
    if "cumulative" in changes:
        old, new = changes["cumulative"]
        return f"{name}: {'cumulative' if new else 'not cumulative'}"
    return f"subject {name}: {', '.join(sorted(changes))} changed"


_CLAIM_FIELDS = {
    "text": "wording",
    "quantity_text": "quantity",
    "period_text": "period",
    "stance": "stance",
    "hedge": "hedge",
}


def _claim_update_words(session: Session, entries: list[AuditEntry]) -> list[str]:
    moves = [e for e in entries if set(e.changes) - {"version"} == {"subject_id"}]
    if len(moves) > 1 and len(moves) == len(entries):
        old, new = moves[0].changes["subject_id"]
        return [
            f"{len(moves)} claims moved from “{_name(session, Subject, old)}” "
            f"to “{_name(session, Subject, new)}”"
        ]
    parts = []
    for e in entries:
        said = []
        for column, label in _CLAIM_FIELDS.items():
            if column in e.changes:
                old, new = e.changes[column]
                said.append(f"{label} “{_short(old) or 'none'}” → “{_short(new) or 'none'}”")
        if "subject_id" in e.changes:
            old, new = e.changes["subject_id"]
            said.append(
                f"subject “{_name(session, Subject, old)}” → “{_name(session, Subject, new)}”"
            )
        parts.append(f"claim {e.row_id}: {', '.join(said) or 'figure read again'}")
    return parts


# -- reverting -----------------------------------------------------------------------
def undo(engine: Engine, operation_id: str) -> Operation:
    """Revert one operation whole, newest entry first; returns what it was.

    Raises LookupError when it was undone already or holds nothing, ValueError when
    the log cannot restore it (a replaced article text is logged by length only).
    """
    with operation(UNDO) as undo_id, session_scope(engine) as session:
        if operation_id in _undone(session):
            raise LookupError("that change was undone already")
        done = describe(session, operation_id)
        entries = session.exec(
            select(AuditEntry)
            .where(AuditEntry.operation == operation_id, col(AuditEntry.action).in_(_ROW_ACTIONS))
            .order_by(col(AuditEntry.id).desc())
        ).all()
        try:
            previous = None
            for entry in entries:
                # Flushed table by table, newest first: an import's attributions go
                # before its claims, its documents before their outlets.
                if previous is not None and entry.table_name != previous:
                    session.flush()
                previous = entry.table_name
                _revert(session, entry)
            session.flush()
        except IntegrityError:
            session.rollback()
            raise ValueError(
                f"{done.words}: later changes depend on it (undo those first)"
            ) from None
        session.add(
            AuditEntry(
                at=datetime.now(UTC),
                analyst=current_analyst(),
                action=UNDO_ACTION,
                table_name=entries[0].table_name if entries else "import",
                row_id=entries[0].row_id if entries else operation_id,
                changes={"operations": [operation_id], "words": done.words},
                operation=undo_id,
                kind=UNDO,
            )
        )
        return done


def undo_last_edit(engine: Engine) -> Operation:
    """Undo the analyst's newest change when it is an edit; an import needs its name
    (``undo_import``) so that it is never undone by a stray key."""
    found = newest(engine)
    if found is None:
        raise LookupError("nothing to undo")
    if found.is_import:
        raise ValueError(f"the newest change is {found.words}; undo it by name")
    return undo(engine, found.id)


def _key(model: Any, row_id: str) -> Any:
    if model is Rating:  # "hypothesis/claim" (hypothesis ids hold no "/")
        return tuple(row_id.split("/", 1))
    return int(row_id) if model in (Attribution, Source, Subject, RejectedSuggestion) else row_id


def _restore_value(model: Any, column: str, value: Any) -> Any:
    kind = model.__table__.columns[column].type.python_type
    if value is None:
        return None
    if kind is date and isinstance(value, str):
        return date.fromisoformat(value)
    if kind is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def _revert(session: Session, entry: AuditEntry) -> None:
    model = _TABLES.get(entry.table_name)
    if model is None:
        raise LookupError(f"cannot undo a change to {entry.table_name}")
    row = session.get(model, _key(model, entry.row_id))
    if entry.action == "insert":
        if row is not None:
            session.delete(row)
        return
    if entry.action == "update":
        if row is None:
            raise LookupError(f"{entry.table_name} {entry.row_id} no longer exists")
        for column, (old, _new) in entry.changes.items():
            if column == "version":
                continue
            if is_elided(entry.table_name, column):
                raise ValueError(
                    f"{entry.table_name} {entry.row_id}: the audit log does not keep "
                    "replaced texts, so this cannot be undone"
                )
            setattr(row, column, _restore_value(model, column, old))
        session.add(row)
        return
    if entry.action == "delete":
        if row is not None:
            return
        values = {c: _restore_value(model, c, v) for c, v in entry.changes.items()}
        if any(is_elided(entry.table_name, column) for column in values):
            raise ValueError("the audit log does not keep deleted texts: cannot undo")
        session.add(model(**values))
