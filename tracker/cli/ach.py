"""``tracker hypotheses``, ``tracker rate`` and ``tracker ach``: Analysis of Competing
Hypotheses over the case's graded, corroborated claims.

Ids, titles and notes are the analyst's text: every line is a ``rich.text.Text`` (never
markup, never an emoji code such as ``:warning:``, controls made visible, line breaks and
tabs shown as spaces like a table cell's), the matrix goes through the one table printer,
and JSON is echoed as ``json_text`` wrote it.
"""

from __future__ import annotations

import typer

from tracker.cli import open_session
from tracker.display import json_text


def _say(text: str) -> None:
    # Rich is imported by the command that prints, not to start the CLI (issue 21).
    from rich.text import Text

    from tracker.cli import console
    from tracker.display import one_line

    # Each message is one line, as a table cell: a title's line breaks would otherwise
    # split a ranking entry across lines (JSON keeps them). The indent is our layout.
    body = text.lstrip(" ")
    console.print(Text(text[: len(text) - len(body)] + one_line(body)))


def register(app: typer.Typer) -> None:
    hypotheses = typer.Typer(help="The case's hypotheses: list, add, edit, remove.")

    @hypotheses.callback(invoke_without_command=True)
    def listing(ctx: typer.Context) -> None:
        """List the hypotheses with their rank (what `tracker ach` computes)."""
        if ctx.invoked_subcommand is not None:
            return
        from tracker.ach.case import load_assessment

        with open_session() as session:
            case = load_assessment(session)
        if not case.hypotheses:
            _say("no hypotheses (add one: tracker hypotheses add ID --title TITLE)")
            return
        for s in case.assessment.scores:
            title = case.hypotheses[s.hypothesis].title
            _say(f"{s.rank}. {s.hypothesis}: {title} (inconsistency {s.inconsistency:.2f})")

    @hypotheses.command("add")
    def add(
        hypothesis_id: str = typer.Argument(..., metavar="ID", help="Short id, e.g. sea-route."),
        title: str = typer.Option(..., "--title", help="The explanation, in one line."),
        description: str = typer.Option("", "--description", help="More words."),
        supports: list[str] = typer.Option(
            [], "--supports", help="A subject whose assertions bear it out (repeatable)."
        ),
        undermines: list[str] = typer.Option(
            [], "--undermines", help="A subject whose assertions tell against it (repeatable)."
        ),
    ) -> None:
        """Add a hypothesis."""
        from tracker.ach.case import add_hypothesis

        with open_session() as session:
            add_hypothesis(session, hypothesis_id, title, description, supports, undermines)
        _say(f"hypothesis {hypothesis_id} added")

    @hypotheses.command("edit")
    def edit(
        hypothesis_id: str = typer.Argument(..., metavar="ID"),
        title: str | None = typer.Option(None, "--title"),
        description: str | None = typer.Option(None, "--description"),
        supports: list[str] | None = typer.Option(None, "--supports"),
        undermines: list[str] | None = typer.Option(None, "--undermines"),
    ) -> None:
        """Change a hypothesis's title, description or related subjects."""
        from tracker.ach.case import edit_hypothesis

        with open_session() as session:
            edit_hypothesis(
                session, hypothesis_id, title, description, supports or None, undermines or None
            )
        _say(f"hypothesis {hypothesis_id} saved")

    @hypotheses.command("remove")
    def remove(hypothesis_id: str = typer.Argument(..., metavar="ID")) -> None:
        """Remove a hypothesis and its ratings (undoable)."""
        from tracker.ach.case import remove_hypothesis

        with open_session() as session:
            count = remove_hypothesis(session, hypothesis_id)
        _say(f"hypothesis {hypothesis_id} removed with {count} rating(s)")

    app.add_typer(hypotheses, name="hypotheses")

    @app.command("rate")
    def rate_command(
        hypothesis_id: str = typer.Argument(..., metavar="HYPOTHESIS"),
        claim_id: str = typer.Argument(..., metavar="CLAIM"),
        rating: str = typer.Argument(
            ..., metavar="RATING", help="CC, C, N, I or II ('-' removes the rating)."
        ),
        note: str | None = typer.Option(None, "--note", help="Why, in a few words."),
    ) -> None:
        """Rate how consistent a claim is with a hypothesis."""
        from tracker.ach.case import rate, unrate

        with open_session() as session:
            if rating.strip() == "-":
                removed = unrate(session, hypothesis_id, claim_id)
                _say("rating removed" if removed else "no rating to remove")
                return
            value = rate(session, hypothesis_id, claim_id, rating, note).rating
        _say(f"{claim_id} is {value} under {hypothesis_id}")

    @app.command("ach")
    def ach(
        as_json: bool = typer.Option(False, "--json", help="The matrix and scores as JSON."),
        proposals: bool = typer.Option(
            False, "--proposals", help="Also the ratings the subjects suggest (not stored)."
        ),
    ) -> None:
        """The matrix of claims against hypotheses, ranked by Heuer's inconsistency score."""
        from tracker.ach.case import load_assessment
        from tracker.ach.case import proposals as proposed

        with open_session() as session:
            case = load_assessment(session)
            offered = proposed(session) if proposals else []
        if as_json:
            data = case.to_json()
            if proposals:
                data["proposals"] = [
                    {
                        "hypothesis": p.hypothesis,
                        "claim": p.claim,
                        "rating": p.rating,
                        "reason": p.reason,
                    }
                    for p in offered
                ]
            typer.echo(json_text(data, indent=2))
            return
        _print_matrix(case)
        for p in offered:
            _say(
                f"proposed: {p.claim} {p.rating} under {p.hypothesis} ({p.reason}); "
                f"accept: tracker rate {p.hypothesis} {p.claim} {p.rating}"
            )


def _print_matrix(case: object) -> None:
    from tracker.ach.case import CaseAssessment

    assert isinstance(case, CaseAssessment)
    matrix, result = case.matrix, case.assessment
    if not matrix.hypotheses:
        _say("no hypotheses (add one: tracker hypotheses add ID --title TITLE)")
        return
    from tracker.cli.tables import Column, print_table

    ranked = result.ranking()
    columns = [
        Column("claim", "id"),
        Column("weight", "short"),
        *(Column(h, "short") for h in ranked),
        Column("evidence", "short"),
    ]
    rows = []
    for c in matrix.claims:
        mark = (
            "not diagnostic"
            if c in result.not_diagnostic
            else "sensitive"
            if c in result.sensitive
            else ""
        )
        rows.append([c, f"{matrix.weight(c):.2f}", *(matrix.rating(h, c) for h in ranked), mark])
    print_table("Claims against hypotheses (CC C N I II)", columns, rows)
    _say("Ranking (least evidence against first):")
    for s in result.scores:
        title = case.hypotheses[s.hypothesis].title
        _say(f"  {s.rank}. {s.hypothesis}: {title}")
        _say(f"     {s.explain()}")
    for words in (case.tie_words(), case.unrated_warning(), case.sensitivity_words()):
        if words:
            _say(words)
