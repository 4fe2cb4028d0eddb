"""Accepting a suggestion: the TUI form prefills the proposed subject (not the sentence cut
off) and says who speaks and where; the CLI names the claim from its subject or text.

Before the fix the form's subject was "But new satellite images, analyzed by the
London-based Royal United…", the speaker was not shown, and `suggest accept ID
--subject S` named the claim "but-new-satellite-images-analyzed-by-….".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from test_cli_end_to_end import tracker
from test_tui_detail import wait_for
from test_tui_documents import CASE, open_wapo
from textual.widgets import Input

from tracker.db import open_database
from tracker.importers import import_paths
from tracker.tui.accept_screen import AcceptScreen
from tracker.tui.app import TrackerApp

# The Post's sentence on the RUSI imagery (wapo-2023-10-16.md).
RUSI_SENTENCE = "But new satellite images, analyzed by the London-based Royal United"


def test_the_cli_names_the_claim_from_its_subject_or_its_text(
    tmp_path: Path, imported_case: Callable[..., Path]
) -> None:
    db = str(imported_case(tmp_path / "t.sqlite", CASE))
    listed = json.loads(tracker("--db", db, "suggest", "wapo-2023-10-16", "--json").stdout)
    rusi = next(s for s in listed if s["quote"].startswith(RUSI_SENTENCE))
    other = next(s for s in listed if s["source"] and s["id"] != rusi["id"])

    run = tracker("--db", db, "suggest", "accept", rusi["id"], "--subject", "Najin port traffic")
    assert run.returncode == 0, run.stderr
    assert (
        run.stdout.strip() == f"accepted {rusi['id']} as claim najin-port-traffic-{rusi['id'][:4]}"
    )

    run = tracker("--db", db, "suggest", "accept", other["id"], "--text", "RUSI saw cargo at Najin")
    assert run.returncode == 0, run.stderr
    expected = f"rusi-saw-cargo-at-najin-{other['id'][:4]}"
    assert run.stdout.strip() == f"accepted {other['id']} as claim {expected}"
    claims = {c["id"] for c in json.loads(tracker("--db", db, "claims", "--json").stdout)}
    assert {f"najin-port-traffic-{rusi['id'][:4]}", expected} <= claims


async def test_the_form_prefills_the_proposed_subject_and_names_speaker_and_source(
    tmp_path: Path,
) -> None:
    engine = open_database(tmp_path / "case.sqlite")
    assert import_paths(engine, [CASE]).ok
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wapo(tmp_path, (app, pilot))
        assert screen.document is not None
        target = next(
            i
            for i, s in enumerate(screen.document.suggestions)
            if s.quote.startswith(RUSI_SENTENCE)
        )
        for _ in range(target):
            await pilot.press("n")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AcceptScreen))
        form = app.screen
        # A sentence without a figure, about satellite images: the subject says so.
        assert form.query_one("#accept-subject", Input).value == "Satellite images"
        who = str(form.query_one("#accept-who").content)  # type: ignore[attr-defined]
        assert "Said by: Royal United Services Institute" in who
        assert "Read in: wapo-2023-10-16" in who
        await pilot.press("escape")
