"""``tracker db upgrade``: bring the database schema to the latest migration."""

from __future__ import annotations

import typer

from tracker.cli import get_engine
from tracker.cli.help import PlainGroup


def register(app: typer.Typer) -> None:
    db_app = typer.Typer(
        cls=PlainGroup, help="Database maintenance.", no_args_is_help=True, rich_markup_mode=None
    )

    @db_app.command("upgrade")
    def upgrade() -> None:
        """Apply pending migrations (opening a database does this too); the only command
        that adds tracker's tables to a database already holding other tables."""
        from tracker.migrations import current_revision

        engine = get_engine(adopt=True)  # opening applies the migrations
        typer.echo(f"schema at revision {current_revision(engine)}")

    app.add_typer(db_app, name="db")
