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


def _show(result: dict) -> None:
    from rich.table import Table
    from rich.text import Text

    from tracker.cli import console

    table = Table(title=f"anchored at {result['anchor']}")
    for column in ("kind", "text", "qualifier", "value / first", "low / last", "high", "unit/item"):
        table.add_column(column)
    for q in result["quantities"]:
        cells = [
            "quantity",
            q["text"],
            q["qualifier"],
            q["value"],
            q["low"],
            q["high"],
            q["unit"] or q["item"],
        ]
        table.add_row(*(Text("" if c is None else str(c)) for c in cells))
    for t in result["times"]:
        cells = ["time", t["text"], t["qualifier"], t["first"], t["last"], "", t["granularity"]]
        table.add_row(*(Text("" if c is None else str(c)) for c in cells))
    console.print(table)


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
        if text is None or anchor is None:
            raise UserError("normalize needs TEXT and --anchor DATE (or --jsonl)")
        from tracker.normalize import normalize

        result = normalize(text, _anchor(anchor)).to_json()
        if as_json:
            typer.echo(json_text(result))
        else:
            _show(result)
