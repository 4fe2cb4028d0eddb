"""Normalizing many texts at once gives exactly what one call per text gives.

A whole case is normalized over worker processes (tracker.normalize.batch); the
suggestions for a whole case read their sentences that way, so they must not
differ from the suggestions made one document at a time.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from tracker.db import open_database, session_scope
from tracker.importers import import_paths
from tracker.normalize import batch, normalize
from tracker.normalize.types import Anchor
from tracker.suggest import suggest

CASE = Path(__file__).resolve().parent.parent / "imports" / "najin-2023"

SENTENCES = [
    "North Korea has sent about 10 shipments since August, the White House said.",
    "More than 1,000 containers left Najin between Sept. 7 and Oct. 1.",
    "As many as 2,700 rounds more per day, according to RUSI.",
    "No figure here at all.",
    "It happened in mid-August, about six weeks later.",
]


def test_workers_give_the_same_readings_in_the_same_order(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(batch, "PARALLEL_FROM", 10)
    monkeypatch.setattr(batch, "CHUNK", 7)
    anchors = [Anchor.parse("2023-12-27"), Anchor.parse("2023-10"), Anchor.parse("2024")]
    items = [(s, a) for a in anchors for s in SENTENCES] * 3
    expected = [normalize(text, anchor) for text, anchor in items]
    assert batch.normalize_all(items, workers=2) == expected
    assert batch.normalize_all(items, workers=1) == expected
    # Different anchors really give different readings: the order is not trivially kept.
    assert expected[0] != expected[len(SENTENCES)]


@pytest.fixture(scope="module")
def case_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The bundled case's sources and articles, without its claims: every sentence speaks."""
    engine = open_database(tmp_path_factory.mktemp("batch") / "case.sqlite")
    articles = sorted([*CASE.glob("*.md"), *CASE.glob("*.txt")])
    assert import_paths(engine, [CASE / "sources.yaml", *articles]).ok
    return engine


@pytest.mark.parametrize("workers", ["1", "2"])
def test_whole_case_suggestions_equal_those_made_document_by_document(
    case_db, monkeypatch, workers: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(batch, "PARALLEL_FROM", 10)
    monkeypatch.setenv("TRACKER_WORKERS", workers)
    with session_scope(case_db) as session:
        whole = suggest(session)
        documents = sorted({s.document for s in whole})
        one_by_one = [s for d in documents for s in suggest(session, d)]
    assert len(documents) == 5
    assert [asdict(s) for s in whole] == [asdict(s) for s in one_by_one]
