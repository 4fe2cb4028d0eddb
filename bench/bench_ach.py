"""ACH at the size the issue names: 1,000 claims x 10 hypotheses.

    .venv/bin/python bench/bench_ach.py

Prints the time of ``tracker.ach.matrix.assess`` (scores, diagnosticity, sensitivity)
beside a baseline in the same process: the same sensitivity computed the naive way,
rescoring the whole matrix once per claim removed and once per claim reversed.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.ach.matrix import INCONSISTENCY, REVERSED, Matrix, assess  # noqa: E402

CLAIMS, HYPOTHESES, ROUNDS = 1000, 10, 5


def build(seed: int = 7) -> Matrix:
    rng = random.Random(seed)
    hypotheses = tuple(f"h{i}" for i in range(HYPOTHESES))
    claims = tuple(f"c{i:04d}" for i in range(CLAIMS))
    ratings = {
        (h, c): rng.choice(("CC", "C", "N", "N", "I", "II")) for h in hypotheses for c in claims
    }
    weights = {c: rng.uniform(0.05, 1.0) for c in claims}
    return Matrix(hypotheses, claims, ratings, weights)


def naive_sensitive(matrix: Matrix) -> list[str]:
    def lead(skip: str | None = None, flip: str | None = None) -> str:
        totals = {}
        for h in matrix.hypotheses:
            total = 0.0
            for c in matrix.claims:
                if c == skip:
                    continue
                r = matrix.rating(h, c)
                total += INCONSISTENCY[REVERSED[r] if c == flip else r] * matrix.weight(c)
            totals[h] = total
        return min(totals, key=lambda h: (totals[h], h))

    first = lead()
    return [c for c in matrix.claims if lead(skip=c) != first or lead(flip=c) != first]


def best(fn, rounds: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times), statistics.median(times)


def main() -> None:
    matrix = build()
    ours_best, ours_median = best(lambda: assess(matrix), ROUNDS)
    naive_best, _ = best(lambda: naive_sensitive(matrix), 1)
    print(f"ACH {CLAIMS} claims x {HYPOTHESES} hypotheses (CPU seconds)")
    print(
        f"  assess (scores, diagnosticity, sensitivity): best {ours_best * 1000:.1f} ms,"
        f" median {ours_median * 1000:.1f} ms"
    )
    print(f"  baseline: naive sensitivity (rescore per claim): {naive_best * 1000:.0f} ms")
    print(f"  ratio: {naive_best / ours_best:.0f}x")


if __name__ == "__main__":
    main()
