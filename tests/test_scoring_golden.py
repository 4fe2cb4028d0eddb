"""Scores and briefs byte for byte against golden files made from the scoring before
issue 16 (main at a919a83), so a rewrite of scoring's internals shows any change at once.

Each golden file holds every claim's ``to_json(explain=True)`` (what ``score --json``
prints, with the explanation), one claim per line, sorted as ``score --json`` sorts:

- ``najin-scores.jsonl``: the bundled case, imported from its files;
- ``synthetic-scores.jsonl`` and ``synthetic-brief.md``: a seeded case written by
  ``bench/synthetic.py`` (periods, running totals, denials, copies), imported;
- ``memory-scores.jsonl``: a seeded in-memory case of ``bench/bench_scoring.py``'s
  generator, with a mixed subject added, scored with a low sweep threshold so the
  plain sweep, the mixed sweep and the pair loop all take part;
- ``memory-edited-scores.jsonl``: that case after regrades, a regroup, claim edits and
  a derivation change, scored from scratch; the test reaches it through a running
  Scorer's incremental edits and must print the same bytes.

The numbers were not checked by hand here (the hand-checked figures are in
test_scoring_case.py and test_brief_golden.py); what these files pin is that nothing
moves. When scoring changes on purpose, regenerate with TRACKER_UPDATE_GOLDEN=1 and
read the diff before committing it.
"""

from __future__ import annotations

import dataclasses
import os
import random
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker.brief import write_brief
from tracker.db import open_database, session_scope
from tracker.display import json_text
from tracker.importers import import_paths
from tracker.scoring import (
    CaseScores,
    ClaimIn,
    DocumentIn,
    Figure,
    Scorer,
    ScoringInputs,
    Weights,
    score_case,
)

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
from bench_scoring import build  # noqa: E402
from synthetic import write_case  # noqa: E402

GOLDEN = Path(__file__).resolve().parent / "golden" / "scoring"
UPDATE = bool(os.environ.get("TRACKER_UPDATE_GOLDEN"))
TODAY = date(2024, 1, 15)
# Low enough that the generated case's larger subjects are swept (plain and mixed).
WEIGHTS = Weights(sweep_from=10)


def lines(scores: CaseScores) -> str:
    ordered = sorted(scores.claims.values(), key=lambda s: (s.subject, s.id))
    return "".join(json_text(s.to_json(explain=True)) + "\n" for s in ordered)


