"""``tracker export``: a complete JSON backup (``tracker import FILE`` restores it),
the cited documents as CSL-JSON for Zotero, claims with scores as CSV, a STIX 2.1
bundle for threat-intelligence platforms, or schema.org ClaimReview as JSON-LD."""

from __future__ import annotations

from pathlib import Path

import typer

from tracker.cli import get_engine, open_session
from tracker.cli import output as cli_output
from tracker.errors import UserError

FORMATS = ("json", "csl-json", "csv", "stix", "claimreview", "hypotheses")
JSON_FORMATS = ("json", "csl-json", "stix", "claimreview")


def _content(fmt: str, author: str | None) -> str:
    if fmt == "json":
        from tracker.backup import export_json

        return export_json(get_engine())
    with open_session() as session:
        if fmt == "hypotheses":
            from tracker.importers.hypotheses import hypotheses_yaml

            return hypotheses_yaml(session)
        if fmt in ("stix", "claimreview"):
            from tracker.interchange import interchange_json

            return interchange_json(session, fmt, author)
        if fmt == "csl-json":
            from tracker.cite.csl import csl_json

            return csl_json(session)
        from tracker.brief.csv_export import claims_csv

        return claims_csv(session)


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        output: Path = typer.Option(
            Path("-"), "-o", "--output", metavar="FILE", help="File ('-': stdout)."
        ),
        fmt: str = typer.Option(
            "json",
            "--format",
            help="json: complete backup (restore with `tracker import FILE`); "
            "csl-json: cited documents for Zotero; csv: claims with their scores; "
            "stix: a STIX 2.1 bundle; claimreview: schema.org ClaimReview (JSON-LD); "
            "hypotheses: hypotheses.yaml (ACH ratings; import it back with the case).",
        ),
        author: str = typer.Option(
            None,
            "--author",
            help="stix, claimreview: the organization that signs the export "
            "(default: the analyst, --analyst or the OS user).",
        ),
    ) -> None:
        """Export the case: a lossless backup, citations, or a spreadsheet."""
        if fmt not in FORMATS:
            raise UserError(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
        # JSON formats keep reading back the same on a terminal (\uXXXX escapes).
        with cli_output(output, json=fmt in JSON_FORMATS) as out:
            out.write(_content(fmt, author))
        if str(output) != "-":
            typer.echo(f"{fmt} written to {output}", err=True)
