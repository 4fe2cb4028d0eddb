"""``tracker edit CLAIM_ID``: change a claim's wording, subject, stance, figure or period."""

from __future__ import annotations

import typer

from tracker.cli import open_session


def register(app: typer.Typer) -> None:
    @app.command("edit")
    def edit(
        claim_id: str = typer.Argument(..., help="The claim to change."),
        text: str | None = typer.Option(None, "--text", help="New wording."),
        subject: str | None = typer.Option(None, "--subject", help="Subject name."),
        stance: str | None = typer.Option(None, "--stance", help="asserts or denies."),
        hedge: str | None = typer.Option(None, "--hedge", help="e.g. likely ('' clears it)."),
        quantity: str | None = typer.Option(None, "--quantity", help="Figure as written."),
        period: str | None = typer.Option(None, "--period", help="Period as written."),
        expect_version: int | None = typer.Option(
            None,
            "--expect-version",
            help="The version you read (tracker claims --json): refused if it changed since.",
        ),
    ) -> None:
        """Edit one claim; quantity and period are normalized again."""
        given = {
            "text": text,
            "subject": subject,
            "stance": stance,
            "hedge": hedge,
            "quantity": quantity,
            "period": period,
        }
        from tracker.cli import console
        from tracker.editing import edit_claim

        changes = {key: value for key, value in given.items() if value is not None}
        with open_session() as session:
            claim = edit_claim(session, claim_id, expect_version, **changes)
            session.commit()
            console.print(f"claim {claim.id}: saved, now version {claim.version}")