def check(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        got = expected.splitlines(), text.splitlines()
        first = next(
            (i for i, (a, b) in enumerate(zip(*got, strict=False)) if a != b),
            min(len(got[0]), len(got[1])),
        )
        pytest.fail(f"{name} differs from line {first + 1} on ({len(got[1])} lines, golden "
                    f"{len(got[0])})")  # fmt: skip


def _import(folder: Path, db: Path) -> None:
    engine = open_database(str(db))
    try:
        import_paths(engine, [folder / "sources.yaml", *sorted(folder.glob("*.md"))])
        claims = sorted(p for p in folder.iterdir() if p.stem.startswith("claims"))
        report = import_paths(engine, claims)
        assert not report.failed
    finally:
        engine.dispose()


def test_bundled_case_scores_are_unchanged(tmp_path: Path, bundled_case: Path) -> None:
    db = tmp_path / "najin.sqlite"
    _import(bundled_case, db)
    with session_scope(open_database(str(db))) as session:
        check("najin-scores.jsonl", lines(score_case(session)))


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    write_case(folder / "case", articles=10, claims=200, agencies=12, subjects=4, chunk=100)
    db = folder / "case.sqlite"
    _import(folder / "case", db)
    return db


def test_synthetic_case_scores_are_unchanged(synthetic_db: Path) -> None:
    with session_scope(open_database(str(synthetic_db))) as session:
        check("synthetic-scores.jsonl", lines(score_case(session)))


def test_synthetic_case_brief_is_unchanged(synthetic_db: Path) -> None:
    with session_scope(open_database(str(synthetic_db))) as session:
        check("synthetic-brief.md", write_brief(session, title="Synthetic case", today=TODAY))


def memory_case() -> ScoringInputs:
    """bench_scoring's generator, small. Its generator gives subjects this small periods,
    running totals and denials; the two largest are made plain measurements (swept),
    the third mixed (denials, assertions without a figure, a second unit), as
    bench_scoring makes its mixed subject."""
    inputs = build(400, 30, 150, seed=11)
    sizes: dict[str, int] = {}
    for c in inputs.claims:
        sizes[c.subject] = sizes.get(c.subject, 0) + 1
    plain, _, mixed = ranked = sorted(sizes, key=lambda s: (-sizes[s], s))[:3]
    mix = random.Random(3)
    claims = []
    last: dict[str, Figure] = {}
    for c in inputs.claims:
        if c.subject in ranked:
            figure = c.figure or last.get(c.subject) or Figure(10.0, 20.0, value=15.0)
            last[c.subject] = figure
            c = dataclasses.replace(c, stance="asserts", figure=figure, period=None,
                                    cumulative=False)  # fmt: skip
        if c.subject == mixed:
            roll = mix.random()
            if roll < 0.1:
                c = dataclasses.replace(c, stance="denies", figure=None)
            elif roll < 0.2:
                c = dataclasses.replace(c, figure=None)
            elif roll < 0.5 and c.figure is not None:
                c = dataclasses.replace(c, figure=dataclasses.replace(c.figure, unit="tons"))
        claims.append(c)
    assert plain
    return ScoringInputs(inputs.sources, inputs.documents, tuple(claims))


def edits(inputs: ScoringInputs) -> list[tuple[str, object]]:
    """Regrades (one source of the largest subject, one of the mixed one), a regroup,
    claim edits in swept, mixed and small subjects, a claim moved between subjects and
    a document made a copy of another: in this order."""
    by_subject: dict[str, list[ClaimIn]] = {}
    for c in inputs.claims:
        by_subject.setdefault(c.subject, []).append(c)
    ranked = sorted(by_subject, key=lambda s: (-len(by_subject[s]), s))
    largest, second, mixed = (by_subject[s] for s in ranked[:3])
    small = by_subject[ranked[40]]
    sources = inputs.sources
    first = sources[largest[0].attributions[0].source_id]
    other = sources[mixed[1].attributions[0].source_id]
    third = sources[second[2].attributions[0].source_id]
    doc = inputs.documents[largest[3].attributions[0].document_id]
    parent = largest[4].attributions[0].document_id
    regrade = dataclasses.replace
    joined = sources[largest[7].attributions[0].source_id].group
    return [
        ("source", regrade(first, reliability="A" if first.reliability != "A" else "E")),
        ("source", regrade(other, reliability="F" if other.reliability != "F" else "B")),
        ("claim", dataclasses.replace(largest[5], figure=Figure(1, 2, value=1.5))),
        ("claim", dataclasses.replace(mixed[6], stance="denies", figure=None)),
        ("source", dataclasses.replace(third, group=joined)),
        ("claim", dataclasses.replace(second[8], figure=Figure(None, 10.0, qualifier="at_most"))),
        ("claim", dataclasses.replace(small[0], subject=ranked[1])),
        ("document", DocumentIn(doc.id, doc.outlet, doc.published_first, doc.published_last,
                                (*doc.derived_from, parent))),
        ("source", dataclasses.replace(first, reliability="C")),
    ]  # fmt: skip


def apply(inputs: ScoringInputs, changes: list[tuple[str, object]]) -> ScoringInputs:
    sources, documents = dict(inputs.sources), dict(inputs.documents)
    claims = {c.id: c for c in inputs.claims}
    for kind, value in changes:
        if kind == "source":
            sources[value.id] = value  # type: ignore[attr-defined]
        elif kind == "claim":
            claims[value.id] = value  # type: ignore[attr-defined]
        else:
            documents[value.id] = value  # type: ignore[attr-defined]
    return ScoringInputs(sources, documents, tuple(claims.values()))


def test_in_memory_case_scores_are_unchanged() -> None:
    inputs = memory_case()
    check("memory-scores.jsonl", lines(Scorer(inputs, WEIGHTS).case_scores()))


def test_incremental_edits_print_what_scoring_from_scratch_printed() -> None:
    inputs = memory_case()
    changes = edits(inputs)
    scorer = Scorer(inputs, WEIGHTS)
    for kind, value in changes:
        if kind == "source":
            scorer.put_sources([value])  # type: ignore[list-item]
        elif kind == "claim":
            scorer.put_claim(value)  # type: ignore[arg-type]
        else:
            scorer.put_document(value)  # type: ignore[arg-type]
    check("memory-edited-incremental.jsonl", lines(scorer.case_scores()))
    from_scratch = Scorer(apply(inputs, changes), WEIGHTS)
    check("memory-edited-scores.jsonl", lines(from_scratch.case_scores()))
