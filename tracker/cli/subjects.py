"""``tracker subjects``: the subjects of the case; ``key`` / ``unkey`` pin or drop one as a
key judgment of the brief (issue 19). One core call each (``editing.set_key_judgment``).

    tracker subjects                 subjects with claims: cumulative, key judgment
    tracker subjects key NAME        always a key judgment (pinned ones come first)
    tracker subjects unkey NAME      never a key judgment
    tracker subjects key NAME --auto back to the default rule
"""

from __future__ import annotations

import typer

from tracker.cli import open_reader, open_session
from tracker.cli.tables import Column, print_table

KEY_CELLS = {True: "pinned", False: "dropped", None: ""}


def _list() -> None:
    from tracker.listing import list_subjects

    with open_reader() as db:
        subjects = list_subjects(db)
    print_table(
        "Subjects",
        [
            Column("subject"),
            Column("claims", "short"),
            Column("cumulative", "short"),
            Column("key judgment", "short"),
        ],
        [
            [s.name, str(s.claims), "yes" if s.cumulative else "", KEY_CELLS[s.key_judgment]]
            for s in subjects
        ],
    )


def _set(name: str, key: bool | None) -> None:
    from tracker.cli import console
    from tracker.cli.literal import shown
    from tracker.editing import set_key_judgment

    with open_session() as session:
        message = set_key_judgment(session, name, key)
    console.print(shown(message))


def register(app: typer.Typer) -> None:
    subjects = typer.Typer(
        help="Subjects of the case; pin or drop key judgments of the brief.",
        invoke_without_command=True,
        no_args_is_help=False,
    )

    @subjects.callback()
    def _subjects(ctx: typer.Context) -> None:
        """List subjects with their claims, cumulative mark and key-judgment mark."""
        if ctx.invoked_subcommand is None:
            _list()

    @subjects.command("key")
    def _key(
        name: str = typer.Argument(..., help="The subject's exact name."),
        auto: bool = typer.Option(
            False, "--auto", help="Neither pinned nor dropped: the brief's default rule decides."
        ),
    ) -> None:
        """Pin a subject as a key judgment of the brief (pinned ones come first)."""
        _set(name, None if auto else True)

    @subjects.command("unkey")
    def _unkey(name: str = typer.Argument(..., help="The subject's exact name.")) -> None:
        """Drop a subject from the brief's key judgments, whatever the default rule says."""
        _set(name, False)

    app.add_typer(subjects, name="subjects")
