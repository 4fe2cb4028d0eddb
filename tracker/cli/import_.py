"""``tracker import PATH...``: case files and folders, or a backup from ``tracker export``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from tracker.cli import console, err_console, get_engine, print_error
from tracker.display import visible
from tracker.importers import ImportReport, import_paths, plan

# Fewer files than this import too fast for a progress bar to help.
PROGRESS_FROM = 5


def print_report(report: ImportReport) -> None:
    for result in report.files:
        if result.status == "failed":
            print_error(result.error)
    for note in report.notes:
        console.print(f"note: {visible(note)}")
    console.print(
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.failed)} failed"
    )


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_(
        paths: list[Path] = typer.Argument(..., help="Files or folders of a case."),
    ) -> None:
        """Import articles, sources.yaml and claims files (or folders of them), or a backup."""
        engine = get_engine()
        if not err_console.is_terminal:  # a pipe or a log: no bar drawn into it
            report = import_paths(engine, paths)
        else:
            total = len(plan(p for p in paths if p.exists()))
            with Progress(
                TextColumn("{task.description}", markup=False),  # a file name is data
                BarColumn(),
                MofNCompleteColumn(),
                console=err_console,
                transient=True,
            ) as progress:
                files = progress.add_task("importing", total=total, visible=total >= PROGRESS_FROM)
                # A claims file of many rows is most of the time: shown by rows, not files.
                tasks: dict[Path, TaskID] = {}

                def on_rows(path: Path, done: int, count: int) -> None:
                    if path not in tasks:
                        tasks[path] = progress.add_task(
                            f"rows of {visible(path.name)}", total=count
                        )
                    progress.update(tasks[path], completed=done)

                report = import_paths(engine, paths, lambda _p: progress.advance(files), on_rows)
        print_report(report)
        if not report.ok:
            raise typer.Exit(1)
