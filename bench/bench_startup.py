"""How long the command line takes to start (issue 21: well under half a second).

    .venv/bin/python bench/bench_startup.py [--repeat 15] [--source DIR]

Times, as subprocesses, ``tracker --help``, ``tracker --version`` and a listing
(``tracker sources`` on the bundled Najin case, imported once beforehand and not
timed), against a baseline of ``python -c pass`` measured in the same run. Each is
run ``--repeat`` times; the median wall time and the median CPU time (user + system
of the child, which holds even on a loaded machine) are printed, with their ratio
to the baseline. ``--source DIR`` runs the tracker package found in DIR instead of
this checkout's (e.g. an unpacked ``git archive main`` for a before/after).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CASE = HERE / "imports" / "najin-2023"


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of this child alone), exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # cwd: ``python -m`` puts the working directory first on sys.path, ahead of --source.
    done = subprocess.run(
        argv, env=env, cwd=env["BENCH_CWD"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def measure(argv: list[str], env: dict[str, str], repeat: int) -> tuple[float, float, int]:
    run_once(argv, env)  # warm the page cache and the bytecode cache
    walls, cpus, codes = [], [], set()
    for _ in range(repeat):
        wall, cpu, code = run_once(argv, env)
        walls.append(wall)
        cpus.append(cpu)
        codes.add(code)
    return statistics.median(walls), statistics.median(cpus), max(codes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--source", type=Path, help="run the tracker package found in DIR")
    args = parser.parse_args()

    env = dict(os.environ)
    env.pop("TRACKER_DB", None)
    if args.source:
        env["PYTHONPATH"] = str(args.source.resolve())
    tracker = [sys.executable, "-m", "tracker"]
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        db = str(Path(tmp) / "case.sqlite")
        env["BENCH_CWD"] = tmp
        imported = subprocess.run(
            [*tracker, "--db", db, "import", str(CASE)],
            env=env,
            cwd=tmp,
            capture_output=True,
            text=True,
        )
        if imported.returncode != 0:
            sys.exit(f"import failed: {imported.stderr.strip()}")
        runs = [
            ("python -c pass (baseline)", [sys.executable, "-c", "pass"]),
            ("tracker --help", [*tracker, "--help"]),
            ("tracker --version", [*tracker, "--version"]),
            ("tracker sources (Najin case)", [*tracker, "--db", db, "sources"]),
        ]
        print(f"tracker from {args.source or HERE}; median of {args.repeat} runs each")
        print(f"{'command':32} {'wall ms':>8} {'CPU ms':>8} {'wall x':>7} {'CPU x':>7}  exit")
        base_wall = base_cpu = 0.0
        for label, argv in runs:
            wall, cpu, code = measure(argv, env, args.repeat)
            if not base_wall:
                base_wall, base_cpu = wall, max(cpu, 1e-3)
            print(
                f"{label:32} {wall * 1000:8.0f} {cpu * 1000:8.0f} "
                f"{wall / base_wall:7.1f} {cpu / base_cpu:7.1f}  {code}"
            )


if __name__ == "__main__":
    main()
