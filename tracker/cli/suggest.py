"""`tracker suggest`: suggested claims, and the analyst's accept / attach / reject.

    tracker suggest [DOC] [--json]          list suggestions (all documents, or one)
    tracker suggest accept ID [--text ...]  make a claim of one
    tracker suggest attach ID CLAIM_ID      add it to an existing claim
    tracker suggest reject ID               never suggest it again
    tracker suggest links [DOC] [--json]    proposed derived_from links
    tracker suggest link DOC FROM_DOC       record one

Each command is one core call in ``tracker.suggest``. Article text is data:
every cell is a ``rich.text.Text``, never markup.
"""

from __future__ import annotations

from typing import Any

import typer
from typer._click.core import Context as ClickContext
from typer.core import TyperGroup

from tracker.cli import open_session
from tracker.cli.help import PlainHelp
from tracker.display import json_text

SHOW = "show"
QUOTE_CHARS = 90


class _SuggestGroup(PlainHelp, TyperGroup):
    """`tracker suggest DOC` reads DOC as a document id unless it names a subcommand."""

    def resolve_command(self, ctx: ClickContext, args: list[str]) -> Any:
        if args and args[0] not in self.commands:
            return SHOW, self.commands[SHOW], args
        return super().resolve_command(ctx, args)


suggest_app = typer.Typer(
    cls=_SuggestGroup,
    help="Suggested claims (quote, speaker, hedge, figures, subject) and the analyst's answers.",
    invoke_without_command=True,
    rich_markup_mode=None,
)


def _print_suggestions(items: list, as_json: bool) -> None:
    if as_json:
        typer.echo(json_text([s.to_json() for s in items], indent=1))
        return
    from tracker.cli import console
    from tracker.cli.tables import Column, print_table

    columns = [
        Column("id", "id"),
        Column("document", "id"),
        Column("source / speaker"),
        Column("hedge", "short"),
        Column("figures"),
        Column("subject"),
        Column("quote"),
    ]
    rows = []
    for s in items:
        who = s.source or f"? {s.speaker}" if s.source or s.speaker else "?"
        arrows = {"up": " ↑", "down": " ↓"}
        figures = "; ".join(
            [q.text + arrows.get(q.change or "", "") for q in s.quantities]
            + [t.text for t in s.times]
        )
        quote = s.quote
        if console.is_terminal and len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"  # the whole sentence: --json, or a pipe
        subject = s.subject + ("" if s.subject_exists else " (new)")
        rows.append([s.id, s.document, who, s.hedge or "", figures, subject, quote])
    print_table(None, columns, rows)
    if console.is_terminal:
        _say(f"{len(items)} suggestions")


def _say(text: object) -> None:
    from tracker.cli import console
    from tracker.cli.literal import shown

    console.print(shown(text))


@suggest_app.callback()
def _suggest_all(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the suggestions as JSON."),
) -> None:
    """List suggested claims for every document (or: tracker suggest DOC)."""
    if ctx.invoked_subcommand is not None:
        return
    from tracker.suggest import suggest

    with open_session() as session:
        _print_suggestions(suggest(session), as_json)


@suggest_app.command(SHOW, hidden=True)
def _suggest_document(
    ctx: typer.Context,
    document: str = typer.Argument(..., help="Document id."),
    as_json: bool = typer.Option(False, "--json", help="Print the suggestions as JSON."),
) -> None:
    from tracker.errors import UserError
    from tracker.models import Document
    from tracker.suggest import suggest

    parent_json = bool(ctx.parent and ctx.parent.params.get("as_json"))
    with open_session() as session:
        if session.get(Document, document) is None:
            raise UserError(f"no document {document!r} (see `tracker documents`)")
        _print_suggestions(suggest(session, document), as_json or parent_json)


@suggest_app.command("accept")
def _accept(
    suggestion: str = typer.Argument(..., help="Suggestion id (a unique prefix is enough)."),
    text: str | None = typer.Option(None, "--text", help="The claim in your own words."),
    subject: str | None = typer.Option(None, "--subject", help="Subject name (new or existing)."),
    stance: str | None = typer.Option(None, "--stance", help="asserts (default) or denies."),
    hedge: str | None = typer.Option(None, "--hedge", help="Hedge to keep on the claim."),
    quantity: str | None = typer.Option(
        None, "--quantity", help='Figure text, "about 10 shipments".'
    ),
    period: str | None = typer.Option(None, "--period", help='Period text, "since August".'),
    source: str | None = typer.Option(None, "--source", help="Who says it (a known source)."),
    claim_id: str | None = typer.Option(None, "--claim-id", help="Id for the new claim."),
    cumulative: bool = typer.Option(
        False, "--cumulative", help="A new subject is a running total."
    ),
) -> None:
    """Make a claim of a suggestion, with its attribution."""
    from tracker.suggest import accept

    edits = {
        k: v
        for k, v in dict(
            text=text,
            subject=subject,
            stance=stance,
            hedge=hedge,
            quantity=quantity,
            period=period,
            source=source,
            claim_id=claim_id,
            cumulative=cumulative or None,
        ).items()
        if v is not None
    }
    with open_session() as session:
        claim = accept(session, suggestion, **edits)
        _say(f"accepted {suggestion} as claim {claim.id}")


@suggest_app.command("attach")
def _attach(
    suggestion: str = typer.Argument(..., help="Suggestion id."),
    claim: str = typer.Argument(..., help="Id of the existing claim."),
    source: str | None = typer.Option(None, "--source", help="Who says it (a known source)."),
) -> None:
    """Add a suggestion to an existing claim as one more attribution."""
    from tracker.suggest import attach

    with open_session() as session:
        attach(session, suggestion, claim, source=source)
        _say(f"attached {suggestion} to claim {claim}")


@suggest_app.command("reject")
def _reject(suggestion: str = typer.Argument(..., help="Suggestion id.")) -> None:
    """Reject a suggestion; it is not suggested again, also after re-import."""
    from tracker.suggest import reject

    with open_session() as session:
        reject(session, suggestion)
        _say(f"rejected {suggestion}")


@suggest_app.command("links")
def _links(
    document: str | None = typer.Argument(None, help="Document id (default: all)."),
    as_json: bool = typer.Option(False, "--json", help="Print the proposals as JSON."),
) -> None:
    """Proposed derived_from links ("Bloomberg reported", "– Bloomberg" in a title)."""
    from tracker.suggest import suggest_derivations

    with open_session() as session:
        proposals = suggest_derivations(session, document)
    if as_json:
        rows = [
            {
                "document": p.document,
                "derived_from": p.derived_from,
                "outlet": p.outlet,
                "cue": p.cue,
            }
            for p in proposals
        ]
        typer.echo(json_text(rows, indent=1))
        return
    from tracker.cli.tables import Column, print_table

    print_table(
        None,
        [Column("document", "id"), Column("derived from", "id"), Column("outlet"), Column("cue")],
        [[p.document, p.derived_from, p.outlet, p.cue] for p in proposals],
    )


@suggest_app.command("link")
def _link(
    document: str = typer.Argument(..., help="The re-reporting document."),
    derived_from: str = typer.Argument(..., help="The document it re-reports."),
) -> None:
    """Record that DOCUMENT is derived from DERIVED_FROM."""
    from tracker.suggest import link

    with open_session() as session:
        link(session, document, derived_from)
        _say(f"{document} derived from {derived_from}")


def register(app: typer.Typer) -> None:
    app.add_typer(suggest_app, name="suggest")
