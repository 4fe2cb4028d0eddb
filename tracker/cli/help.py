"""``--help`` in the words of a command line, not of Python's type system.

Typer labels each parameter with its annotation (``<list[Path]>``, ``<int range>``)
and wraps a required argument in braces (``{query}``). Here an argument reads
``QUERY`` (``PATH...`` when it repeats, ``[TEXT]`` when optional) and an option's
value ``--limit N``, ``--subject TEXT``, ``-o PATH``, unless the option names its
own metavar.
"""

from __future__ import annotations

import re
from typing import Any

import typer
from typer._click.core import Context, Parameter
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup
from typer.models import DefaultPlaceholder

# Typer's type labels, as a value is spelled in a usage line.
_VALUE_WORDS = {"str": "TEXT", "int": "N", "float": "NUMBER", "path": "PATH", "bool": "BOOL"}


def _word(param: Parameter, label: str = "") -> str:
    """``label`` is typer's, e.g. ``<int range>`` or ``<list[Path]>``."""
    if param.metavar:
        return param.metavar
    if param.param_type_name == "argument":
        return (param.name or "value").upper()
    bare = re.sub(r"^list\[(.*)\]$", r"\1", label.strip("<>").removesuffix(" range"))
    return _VALUE_WORDS.get(bare.casefold(), (param.name or "value").upper())


def _usage(param: Parameter) -> str:
    word = _word(param) + ("..." if param.nargs != 1 else "")
    return word if param.required else f"[{word}]"


def _record(param: Parameter, ctx: Context) -> tuple[str, str] | None:
    record = param.get_help_record(ctx)
    if record is None:
        return None
    name, text = record
    if param.param_type_name == "argument":
        return _word(param) + ("..." if param.nargs != 1 else ""), text
    flag = getattr(param, "is_flag", False) or getattr(param, "count", False)
    if not flag and not param.metavar:
        label = param.display_type_rich(ctx=ctx)  # type: ignore[attr-defined]
        if label:
            name = name.replace(f" {label}", f" {_word(param, label)}")
    return name, text


class PlainHelp:
    """Mixed into every command and group of the app (see ``plain_help_everywhere``)."""

    def get_params(self, ctx: Context) -> list[Parameter]:
        # Not help, but every command's (--help included): values checked without pydantic.
        from tracker.cli.params import check_lazily

        params: list[Parameter] = super().get_params(ctx)  # type: ignore[misc]
        check_lazily(params)
        return params

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        ours: dict[str, str] = {}
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if param.param_type_name == "argument":
                for piece in param.get_usage_pieces(ctx):
                    ours[piece] = _usage(param)
        return [ours.get(piece, piece) for piece in pieces]

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = _record(param, ctx)
            if record is not None:
                (arguments if param.param_type_name == "argument" else options).append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)
        if isinstance(self, TyperGroup):
            self.format_commands(ctx, formatter)


class PlainCommand(PlainHelp, TyperCommand):
    pass


class PlainGroup(PlainHelp, TyperGroup):
    pass


def _given(value: Any) -> Any:
    """A value typer holds as a ``DefaultPlaceholder`` when it was not given."""
    return value.value if isinstance(value, DefaultPlaceholder) else value


def plain_help_everywhere(app: typer.Typer) -> None:
    """Every command and sub-group registered on ``app`` formats its help as above."""
    for command in app.registered_commands:
        cls = _given(command.cls)
        if cls in (None, TyperCommand):
            command.cls = PlainCommand
        elif not issubclass(cls, PlainHelp):
            raise TypeError(f"{cls!r}: a command class of its own must mix in PlainHelp")
    for group in app.registered_groups:
        instance = group.typer_instance
        if instance is None:
            continue
        cls = _given(group.cls) or _given(instance.info.cls)
        if cls in (None, TyperGroup):
            instance.info.cls = PlainGroup
        elif not issubclass(cls, PlainHelp):
            raise TypeError(f"{cls!r}: a group class of its own must mix in PlainHelp")
        plain_help_everywhere(instance)
