"""`tracker score` and `tracker explain`: the scores of DOMAIN §4 and why.

    tracker score [--json] [--subject S]   every claim's scores (or one subject's)
    tracker explain CLAIM_ID               the claims, sources, grades and rules behind them

One core call each (``score_case``, ``score_claim``). Names and quotes are data:
everything is drawn with ``rich.text.Text``, never parsed as markup, controls made
visible (``tracker.cli.literal``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from tracker.cli import open_session
from tracker.display import json_text
from tracker.errors import UserError

if TYPE_CHECKING:
    from tracker.scoring import ClaimScore


def _score(
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    subject: str | None = typer.Option(None, "--subject", help="Only this subject's claims."),
) -> None:
    """Corroboration, contradiction, credibility and estimative phrase of every claim."""
    from tracker.cli import console
    from tracker.cli.tables import Column, print_table
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
    columns = [
        Column("claim", "id"),
        Column("origins"),
        Column("corr.", "short"),
        Column("contr.", "short"),
        Column("cred.", "short"),
        Column("estimate", "short"),
        Column("notes", "short"),
    ]
    groups = sorted(scores.by_subject().items())
    if not console.is_terminal:
        # Piped: one record a line, the subject its first column, one header.
        rows = [[name, *_row(s)] for name, group in groups for s in sorted(group, key=_id)]
        print_table(None, [Column("subject"), *columns], rows)
        return
    # One table per subject: claims are only compared inside their subject.
    for name, group in groups:
        print_table(name, columns, [_row(s) for s in sorted(group, key=_id)])


def _id(score: ClaimScore) -> str:
    return score.id


def _row(s: ClaimScore) -> list[str]:
    count = len(s.discrepancies)
    notes = f"{count} discrepanc{'y' if count == 1 else 'ies'}" if count else ""
    return [
        s.id,
        ", ".join(s.origins),
        f"{s.corroboration:.2f}",
        f"{s.contradiction:.2f}",
        str(s.credibility),
        s.estimative,
        notes,
    ]


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

            scores, summaries = score_with_estimates(session, subject)
            if not summaries:
                raise UserError(f"no subject named {subject!r} with claims")
            for line in render_subject(summaries[0], scores.claims.values()):
                console.print(line)
            return
        if claim_id is None:
            raise UserError("name a claim (tracker explain CLAIM_ID) or --subject NAME")
        for line in render_explanation(score_claim(session, claim_id)):
            console.print(line)


def register(app: typer.Typer) -> None:
    app.command("score")(_score)
    app.command("explain")(_explain)
