"""Speed of normalize() against dateparser and quantulum3 on the seed articles' sentences.

Run: ``.venv/bin/python bench/bench_normalizer.py [--seconds 3]``

Each system normalizes the same sentences (the five seed articles, split into
sentences) after one warm-up pass, in interleaved rounds (one pass per system per
round, so a change in machine load hits all of them alike; the order within a round
rotates) until about ``--seconds`` per system are spent; the figure is sentences per
second. When the machine is loaded (1-minute load average above half a core per CPU,
or ``--cpu``) the clock is this process's CPU time (``time.process_time``), so other
programs' work is not charged to whichever system happens to run; the output says
which clock was used. Ours is
the full ``normalize()`` (dates, periods and quantities); its two halves are also
timed alone. dateparser runs ``search.search_dates`` with English only and one
settings dict; quantulum3 runs ``parser.parse``. Then five fresh Python processes
time their first ``normalize()`` call, with and without the import (median shown).
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.normalize import normalize  # noqa: E402
from tracker.normalize.types import Anchor  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paths import SEEDS  # noqa: E402

ANCHOR = Anchor.parse("2023-12-27")
FRESH_RUNS = 5
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")

FIRST_CALL = """
import time
t0 = time.perf_counter()
from tracker.normalize import normalize
t1 = time.perf_counter()
normalize("NIS told lawmakers in November there had been about 10 shipments since August.",
          "2023-12-27")
t2 = time.perf_counter()
print(f"{(t2 - t0) * 1000:.1f} {(t2 - t1) * 1000:.1f}")
"""


def sentences() -> list[str]:
    found: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found.extend(s.strip() for s in _SENTENCE.split(text) if s.strip())
    return found


def rates(
    systems: dict[str, Callable[[str], object]],
    items: list[str],
    budget: float,
    clock: Callable[[], float],
) -> dict:
    """Sentences per second for each system, measured in interleaved rounds (one pass over
    the sentences per system per round, the order rotating) so that a change in machine
    load hits all alike."""
    for fn in systems.values():  # warm-up: caches, lazy imports, compiled patterns
        for item in items:
            fn(item)
    names = list(systems)
    spent = dict.fromkeys(systems, 0.0)
    rounds = 0
    while sum(spent.values()) < budget * len(systems) or rounds < 3:
        for name in names[rounds % len(names) :] + names[: rounds % len(names)]:
            fn = systems[name]
            started = clock()
            for item in items:
                fn(item)
            spent[name] += clock() - started
        rounds += 1
    return {name: rounds * len(items) / spent[name] for name in systems}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0, help="time budget per system")
    parser.add_argument("--cpu", action="store_true", help="always time by CPU time")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    loaded = args.cpu or load > 0.5 * (os.cpu_count() or 1)
    clock = time.process_time if loaded else time.perf_counter
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)

    items = sentences()
    print(f"{len(items)} sentences from {SEEDS}")
    print(
        f"clock: {'CPU time (time.process_time)' if loaded else 'wall time (perf_counter)'}; "
        f"1-minute load average {load:.2f} on {os.cpu_count()} CPUs"
    )

    from dateparser.search import search_dates
    from quantulum3 import parser as qparser

    settings = {"RELATIVE_BASE": datetime(2023, 12, 27), "PREFER_DATES_FROM": "past"}

    def ours(s: str) -> object:
        return normalize(s, ANCHOR)

    def dateparser_search(s: str) -> object:
        return search_dates(s, languages=["en"], settings=settings)

    def quantulum(s: str) -> object:
        return qparser.parse(s)

    from tracker.normalize.quantities import find_quantities
    from tracker.normalize.times import find_times

    figures = rates(
        {
            "ours (normalize)": ours,
            "dateparser.search_dates": dateparser_search,
            "quantulum3.parse": quantulum,
            "  of which find_times": lambda s: find_times(s, ANCHOR),
            "  of which find_quantities": find_quantities,
        },
        items,
        args.seconds,
        clock,
    )
    mine = figures["ours (normalize)"]
    print(f"{'system':<26} {'sentences/s':>12} {'ours is':>14}")
    for name, value in figures.items():
        ratio = "" if name.startswith(("ours", " ")) else f"{mine / value:.1f}x faster"
        print(f"{name:<26} {value:>12.0f} {ratio:>14}")

    runs = []
    for _ in range(FRESH_RUNS):
        result = subprocess.run(
            [sys.executable, "-c", FIRST_CALL], cwd=ROOT, capture_output=True, text=True, check=True
        )
        with_import, call_only = (float(x) for x in result.stdout.split())
        runs.append((with_import, call_only))
    runs.sort()
    with_import, call_only = runs[len(runs) // 2]
    print(
        f"first normalize() in a fresh process (median of {FRESH_RUNS}): "
        f"{with_import:.0f} ms with import, {call_only:.1f} ms for the call"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
