"""The terminal interface where analysts curate claims (issue 6).

``TrackerApp(engine)`` in :mod:`tracker.tui.app`; ``run_tui(engine)`` opens it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def run_tui(engine: Engine) -> None:
    """Open the interface on ``engine`` and return when the analyst quits."""
    from tracker.tui.app import TrackerApp

    TrackerApp(engine).run()
