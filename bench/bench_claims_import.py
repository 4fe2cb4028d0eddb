"""One big claims file in: CPU seconds, rows per second and peak RSS, per format.

Builds the synthetic case (bench/synthetic.py) at each size with its claims in ONE
file (YAML, JSON and CSV; CSV one row per attribution), imports its sources and
articles once into a template SQLite database, then imports each claims file into a
fresh copy of that template in a child process of its own, so that the peak RSS
reported is that import's and no other's. The child reports:

- CPU s: user + system time of the import alone (the machine is shared);
- rows/s: claims stored per CPU second;
- peak RSS: the child's high-water mark (VmHWM) after the import, and "growth", the
  mark after the import minus the mark just before it (the interpreter, tracker and
  the open database are the same for every size and format).

    .venv/bin/python bench/bench_claims_import.py [--rows 20000 100000] [--formats yaml json csv]

The bench imports the tracker of the checkout it sits in (not the installed one): for a
before/after comparison, run it from an unpacked ``git archive`` of the other commit with
this file copied into its bench/.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import write_case  # noqa: E402

CLAIMS_PER_ARTICLE = 100


def _high_water_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(database: Path, claims: Path) -> None:
    """Import ``claims`` into ``database``; print the figures as one JSON line."""
    from sqlmodel import func, select

    from tracker.db import open_database, session_scope
    from tracker.importers import import_paths
    from tracker.models import Claim

    engine = open_database(str(database))
    with session_scope(engine) as session:  # the connection and schema check, before the mark
        session.exec(select(func.count()).select_from(Claim)).one()
    before, cpu, wall = _high_water_mb(), _cpu(), time.perf_counter()
    report = import_paths(engine, [claims])
    cpu, wall = _cpu() - cpu, time.perf_counter() - wall
    peak = _high_water_mb()
    with session_scope(engine) as session:
        stored = session.exec(select(func.count()).select_from(Claim)).one()
    failed = [f.error for f in report.failed]
    print(
        json.dumps(
            {
                "cpu": cpu,
                "wall": wall,
                "claims": stored,
                "peak_mb": peak,
                "growth_mb": peak - before,
                "failed": failed,
            }
        )
    )


def _template(folder: Path) -> Path:
    """Sources and articles of the case imported once; each run copies the result."""
    from tracker.db import open_database
    from tracker.importers import import_paths

    database = folder / "template.sqlite"
    engine = open_database(str(database))
    inputs = [folder / "sources.yaml", *sorted(folder.glob("doc-*.md"))]
    report = import_paths(engine, inputs)
    assert report.ok, [f.error for f in report.failed][:3]
    engine.dispose()
    return database


def _measure(template: Path, claims: Path, work: Path) -> dict:
    database = work / "run.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, database)
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(database), str(claims)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    figures: dict = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--formats", nargs="+", default=["yaml", "json", "csv"])
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    print(f"{'rows':>8} {'format':>6} {'MB':>6} {'CPU s':>7} {'rows/s':>7} "
          f"{'peak RSS MB':>11} {'growth MB':>9}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-claims-") as tmp:
        for rows in args.rows:
            folder = Path(tmp) / f"case-{rows}"
            articles = max(1, rows // CLAIMS_PER_ARTICLE)
            # One seed: the same articles and claims each time, the claims file in each format.
            for fmt in args.formats:
                write_case(folder, articles=articles, claims=rows, chunk=rows, fmt=fmt)
            template = _template(folder)
            for fmt in args.formats:
                (claims,) = folder.glob(f"claims-*.{fmt}")
                figures = _measure(template, claims, folder)
                if figures["failed"] or figures["claims"] != rows:
                    raise SystemExit(f"{claims.name}: {figures}")
                size = claims.stat().st_size / 1024 / 1024
                print(
                    f"{rows:>8,} {fmt:>6} {size:>6.1f} {figures['cpu']:>7.1f} "
                    f"{rows / figures['cpu']:>7,.0f} {figures['peak_mb']:>11,.0f} "
                    f"{figures['growth_mb']:>9,.0f}",
                    flush=True,
                )
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
