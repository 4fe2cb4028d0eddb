"""Undo from the audit log, at the core level (tracker.tui.store has no Textual imports)."""

from __future__ import annotations

from sqlmodel import Session

from tracker.db import open_database, session_scope
from tracker.models import Claim, Subject
from tracker.tui.store import undo_last


def _case(path):  # type: ignore[no-untyped-def]
    engine = open_database(path)
    with session_scope(engine) as session:
        subject = Subject(name="shipments")
        session.add(subject)
        session.flush()
        session.add(Claim(id="c1", subject_id=subject.id or 0, text="first wording"))
    return engine


def _reword(engine, text: str) -> None:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        claim = session.get(Claim, "c1")
        assert claim is not None
        claim.text = text


def _text(engine) -> str:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        claim = session.get(Claim, "c1")
        assert claim is not None
        return claim.text


def test_a_rewording_that_starts_with_a_bracket_can_be_undone(tmp_path) -> None:
    engine = _case(tmp_path / "u.sqlite")
    _reword(engine, "<b>second</b> wording")
    _reword(engine, "third wording")
    undo_last(engine, set())
    assert _text(engine) == "<b>second</b> wording"


def test_undo_after_a_restart_goes_further_back_instead_of_redoing(tmp_path) -> None:
    engine = _case(tmp_path / "u.sqlite")
    _reword(engine, "second wording")
    _reword(engine, "third wording")
    undo_last(engine, set())
    assert _text(engine) == "second wording"
    # A new app knows nothing of the first one's undo: the log itself must say it.
    undo_last(engine, set())
    assert _text(engine) == "first wording"
