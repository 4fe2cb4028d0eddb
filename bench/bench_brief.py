"""The whole-case brief at scale: time and peak memory against scoring alone.

    .venv/bin/python bench/bench_brief.py --db CASE.sqlite     # an imported case (copied first)
    .venv/bin/python bench/bench_brief.py --articles 100 --claims 10000
    .venv/bin/python bench/bench_brief.py --db CASE.sqlite --hypotheses 10 --rated 1000

The brief calls ``case_scorer`` (``score_case``'s work, the Scorer kept) and then words
its numbers. The baseline is that call, timed inside the same run of the brief (scoring
caches parsed quotes per process, so a second, separate call would be cheaper than the
brief's): the brief's own cost is the rest. The brief is streamed to a temporary file
(``write_brief_to``, as ``tracker brief -o`` does); ``--string`` also times
``write_brief``, which returns the whole text. Times are CPU seconds of this process
(the machine is shared) with wall seconds beside them. Peak RSS is the kernel's
high-water mark, reset before the run where Linux allows it (/proc/self/clear_refs):
once when scoring returns, once at the end.

``--hypotheses N --rated M`` adds N hypotheses to the copy and rates M claims under each
(seeded, every rating equally often): the brief then has its competing hypotheses
section, and the run shows what it costs on a large case.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_case  # noqa: E402

import tracker.brief.case as case_module  # noqa: E402
import tracker.brief.hypotheses as hypotheses_module  # noqa: E402
from tracker.brief import write_brief, write_brief_to  # noqa: E402
from tracker.db import open_database, session_scope  # noqa: E402
from tracker.importers import import_paths  # noqa: E402
from tracker.scoring import case_scorer  # noqa: E402

TODAY = date(2024, 1, 15)


def _clear_scoring_caches() -> None:
    """A second run starts as cold as the first (scoring caches parsed quotes)."""
    from tracker.scoring import load

    for cached in vars(load).values():
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _ScoringClock:
    """Wraps the brief's ``case_scorer``: its CPU and wall seconds, and the peak RSS
    when it returns."""

    def __init__(self) -> None:
        self.cpu = self.wall = self.peak = 0.0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        cpu, wall = time.process_time(), time.perf_counter()
        result = case_scorer(*args, **kwargs)
        self.cpu += time.process_time() - cpu
        self.wall += time.perf_counter() - wall
        self.peak = _peak_mb()
        return result


class _HypothesesClock:
    """CPU seconds of the competing hypotheses section: reading and assessing the matrix
    (``weigh``), and writing its lines (timed step by step, as the template pulls them)."""

    def __init__(self) -> None:
        self.weigh = self.lines = 0.0
        self.shown = False
        self._weigh, self._lines = hypotheses_module.weigh, hypotheses_module.hypothesis_lines

    def install(self) -> None:
        def weigh(*args: Any) -> Any:
            cpu = time.process_time()
            result = self._weigh(*args)
            self.weigh += time.process_time() - cpu
            return result

        def lines(*args: Any) -> Any:
            self.shown = True
            steps = iter(self._lines(*args))
            while True:
                cpu = time.process_time()
                line = next(steps, None)
                self.lines += time.process_time() - cpu
                if line is None:
                    return
                yield line

        hypotheses_module.weigh = weigh  # type: ignore[assignment]
        hypotheses_module.hypothesis_lines = lines  # type: ignore[assignment]

    def remove(self) -> None:
        hypotheses_module.weigh = self._weigh  # type: ignore[assignment]
        hypotheses_module.hypothesis_lines = self._lines  # type: ignore[assignment]


def _run(name: str, fn: Callable[[], str]) -> None:
    clock = _ScoringClock()
    case_module.case_scorer = clock  # type: ignore[assignment]
    section = _HypothesesClock()
    section.install()
    try:
        reset = _reset_peak()
        cpu, wall = time.process_time(), time.perf_counter()
        note = fn()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        peak = _peak_mb()
    finally:
        case_module.case_scorer = case_scorer
        section.remove()
    since = "" if reset else " (process high-water mark)"
    print(f"  {name}: {note}{since}")
    print(f"    whole brief   {cpu:7.1f} s CPU {wall:7.1f} s wall   peak RSS {peak:6.0f} MB")
    print(
        f"    score_case    {clock.cpu:7.1f} s CPU {clock.wall:7.1f} s wall   "
        f"peak RSS {clock.peak:6.0f} MB (when it returned)"
    )
    print(
        f"    brief's own   {cpu - clock.cpu:7.1f} s CPU {wall - clock.wall:7.1f} s wall   "
        f"= {(cpu - clock.cpu) / clock.cpu:.2f}x score_case; "
        f"peak RSS +{peak - clock.peak:.0f} MB over scoring's",
        flush=True,
    )
    if section.shown:
        print(
            f"    hypotheses    {section.weigh + section.lines:7.2f} s CPU "
            f"(reading and assessing {section.weigh:.2f}, writing {section.lines:.2f}): "
            "the competing hypotheses section, part of the brief's own",
            flush=True,
        )


def _build(folder: Path, articles: int, claims: int) -> Path:
    case = folder / "case"
    write_case(case, articles, claims, subjects=max(1, claims // 50), chunk=1000)
    db = folder / "case.sqlite"
    engine = open_database(str(db))
    import_paths(engine, [case / "sources.yaml", *sorted(case.glob("*.md"))])
    import_paths(engine, sorted(case.glob("claims-*")))
    engine.dispose()
    return db


def _add_hypotheses(db: Path, hypotheses: int, rated: int) -> None:
    import random

    from sqlmodel import col, select

    from tracker.models import Claim, Hypothesis, Rating

    rng = random.Random(17)
    engine = open_database(str(db))
    with session_scope(engine) as session:
        claims = list(session.exec(select(Claim.id).order_by(col(Claim.id)).limit(rated)))
        for n in range(hypotheses):
            session.add(Hypothesis(id=f"h{n}", title=f"Explanation {n}"))
        session.flush()
        session.add_all(
            Rating(
                hypothesis_id=f"h{n}", claim_id=c, rating=rng.choice(("CC", "C", "N", "I", "II"))
            )
            for n in range(hypotheses)
            for c in claims
        )
    engine.dispose()
    print(f"{hypotheses} hypotheses x {len(claims)} rated claims added", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an imported case (SQLite); never written to")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--string", action="store_true", help="also time write_brief")
    parser.add_argument("--hypotheses", type=int, default=0, help="hypotheses to add")
    parser.add_argument("--rated", type=int, default=1000, help="claims rated under each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.db:
            db = folder / "case.sqlite"
            shutil.copyfile(args.db, db)
        else:
            print(f"building {args.articles} articles, {args.claims} claims ...", flush=True)
            db = _build(folder, args.articles, args.claims)
        if args.hypotheses:
            _add_hypotheses(db, args.hypotheses, args.rated)
        engine = open_database(str(db))
        print(f"case {args.db or db}")

        def streamed() -> str:
            out = folder / "brief.md"
            with (
                session_scope(engine) as session,
                out.open("w", encoding="utf-8", newline="\n") as f,
            ):
                write_brief_to(f, session, today=TODAY)
            return f"write_brief_to a file, {out.stat().st_size / 1e6:.1f} MB of markdown"

        def whole() -> str:
            with session_scope(engine) as session:
                size = len(write_brief(session, today=TODAY))
            return f"write_brief as one string, {size / 1e6:.1f} M characters"

        _run("streamed", streamed)
        if args.string:
            _clear_scoring_caches()
            _run("string", whole)
        engine.dispose()


if __name__ == "__main__":
    main()
