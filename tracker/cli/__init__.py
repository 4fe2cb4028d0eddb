"""The command line: a thin Typer layer over core calls (one command, one core call).

Each command module in ``COMMAND_MODULES`` that exists is imported and its
``register(app)`` called, so engineers add commands without touching this file.
Commands get the database with ``get_engine()`` or ``open_session()``, and a
listing its plain reads with ``open_reader()`` (no ORM to import); bad user input
is raised as ``tracker.errors.UserError`` and printed here as one line on stderr,
with exit code 1.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import typer
from typer._click.core import Context as ClickContext
from typer._click.globals import get_current_context
from typer.core import TyperGroup

from tracker import __version__
from tracker.cli.help import PlainHelp, plain_help_everywhere
from tracker.errors import UserError

if TYPE_CHECKING:
    # Start-up time: the database layer (sqlmodel, sqlalchemy), Rich's console and the
    # core are imported by the command that needs them, never to print --help.
    from rich.console import Console
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from tracker.db import Reader

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

_consoles: dict[str, Console] = {}


def __getattr__(name: str) -> Any:
    """``console`` (stdout) and ``err_console`` (stderr), made on first use: Rich's console
    costs start-up time a command that prints through typer never needs."""
    if name not in ("console", "err_console"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name not in _consoles:
        from rich.console import Console

        # Article and user text is data: never interpret it as Rich markup or highlight
        # it. soft_wrap: a one-line error stays one line, however narrow the terminal.
        _consoles[name] = Console(
            stderr=name == "err_console", markup=False, highlight=False, soft_wrap=True
        )
    return _consoles[name]


@dataclass
class CliState:
    db: str | None = None
    analyst: str | None = None
    engine: Engine | None = None


class _Group(PlainHelp, TyperGroup):
    """Turns UserError (and an unreachable database) into one line on stderr, exit 1."""

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as error:
            print_error(error.message)
            raise typer.Exit(1) from None
        except Exception as error:
            # sqlalchemy is loaded by then if it raised: never imported just to compare.
            exc = sys.modules.get("sqlalchemy.exc")
            if exc is None or not isinstance(error, exc.OperationalError):
                raise
            orig = error.orig
            first = str(orig if orig is not None else error).strip().splitlines()
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


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _global(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="TRACKER_DB",
        metavar="PATH_OR_URL",
        help="SQLite file path or database URL (postgresql://...). Default: the embedded file.",
    ),
    analyst: str | None = typer.Option(
        None,
        "--analyst",
        metavar="NAME",
        help="Name recorded in the audit log (default: the OS user).",
    ),
    _version: bool = typer.Option(
        False,
        "--version",
        is_eager=True,
        expose_value=False,
        callback=_print_version,
        help="Print the version and exit.",
    ),
) -> None:
    ctx.obj = CliState(db=db, analyst=analyst)
    # tracker.audit loads the models: imported when there is a name to set, or a name
    # from an earlier in-process run to clear.
    if analyst is not None or "tracker.audit" in sys.modules:
        from tracker.audit import set_analyst

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


@contextmanager
def open_reader(ctx: ClickContext | None = None) -> Iterator[Reader]:
    """Plain reads on the command's database, for a listing (``tracker.db.open_reader``:
    a SQLite file at the latest schema is read without SQLAlchemy or the models)."""
    current = state(ctx)
    if current.engine is not None:  # opened already by this invocation
        from tracker.db import Reader

        with current.engine.connect() as connection:
            yield Reader.of(connection)
        return
    from tracker.db import open_reader as open_db_reader

    with open_db_reader(current.db) as reader:
        yield reader


def print_error(message: object) -> None:
    """``tracker: message`` on stderr, one line; a message quotes the user's files, so
    terminal-active characters in it are written out as escapes, never sent."""
    from tracker.display import visible

    __getattr__("err_console").print(f"tracker: {visible(message)}")


@contextmanager
def output(path: Path | str, *, json: bool = False) -> Iterator[TextIO]:
    """Where a command writes its ``-o`` output: ``tracker.output.open_output`` with the
    database in use protected; a note (a link followed, a pipe streamed) goes to stderr."""
    from tracker.db import database_files
    from tracker.display import visible
    from tracker.output import open_output

    with open_output(path, json=json, protect=database_files(state().db)) as out:
        yield out.stream
    if out.note:
        __getattr__("err_console").print(f"note: {visible(out.note)}")


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
    """``write_output`` for bytes (a snapshot of a page or PDF): the same rules of ``-o``
    (never over the database, pipes streamed, links followed); '-' is stdout."""
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    with output(path) as out:
        out.flush()
        out.buffer.write(data)  # the text stream's own file: one place, one set of rules


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
    plain_help_everywhere(app)


_register_commands()


def main() -> None:
    try:
        app()
    except UserError as error:  # raised outside a command (e.g. while parsing)
        print_error(error.message)
        sys.exit(1)
