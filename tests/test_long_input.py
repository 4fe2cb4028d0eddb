"""Long input: one huge paragraph and one huge subject cost work in proportion to their size.

No timing here (bench/bench_long_input.py prints the figures): the caption test
reads a paragraph once, not once per sentence; ``score --json`` names every
claim's corroborating and contradicting claims in a large subject without
comparing every pair, and names exactly the claims the explanation names; and
the lists are sorted, so a restored case lists them as the original did.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from hypothesis import given
from test_scoring_engine import DAY, PROPS, SWEEP, interval_cases

import tracker.scoring.engine as engine_module
import tracker.suggest.candidates as candidates
from tracker.backup import export_json
from tracker.db import open_database, session_scope
from tracker.importers import import_paths
from tracker.scoring import (
    AttributionIn,
    ClaimIn,
    DocumentIn,
    Figure,
    ScoringInputs,
    SourceIn,
    score_case,
    score_inputs,
)
from tracker.scoring.results import _named_claims
from tracker.suggest import suggest

SENTENCE = "NIS said there had been about 10 shipments since August. "


class _Counting:
    """The caption pattern, counting the characters it is asked to read."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.read = pattern, 0

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        self.read += len(text)
        return self.pattern.search(text, *args)

    def finditer(self, text: str, *args: int):  # type: ignore[no-untyped-def]
        self.read += len(text)
        return self.pattern.finditer(text, *args)


def test_the_caption_test_reads_a_long_paragraph_once(engine, small_case: Path, monkeypatch):  # type: ignore[no-untyped-def]
    paragraph = SENTENCE * 400  # one line of 400 dated sentences, 23 KB
    (small_case / "long.md").write_text(
        f"---\nid: long\ntitle: One paragraph\noutlet: Bloomberg\npublished: 2023-12-27\n---\n"
        f"{paragraph}\n",
        encoding="utf-8",
    )
    (small_case / "claims.yaml").unlink()
    assert import_paths(engine, [small_case]).ok
    counting = _Counting(candidates._CAPTION)
    monkeypatch.setattr(candidates, "_CAPTION", counting)
    with session_scope(engine) as session:
        found = suggest(session, "long")
    # Every sentence is proposed (the same sentence 400 times: one suggestion id).
    assert len(found) == 1
    # Once over the paragraph, not once per sentence (400 times 23 KB before).
    assert counting.read <= 2 * len(paragraph)


def _one_big_subject(claims: int) -> ScoringInputs:
    """``claims`` overlapping and apart figures from 12 origins, in one subject."""
    sources = {i: SourceIn(i, f"s{i}", f"g{i % 12}", "ABCDEF"[i % 6]) for i in range(36)}
    day = DocumentIn("d0", None, DAY, DAY)
    rows = tuple(
        ClaimIn(
            f"c{n:04d}",
            "one",
            figure=Figure(n % 97, n % 97 + n % 5),
            attributions=(AttributionIn(n % 36, "d0"), AttributionIn((n * 7) % 36, "d0")),
        )
        for n in range(claims)
    )
    return ScoringInputs(sources, {"d0": day}, rows)


def test_score_json_on_a_large_subject_compares_no_pair(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    scores = score_inputs(_one_big_subject(400))
    calls = []
    real = engine_module.compare
    monkeypatch.setattr(engine_module, "compare", lambda a, b: calls.append(1) or real(a, b))
    claims = scores.to_json()["claims"]
    assert len(claims) == 400
    assert sum(bool(c["corroborated_by"]) for c in claims) > 300
    # Before: every claim's explanation compared it with the 399 others (159,600 calls).
    assert calls == []


@PROPS
@given(interval_cases())
def test_named_claims_are_the_explanations_claims(inputs: ScoringInputs) -> None:
    weights = dataclasses.replace(SWEEP, claims_shown_per_origin=2)
    for score in score_inputs(inputs, weights).claims.values():
        explanation = score.explanation
        assert score.corroborated_by == _named_claims(score.id, explanation.corroboration.counted)
        assert score.contradicted_by == _named_claims(score.id, explanation.contradiction.counted)


def test_a_restored_case_lists_corroborating_claims_as_the_original(
    bundled_case: Path, tmp_path: Path
) -> None:
    original = open_database(str(tmp_path / "original.sqlite"))
    assert import_paths(original, [bundled_case]).ok
    backup = tmp_path / "backup.json"
    backup.write_text(export_json(original), encoding="utf-8")
    restored = open_database(str(tmp_path / "restored.sqlite"))
    assert import_paths(restored, [backup]).ok
    lists = []
    for engine in (original, restored):
        with session_scope(engine) as session:
            lists.append(
                {
                    s["id"]: (s["corroborated_by"], s["contradicted_by"])
                    for s in score_case(session).to_json()["claims"]
                }
            )
    assert lists[0] == lists[1]
    for corroborated, contradicted in lists[0].values():
        assert corroborated == sorted(corroborated) and contradicted == sorted(contradicted)
    assert any(len(c) > 1 for c, _ in lists[0].values())
