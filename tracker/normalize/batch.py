"""``normalize`` over many texts at once, spread over the machine's cores.

The normalizer is pure Python and CPU-bound: a whole case (a thousand articles,
a hundred thousand sentences) keeps one core busy for most of a minute. Past
``PARALLEL_FROM`` texts the work is cut into chunks and given to worker
processes; below it, or on one core, it runs here. Either way the answers are
exactly ``[normalize(text, anchor) for text, anchor in items]``, in order.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from tracker.normalize import normalize
from tracker.normalize.types import Anchor, Normalized

# Starting workers costs about a second of imports (spawn); fewer texts run here.
PARALLEL_FROM = 4000
# Texts per task: large enough that pickling is a small share, small enough to balance.
CHUNK = 1000


def default_workers() -> int:
    """The cores this process may use (TRACKER_WORKERS overrides; 1 turns workers off)."""
    configured = os.environ.get("TRACKER_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def normalize_all(
    items: Sequence[tuple[str, Anchor]], workers: int | None = None
) -> list[Normalized]:
    """``normalize(text, anchor)`` for every item, in order."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(items) < PARALLEL_FROM:
        return _chunk(items)
    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    context = multiprocessing.get_context(_start_method())
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return [reading for part in pool.map(_chunk, chunks) for reading in part]


def _start_method() -> str:
    """fork where it is safe (one thread; workers touch nothing but their texts): it
    starts at once and does not import the caller's main script again. With threads
    running (the TUI), a forked child could inherit a held lock, so spawn."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _chunk(items: Sequence[tuple[str, Anchor]]) -> list[Normalized]:
    return [normalize(text, anchor) for text, anchor in items]
