"""``tracker demo``: build the bundled Najin case into a fresh database, then open it."""

from __future__ import annotations

import typer

from tracker.cli import state
from tracker.cli.import_ import print_report
from tracker.cli.tui import interactive, run_tui


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        tui: bool = typer.Option(
            True, "--tui/--no-tui", help="Open the interface afterwards (on a terminal)."
        ),
    ) -> None:
        """Build the bundled case (North Korean munitions via Najin, 2023) and open it."""
        from tracker.cli import console
        from tracker.demo import build_demo

        current = state()
        engine, report, url = build_demo(current.db)
        current.engine = engine
        print_report(report)
        counts: dict[str, int] = {}
        for result in report.files:
            for key, value in result.counts.items():
                counts[key] = counts.get(key, 0) + value
        console.print(
            f"demo case in {url}: {counts.get('sources', 0)} sources, "
            f"{counts.get('documents', 0)} documents, {counts.get('claims', 0)} claims, "
            f"{counts.get('attributions', 0)} attributions"
        )
        if not report.ok:
            raise typer.Exit(1)
        if tui and interactive():
            run_tui(engine)
