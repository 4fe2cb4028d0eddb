"""Adapters from the app's actions to the core modules that do the work (no Textual).

Each runs in a worker thread and raises on failure; the app shows the message
as a notification.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.text import Text
from sqlalchemy.engine import Engine

from tracker.db import session_scope
from tracker.tui.text import clean


def import_path(engine: Engine, path: str) -> str:
    """Import a file or a case folder (tracker.importers); returns a one-line summary.

    Raises with the first failure when any file failed (the others stay imported,
    each file being its own transaction).
    """
    from tracker.importers import import_paths

    target = Path(path).expanduser()
    if not target.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    report = import_paths(engine, [target])
    counts = report.summary()
    if report.failed:
        raise RuntimeError(f"{counts}; {clean(report.failed[0].error)}")
    return f"Imported {clean(path)}: {counts}"


def export_brief(engine: Engine, path: str, width: int = 100) -> tuple[str, Text]:
    """Write the markdown brief (tracker.brief.write_brief) to ``path``; returns the
    summary and the brief rendered at ``width`` columns, for the preview."""
    from tracker.brief import write_brief

    target = Path(path).expanduser()
    with session_scope(engine) as session:
        markdown = write_brief(session)
    target.write_text(markdown, encoding="utf-8")
    return f"Brief written to {target}", render_markdown(markdown, width)


def render_markdown(markdown: str, width: int) -> Text:
    """Markdown laid out by Rich into styled lines, off the UI thread: a long brief
    would otherwise stall the screen while it is laid out."""
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(width=max(20, width), file=io.StringIO(), color_system="truecolor")
    lines = console.render_lines(Markdown(markdown), console.options, pad=False)
    out = Text(no_wrap=True, overflow="crop")
    for number, line in enumerate(lines):
        if number:
            out.append("\n")
        for segment in line:
            if not segment.control:
                out.append(segment.text, segment.style)
    return out


def cite(engine: Engine, query: str) -> Text:
    """The matches of tracker.cite, best first, as literal text."""
    from tracker.cite import cite as lookup

    with session_scope(engine) as session:
        matches = list(lookup(session, query))
    out = Text()
    if not matches:
        out.append("No claim matches.", style="dim")
    for match in matches:
        data = match.to_json()
        out.append(f"{clean(data.get('claim'))}: ", style="bold")
        out.append(clean(data.get("text")) + "\n")
        out.append(f"  origin: {clean(data.get('origin'))}\n")
        # Dates in the one human layout (tracker.dates_display), as everywhere on screen.
        first = match.first_appearance
        if first is not None:
            out.append(
                f"  first appeared: {clean(first.outlet)} "
                f"{clean(first.published_on)} ({clean(first.document)})\n",
                style="green",
            )
        for appearance, speakers in match.quoted():
            out.append(
                f"  · {clean(appearance.outlet)} {clean(appearance.published_on)}, "
                f"{clean(', '.join(speakers))}: “{clean(appearance.quote)}”\n",
                style="dim",
            )
    return out
