"""``tracker export``: a complete JSON backup (``tracker import FILE`` restores it),
or the cited documents as CSL-JSON for Zotero, or claims with scores as CSV."""

from __future__ import annotations

from pathlib import Path

import typer

from tracker.cli import err_console, get_engine, open_session, write_output
from tracker.errors import UserError

FORMATS = ("json", "csl-json", "csv")


def _content(fmt: str) -> str:
    if fmt == "json":
        from tracker.backup import export_json

        return export_json(get_engine())
    with open_session() as session:
        if fmt == "csl-json":
            from tracker.cite.csl import csl_json

            return csl_json(session)
        from tracker.brief.csv_export import claims_csv

        return claims_csv(session)


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        output: Path = typer.Option(Path("-"), "-o", "--output", help="File ('-': stdout)."),
        fmt: str = typer.Option(
            "json",
            "--format",
            help="json: complete backup (restore with `tracker import FILE`); "
            "csl-json: cited documents for Zotero; csv: claims with their scores.",
        ),
    ) -> None:
        """Export the case: a lossless backup, citations, or a spreadsheet."""
        if fmt not in FORMATS:
            raise UserError(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
        write_output(output, _content(fmt))
        if str(output) != "-":
            err_console.print(f"{fmt} written to {output}")
