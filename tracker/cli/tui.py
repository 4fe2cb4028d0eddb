"""``tracker tui``: open the terminal interface on the database in use."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = ["interactive", "register", "run_tui"]


def run_tui(engine: Engine) -> None:
    # Textual is imported only when the interface opens: other commands start faster.
    from tracker.tui import run_tui as run

    run(engine)


def interactive() -> bool:
    """A person at a terminal, not a script or a pipe."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def register(app: typer.Typer) -> None:
    @app.command("tui")
    def tui() -> None:
        """Open the terminal interface (claims, sources, documents, subjects)."""
        from tracker.cli import get_engine

        run_tui(get_engine())
