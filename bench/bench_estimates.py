"""Subject estimates at scale, beside full rescoring in the same process.

    .venv/bin/python bench/bench_estimates.py [--claims N]

Builds bench_scoring's synthetic case (100,000 claims, 5,000 sources, 20,000 documents
by default), then times, in CPU seconds: full rescoring (the baseline) and every
subject's estimate (tracker.scoring.estimate.estimate_subjects), and prints the ratio.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scoring import build  # noqa: E402

from tracker.scoring import score_inputs  # noqa: E402
from tracker.scoring.estimate import estimate_subjects  # noqa: E402


def cpu(fn):  # type: ignore[no-untyped-def]
    start = time.process_time()
    result = fn()
    return result, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=5_000)
    parser.add_argument("--documents", type=int, default=20_000)
    args = parser.parse_args()
    inputs = build(args.claims, args.sources, args.documents)
    scores, scoring = cpu(lambda: score_inputs(inputs))
    summaries, estimating = cpu(lambda: estimate_subjects(inputs, scores=scores))
    estimates = sum(len(s.estimates) for s in summaries)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.claims:,} claims, {len(summaries):,} subjects, {estimates:,} estimates (CPU s)")
    print(f"  full rescoring (baseline): {scoring:.2f} s")
    print(f"  subject estimates:         {estimating:.2f} s ({estimating / scoring:.2f}x scoring)")
    print(f"  together:                  {scoring + estimating:.2f} s; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
