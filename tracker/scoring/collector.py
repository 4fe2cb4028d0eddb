"""Scoring a whole case builds a few hundred thousand small objects and frees none of
them; Python's cyclic collector would walk them all again and again while they are
built (about a third of the time on 100,000 claims) and find no garbage. It is paused
for the build.

On resuming, everything built is still in the youngest generation, so the next young
collection would walk it all once more; it is moved to the oldest generation instead
(``gc.freeze`` then ``gc.unfreeze``, two list splices), where it is looked at only when
the heap has grown by a quarter, as objects that live long are anyway."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Nested or concurrent pauses are fine: only the one that paused it resumes it."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            # Someone else's frozen objects (a server freezing before fork) stay frozen.
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
