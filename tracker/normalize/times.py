"""Dates and periods resolved against the anchor."""

from __future__ import annotations

from tracker.normalize.types import Anchor, TimeSpan


def find_times(text: str, anchor: Anchor) -> list[TimeSpan]:
    raise NotImplementedError
