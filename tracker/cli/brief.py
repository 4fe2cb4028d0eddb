"""`tracker brief -o FILE`: the markdown brief (one core call: write_brief_to).

A whole case's brief runs to hundreds of megabytes: it is streamed to the file as it is
written, never held whole.
"""

from __future__ import annotations

from pathlib import Path

import typer

from tracker.cli import open_session
from tracker.cli import output as cli_output
from tracker.errors import UserError


def _brief(
    output: Path = typer.Option(
        ..., "-o", "--output", metavar="FILE", help="Markdown file to write ('-': stdout)."
    ),
    subject: list[str] = typer.Option(None, "--subject", help="Only this subject (repeatable)."),
    min_credibility: int | None = typer.Option(
        None, "--min-credibility", help="Keep claims rated 1..N on the Admiralty scale (1 best)."
    ),
    title: str | None = typer.Option(None, "--title", help="The brief's title."),
    key_only: bool = typer.Option(
        False, "--key-only", help="Only the key judgments' subjects (annex and sources too)."
    ),
    template: Path | None = typer.Option(
        None, "--template", help="A Jinja2 layout of your own (default: the one shipped)."
    ),
) -> None:
    """Write a markdown brief: bottom line, key judgments, what is contested, competing
    hypotheses, reporting discrepancies, sources, other evidence, the annex of every claim,
    footnotes."""
    from tracker.brief import write_brief_to

    if min_credibility is not None and not 1 <= min_credibility <= 6:
        raise UserError(f"--min-credibility: must be 1 to 6, not {min_credibility}")
    # The target is checked before the brief is composed: a refusal costs nothing.
    with cli_output(output) as out, open_session() as session:
        write_brief_to(
            out,
            session,
            subjects=subject or None,
            min_credibility=min_credibility,
            title=title,
            key_only=key_only,
            template=template,
        )


def register(app: typer.Typer) -> None:
    app.command("brief")(_brief)
