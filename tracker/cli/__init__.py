"""The command line: a thin Typer layer over core calls (one command, one core call).

Each command module in ``COMMAND_MODULES`` that exists is imported and its
``register(app)`` called, so engineers add commands without touching this file.
Commands get the database with ``get_engine()`` or ``open_session()``; bad
user input is raised as ``tracker.errors.UserError`` and printed here as one
line on stderr, with exit code 1.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import typer
from rich.console import Console
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session
from typer._click.core import Context as ClickContext
from typer._click.globals import get_current_context
from typer.core import TyperGroup

from tracker.audit import set_analyst
from tracker.display import visible
from tracker.errors import UserError

COMMAND_MODULES = [
    "import_",
    "listing",
    "backup",
    "dbcmd",
    "demo",
    "normalize",
    "score",
    "suggest",
    "brief",
    "cite",
    "tui",
    "edit",
    "ach",
    "subjects",
]

# Article and user text is data: never interpret it as Rich markup or highlight it.
console = Console(markup=False, highlight=False, soft_wrap=True)
# soft_wrap: a one-line error stays one line, however narrow the terminal.
err_console = Console(stderr=True, markup=False, highlight=False, soft_wrap=True)


@dataclass
class CliState:
    db: str | None = None
    analyst: str | None = None
    engine: Engine | None = None


class _Group(TyperGroup):
    """Turns UserError (and an unreachable database) into one line on stderr, exit 1."""

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as error:
            print_error(error.message)
            raise typer.Exit(1) from None
        except OperationalError as error:
            first = str(error.orig if error.orig is not None else error).strip().splitlines()
            print_error(f"database error: {first[0] if first else error}")
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_Group,
    help="Track claims across sources and outlets: corroborated, contested, and traced.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback(invoke_without_command=True)
def _global(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="TRACKER_DB",
        help="SQLite file path or database URL (postgresql://...). Default: the embedded file.",
    ),
    analyst: str | None = typer.Option(
        None, "--analyst", help="Name recorded in the audit log (default: the OS user)."
    ),
) -> None:
    ctx.obj = CliState(db=db, analyst=analyst)
    set_analyst(analyst)
    if ctx.invoked_subcommand is None:
        default = _command_named("tui")
        if default is None:
            typer.echo(ctx.get_help())
            return
        ctx.invoke(default)


def _command_named(name: str) -> Any:
    for info in app.registered_commands:
        callback = info.callback
        if callback is None:
            continue
        if (info.name or callback.__name__.replace("_", "-")) == name:
            return callback
    return None


def state(ctx: ClickContext | None = None) -> CliState:
    root = (ctx or get_current_context()).find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def get_engine(ctx: ClickContext | None = None, *, adopt: bool = False) -> Engine:
    """The engine for ``--db`` / TRACKER_DB / the embedded default, migrated, opened once.

    ``adopt``: add tracker's tables to a database that holds another application's
    (only ``tracker db upgrade`` asks; every other command refuses such a database)."""
    current = state(ctx)
    if current.engine is None:
        from tracker.db import open_database

        current.engine = open_database(current.db, adopt=adopt)
    return current.engine


@contextmanager
def open_session(ctx: ClickContext | None = None) -> Iterator[Session]:
    """One transaction on the command's database (committed at the end, rolled back on error)."""
    from tracker.db import session_scope

    with session_scope(get_engine(ctx)) as session:
        yield session


def print_error(message: object) -> None:
    """``tracker: message`` on stderr, one line; a message quotes the user's files, so
    terminal-active characters in it are written out as escapes, never sent."""
    err_console.print(f"tracker: {visible(message)}")


@contextmanager
def output(path: Path | str, *, json: bool = False) -> Iterator[TextIO]:
    """Where a command writes its ``-o`` output: ``tracker.output.open_output`` with the
    database in use protected; a note (a link followed, a pipe streamed) goes to stderr."""
    from tracker.db import database_files
    from tracker.output import open_output

    with open_output(path, json=json, protect=database_files(state().db)) as out:
        yield out.stream
    if out.note:
        err_console.print(f"note: {visible(out.note)}")


def write_output(path: Path | str, content: str, *, json: bool = False) -> None:
    """Write ``content`` to ``path`` ('-' is stdout); see ``output``."""
    with output(path, json=json) as out:
        out.write(content)


def stream_output(
    path: Path | str, write: Callable[[TextIO], object], *, json: bool = False
) -> None:
    """``write`` into ``path`` ('-' is stdout) as it goes; see ``output``."""
    with output(path, json=json) as out:
        write(out)


def write_bytes_output(path: Path, data: bytes) -> None:
    """``write_output`` for bytes (a snapshot of a page or PDF); '-' is stdout."""
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if not path.parent.exists():
        raise UserError(f"{path}: no such directory: {path.parent}")
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(data)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(path)


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"tracker.cli.{name}")
        except ModuleNotFoundError as error:
            # Only a module that is not written yet is skipped; a broken import is a bug.
            if error.name != f"tracker.cli.{name}":
                raise
            continue
        module.register(app)


_register_commands()


def main() -> None:
    try:
        app()
    except UserError as error:  # raised outside a command (e.g. while parsing)
        print_error(error.message)
        sys.exit(1)
