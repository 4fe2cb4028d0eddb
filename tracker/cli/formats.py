"""`tracker export-citations -o FILE --format csl-json|csv`.

csl-json: the cited documents, for Zotero; csv: claims with their scores, for a
spreadsheet. ``tracker export --format`` can call the same two core functions
(``tracker.cite.csl.csl_json``, ``tracker.brief.csv_export.claims_csv``).
"""

from __future__ import annotations

from pathlib import Path

import typer

from tracker.cli import open_session
from tracker.errors import UserError

FORMATS = ("csl-json", "csv")


def _export_citations(
    output: Path = typer.Option(..., "-o", "--output", help="File to write ('-': stdout)."),
    fmt: str = typer.Option("csl-json", "--format", help="csl-json or csv."),
) -> None:
    """Write cited documents as CSL-JSON, or claims with their scores as CSV."""
    from tracker.cli.brief import _write

    if fmt not in FORMATS:
        raise UserError(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    with open_session() as session:
        if fmt == "csl-json":
            from tracker.cite.csl import csl_json

            content = csl_json(session)
        else:
            from tracker.brief.csv_export import claims_csv

            content = claims_csv(session)
    _write(output, content)


def register(app: typer.Typer) -> None:
    app.command("export-citations")(_export_citations)
