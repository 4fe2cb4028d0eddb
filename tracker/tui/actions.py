"""Adapters from the app's actions to the core modules that do the work (no Textual).

Importers, brief and citation lookup are built by other engineers; until a
module exists the action says so instead of failing obscurely.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from rich.text import Text
from sqlalchemy.engine import Engine

from tracker.db import session_scope
from tracker.tui.text import clean


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name and name.startswith(error.name):
            raise RuntimeError(f"{name} is not available in this build yet") from None
        raise


def import_path(engine: Engine, path: str) -> str:
    """Import a file or a case folder; returns a one-line summary."""
    target = Path(path).expanduser()
    if not target.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    importers = _module("tracker.importers")
    run = getattr(importers, "import_paths", None) or getattr(importers, "import_path", None)
    if run is None:
        raise RuntimeError("the importer does not offer import_paths yet")
    with session_scope(engine) as session:
        try:
            report = run(session, [target])
        except TypeError:
            report = run(session, target)
    summary = getattr(report, "summary", None)
    return clean(summary() if callable(summary) else summary or f"Imported {path}")


def export_brief(engine: Engine, path: str) -> str:
    brief = _module("tracker.brief")
    write = getattr(brief, "write_brief", None) or getattr(brief, "render_brief", None)
    if write is None:
        raise RuntimeError("tracker.brief has no write_brief yet")
    with session_scope(engine) as session:
        result = write(session)
    if isinstance(result, str):
        Path(path).write_text(result, encoding="utf-8")
    return f"Brief written to {path}"


def cite(engine: Engine, query: str) -> Text:
    """The matches of tracker.cite, best first, as literal text."""
    module = _module("tracker.cite")
    lookup = getattr(module, "cite", None) or getattr(module, "lookup", None)
    if lookup is None:
        raise RuntimeError("tracker.cite has no lookup yet")
    with session_scope(engine) as session:
        matches = list(lookup(session, query))
    out = Text()
    if not matches:
        out.append("No claim matches.", style="dim")
    for match in matches:
        data = match.to_json() if hasattr(match, "to_json") else dict(match)
        out.append(f"{clean(data.get('claim'))}: ", style="bold")
        out.append(clean(data.get("text")) + "\n")
        out.append(f"  origin: {clean(data.get('origin'))}\n")
        first = data.get("first_appearance") or {}
        if first:
            out.append(
                f"  first appeared: {clean(first.get('outlet'))} "
                f"{clean(first.get('published'))} ({clean(first.get('document'))})\n",
                style="green",
            )
        for appearance in data.get("appearances") or []:
            out.append(
                f"  · {clean(appearance.get('outlet'))} {clean(appearance.get('published'))}: "
                f"“{clean(appearance.get('quote'))}”\n",
                style="dim",
            )
    return out
