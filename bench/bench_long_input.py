"""Long input: suggestions on one huge paragraph, and `score --json` on one huge subject.

    .venv/bin/python bench/bench_long_input.py [--sizes 10000,100000,1000000]
                                               [--claims 2000,20000] [--cpu]

Suggest: the Bloomberg article of the worked case, its lines joined into one
paragraph and repeated to N characters, is imported as one document; the figure
is the time of ``suggest`` on it (what ``tracker suggest DOC`` and the TUI
reader run). The baseline, in the same process, normalizes the same text
sentence by sentence: the ratio is suggest's own share, and stays flat when
suggest is linear in the paragraph.

Score: N claims in one subject (one unit, some with periods, from 40 origins
over 200 sources), written straight into a SQLite file. The figure is
``score_case(...).to_json()`` (what ``tracker score --json`` prints, with every
claim's corroborated_by and contradicted_by); the baseline, in the same
process, is plain ``score_case`` (what ``tracker score`` prints). ``--cpu``
measures process CPU time (for a loaded machine) instead of wall time;
normalization runs in this process (TRACKER_WORKERS=1) so CPU time sees it.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ["TRACKER_WORKERS"] = "1"  # every sentence normalized here, where the clock runs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from tracker.db import open_database, session_scope  # noqa: E402
from tracker.importers.articles import parse_markdown, store_article  # noqa: E402
from tracker.importers.sources import import_sources  # noqa: E402
from tracker.models import Attribution, Claim, Document, Source, Subject  # noqa: E402
from tracker.normalize import normalize  # noqa: E402
from tracker.scoring import score_case  # noqa: E402
from tracker.suggest import suggest  # noqa: E402
from tracker.suggest.sentences import split_sentences  # noqa: E402
from tracker.suggest.workflow import document_anchor  # noqa: E402

CASE = ROOT / "imports" / "najin-2023"


def clock(cpu: bool) -> Callable[[], float]:
    return time.process_time if cpu else time.perf_counter


def timed(fn: Callable[[], object], cpu: bool) -> float:
    now = clock(cpu)
    start = now()
    fn()
    return now() - start


def paragraph(size: int) -> str:
    """The Bloomberg article's body as one line, repeated to ``size`` characters."""
    article = parse_markdown(
        CASE / "bloomberg-2023-12.md", (CASE / "bloomberg-2023-12.md").read_text()
    )
    line = " ".join(article.text.split())
    return (line + " ") * (size // (len(line) + 1)) + line[: size % (len(line) + 1)]


def bench_suggest(sizes: list[int], cpu: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-long-"))
    engine = open_database(str(folder / "suggest.sqlite"))
    with session_scope(engine) as session:
        sources = CASE / "sources.yaml"
        import_sources(session, sources, sources.read_text(encoding="utf-8"))
    print("suggest on one paragraph")
    print(f"{'characters':>11} {'sentences':>9} {'suggest s':>10} {'normalize s':>12} {'ratio':>6}")
    for size in sizes:
        text = paragraph(size)
        path = folder / f"long-{size}.md"
        path.write_text(
            f"---\nid: long-{size}\ntitle: One paragraph\noutlet: Bloomberg\n"
            f"published: 2023-12-27\n---\n{text}\n",
            encoding="utf-8",
        )
        with session_scope(engine) as session:
            store_article(session, parse_markdown(path, path.read_text(encoding="utf-8")))
        with session_scope(engine) as session:
            document = session.get(Document, f"long-{size}")
            assert document is not None
            anchor = document_anchor(document)
            sentences = [s.text for s in split_sentences(document.text)]
            ours = timed(lambda d=document.id: suggest(session, d), cpu)
            base = timed(lambda a=anchor, t=sentences: [normalize(s, a) for s in t], cpu)
        print(f"{size:>11,} {len(sentences):>9,} {ours:>10.2f} {base:>12.2f} {ours / base:>6.2f}")


def one_subject(path: Path, claims: int, seed: int = 7) -> None:
    """``claims`` claims of one subject, 1 to 3 attributions each, from 40 origins."""
    rng = random.Random(seed)
    engine = open_database(str(path))
    with engine.begin() as connection:
        connection.execute(
            insert(Source),
            [
                {
                    "id": i + 1,
                    "name": f"Agency {i}",
                    "aliases": [],
                    "kind": "agency",
                    "group": f"Group {i % 40}",
                    "reliability": "ABCDEF"[i % 6],
                    "version": 1,
                }
                for i in range(200)
            ],
        )
        connection.execute(
            insert(Document),
            [
                {
                    "id": f"doc-{d}",
                    "outlet_id": 1 + d % 200,
                    "title": f"Document {d}",
                    "authors": [],
                    "text": "x",
                    "content_hash": str(d),
                    "version": 1,
                    "published_text": "2023-12-27",
                }
                for d in range(100)
            ],
        )
        connection.execute(insert(Subject), [{"id": 1, "name": "Shipments (count)"}])
        rows, attributions = [], []
        for c in range(claims):
            value = rng.randint(5, 5000)
            spread = rng.choice([0, value // 10, value // 2])
            rows.append(
                {
                    "id": f"claim-{c:06d}",
                    "subject_id": 1,
                    "text": f"About {value} shipments",
                    "stance": "asserts",
                    "quantity_text": f"about {value} shipments",
                    "qty_value": value,
                    "qty_low": value - spread,
                    "qty_high": value + spread,
                    "qty_qualifier": "approx",
                    "qty_item": "shipments",
                    "version": 1,
                }
            )
            for k in range(rng.randint(1, 3)):
                attributions.append(
                    {
                        "claim_id": f"claim-{c:06d}",
                        "source_id": rng.randint(1, 200),
                        "document_id": f"doc-{rng.randrange(100)}",
                        "quote": f"quote {c} {k}",
                        "start": 0,
                        "end": 1,
                    }
                )
        connection.execute(insert(Claim), rows)
        connection.execute(insert(Attribution), attributions)
    engine.dispose()


def bench_score(sizes: list[int], cpu: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-long-"))
    print("score on one subject")
    print(f"{'claims':>11} {'--json s':>10} {'score s':>10} {'ratio':>6}")
    for claims in sizes:
        path = folder / f"subject-{claims}.sqlite"
        one_subject(path, claims)
        engine = open_database(str(path))
        with session_scope(engine) as session:
            base = timed(lambda: score_case(session), cpu)
            ours = timed(lambda: score_case(session).to_json(), cpu)
        engine.dispose()
        print(f"{claims:>11,} {ours:>10.2f} {base:>10.2f} {ours / base:>6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--claims", default="2000,20000")
    parser.add_argument("--cpu", action="store_true", help="process CPU time, not wall time")
    args = parser.parse_args()
    if args.sizes:
        bench_suggest([int(s) for s in args.sizes.split(",")], args.cpu)
    if args.claims:
        bench_score([int(s) for s in args.claims.split(",")], args.cpu)


if __name__ == "__main__":
    main()
