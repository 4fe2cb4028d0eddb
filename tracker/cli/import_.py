"""``tracker import PATH...``: case files and folders, or a backup from ``tracker export``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tracker.cli import get_engine, print_error
from tracker.display import visible

if TYPE_CHECKING:
    from tracker.importers import ImportReport

# Fewer files than this import too fast for a progress bar to help.
PROGRESS_FROM = 5


def print_report(report: ImportReport) -> None:
    from tracker.cli import console

    for result in report.files:
        if result.status == "failed":
            print_error(result.error)
    for note in report.notes:
        console.print(f"note: {visible(note)}")
    console.print(visible(report.summary()))


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_(
        paths: list[Path] = typer.Argument(..., metavar="PATH", help="Files or folders of a case."),
    ) -> None:
        """Import articles, sources.yaml and claims files (or folders of them), or a backup."""
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from tracker.cli import err_console
        from tracker.importers import import_paths, plan

        engine = get_engine()
        total = len(plan(p for p in paths if p.exists()))
        if total < PROGRESS_FROM or not err_console.is_terminal:
            report = import_paths(engine, paths)
        else:
            with Progress(
                TextColumn("importing"),
                BarColumn(),
                MofNCompleteColumn(),
                console=err_console,
                transient=True,
            ) as progress:
                task = progress.add_task("import", total=total)
                report = import_paths(engine, paths, lambda _path: progress.advance(task))
        print_report(report)
        if not report.ok:
            raise typer.Exit(1)
