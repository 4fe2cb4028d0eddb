"""How long the command line takes to start (issue 21: well under half a second).

    .venv/bin/python bench/bench_startup.py [--repeat 15] [--source DIR]

Times, as subprocesses, ``tracker --help``, ``tracker --version`` and the listings
(``sources``, ``documents``, ``claims``, ``subjects``, two ``--json`` forms, and two
drawn on a terminal: a pseudo-terminal of 140 columns) on the bundled Najin case,
imported once beforehand and not timed, against a baseline of ``python -c pass``
measured in the same run. Piped, a listing prints plain lines; on a terminal, a Rich
table. Each is run ``--repeat`` times; the median wall time and the median CPU time
(user + system of the child, which holds even on a loaded machine) are printed, with
their ratio to the baseline. ``--source DIR`` runs the tracker package found in DIR
instead of this checkout's (e.g. an unpacked ``git archive main`` for a before/after).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import resource
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CASE = HERE / "imports" / "najin-2023"


TERMINAL_COLUMNS = 140


def on_terminal(argv: list[str], env: dict[str, str]) -> int:
    """Runs ``argv`` with its output on a pseudo-terminal, read to the end; its exit code."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 45, TERMINAL_COLUMNS, 0, 0))
    process = subprocess.Popen(
        argv, env=env, cwd=env["BENCH_CWD"], stdout=child, stderr=child, stdin=subprocess.DEVNULL
    )
    os.close(child)
    while True:
        try:
            if not os.read(main, 65536):
                break
        except OSError:  # the child's side closed (Linux says EIO)
            break
    os.close(main)
    return process.wait()


def run_once(argv: list[str], env: dict[str, str], tty: bool) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of this child alone), exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    if tty:
        code = on_terminal(argv, env)
    else:
        # cwd: ``python -m`` puts the working directory first on sys.path, ahead of --source.
        code = subprocess.run(
            argv,
            env=env,
            cwd=env["BENCH_CWD"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, code


def measure(
    argv: list[str], env: dict[str, str], repeat: int, tty: bool = False
) -> tuple[float, float, int]:
    run_once(argv, env, tty)  # warm the page cache and the bytecode cache
    walls, cpus, codes = [], [], set()
    for _ in range(repeat):
        wall, cpu, code = run_once(argv, env, tty)
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
        case = [*tracker, "--db", db]
        runs = [
            ("python -c pass (baseline)", [sys.executable, "-c", "pass"], False),
            ("tracker --help", [*tracker, "--help"], False),
            ("tracker --version", [*tracker, "--version"], False),
            ("sources", [*case, "sources"], False),
            ("documents", [*case, "documents"], False),
            ("claims", [*case, "claims"], False),
            ("subjects", [*case, "subjects"], False),
            ("sources --json", [*case, "sources", "--json"], False),
            ("claims --json", [*case, "claims", "--json"], False),
            (f"sources, terminal {TERMINAL_COLUMNS} cols", [*case, "sources"], True),
            (f"claims, terminal {TERMINAL_COLUMNS} cols", [*case, "claims"], True),
        ]
        print(f"tracker from {args.source or HERE}; median of {args.repeat} runs each")
        head = f"{'wall ms':>8} {'CPU ms':>8} {'wall x':>7} {'CPU x':>7}  exit"
        print(f"{'command (Najin case)':32} {head}")
        base_wall = base_cpu = 0.0
        for label, argv, tty in runs:
            wall, cpu, code = measure(argv, env, args.repeat, tty)
            if not base_wall:
                base_wall, base_cpu = wall, max(cpu, 1e-3)
            print(
                f"{label:32} {wall * 1000:8.0f} {cpu * 1000:8.0f} "
                f"{wall / base_wall:7.1f} {cpu / base_cpu:7.1f}  {code}"
            )


if __name__ == "__main__":
    main()
