"""Web pages in: body F1, pages imported and time per page, on the shared benchmark pages.

Imports the 61 real pages of ``shared/eval/article-extraction/`` into a fresh SQLite
database through ``tracker.importers`` (the real importer, one file per transaction),
reads each document's text back and scores it with the benchmark's own ``evaluate.py``
(imported from the shared folder, not rewritten). In the same run, on the same pages:
trafilatura alone (``trafilatura.extract`` with its defaults) and the old hand-written
importer (``tracker/importers/html.py`` as it is on ``--old-ref``, read from git, so no
copy of it lives in the tree). A page the old importer refused counts as not imported
and as an empty body, as it would have been for the analyst.

    .venv/bin/python bench/bench_ingest.py [--old-ref main]

CPU time is reported beside wall time: the machine is shared.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paths import SHARED  # noqa: E402

PAGES = SHARED / "eval" / "article-extraction"
ROOT = Path(__file__).resolve().parents[1]


def _evaluate_module() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("ae_evaluate", PAGES / "evaluate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _old_importer(ref: str) -> types.ModuleType | None:
    try:
        source = subprocess.run(
            ["git", "show", f"{ref}:tracker/importers/html.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    if "trafilatura" in source:
        return None  # that ref already has the new importer
    module = types.ModuleType("old_html")
    exec(compile(source, f"{ref}:tracker/importers/html.py", "exec"), module.__dict__)  # noqa: S102
    return module


def _score(evaluate: types.ModuleType, truth: dict, bodies: dict[str, str]) -> dict:
    prediction = {key: {"articleBody": bodies.get(key, "")} for key in truth}
    metrics = evaluate.evaluate(truth, prediction, 0)
    return {k: metrics[k] for k in ("f1", "precision", "recall", "accuracy")}


def _ours(folder: Path, keys: list[str]) -> tuple[dict[str, str], int, list[float], list[float]]:
    from sqlmodel import Session

    from tracker.db import open_database
    from tracker.importers import import_paths
    from tracker.models import Document

    engine = open_database(str(folder / "bench.sqlite"))
    walls, cpus, imported = [], [], 0
    for key in keys:
        wall, cpu = time.perf_counter(), time.process_time()
        report = import_paths(engine, [folder / f"{key}.html"])
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        imported += len(report.added)
        for failed in report.failed:
            print(f"  ours refused: {failed.error}")
    bodies = {}
    review = 0
    with Session(engine) as session:
        for key in keys:
            document = session.get(Document, key)
            if document is not None:
                bodies[key] = document.text
                review += bool(document.needs_review)
    print(f"  ours: {review} of {imported} imported pages marked needs review")
    engine.dispose()
    return bodies, imported, walls, cpus


def _trafilatura(pages: dict[str, bytes]) -> tuple[dict[str, str], int, list[float], list[float]]:
    import trafilatura

    bodies, walls, cpus = {}, [], []
    for key, data in pages.items():
        wall, cpu = time.perf_counter(), time.process_time()
        bodies[key] = trafilatura.extract(data) or ""
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return bodies, sum(1 for b in bodies.values() if b), walls, cpus


def _old(
    module: types.ModuleType, folder: Path, pages: dict[str, bytes]
) -> tuple[dict[str, str], int, list[float], list[float]]:
    from tracker.errors import UserError
    from tracker.normalize.types import Anchor

    bodies, walls, cpus, imported = {}, [], [], 0
    for key, data in pages.items():
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            article = module.parse_html(folder / f"{key}.html", data.decode("utf-8"))
            if article.published:
                Anchor.parse(article.published)  # the old store_article refused what this did
            bodies[key] = article.text
            imported += 1
        except (UserError, ValueError):
            bodies[key] = ""
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return bodies, imported, walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-ref", default="main", help="git ref of the old html.py")
    args = parser.parse_args()
    evaluate = _evaluate_module()
    truth = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)
    pages = {k: gzip.decompress((PAGES / "html" / f"{k}.html.gz").read_bytes()) for k in keys}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for key, data in pages.items():
            (folder / f"{key}.html").write_bytes(data)
        runs = [("tracker (this branch)", lambda: _ours(folder, keys))]
        runs.append(("trafilatura alone", lambda: _trafilatura(pages)))
        old = _old_importer(args.old_ref)
        if old is not None:
            runs.append((f"old importer ({args.old_ref})", lambda: _old(old, folder, pages)))
        else:
            print(f"  (no old importer at {args.old_ref}: skipped)")
        for name, run in runs:
            bodies, imported, walls, cpus = run()
            rows.append((name, _score(evaluate, truth, bodies), imported, walls, cpus))
    print(f"\n{len(keys)} pages of {PAGES}\n")
    print(
        f"{'':<24} {'F1':>6} {'prec':>6} {'recall':>6} {'imported':>9} "
        f"{'median ms':>10} {'p95 ms':>7} {'CPU ms/page':>12}"
    )
    for name, metrics, imported, walls, cpus in rows:
        p95 = sorted(walls)[int(0.95 * (len(walls) - 1))]
        print(
            f"{name:<24} {metrics['f1']:>6.3f} {metrics['precision']:>6.3f} "
            f"{metrics['recall']:>6.3f} {imported:>5}/{len(keys):<3} "
            f"{statistics.median(walls) * 1000:>10.1f} {p95 * 1000:>7.1f} "
            f"{statistics.mean(cpus) * 1000:>12.1f}"
        )
    base = rows[1]
    ours = rows[0]
    print(
        f"\nours / trafilatura alone: F1 {ours[1]['f1'] / base[1]['f1']:.3f}x, "
        f"CPU per page {statistics.mean(ours[4]) / statistics.mean(base[4]):.2f}x "
        f"(ours includes the database write and the snapshot)"
    )


if __name__ == "__main__":
    main()
