"""Scores for the claims table and estimates for the subjects screen, computed away
from the interface.

Scoring a large case is CPU work in Python: in a thread it would hold the GIL
and make every keystroke wait. For a database another process can open (a
file or a server) it runs in a child process and sends back only what the
screens show; an in-memory database is scored in the calling thread.
One read of the case serves both screens (``score_with_estimates``, as ``tracker score
--json``): the claims' scores are sent first, each subject's estimate after them.
No Textual here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy.engine import Engine
from sqlmodel import Session

if TYPE_CHECKING:
    from tracker.scoring import CaseScores
    from tracker.scoring.estimate import SubjectSummary


class ScoreSummary(NamedTuple):
    """The numbers of one ClaimScore that the claims table shows."""

    origins: int
    corroboration: float
    contradiction: float
    credibility: int
    discrepancies: int


class EstimateCells(NamedTuple):
    """What the subjects screen shows of one subject's estimates."""

    estimate: str
    behind: str
    outliers: str


# ("claims", {claim id: ScoreSummary} | None), then ("subjects", {subject id: cells} | None).
Send = Callable[[str, Any], None]

_running: set[BaseProcess] = set()


def _claim_summaries(scores: CaseScores) -> dict[str, ScoreSummary]:
    return {
        cid: ScoreSummary(
            len(s.origins), s.corroboration, s.contradiction, s.credibility, len(s.discrepancies)
        )
        for cid, s in scores.claims.items()
    }


def estimate_cells(summary: SubjectSummary) -> EstimateCells:
    """The first unit's estimate, the origins behind it and its outliers ("+N units" when
    the subject has more); without a figure, who denies it."""
    from tracker.dates_display import human_span

    if not summary.estimates:
        return EstimateCells(
            "no figure: "
            + (f"denied by {', '.join(summary.denied_by)}" if summary.denied_by else "statements"),
            "",
            "",
        )
    e = summary.estimates[0]
    when = f" ({human_span(*e.period)})" if e.period else ""
    more = len(summary.estimates) - 1
    return EstimateCells(
        e.interval_words() + when + (f" +{more} unit{'s' * (more > 1)}" if more else ""),
        ", ".join(e.origins),
        ", ".join(f"{o.origin} ({o.figure.text or o.figure.describe()})" for o in e.outliers),
    )


def summarize(engine: Engine, send: Send) -> None:
    """Score the case and ``send`` the claims' summaries, then, from the same inputs and
    scores, each subject's estimate cells (None for both while tracker.scoring has none)."""
    try:
        from tracker.scoring.estimate import score_with_estimates
    except ImportError:
        send("claims", None)
        send("subjects", None)
        return
    with Session(engine) as session:
        _, summaries = score_with_estimates(
            session, scored=lambda scores: send("claims", _claim_summaries(scores))
        )
    send("subjects", {s.id: estimate_cells(s) for s in summaries if s.id is not None})


def _child(url: str, conn: Connection) -> None:
    import os

    from tracker.db import make_engine

    # Background work: on a small machine the interface keeps the CPU first.
    if hasattr(os, "nice"):
        os.nice(10)

    try:
        summarize(make_engine(url), lambda what, data: conn.send((what, data)))
    except Exception as error:  # noqa: BLE001 - reported to the parent, shown as a notification
        conn.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        conn.close()


def score_all(engine: Engine, send: Send) -> None:
    """The claims' summaries, then the subjects' estimate cells, each handed to ``send``
    as it is ready; blocks the calling (worker) thread, not the GIL."""
    url = engine.url.render_as_string(hide_password=False)
    if url in ("sqlite://", "sqlite:///:memory:"):
        summarize(engine, send)
        return
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
        summarize(engine, send)
        return
    child.close()
    _running.add(process)
    try:
        while True:
            what, data = parent.recv()
            if what == "error":
                raise RuntimeError(f"scoring failed: {data}")
            send(what, data)
            if what == "subjects":
                return
    except EOFError:
        raise RuntimeError("scoring stopped before it finished") from None
    finally:
        _running.discard(process)
        process.join(timeout=1)


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
