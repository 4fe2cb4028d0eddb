"""The claims screen: every claim grouped by subject, filtered as you type."""

from __future__ import annotations

import threading
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tracker.tui.claims_table import ClaimsTable
from tracker.tui.messages import ClaimsLoaded, EstimatesLoaded, Failed, ScoresLoaded
from tracker.tui.rows import ClaimRow, filter_rows, load_rows
from tracker.tui.scores import EstimateCells, ScoreSummary, apply_scores, score_all
from tracker.tui.text import literal

FIRST_PAGE = 200

EMPTY_HELP = (
    "No claims in this database yet.\n\n"
    "  • Press i (or ctrl+p → Import files) and give a case folder, e.g. imports/najin-2023\n"
    "  • or, from the shell:  tracker import imports/najin-2023\n"
    "  • or load the bundled demo case:  tracker demo\n\n"
    "Then claims appear here, grouped by subject. Press ? for every key."
)


class ClaimsScreen(Screen[None]):
    """Claims table with a filter; scores arrive after the first paint."""

    HELP_TITLE = "Claims (1)"  # the heading of its keys in ?
    # Focused as the screen is composed, before any key is read: keys typed while tracker
    # starts (a terminal holds them until then) are the table's and the app's (2 shows
    # the sources), never the filter's, which Textual would focus first, being first.
    AUTO_FOCUS = "#claims-table"

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", key_display="/"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="claims")
        self._all: list[ClaimRow] = []
        self._query = ""
        self._shown: list[ClaimRow] = []
        self.loaded = False
        self._generation = 0
        self._first_paint = threading.Event()
        self.partial = False
        self._scores: dict[str, ScoreSummary] | None = None
        # query -> rows: backspacing returns to a result already computed.
        self._cache: dict[str, list[ClaimRow]] = {}
        self.score_state = "scoring…"
        # The subjects screen's estimates, from the same scoring as the table's scores
        # (subject id -> cells); the last ones stay until a rescoring brings new ones.
        self.estimates: dict[int, EstimateCells] | None = None
        self.estimating = True

    def compose(self) -> ComposeResult:
        yield Input(placeholder="/ filter: text, source, subject, value", id="filter")
        yield Static("Loading claims…", id="claims-status", markup=False)
        yield ClaimsTable(id="claims-table")
        yield Static(EMPTY_HELP, id="claims-empty", markup=False)
        # ctrl+p is in ? (and works everywhere): its footer item left room for too little.
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#claims-empty").display = False
        self.reload()

    # -- workers ----------------------------------------------------------------
    def reload(self) -> None:
        """Reread and rescore; results of an older reload still running are ignored."""
        self._generation += 1
        if self.loaded:
            self.score_state = "rescoring…"
        self.estimating = True
        self._read(self._generation)

    @work(thread=True, group="claims-load")
    def _read(self, generation: int) -> None:
        """Read every claim, post it, then score the case and post the scores, then the
        subjects' estimates."""
        engine = self.app.engine  # type: ignore[attr-defined]
        try:
            if not self.loaded:
                # The first screenful paints before the whole case has been read.
                first = load_rows(engine, limit=FIRST_PAGE)
                self.post_message(ClaimsLoaded(first, generation, partial=True))
                # Reading the rest competes for the GIL: let the first page paint first.
                self._first_paint.wait(timeout=2)
            self.post_message(ClaimsLoaded(load_rows(engine), generation))
        except Exception as error:  # noqa: BLE001 - shown to the analyst, never a crash
            self.post_message(Failed(f"Could not load claims: {error}"))
            return
        posted: set[str] = set()

        def send(what: str, data: Any) -> None:
            posted.add(what)
            if what == "claims":
                self.post_message(ScoresLoaded(data, generation))
            else:
                self.post_message(EstimatesLoaded(data, generation))

        try:
            score_all(engine, send)
        except Exception as error:  # noqa: BLE001
            if "claims" not in posted:
                self.post_message(ScoresLoaded(None, generation))
            self.post_message(EstimatesLoaded(None, generation))
            self.post_message(Failed(f"Could not score the case: {error}"))

    def on_claims_loaded(self, message: ClaimsLoaded) -> None:
        if message.generation != self._generation or (message.partial and self.loaded):
            return
        if not message.partial and self._scores is not None:
            # Keep the last scores on screen until the rescoring arrives.
            apply_scores(message.rows, self._scores)
        self._all = message.rows
        self.partial = message.partial
        self.loaded = True
        self._cache.clear()
        self._apply_filter(self._query, force=True)
        if message.partial:
            self.call_after_refresh(self._first_paint.set)

    def on_scores_loaded(self, message: ScoresLoaded) -> None:
        if message.generation != self._generation:
            return
        self._scores = message.scores
        apply_scores(self._all, message.scores)
        self.score_state = "" if message.scores is not None else "scores: not available yet"
        table = self.query_one(ClaimsTable)
        table.set_rows(self._shown)
        self._update_status()

    def on_estimates_loaded(self, message: EstimatesLoaded) -> None:
        if message.generation != self._generation:
            return
        self.estimates = message.estimates
        self.estimating = False
        self.app.estimates_changed()  # type: ignore[attr-defined]

    def on_failed(self, message: Failed) -> None:
        message.stop()
        self.notify(message.summary, severity="error", markup=False)

    # -- filter -----------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._apply_filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(ClaimsTable).focus()

    def _apply_filter(self, query: str, force: bool = False) -> None:
        previous = self._query
        self._query = query
        key = " ".join(query.lower().split())
        if key in self._cache and not force:
            self._shown = self._cache[key]
        else:
            # Typing narrows: refine the rows already shown instead of scanning everything.
            narrowing = not force and previous and query.lower().startswith(previous.lower())
            self._shown = filter_rows(self._shown if narrowing else self._all, query)
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = self._shown
        self.query_one(ClaimsTable).set_rows(self._shown, keep_cursor=force)
        self._update_status()

    def _update_status(self) -> None:
        empty = self.loaded and not self._all
        self.query_one("#claims-empty").display = empty
        self.query_one(ClaimsTable).display = not empty
        # Nothing to filter: keys go to the app (i imports, ? helps), not into the input.
        self.query_one("#filter").display = not empty
        if empty:
            self.set_focus(None)
        elif self.focused is None:
            self.query_one(ClaimsTable).focus()
        status = self.query_one("#claims-status", Static)
        if not self.loaded:
            return
        shown, total = len(self._shown), len(self._all)
        parts = [f"{shown:,} of {total:,} claims" if self._query else f"{total:,} claims"]
        if self.partial:
            parts[0] = f"first {total:,} claims, reading the rest…"
        if self._query:
            parts.append(f"filter: {self._query}")
        parts.append(f"sorted by {self.query_one(ClaimsTable).sort}")
        if self.score_state:
            parts.append(self.score_state)
        status.update(literal("  ·  ".join(parts)))

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one(ClaimsTable).focus()

    @on(ClaimsTable.Opened)
    def _open(self, event: ClaimsTable.Opened) -> None:
        self.app.open_claim(event.claim_id)  # type: ignore[attr-defined]

    @property
    def table(self) -> ClaimsTable:
        return self.query_one(ClaimsTable)
