"""Documents screen on the bundled case: accept a suggestion into a claim, reject another."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select
from test_tui_claims import screen_text, wait_loaded
from test_tui_detail import wait_for
from textual.widgets import Input, OptionList, Static

from tracker.db import open_database
from tracker.importers import import_paths
from tracker.models import Attribution, Claim, RejectedSuggestion
from tracker.tui.accept_screen import AcceptScreen
from tracker.tui.app import TrackerApp
from tracker.tui.documents_screen import DocumentsScreen

CASE = Path(__file__).resolve().parent.parent / "imports" / "najin-2023"


async def open_wapo(tmp_path: Path, pilot_app):  # type: ignore[no-untyped-def]
    app, pilot = pilot_app
    await wait_loaded(app, pilot)
    await pilot.press("3")
    await wait_for(pilot, lambda: isinstance(app.screen, DocumentsScreen))
    screen = app.screen
    options = screen.query_one(OptionList)
    await wait_for(pilot, lambda: options.option_count == 5)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    options.focus()
    options.highlighted = ids.index("wapo-2023-10-16")
    await pilot.press("enter")
    await wait_for(pilot, lambda: screen.document is not None and screen.document.suggestions)
    return screen


async def test_accept_a_suggestion_into_a_scored_claim(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "case.sqlite")
    assert import_paths(engine, [CASE]).ok
    with Session(engine) as session:
        before = set(session.exec(select(Claim.id)).all())
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wapo(tmp_path, (app, pilot))
        assert screen.document is not None
        # The Post's "the two vessels making multiple trips between Dunai and Rajin".
        target = next(
            i
            for i, s in enumerate(screen.document.suggestions)
            if any(q.text == "two vessels" for q in s.quantities)
        )
        for _ in range(target):
            await pilot.press("n")
        assert screen.current == target
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AcceptScreen))
        form = app.screen
        assert form.query_one("#accept-quantity", Input).value == "two vessels"
        assert form.query_one("#accept-text", Input).value.startswith("The images show the two")
        form.query_one("#accept-text", Input).value = "Two Russian vessels shuttle Dunai-Rajin"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentsScreen))

        def new_claims() -> list[Claim]:
            with Session(engine) as session:
                return [c for c in session.exec(select(Claim)).all() if c.id not in before]

        await wait_for(pilot, lambda: len(new_claims()) == 1)
        claim = new_claims()[0]
        assert claim.text == "Two Russian vessels shuttle Dunai-Rajin"
        assert (claim.qty_value, claim.qty_qualifier, claim.qty_item) == (2, "exact", "vessels")
        with Session(engine) as session:
            attribution = session.exec(
                select(Attribution).where(Attribution.claim_id == claim.id)
            ).one()
            assert attribution.document_id == "wapo-2023-10-16"
        # The quote is now curated (green), no longer an open suggestion.
        await wait_for(
            pilot,
            lambda: all(
                s.quantities == [] or s.quantities[0].text != "two vessels"
                for s in screen.document.suggestions
            ),  # type: ignore[union-attr]
        )
        # Back on the claims table: the new claim with its value, and scores.
        await pilot.press("escape")
        claims = app.claims_screen
        await wait_for(pilot, lambda: claim.id in claims.table.visible_claim_ids())
        await wait_for(
            pilot, lambda: next(r for r in claims._all if r.id == claim.id).credibility is not None
        )
        await pilot.press("slash", *"shuttle dunai-rajin")
        assert claims.table.visible_claim_ids() == [claim.id]
        assert "2 vessels" in screen_text(claims.table)


async def test_reject_a_suggestion(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "case.sqlite")
    assert import_paths(engine, [CASE]).ok
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wapo(tmp_path, (app, pilot))
        assert screen.document is not None
        count = len(screen.document.suggestions)
        quote = screen.document.suggestions[0].quote
        await pilot.press("x")
        await wait_for(pilot, lambda: len(screen.document.suggestions) == count - 1)  # type: ignore[union-attr]
        with Session(engine) as session:
            rejected = session.exec(select(RejectedSuggestion)).all()
        assert [r.quote for r in rejected] == [quote]


async def test_attach_a_suggestion_to_an_existing_claim(tmp_path: Path) -> None:
    from tracker.tui.prompt_screen import PromptScreen

    engine = open_database(tmp_path / "case.sqlite")
    assert import_paths(engine, [CASE]).ok
    with Session(engine) as session:
        claim_id = session.exec(select(Claim.id)).first()
        assert claim_id is not None
        before = len(
            session.exec(select(Attribution).where(Attribution.claim_id == claim_id)).all()
        )
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wapo(tmp_path, (app, pilot))
        assert screen.document is not None
        quote = screen.document.suggestions[0].quote
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = claim_id
        await pilot.press("enter")

        def attributions() -> list[Attribution]:
            with Session(engine) as session:
                return list(
                    session.exec(select(Attribution).where(Attribution.claim_id == claim_id)).all()
                )

        await wait_for(pilot, lambda: len(attributions()) == before + 1)
        added = [
            a for a in attributions() if a.document_id == "wapo-2023-10-16" and a.quote == quote
        ]
        assert len(added) == 1


async def test_the_list_starts_on_its_first_row(tmp_path: Path) -> None:
    # Before the fix no row was selected: Down Down Enter opened the second article.
    engine = open_database(tmp_path / "case.sqlite")
    assert import_paths(engine, [CASE]).ok
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        screen = app.screen
        options = screen.query_one(OptionList)
        await wait_for(pilot, lambda: options.option_count == 5)
        # Newest first, by the dates in the files' front matter: the syndication of
        # 27 Dec 2023 13:52, then Euromaidan Press (from 9 Dec 2023), Bloomberg, ...
        assert options.highlighted == 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.document is not None)
        assert screen.document.id == "syndication-2023-12-27"  # type: ignore[union-attr]
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: screen.document.id == "euromaidan-ghost-ships")  # type: ignore[union-attr]


async def test_a_page_needing_review_is_marked_in_the_list_and_the_reader(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "case.sqlite")
    page = tmp_path / "bare-page.html"
    page.write_text(
        "<html><head><title>Najin port traffic</title></head><body><article>"
        "<p>The port of Najin handled more container traffic in October than in any month "
        "since 2019, according to satellite images reviewed by analysts.</p>"
        "<p>Rail cars loaded with containers were seen leaving the port on three separate "
        "days, each time heading towards the Russian border crossing at Tumangang.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    assert import_paths(engine, [page]).ok
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        screen = app.screen
        options = screen.query_one(OptionList)
        await wait_for(pilot, lambda: options.option_count == 1)
        assert str(options.get_option_at_index(0).prompt).endswith("[needs review]")
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.document is not None)
        head = screen.query_one("#reader-head", Static)
        await wait_for(pilot, lambda: "Needs review" in str(head.render()))
        assert "Needs review: no outlet, no publication date" in str(head.render())
