"""Scores for the claims table, computed away from the interface.

Scoring a large case is CPU work in Python: in a thread it would hold the GIL
and make every keystroke wait. For a database another process can open (a
file or a server) it runs in a child process and sends back only what the
table shows; an in-memory database is scored in the calling thread.
No Textual here.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, NamedTuple

from sqlalchemy.engine import Engine
from sqlmodel import Session


class ScoreSummary(NamedTuple):
    """The numbers of one ClaimScore that the claims table shows."""

    origins: int
    corroboration: float
    contradiction: float
    credibility: int
    discrepancies: int


_running: set[BaseProcess] = set()


def summarize(engine: Engine) -> dict[str, ScoreSummary] | None:
    """``{claim id: ScoreSummary}``, or None while tracker.scoring has no score_case."""
    try:
        from tracker.scoring import score_case
    except ImportError:
        return None
    with Session(engine) as session:
        claims = score_case(session).claims
    return {
        cid: ScoreSummary(
            len(s.origins), s.corroboration, s.contradiction, s.credibility, len(s.discrepancies)
        )
        for cid, s in claims.items()
    }


def _child(url: str, conn: Connection) -> None:
    import os

    from tracker.db import make_engine

    # Background work: on a small machine the interface keeps the CPU first.
    if hasattr(os, "nice"):
        os.nice(10)

    try:
        conn.send(("ok", summarize(make_engine(url))))
    except Exception as error:  # noqa: BLE001 - reported to the parent, shown as a notification
        conn.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        conn.close()


def score_all(engine: Engine) -> dict[str, ScoreSummary] | None:
    """Summaries of every claim's scores; blocks the calling (worker) thread, not the GIL."""
    url = engine.url.render_as_string(hide_password=False)
    if url in ("sqlite://", "sqlite:///:memory:"):
        return summarize(engine)
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(url, child), daemon=True)
    try:
        process.start()
    except (OSError, ValueError):
        # Some hosts cannot spawn from here (test runners with replaced std streams):
        # score in this thread, slower for the interface but correct.
        parent.close()
        child.close()
        return summarize(engine)
    child.close()
    _running.add(process)
    try:
        status, payload = parent.recv()
    except EOFError:
        raise RuntimeError("scoring stopped before it finished") from None
    finally:
        _running.discard(process)
        process.join(timeout=1)
    if status == "error":
        raise RuntimeError(f"scoring failed: {payload}")
    return payload


def prepare_scoring() -> None:
    """Start multiprocessing's resource tracker now, while stderr is still a real file.

    Once Textual runs, sys.stderr is its capture object whose fileno() is not a
    file descriptor, and starting the tracker then fails ("bad value(s) in
    fds_to_keep"), which would push scoring back into a thread.
    """
    from multiprocessing import resource_tracker

    try:
        resource_tracker.ensure_running()
    except (OSError, ValueError):
        pass


def stop_scoring() -> None:
    """Stop any scoring still running (the app is closing)."""
    for process in list(_running):
        process.terminate()


def apply_scores(rows: list[Any], scores: dict[str, ScoreSummary] | None) -> None:
    """Copy each summary onto its row."""
    if not scores:
        return
    for row in rows:
        score = scores.get(row.id)
        if score is None:
            continue
        row.origins = score.origins
        row.corroboration = score.corroboration
        row.contradiction = score.contradiction
        row.credibility = score.credibility
        row.discrepancies = score.discrepancies
