"""Citation lookup latency on a synthetic 100,000-claim case (issue 7: < 100 ms per query).

    .venv/bin/python bench/bench_cite.py [--claims 100000] [--repeat 5]

Builds a SQLite file (triggers fill the FTS5 index, as in real use), warms up,
then prints the median and worst time per query of ``cite`` (index narrowing)
and, in the same process, of the baseline ``cite_by_scan`` (rapidfuzz over
every claim, no narrowing), and their ratio.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

from tracker.cite import cite, cite_by_scan
from tracker.db import open_database, session_scope

QUERIES = [
    "1 million rounds",
    "1,000,000 shells",
    "over a million artillery rounds",
    "Rajin",
    "South Korean intelligence",
    "300 shipping containers",
]
ITEMS = ["shipments", "containers", "artillery rounds", "rockets", "ships", "rail cars", "trips"]
PLACES = ["Najin", "Vostochny", "Dunay", "Tikhoretsk", "Chongjin", "Kholmsk", "Vladivostok"]
VERBS = ["shipped", "loaded", "unloaded", "delivered", "moved", "tracked", "counted"]


def build(path: Path, claims: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    engine = open_database(path)
    sources = 200
    documents = 2000
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO source (id, name, short, aliases, kind, reliability, version) "
                "VALUES (:id, :name, :short, :aliases, :kind, :grade, 1)"
            ),
            [
                {
                    "id": i,
                    "name": f"Source {i}" if i > 1 else "National Intelligence Service",
                    "short": "NIS" if i == 1 else None,
                    "aliases": '["South Korean intelligence"]' if i == 1 else "[]",
                    "kind": "outlet" if i % 5 == 0 else "agency",
                    "grade": "ABCDEF"[i % 6],
                }
                for i in range(1, sources + 1)
            ],
        )
        c.execute(
            text(
                "INSERT INTO document (id, outlet_id, title, url, authors, published_text, "
                "published_first, published_last, text, content_hash, version) VALUES "
                "(:id, :outlet, :title, :url, '[]', :pub, :pub, :pub, '', :id, 1)"
            ),
            [
                {
                    "id": f"doc-{i}",
                    "outlet": 5 * (1 + i % 40),
                    "title": f"Report {i}",
                    "url": f"https://example.org/{i}",
                    "pub": (date(2023, 1, 1) + timedelta(days=i % 365)).isoformat(),
                }
                for i in range(documents)
            ],
        )
        c.execute(
            text("INSERT INTO subject (id, name, cumulative) VALUES (:id, :name, 0)"),
            [{"id": i, "name": f"Subject {i}"} for i in range(1, 1001)],
        )
        rows, quotes = [], []
        for i in range(claims):
            value = rng.choice([3, 10, 58, 300, 1000, 2700, 5000, 1_000_000, 500_000])
            item = rng.choice(ITEMS)
            place = rng.choice(PLACES)
            wording = f"{rng.choice(VERBS).capitalize()} about {value:,} {item} near {place}"
            rows.append(
                {
                    "id": f"claim-{i}",
                    "subject": 1 + i % 1000,
                    "text": wording,
                    "qtext": f"about {value:,} {item}",
                    "value": value,
                    "item": item,
                }
            )
            quotes.append(
                {
                    "claim": f"claim-{i}",
                    "source": 1 + rng.randrange(sources),
                    "doc": f"doc-{rng.randrange(documents)}",
                    "quote": f"officials said {wording.lower()} in {rng.randrange(1990, 2024)}",
                }
            )
        c.execute(
            text(
                "INSERT INTO claim (id, subject_id, text, stance, quantity_text, qty_value, "
                "qty_low, qty_high, qty_low_open, qty_high_open, qty_qualifier, qty_item, version) "
                "VALUES (:id, :subject, :text, 'asserts', :qtext, :value, :value * 0.9, "
                ":value * 1.1, 0, 0, 'approx', :item, 1)"
            ),
            rows,
        )
        c.execute(
            text(
                "INSERT INTO attribution (claim_id, source_id, document_id, quote, start, "
                "\"end\", prefix, suffix) VALUES (:claim, :source, :doc, :quote, 0, 1, '', '')"
            ),
            quotes,
        )
    engine.dispose()


def timed(fn, session, query: str, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(session, query)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline-repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        start = time.perf_counter()
        build(path, args.claims)
        print(f"built {args.claims:,} claims in {time.perf_counter() - start:.1f} s")
        engine = open_database(path)
        with session_scope(engine) as session:
            for query in QUERIES:  # warm-up: caches, first-query compilation
                cite(session, query)
            print(f"{'query':36} {'cite median':>12} {'worst':>8} {'scan':>9} {'ratio':>7}")
            medians, scans = [], []
            for query in QUERIES:
                fast = timed(cite, session, query, args.repeat)
                slow = timed(cite_by_scan, session, query, args.baseline_repeat)
                medians.append(statistics.median(fast))
                scans.append(statistics.median(slow))
                print(
                    f"{query!r:36} {medians[-1]:9.1f} ms {max(fast):5.1f} ms "
                    f"{scans[-1]:6.0f} ms {scans[-1] / medians[-1]:6.0f}x"
                )
            print(
                f"all queries: cite median {statistics.median(medians):.1f} ms, "
                f"worst median {max(medians):.1f} ms (target < 100 ms); "
                f"baseline scan median {statistics.median(scans):.0f} ms"
            )
        engine.dispose()


if __name__ == "__main__":
    main()
