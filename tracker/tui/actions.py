"""Adapters from the app's actions to the core modules that do the work (no Textual).

Each runs in a worker thread and raises on failure; the app shows the message
as a notification.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.segment import Segment
from rich.text import Text
from sqlalchemy.engine import Engine

from tracker.db import session_scope
from tracker.tui.text import clean

# Failed files named one a line in the notification; the rest are counted.
SHOWN_FAILURES = 5


def import_path(engine: Engine, path: str) -> str:
    """Import a file or a case folder (tracker.importers); returns a one-line summary.

    Raises when any file failed, with one line per failed file, as the command line
    prints them (the others stay imported, each file being its own transaction).
    """
    from tracker.importers import import_paths

    target = Path(path).expanduser()
    if not target.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    report = import_paths(engine, [target])
    counts = report.summary()
    if report.failed:
        lines = [clean(f.error) for f in report.failed[:SHOWN_FAILURES]]
        if len(report.failed) > SHOWN_FAILURES:
            lines.append(f"… and {len(report.failed) - SHOWN_FAILURES} more (tracker import)")
        raise RuntimeError("\n".join([f"Imported {clean(path)}: {counts}", *lines]))
    return f"Imported {clean(path)}: {counts}"


def write_brief_file(engine: Engine, path: str) -> tuple[str, str]:
    """Write the markdown brief (tracker.brief.write_brief) to ``path``; returns the
    summary and the markdown."""
    from tracker.brief import write_brief
    from tracker.db import database_files
    from tracker.output import open_output

    # The rules of ``-o`` (never over the database, pipes streamed, links followed);
    # "-" is a file here: standard output is the screen the app is drawn on.
    protect = database_files(engine.url.render_as_string(hide_password=False))
    with open_output(path, protect=protect, allow_stdout=False) as out:
        with session_scope(engine) as session:
            markdown = write_brief(session)
        out.stream.write(markdown)
    return f"Brief written to {clean(out.note or out.written)}", markdown


def render_lines(markdown: str, width: int) -> list[list[Segment]]:
    """Markdown laid out by Rich into lines of ``width`` cells, off the UI thread: a
    long brief would otherwise stall the screen while it is laid out. Hard line breaks
    are Rich's to keep; the lines are shown as they are (tracker.tui.preview)."""
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(width=max(20, width), file=io.StringIO(), color_system="truecolor")
    lines = console.render_lines(Markdown(markdown), console.options, pad=False)
    return [[segment for segment in line if not segment.control] for line in lines]


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
