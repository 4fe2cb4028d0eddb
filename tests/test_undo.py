"""Undo from the audit log, at the core level: the analyst's edits newest first, in words;
an import only whole, by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from tracker.db import open_database, session_scope
from tracker.importers import import_paths
from tracker.models import (
    Attribution,
    Claim,
    Document,
    Hypothesis,
    Rating,
    RejectedSuggestion,
    Source,
    Subject,
)
from tracker.tui.store import set_grade, set_group
from tracker.undo import newest, undo, undo_last_edit

CASE = Path(__file__).resolve().parents[1] / "imports" / "najin-2023"


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


def _count(engine, model) -> int:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _source(engine, name: str) -> Source:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return session.exec(select(Source).where(Source.name == name)).one()


def test_a_rewording_that_starts_with_a_bracket_can_be_undone(tmp_path) -> None:
    engine = _case(tmp_path / "u.sqlite")
    _reword(engine, "<b>second</b> wording")
    _reword(engine, "third wording")
    done = undo_last_edit(engine)
    assert done.words == "claim c1: wording “<b>second</b> wording” → “third wording”"
    assert _text(engine) == "<b>second</b> wording"


def test_undo_after_a_restart_goes_further_back_instead_of_redoing(tmp_path) -> None:
    engine = _case(tmp_path / "u.sqlite")
    _reword(engine, "second wording")
    _reword(engine, "third wording")
    undo_last_edit(engine)
    assert _text(engine) == "second wording"
    # A new app knows nothing of the first one's undo: the log itself must say it.
    undo_last_edit(engine)
    assert _text(engine) == "first wording"


def test_edits_are_undone_newest_first_and_an_import_only_whole_by_name(tmp_path) -> None:
    # Before the fix the first undo after an import reverted "insert attribution 140".
    engine = open_database(tmp_path / "case.sqlite")
    import_paths(engine, [CASE])
    sokolin = _source(engine, "Anton Sokolin")
    rusi = _source(engine, "Royal United Services Institute")
    assert sokolin.reliability == "B"  # sources.yaml
    set_grade(engine, sokolin.id or 0, "C")
    set_group(engine, rusi.id or 0, "UK analysts")
    from tracker import suggest

    with session_scope(engine) as session:
        proposal = suggest.suggest(session, "wapo-2023-10-16")[0]
        suggest.reject(session, proposal.id)
    assert _count(engine, RejectedSuggestion) == 1

    # A rejection is undoable like every other answer, and said in words.
    found = newest(engine)
    assert found is not None and not found.is_import
    assert found.words.startswith("the rejection of “") and found.words.endswith(
        "” in wapo-2023-10-16"
    )
    undo(engine, found.id)
    assert _count(engine, RejectedSuggestion) == 0
    assert undo_last_edit(engine).words == (
        "Royal United Services Institute: group (from parents) → UK analysts"
    )
    assert undo_last_edit(engine).words == "Anton Sokolin: grade B → C"
    assert _source(engine, "Anton Sokolin").reliability == "B"
    assert _source(engine, "Royal United Services Institute").group is None

    # Nothing of the analyst's own is left: the import is next, and a stray undo refuses.
    with pytest.raises(ValueError, match="the import of 8 files from najin-2023"):
        undo_last_edit(engine)
    assert _count(engine, Attribution) == 140
    found = newest(engine)
    assert found is not None and found.is_import
    # Counted by hand in imports/najin-2023: five article files, 71 claims with 140
    # quotes, 49 sources (outlets included), 54 distinct subject names; hypotheses.yaml:
    # 3 hypotheses with 36 ratings between them.
    assert found.question == (
        "Undo the import of 8 files from najin-2023: "
        "5 documents, 71 claims, 140 attributions, 49 sources, 54 subjects, "
        "3 hypotheses, 36 ratings?"
    )
    undo(engine, found.id)
    for model in (Attribution, Claim, Document, Source, Subject, Hypothesis, Rating):
        assert _count(engine, model) == 0, model
    assert newest(engine) is None
    with pytest.raises(LookupError):
        undo(engine, found.id)  # undone already

    # Importing again brings it all back (the files' hashes do not stand in the way).
    import_paths(engine, [CASE])
    assert (_count(engine, Claim), _count(engine, Attribution)) == (71, 140)


def test_a_colleagues_edit_is_theirs_to_undo(tmp_path) -> None:
    from tracker.audit import set_analyst

    set_analyst("colleague")
    try:
        engine = _case(tmp_path / "u.sqlite")
        _reword(engine, "their wording")
    finally:
        set_analyst(None)
    assert newest(engine, "colleague") is not None
    with pytest.raises(LookupError, match="nothing to undo"):
        undo_last_edit(engine)
    assert _text(engine) == "their wording"
