"""The claims table writes periods as the rest of tracker does ("1 Aug 2023 – 27 Dec 2023"),
shortened at 80 columns without cutting a date (issue 21 item 10).

Expected strings are worked out by hand from a calendar: "since August" read on
27 Dec 2023 is 1 Aug – 27 Dec 2023; 9 Dec 2023 – 31 Dec 2024 ("into next year"
said on 9 Dec 2023) spans two years; 1953 is a whole year.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import select
from test_tui_case import build_case
from test_tui_claims import screen_text, wait_loaded

from tracker.db import session_scope
from tracker.models import Claim, Subject
from tracker.tui.app import TrackerApp

CONTAINERS = "Containers shipped, DPRK to Russia"


def line_of(text: str, words: str) -> str:
    return next(line for line in text.splitlines() if words in line)


def add_periods_in_other_years(engine: Engine) -> None:
    """Claims dated outside 2023, one with no start and one the normalizer could not place."""
    with session_scope(engine) as s:
        subject = s.exec(select(Subject).where(Subject.name == CONTAINERS)).one()
        periods = {
            "ceasefire-1953": ("Korean War cease-fire", date(1953, 1, 1), date(1953, 12, 31), "in"),
            "next-year": ("Cooperation next year", date(2023, 12, 9), date(2024, 12, 31), "until"),
            "no-record-until-aug": ("No record of shipments", None, date(2023, 8, 31), "until"),
            "weeks-later": ("Another half million shells", None, None, "unresolved"),
        }
        for claim_id, (text, first, last, qualifier) in periods.items():
            s.add(
                Claim(
                    id=claim_id,
                    subject_id=subject.id,
                    text=text,
                    period_text=text,
                    period_first=first,
                    period_last=last,
                    period_qualifier=qualifier,
                )
            )


async def test_a_wide_table_writes_the_period_as_everywhere_else(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    add_periods_in_other_years(engine)
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        text = screen_text(app.claims_screen.table)
        assert "1 Aug 2023 – 27 Dec 2023" in line_of(text, "About 10 shipments")
        assert "9 Dec 2023 – 31 Dec 2024" in line_of(text, "Cooperation next year")
        assert " 1953 " in line_of(text, "Korean War cease-fire")
        assert "until 31 Aug 2023" in line_of(text, "No record of shipments")
        assert " ? " in line_of(text, "Another half million shells")
        assert "2023-" not in text


async def test_a_narrow_table_puts_the_one_year_in_the_heading(tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        text = screen_text(app.claims_screen.table)
        assert "Period 2023" in text.splitlines()[0]
        row = line_of(text, "About 10 shipments")
        assert "1 Aug – 27 Dec " in row
        assert "2023" not in row
        # The claim keeps 30 cells, one more than beside the ISO dates it replaces.
        assert "About 10 shipments of munitio…" in row  # 29 letters and the ellipsis


async def test_a_narrow_table_of_several_years_writes_each_year_once(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    add_periods_in_other_years(engine)
    app = TrackerApp(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        text = screen_text(app.claims_screen.table)
        assert "Period 2023" not in text
        assert "1 Aug – 27 Dec 2023" in line_of(text, "About 10 shipments")
        # Too long for 20 cells by days: by months, never a date cut short.
        assert "Dec 2023 – Dec 2024" in line_of(text, "Cooperation next year")
        assert " 1953 " in line_of(text, "Korean War cease-fire")
        assert "until 31 Aug 2023" in line_of(text, "No record of shipments")
        # Filtered down to 2023, the year goes back into the heading.
        await pilot.press("slash", *"shipments")
        text = screen_text(app.claims_screen.table)
        assert "Period 2023" in text.splitlines()[0]
        assert "1 Aug – 27 Dec " in line_of(text, "About 10 shipments")
