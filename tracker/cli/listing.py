"""``tracker sources | documents | claims``: what the case holds, as tables or JSON."""

from __future__ import annotations

import typer

from tracker.cli import open_session
from tracker.cli.tables import Column, print_table
from tracker.display import json_text, visible
from tracker.errors import UserError


def _json(rows: object) -> None:
    typer.echo(json_text(rows, indent=2))


def _published(row: dict) -> str:
    """The one human date layout ("9 Dec 2023 – 27 Dec 2023"); JSON keeps ISO."""
    from datetime import date

    from tracker.dates_display import human_span

    first, last = row["published_first"], row["published_last"]
    return human_span(
        date.fromisoformat(first[:10]) if first else None,
        date.fromisoformat(last[:10]) if last else None,
        row["published_precision"],
    )


def _table(title: str, columns: list[Column], rows: list[list[object]]) -> None:
    # An outlet's words are data: never markup, and no escape reaches the terminal.
    print_table(title, columns, rows)


def register(app: typer.Typer) -> None:
    @app.command("sources")
    def sources(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
        """Sources with their kind, parent, independence group and Admiralty grade."""
        from tracker.listing import list_sources

        with open_session() as session:
            rows = list_sources(session)
        if as_json:
            return _json(rows)
        _table(
            "Sources",
            [
                Column("name"),
                Column("short", "short"),
                Column("kind", "short"),
                Column("parent"),
                Column("group"),
                Column("grade", "short"),
            ],
            [
                [r["name"], r["short"], r["kind"], r["parent"], r["group"], r["reliability"]]
                for r in rows
            ],
        )

    @app.command("documents")
    def documents(
        document_id: str | None = typer.Argument(None, help="Show this document's full text."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Documents (outlet, date, derivations); with an id, that document and its text."""
        from tracker.listing import get_document, list_documents

        with open_session() as session:
            if document_id is None:
                rows = list_documents(session)
            else:
                document = get_document(session, document_id)
                if document is None:
                    raise UserError(f"no document '{visible(document_id)}'")
                rows = [r for r in list_documents(session, True) if r["id"] == document_id]
        if as_json:
            return _json(rows[0] if document_id else rows)
        if document_id:
            from tracker.cli import console
            from tracker.cli.literal import shown

            row = rows[0]
            console.print(shown(f"{row['title']}  ({row['outlet']}, {_published(row)})"))
            console.print(shown(row["text"]))
            return
        _table(
            "Documents",
            [
                Column("id", "id"),
                Column("outlet"),
                Column("published", "short"),
                Column("title"),
                Column("derived from", "id"),
            ],
            [
                [r["id"], r["outlet"], _published(r), r["title"], ", ".join(r["derived_from"])]
                for r in rows
            ],
        )

    @app.command("claims")
    def claims(
        subject: str | None = typer.Option(None, "--subject", help="Only this subject."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Claims with their subject, figure, period and attributions."""
        from tracker.listing import list_claims

        with open_session() as session:
            rows = list_claims(session, subject)
        if as_json:
            return _json(rows)
        _table(
            "Claims",
            [
                Column("id", "id"),
                Column("subject"),
                Column("stance", "short"),
                Column("claim"),
                Column("quantity"),
                Column("period"),
                Column("sources"),
            ],
            [
                [
                    r["id"],
                    r["subject"],
                    r["stance"],
                    r["text"],
                    (r["quantity"] or {}).get("text"),
                    (r["period"] or {}).get("text"),
                    ", ".join(sorted({a["source"] for a in r["attributions"]})),
                ]
                for r in rows
            ],
        )
