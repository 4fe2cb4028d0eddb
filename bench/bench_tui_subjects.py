"""Opening the TUI's subjects screen on a large case, once the claims screen has scored.

    .venv/bin/python bench/bench_tui_subjects.py [--claims 100000] [--repeat 3]

Builds bench_tui's synthetic case (100,000 claims in 200 subjects, in a real SQLite
file), starts the app, waits until the claims screen's scoring is done, then opens the
subjects screen (4) until every row is on screen with its estimate, back to the claims
(1), ``--repeat`` times. Prints, in CPU seconds of the interface's process (its worker
threads included): that opening, against opening the sources screen (2) the same way
(the baseline: a screen that reads one table), and the scoring process's CPU (the
child the claims screen scores in) for scale.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tui import build  # noqa: E402

from tracker.db import open_database  # noqa: E402


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


async def until(pilot, done: Callable[[], bool], limit: float = 600) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    while not done():
        if time.perf_counter() - start > limit:
            raise TimeoutError("never happened")
        await pilot.pause(0.01)


def scored(app) -> bool:  # type: ignore[no-untyped-def]
    screen = app.claims_screen
    # The scoring worker done: its process joined (its CPU counted), estimates in.
    return (
        screen.loaded
        and not screen.score_state
        and not getattr(screen, "estimating", False)
        and all(w.is_finished for w in screen.workers if w.group == "claims-load")
    )


async def run(path: Path, repeat: int) -> tuple[list[float], list[float], float, float]:
    from tracker.tui.app import TrackerApp
    from tracker.tui.sources_screen import SourcesScreen
    from tracker.tui.subjects_screen import SubjectsScreen

    before = children_cpu()
    start = time.perf_counter()
    app = TrackerApp(open_database(path))
    subjects, sources = [], []
    async with app.run_test(size=(160, 50)) as pilot:
        await until(pilot, lambda: scored(app))
        scoring_wall = time.perf_counter() - start
        scoring_cpu = children_cpu() - before
        await pilot.pause(0.5)
        for _ in range(repeat):
            t0 = time.process_time()
            await pilot.press("4")
            await until(
                pilot,
                lambda: (
                    isinstance(app.screen, SubjectsScreen)
                    and bool(app.screen.rows)
                    and all(s.estimate for s in app.screen.rows)
                ),
            )
            await pilot.pause()  # the table drawn
            subjects.append(time.process_time() - t0)
            await pilot.press("1")
            await pilot.pause(0.2)
            t0 = time.process_time()
            await pilot.press("2")
            await until(
                pilot, lambda: isinstance(app.screen, SourcesScreen) and bool(app.screen.rows)
            )
            await pilot.pause()
            sources.append(time.process_time() - t0)
            await pilot.press("1")
            await pilot.pause(0.2)
        app.exit()
    return subjects, sources, scoring_cpu, scoring_wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "bench.sqlite"
    build(path, args.claims)
    subjects, sources, scoring_cpu, scoring_wall = asyncio.run(run(path, args.repeat))
    med_subjects, med_sources = statistics.median(subjects), statistics.median(sources)
    print(f"{args.claims:,} claims in 200 subjects (CPU s of the interface's process)")
    print(f"  scoring process, claims screen: {scoring_cpu:.2f} s (wall {scoring_wall:.1f} s)")
    print(
        f"  open subjects screen:  median {med_subjects:.3f} s "
        f"({', '.join(f'{t:.3f}' for t in subjects)})"
    )
    print(
        f"  open sources screen:   median {med_sources:.3f} s (baseline; subjects "
        f"{med_subjects / med_sources:.1f}x)"
    )


if __name__ == "__main__":
    main()
