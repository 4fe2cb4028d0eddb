"""Time to suggest claims for all five articles of the worked case, after warm-up.

    .venv/bin/python bench/bench_suggest.py [--repeat N]

Imports the bundled case's sources and articles (not its claims, so every
sentence is still a candidate) into an in-memory SQLite database, runs
``suggest`` once to warm up, then times N runs. The baseline, in the same
process, is the normalizer alone over every sentence of the same articles:
the share of the time that is speaker, hedge, subject and derivation work is
the ratio printed last.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.db import open_database, session_scope  # noqa: E402
from tracker.importers.articles import parse_markdown, store_article  # noqa: E402
from tracker.importers.sources import import_sources  # noqa: E402
from tracker.models import Document  # noqa: E402
from tracker.normalize import normalize  # noqa: E402
from tracker.suggest import suggest  # noqa: E402
from tracker.suggest.sentences import split_sentences  # noqa: E402
from tracker.suggest.workflow import document_anchor  # noqa: E402

CASE = ROOT / "imports" / "najin-2023"


def build():  # type: ignore[no-untyped-def]
    engine = open_database(":memory:")
    with session_scope(engine) as session:
        sources = CASE / "sources.yaml"
        import_sources(session, sources, sources.read_text(encoding="utf-8"))
        articles = [parse_markdown(p, p.read_text(encoding="utf-8")) for p in CASE.glob("*.md")]
        # Originals before the documents derived from them.
        pending = {a.id: a for a in articles}
        while pending:
            ready = [a for a in pending.values() if not set(a.derived_from) & set(pending)]
            for article in ready or list(pending.values()):
                store_article(session, article)
                pending.pop(article.id)
    return engine


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    engine = build()
    with session_scope(engine) as session:
        documents = list(session.exec(__import__("sqlmodel").select(Document)).all())
        work = [(s.text, document_anchor(d)) for d in documents for s in split_sentences(d.text)]

        def run_suggest() -> None:
            suggest(session)

        def run_normalizer() -> None:
            for text, anchor in work:
                if anchor is not None:
                    normalize(text, anchor)

        count = len(suggest(session))  # warm-up
        run_normalizer()
        ours = timed(run_suggest, args.repeat)
        base = timed(run_normalizer, args.repeat)
    med, base_med = statistics.median(ours), statistics.median(base)
    print(f"documents: {len(documents)}, sentences: {len(work)}, suggestions: {count}")
    print(f"suggest (all documents), median of {args.repeat}: {med * 1000:.1f} ms")
    print(f"baseline: normalize() over every sentence, median: {base_med * 1000:.1f} ms")
    print(f"ratio suggest / normalizer-alone: {med / base_med:.2f}")


if __name__ == "__main__":
    main()
