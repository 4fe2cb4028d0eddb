"""Messages that workers post back to the widgets that own the data."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from tracker.tui.rows import ClaimRow


class ClaimsLoaded(Message):
    """Claims read from the database (scores not applied yet); ``partial``: the first page."""

    def __init__(self, rows: list[ClaimRow], generation: int, partial: bool = False) -> None:
        super().__init__()
        self.rows = rows
        self.generation = generation
        self.partial = partial


class ScoresLoaded(Message):
    """Scores for every claim (None while tracker.scoring does not exist)."""

    def __init__(self, scores: dict[str, Any] | None, generation: int) -> None:
        super().__init__()
        self.scores = scores
        self.generation = generation


class EstimatesLoaded(Message):
    """Each subject's estimate cells, from the same scoring as the last ScoresLoaded
    (None: not available)."""

    def __init__(self, estimates: dict[int, Any] | None, generation: int) -> None:
        super().__init__()
        self.estimates = estimates
        self.generation = generation


class Loaded(Message):
    """A screen's data, read in a worker; ``what`` says which part of the screen it is for."""

    def __init__(self, what: str, data: Any) -> None:
        super().__init__()
        self.what = what
        self.data = data


class Saved(Message):
    """A change was written; ``summary`` is shown to the analyst."""

    def __init__(self, summary: str, data: Any = None) -> None:
        super().__init__()
        self.summary = summary
        self.data = data


class Failed(Message):
    """A worker failed; shown as a notification, never a crash."""

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary
