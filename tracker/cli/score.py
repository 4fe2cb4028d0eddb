"""`tracker score` and `tracker explain`: the scores of DOMAIN §4 and why.

    tracker score [--json] [--subject S]   every claim's scores (or one subject's)
    tracker explain CLAIM_ID               the claims, sources, grades and rules behind them

One core call each (``score_case``, ``score_claim``). Names and quotes are data:
everything is drawn with ``rich.text.Text``, never parsed as markup, controls made
visible (``tracker.cli.literal``).
"""

from __future__ import annotations

import typer

from tracker.cli import open_session
from tracker.display import json_text
from tracker.errors import UserError


def _score(
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    subject: str | None = typer.Option(None, "--subject", help="Only this subject's claims."),
) -> None:
    """Corroboration, contradiction, credibility and estimative phrase of every claim."""
    from rich.table import Table
    from rich.text import Text

    from tracker.cli import console
    from tracker.cli.literal import shown
    from tracker.scoring import score_case

    with open_session() as session:
        if as_json:
            from tracker.scoring.estimate import score_with_estimates

            scores, subjects = score_with_estimates(session, subject)
            data = scores.to_json()
            data["subjects"] = [s.to_json() for s in subjects]
            typer.echo(json_text(data, indent=1))
            return
        scores = score_case(session, subject)
        # One table per subject: claims are only compared inside their subject.
        for name, group in sorted(scores.by_subject().items()):
            console.print(shown(name, style="bold"))
            table = Table(show_lines=False)
            for column in ("claim", "origins", "corr.", "contr.", "cred.", "estimate", "notes"):
                table.add_column(column, overflow="fold")
            for s in sorted(group, key=lambda s: s.id):
                count = len(s.discrepancies)
                notes = f"{count} discrepanc{'y' if count == 1 else 'ies'}" if count else ""
                table.add_row(
                    shown(s.id),
                    shown(", ".join(s.origins)),
                    Text(f"{s.corroboration:.2f}"),
                    Text(f"{s.contradiction:.2f}"),
                    Text(str(s.credibility)),
                    Text(s.estimative),
                    Text(notes),
                )
            console.print(table)


def _explain(
    claim_id: str | None = typer.Argument(None, metavar="CLAIM_ID", help="The claim's id."),
    subject: str | None = typer.Option(
        None, "--subject", help="Explain a subject's estimate instead of one claim."
    ),
) -> None:
    """Why a claim scores as it does (claims, sources, grades and rules), or what a
    subject's evidence adds up to (--subject)."""
    from tracker.cli import console
    from tracker.cli.score_render import render_explanation, render_subject
    from tracker.scoring import score_claim

    with open_session() as session:
        if subject is not None:
            from tracker.scoring.estimate import score_with_estimates

            _, summaries = score_with_estimates(session, subject)
            if not summaries:
                raise UserError(f"no subject named {subject!r} with claims")
            for line in render_subject(summaries[0]):
                console.print(line)
            return
        if claim_id is None:
            raise UserError("name a claim (tracker explain CLAIM_ID) or --subject NAME")
        for line in render_explanation(score_claim(session, claim_id)):
            console.print(line)


def register(app: typer.Typer) -> None:
    app.command("score")(_score)
    app.command("explain")(_explain)
