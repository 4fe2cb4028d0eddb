"""``tracker sources | documents | claims``: what the case holds, as tables or JSON."""

from __future__ import annotations

from pathlib import Path

import typer

from tracker.cli import open_reader, open_session
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

        with open_reader() as db:
            rows = list_sources(db)
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
        set_outlet: str | None = typer.Option(None, "--set-outlet", help="Fix its outlet."),
        set_published: str | None = typer.Option(
            None, "--set-published", help="Fix its date (2019-11-19, November 19, 2019)."
        ),
        set_title: str | None = typer.Option(None, "--set-title", help="Fix its title."),
        snapshot: bool = typer.Option(
            False, "--snapshot", help="Write the page or PDF as it was read (with -o)."
        ),
        output: Path | None = typer.Option(None, "-o", "--output", help="Where --snapshot goes."),
    ) -> None:
        """Documents (outlet, date, derivations, needs review); with an id, that document
        and its text, or fix what its import could not find."""
        from tracker.listing import list_documents

        fixes = (set_outlet, set_published, set_title)
        if document_id is not None and any(f is not None for f in fixes):
            return _fix(document_id, set_outlet, set_published, set_title)
        if snapshot or output is not None:
            return _snapshot(document_id, snapshot, output)
        with open_reader() as db:
            rows = list_documents(db, document_id is not None, document_id)
        if document_id is not None and not rows:
            raise UserError(f"no document '{visible(document_id)}'")
        if as_json:
            return _json(rows[0] if document_id else rows)
        if document_id:
            from tracker.cli import console
            from tracker.cli.literal import shown

            row = rows[0]
            outlet = row["outlet"] or "no outlet"
            console.print(shown(f"{row['title']}  ({outlet}, {_published(row)})"))
            if row["needs_review"]:
                console.print(shown(f"needs review: {', '.join(row['needs_review'])}"))
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
                Column("needs review"),
            ],
            [
                [
                    r["id"],
                    r["outlet"],
                    _published(r),
                    r["title"],
                    ", ".join(r["derived_from"]),
                    ", ".join(r["needs_review"]),
                ]
                for r in rows
            ],
        )

    def _fix(
        document_id: str, outlet: str | None, published: str | None, title: str | None
    ) -> None:
        from tracker.cli import console
        from tracker.cli.literal import shown
        from tracker.document_review import fix_document

        with open_session() as session:
            document, notes = fix_document(
                session, document_id, outlet=outlet, published=published, title=title
            )
            session.commit()
            left = ", ".join(document.needs_review) or "nothing"
        for note in notes:
            console.print(shown(f"note: {note}"))
        console.print(shown(f"document {document_id}: saved; needs review: {left}"))

    def _snapshot(document_id: str | None, snapshot: bool, output: Path | None) -> None:
        from tracker import snapshots
        from tracker.cli import console, write_bytes_output
        from tracker.cli.literal import shown
        from tracker.listing import has_document

        if document_id is None or not snapshot or output is None:
            raise UserError("write a snapshot with: tracker documents ID --snapshot -o FILE")
        with open_session() as session:
            if not has_document(session, document_id):
                raise UserError(f"no document '{visible(document_id)}'")
            row, data = snapshots.latest(session, document_id)
            read_at, url = row.read_at, row.url
        write_bytes_output(output, data)
        if str(output) == "-":
            return
        console.print(
            shown(
                f"{output}: {len(data):,} bytes of '{document_id}' as read {read_at:%Y-%m-%d %H:%M}"
                + (f" from {url}" if url else "")
            )
        )

    @app.command("claims")
    def claims(
        subject: str | None = typer.Option(None, "--subject", help="Only this subject."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Claims with their subject, figure, period and attributions."""
        from tracker.listing import list_claims

        with open_reader() as db:
            rows = list_claims(db, subject)
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
