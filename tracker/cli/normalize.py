"""``tracker normalize``: the figures and periods in a text, resolved against a date.

``--json`` prints the DOMAIN §5 object; ``--jsonl`` reads ``{"text", "anchor"}``
lines from stdin and writes one result per line (a bad line is reported by
number and the rest still run).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import typer

from tracker.cli import print_error
from tracker.display import json_text
from tracker.errors import UserError

if TYPE_CHECKING:
    from tracker.normalize import Anchor


def _anchor(value: str) -> Anchor:
    from tracker.normalize import Anchor

    try:
        return Anchor.parse(value)
    except ValueError as error:
        raise UserError(f"--anchor: {error}") from None


def _one_line(raw: str, number: int) -> dict:
    from tracker.normalize import Anchor, normalize

    try:
        item = json.loads(raw)
    except json.JSONDecodeError as error:
        raise UserError(f"stdin:{number}: malformed JSON: {error.msg}") from None
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise UserError(f'stdin:{number}: expected {{"text": ..., "anchor": ...}}')
    try:
        anchor = Anchor.parse(str(item.get("anchor") or ""))
    except ValueError as error:
        raise UserError(f"stdin:{number}: anchor: {error}") from None
    return normalize(item["text"], anchor).to_json()


def _jsonl() -> int:
    failed = 0
    for number, raw in enumerate(sys.stdin, 1):
        if not raw.strip():
            continue
        try:
            result = _one_line(raw, number)
        except UserError as error:
            print_error(error.message)
            failed += 1
            continue
        sys.stdout.write(json_text(result) + "\n")
        sys.stdout.flush()
    return 1 if failed else 0


def _day(value: str | None) -> str:
    from datetime import date

    from tracker.dates_display import human_day

    return human_day(date.fromisoformat(value)) if value else ""


def _number(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def _show(result: dict, anchor: Anchor) -> None:
    from rich.table import Table
    from rich.text import Text

    from tracker.cli import console
    from tracker.dates_display import human_span

    # The anchor as the analyst reads a date; the JSON keeps it in ISO.
    caption = f"anchored at {human_span(anchor.first, anchor.last, anchor.precision)}"
    console.print(Text(caption))
    if result["quantities"]:
        table = Table(title="Figures", title_justify="left")
        for column in ("text", "qualifier", "value", "low", "high"):
            table.add_column(column, overflow="fold", justify="left")
        table.add_column("unit or item", overflow="fold")
        table.add_column("change", no_wrap=True)
        for q in result["quantities"]:
            bounds = [_number(q[key]) for key in ("value", "low", "high")]
            what = q["unit"] or q["item"] or ""
            cells = [q["text"], q["qualifier"] or "", *bounds, what, q.get("change") or ""]
            table.add_row(*(Text(str(c)) for c in cells))
        console.print(table)
    if result["times"]:
        table = Table(title="Dates and periods", title_justify="left")
        table.add_column("text", overflow="fold")
        table.add_column("qualifier")
        # A date is never cut: "27 Dec 2023" keeps its width whatever the terminal.
        table.add_column("first", no_wrap=True, min_width=11)
        table.add_column("last", no_wrap=True, min_width=11)
        table.add_column("precision", no_wrap=True)
        for t in result["times"]:
            cells = [t["text"], t["qualifier"] or "", _day(t["first"]), _day(t["last"])]
            table.add_row(*(Text(c) for c in cells), Text(t["granularity"] or ""))
        console.print(table)
    if not result["quantities"] and not result["times"]:
        console.print(Text("no figure or date found"))


def register(app: typer.Typer) -> None:
    @app.command("normalize")
    def normalize_command(
        text: str | None = typer.Argument(None, help="The text to read."),
        anchor: str | None = typer.Option(
            None,
            "--anchor",
            metavar="DATE",
            help="Publication date: YYYY, YYYY-MM, YYYY-MM-DD or A/B.",
        ),
        as_json: bool = typer.Option(False, "--json", help="Print the JSON object."),
        jsonl: bool = typer.Option(
            False, "--jsonl", help='Read {"text","anchor"} lines on stdin; one result per line.'
        ),
    ) -> None:
        """Quantities and dates/periods in TEXT, resolved against --anchor."""
        if jsonl:
            raise typer.Exit(_jsonl())
        if text is None:
            raise UserError("normalize needs TEXT (or --jsonl)")
        from tracker.normalize import normalize

        if anchor is None:
            from datetime import date

            from tracker.dates_display import human_day

            today = date.today()
            # Said on stderr, so --json output stays clean.
            print_error(f"no --anchor given: dates resolved against today, {human_day(today)}")
            anchor = today.isoformat()
        parsed = _anchor(anchor)
        result = normalize(text, parsed).to_json()
        if as_json:
            typer.echo(json_text(result))
        else:
            _show(result, parsed)
