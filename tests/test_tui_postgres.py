"""The interface on a real PostgreSQL server: claims load and score, filtering, an edit saves."""

from __future__ import annotations

from sqlmodel import Session
from test_tui_case import build_case
from test_tui_claims import wait_loaded
from test_tui_detail import open_detail, wait_for
from textual.widgets import Input

from tracker.models import Claim
from tracker.tui.app import TrackerApp


async def test_claims_load_filter_and_an_edit_saves_on_postgresql(pg_database_url: str) -> None:
    engine = build_case(pg_database_url)  # type: ignore[arg-type]
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        table = app.claims_screen.table
        assert len(table.visible_claim_ids()) == 5
        # Scores come from the scoring worker, which reads PostgreSQL in its own process.
        assert app.claims_screen.score_state == ""
        scored = {r.id: r for r in app.claims_screen._all}
        assert scored["nis-shipments-10"].corroboration is not None
        assert scored["nis-shipments-10"].credibility is not None
        await pilot.press("slash", *"rusi")
        assert table.visible_claim_ids() == ["rusi-rounds"]
        await pilot.press("escape")

        screen = await open_detail(app, pilot, "nis-shipments-10")
        screen.query_one("#edit-quantity", Input).value = "about 12 shipments"
        await pilot.press("ctrl+s")

        def saved() -> bool:
            with Session(engine) as session:
                claim = session.get(Claim, "nis-shipments-10")
                return claim is not None and claim.qty_value == 12

        await wait_for(pilot, saved)
    engine.dispose()
