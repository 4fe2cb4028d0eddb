"""``tracker export [-o FILE]``: a complete JSON backup; ``tracker import FILE`` restores it."""

from __future__ import annotations

from pathlib import Path

import typer

from tracker.backup import export_json
from tracker.cli import err_console, get_engine


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        output: Path | None = typer.Option(None, "-o", "--output", help="Write here, not stdout."),
    ) -> None:
        """Every table (audit log included) as JSON; restore with `tracker import FILE`."""
        payload = export_json(get_engine())
        if output is None:
            typer.echo(payload, nl=False)
            return
        output.write_text(payload, encoding="utf-8")
        err_console.print(f"backup written to {output}")
