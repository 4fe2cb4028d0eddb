"""``tracker tui``: open the terminal interface on the database in use."""

from __future__ import annotations

import typer

from tracker.tui import run_tui

__all__ = ["register", "run_tui"]


def register(app: typer.Typer) -> None:
    @app.command("tui")
    def tui() -> None:
        """Open the terminal interface (claims, sources, documents, subjects)."""
        from tracker.cli import get_engine

        run_tui(get_engine())
