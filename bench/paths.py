"""Where the benchmarks find the project's shared/ folder (seed articles, conformance data):
beside the checkout, or wherever TRACKER_SHARED points."""

import os
from pathlib import Path

SHARED = Path(os.environ.get("TRACKER_SHARED") or Path(__file__).resolve().parents[2] / "shared")
SEEDS = SHARED / "seeds"
