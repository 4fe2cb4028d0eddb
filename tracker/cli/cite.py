"""`tracker cite QUERY [--json]`: where did this come from (one core call: cite)."""

from __future__ import annotations

import typer

from tracker.cli import open_session
from tracker.display import json_text


def _cite(
    query: str = typer.Argument(..., help='A figure, wording or name: "1,000,000 shells".'),
    as_json: bool = typer.Option(False, "--json", help="Print the matches as JSON."),
    limit: int = typer.Option(10, "--limit", min=1, help="At most this many matches."),
) -> None:
    """Find the claims a figure or wording comes from, with every appearance."""
    from rich.text import Text

    from tracker.cite import cite
    from tracker.cli import console

    # Terminal control characters in article text are shown, never sent to the terminal.
    from tracker.cli.literal import shown as _shown

    with open_session() as session:
        matches = cite(session, query, limit=limit)
    if as_json:
        typer.echo(json_text([m.to_json() for m in matches], indent=1))
        return
    if not matches:
        console.print(_shown(f"No claim matches {query!r}."))
        return
    for rank, match in enumerate(matches, start=1):
        # Article text is data: Text objects are never parsed for markup.
        head = Text(f"{rank}. ", style="bold")
        head.append(_shown(match.claim).plain, style="bold cyan")
        head.append(
            _shown(f"  (score {match.score:.0f}, origin {match.origin or 'unknown'})").plain
        )
        console.print(head)
        console.print(_shown("   " + match.text))
        citation = _shown("   cite: " + match.citation)
        citation.stylize("green")
        console.print(citation)
        # A quote two sources made together is printed once, with both of them.
        for appearance, speakers in match.quoted():
            line = Text("   - ")
            line.append_text(_shown(f"{appearance.published_on} {appearance.outlet or '?'}"))
            line.append(
                _shown(f" [{appearance.document}] {', '.join(speakers)}: ").plain, style="dim"
            )
            line.append_text(_shown(f"“{appearance.quote}”"))
            console.print(line)


def register(app: typer.Typer) -> None:
    app.command("cite")(_cite)
