"""Claim detail: the live normalization preview, and saving an edit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import Session, select
from test_tui_case import build_case
from test_tui_claims import screen_text, wait_loaded
from textual.widgets import Input

from tracker.models import Claim
from tracker.tui.app import TrackerApp
from tracker.tui.detail_screen import ClaimDetailScreen


async def open_detail(app: TrackerApp, pilot, claim_id: str) -> ClaimDetailScreen:  # type: ignore[no-untyped-def]
    await wait_loaded(app, pilot)
    app.open_claim(claim_id)
    for _ in range(750):
        await pilot.pause(0.02)
        screen = app.screen
        if isinstance(screen, ClaimDetailScreen) and screen.view is not None:
            return screen
    raise AssertionError("detail never loaded")


async def wait_for(pilot, predicate) -> None:  # type: ignore[no-untyped-def]
    for _ in range(750):
        await pilot.pause(0.02)
        if predicate():
            return
    raise AssertionError("condition never met")


async def test_quantity_edit_previews_then_saves(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, "nis-shipments-10")

        def preview() -> str:
            return str(screen.query_one("#edit-preview").render())

        await wait_for(pilot, lambda: "~10 shipments" in preview())
        quantity = screen.query_one("#edit-quantity", Input)
        quantity.focus()
        quantity.value = ""
        await pilot.press(*"about 12 shipments")
        # The preview follows the typing, before anything is saved.
        await wait_for(pilot, lambda: "~12 shipments" in preview())
        period = screen.query_one("#edit-period", Input)
        period.value = "since September"
        # Anchored at the Bloomberg article's date, 2023-12-27.
        await wait_for(pilot, lambda: "1 Sep 2023 – 27 Dec 2023" in preview())
        with Session(engine) as session:
            assert session.get(Claim, "nis-shipments-10").qty_value == 10  # type: ignore[union-attr]

        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: "1 Sep 2023 – 27 Dec 2023" in screen_text(app.claims_screen.table)
        )
        with Session(engine) as session:
            claim = session.get(Claim, "nis-shipments-10")
            assert claim is not None
            assert (claim.qty_value, claim.qty_qualifier, claim.qty_item) == (
                12,
                "approx",
                "shipments",
            )
            assert claim.quantity_text == "about 12 shipments"
            assert (claim.period_first, claim.period_last) == (date(2023, 9, 1), date(2023, 12, 27))
        await pilot.press("escape")
        assert "~12 shipments" in screen_text(app.claims_screen.table)


async def test_empty_wording_is_refused_with_a_notification(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, "wh-containers")
        screen.query_one("#edit-text", Input).value = "   "
        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: any("cannot be empty" in n.message for n in app._notifications)
        )
        with Session(engine) as session:
            claim = session.get(Claim, "wh-containers")
            assert claim is not None and claim.text.startswith("More than 1,000 containers")


async def test_letter_keys_on_the_stance_choice_do_not_quit_or_undo(tmp_path: Path) -> None:
    # On the editor's stance choice, q, u, i, b and c are keys typed into a form, not the
    # app's quit, undo, import, brief or cite.
    from textual.widgets import Select

    from tracker.models import AuditEntry

    engine = build_case(tmp_path / "case.sqlite")
    with Session(engine) as session:
        entries = len(session.exec(select(AuditEntry)).all())
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, "nis-shipments-10")
        stance = screen.query_one("#edit-stance", Select)
        stance.focus()
        await pilot.pause()
        for closed_or_open in ("closed", "open"):
            if closed_or_open == "open":
                await pilot.press("enter")  # the choice's list is showing
            await pilot.press("q", "u", "i", "b", "c", "1")
            await pilot.pause(0.1)
            assert app.is_running and app.screen is screen
        await pilot.press("escape")
        stance.blur()
    with Session(engine) as session:
        assert len(session.exec(select(AuditEntry)).all()) == entries


async def test_a_claim_nothing_independent_bears_on_reads_as_its_sources_grade_alone(
    tmp_path: Path,
) -> None:
    # Before the fix: "Credibility 6 (likely)", read as "cannot be judged" beside "likely".
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        # The NIS's ten shipments: no other origin speaks to them either way; the NIS is
        # graded B, so on its grade alone the claim is likely.
        screen = await open_detail(app, pilot, "nis-shipments-10")
        scores = str(screen.query_one("#detail-scores").content)  # type: ignore[attr-defined]
        assert "Uncorroborated; on the source's grade alone: likely" in scores
        assert "Credibility 6" not in scores
        assert "likelihood, on the source's grade alone: likely" in scores
        await pilot.press("escape")
        # RUSI's rounds are contradicted by the NIS's million: judged, and said so.
        screen = await open_detail(app, pilot, "rusi-rounds")
        scores = str(screen.query_one("#detail-scores").content)  # type: ignore[attr-defined]
        assert "Credibility 5 (improbable): unlikely" in scores
        assert "uncorroborated" not in scores.lower()
