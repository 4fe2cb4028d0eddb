"""``tracker import PATH...``: case files and folders, or a backup from ``tracker export``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tracker.cli import get_engine, open_reader, print_error
from tracker.display import visible
from tracker.fetch_limits import TIMEOUT_SECONDS

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
        given: list[str] = typer.Argument(
            ..., metavar="PATH", help="Files or folders of a case, or http(s) URLs."
        ),
        follow: bool = typer.Option(
            False, "--fetch", help="For a feed: fetch each entry's link for the full article."
        ),
        timeout: float = typer.Option(
            TIMEOUT_SECONDS, "--timeout", help="Seconds a server may take to answer."
        ),
    ) -> None:
        """Import articles (.md, .html, .pdf), feeds, sources.yaml and claims files (or
        folders of them), pages, PDFs or feeds by URL, or a backup."""
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

        from tracker.cli import err_console
        from tracker.importers import import_paths, plan
        from tracker.importers.fetch import is_url

        engine = get_engine()
        # A URL stays text: as a Path, 'https://' would lose a slash.
        paths: list[Path | str] = [g if is_url(g) else Path(g) for g in given]
        if not err_console.is_terminal:  # a pipe or a log: no bar drawn into it
            report = import_paths(engine, paths, follow=follow, timeout=timeout)
        else:
            local = [p for p in paths if isinstance(p, Path) and p.exists()]
            total = len(plan(local)) + sum(isinstance(p, str) for p in paths)
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

                report = import_paths(
                    engine,
                    paths,
                    lambda _p: progress.advance(files),
                    follow=follow,
                    timeout=timeout,
                    rows=on_rows,
                )
        print_report(report)
        if not report.ok:
            raise typer.Exit(1)

    @app.command("feeds")
    def feeds(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """The feeds this case has pulled, with how many entries and when."""
        from tracker.cli.tables import Column, print_table
        from tracker.display import json_text
        from tracker.listing import list_feeds

        with open_reader() as db:
            rows = list_feeds(db)
        if as_json:
            typer.echo(json_text(rows, indent=2))
            return
        columns = [Column("feed", "id"), Column("title"), Column("entries", "short")]
        table_rows = [
            (row["location"], row["title"], row["entries"], _pulled(row["pulled_at"]))
            for row in rows
        ]
        print_table("Feeds", [*columns, Column("pulled", "short")], table_rows)


def _pulled(iso: str) -> str:
    from tracker.dates_display import human_day

    moment = datetime.fromisoformat(iso)
    return f"{human_day(moment.date())} {moment:%H:%M} UTC"
