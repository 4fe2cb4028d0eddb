"""Parameter values checked without importing pydantic when there is nothing to check.

Typer (0.2x) checks a parameter's value through a pydantic TypeAdapter that it builds
the first time the parameter is processed, even when the value is ``None`` (an option
not given), which it then returns untouched. For a ``str`` or ``bool`` parameter the
adapter also returns a value already of that type unchanged. pydantic's import was a
third of what a listing cost to start (bench/bench_startup.py), so each parameter gets
this check instead: those two cases pass as given; any other value (a number, a path,
a list, a choice) goes to the check typer builds, built then. With a typer that works
otherwise, nothing is changed.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _check_class() -> type | None:
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
    except ImportError:  # another typer: its own checks stand
        return None

    class AsGiven(RuntimeParam):
        # RuntimeParam.coerce returns a missing value (None) before this is called.
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            plain = self.annotation in (str, bool) and self.parameter_info.parser is None
            if plain and type(value) is self.annotation:
                return value
            typers = param.__dict__.get("_tracker_typers_check")
            if typers is None:
                typers = param._tracker_typers_check = build_runtime_param(param.type_descriptor)
            return typers._coerce_value(value, param, ctx)

    return AsGiven


def check_lazily(params: list[Any]) -> None:
    """Gives each of a command's parameters that typer has not checked yet this check."""
    check = _check_class()
    if check is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        param._runtime_param = check(
            parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
        )
