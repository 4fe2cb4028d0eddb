"""The ACH matrix: claims down, hypotheses across, one rating per cell, the ranking and
the claims it rests on beside it, live as ratings change.

Keys on the cursor's cell: v very consistent, c consistent, n neutral, i inconsistent,
x very inconsistent, delete clears, a accepts the tool's proposal (shown as "c?").
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tracker.scoring import CaseScores
from tracker.tui.matrix_data import MatrixView, read_matrix, set_rating
from tracker.tui.messages import Failed, Loaded, Saved
from tracker.tui.text import literal

CLAIM_WIDTH = 22
RATING_STYLE = {
    "CC": "bold green",
    "C": "green",
    "N": "dim",
    "I": "dark_orange",
    "II": "bold red",
}


class MatrixScreen(Screen[None]):
    HELP_TITLE = "Hypotheses (5)"  # the heading of its keys in ?

    BINDINGS = [
        Binding("escape", "app.show('claims')", "Claims"),
        Binding("v", "rate('CC')", "CC"),
        Binding("c", "rate('C')", "C"),
        Binding("n", "rate('N')", "N"),
        Binding("i", "rate('I')", "I"),
        Binding("x", "rate('II')", "II"),
        Binding("delete,backspace", "rate('')", "Clear"),
        Binding("a", "accept", "Accept proposal"),
    ]

    def __init__(self) -> None:
        super().__init__(id="matrix")
        self.view: MatrixView | None = None
        self._scores: CaseScores | None = None  # ratings never change scores: read once

    def compose(self) -> ComposeResult:
        yield Static(
            "Hypotheses: v CC · c C · n N · i I · x II · del clears · a accepts a proposal (c?)",
            id="hint",
        )
        with Horizontal(id="matrix-body"):
            yield DataTable(id="matrix-table", cursor_type="cell", zebra_stripes=True)
            # Scrolls: at 80x24 a tie's sentence and the sensitivity one run past the foot.
            with VerticalScroll(id="matrix-side"):
                yield Static("", id="matrix-ranking")
        # ctrl+p is in ? (and works everywhere): its footer item left room for too little.
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="matrix-read")
    def reload(self) -> None:
        try:
            view = read_matrix(self.app.engine, self._scores)  # type: ignore[attr-defined]
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(f"Could not read the matrix: {error}"))
            return
        self.post_message(Loaded("matrix", view))

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        view: MatrixView = message.data
        self._scores = view.case.scores
        first = self.view is None
        self.view = view
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        hypotheses = view.case.matrix.hypotheses
        if first or len(table.columns) != 2 + len(hypotheses):
            table.clear(columns=True)
            # Narrow columns so the hypotheses, not the claim ids, get the width.
            table.add_column("Claim", width=CLAIM_WIDTH)
            table.add_column("Wt", width=4)
            for n, _h in enumerate(hypotheses, start=1):
                table.add_column(f"H{n}", width=3)  # named in the ranking beside
        else:
            table.clear()
        for claim, _text in view.claims:
            table.add_row(*self._cells(view, claim), key=claim)
        if view.claims and not first:
            table.cursor_coordinate = cursor
        self.query_one("#matrix-ranking", Static).update(self._ranking(view))

    def _cells(self, view: MatrixView, claim: str) -> list[Text]:
        matrix = view.case.matrix
        result = view.case.assessment
        mark = " !" if claim in result.sensitive else " ·" if claim in result.not_diagnostic else ""
        cells = [
            literal(claim + mark),
            Text(f"{matrix.weight(claim):.2f}" if claim in matrix.claims else ""),
        ]
        for h in matrix.hypotheses:
            stored = view.case.matrix.ratings.get((h, claim))
            if stored is not None:
                cells.append(Text(stored, style=RATING_STYLE[stored], justify="center"))
            elif (h, claim) in view.proposed:
                offer = view.proposed[(h, claim)].rating
                cells.append(Text(offer.lower() + "?", style="italic dim", justify="center"))
            else:
                cells.append(Text(""))
        return cells

    def _ranking(self, view: MatrixView) -> Text:
        case = view.case
        text = Text()
        if not case.hypotheses:
            text.append("No hypotheses yet: tracker hypotheses add ID --title TITLE")
            return text
        text.append("Ranking (least against first)\n", style="bold")
        label = {h: f"H{n}" for n, h in enumerate(case.matrix.hypotheses, start=1)}
        for s in case.assessment.scores:
            text.append(f"{s.rank}. {label[s.hypothesis]} {s.hypothesis} ", style="bold")
            text.append(f"{s.inconsistency:.2f}\n")
            text.append_text(literal("   " + case.hypotheses[s.hypothesis].title, "dim"))
            text.append("\n")
        # The sentences `tracker ach` prints under its ranking, in its order and words.
        for words in (case.tie_words(), case.unrated_warning(), case.sensitivity_words()):
            if words:
                text.append("\n" + words + "\n")
        text.append("\nmarks: ! sensitive, · not diagnostic", style="dim")
        return text

    def _cell(self) -> tuple[str, str] | None:
        if self.view is None or not self.view.claims:
            return None
        table = self.query_one(DataTable)
        row, column = table.cursor_coordinate
        hypotheses = self.view.case.matrix.hypotheses
        if column < 2 or column - 2 >= len(hypotheses):
            self.notify("Move to a hypothesis column to rate", severity="warning")
            return None
        return hypotheses[column - 2], self.view.claims[row][0]

    def action_rate(self, rating: str) -> None:
        cell = self._cell()
        if cell is not None:
            self._write(*cell, rating or None)

    def action_accept(self) -> None:
        cell = self._cell()
        if cell is None or self.view is None:
            return
        offer = self.view.proposed.get(cell)
        if offer is None:
            self.notify("No proposal on this cell", severity="warning")
            return
        self._write(*cell, offer.rating)

    @work(thread=True, group="matrix-write")
    def _write(self, hypothesis: str, claim: str, rating: str | None) -> None:
        try:
            summary = set_rating(self.app.engine, hypothesis, claim, rating)  # type: ignore[attr-defined]
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(str(error)))
            return
        self.post_message(Saved(summary))

    def on_saved(self, message: Saved) -> None:
        message.stop()
        self.notify(message.summary, markup=False)
        self.reload()

    def on_failed(self, message: Failed) -> None:
        message.stop()
        self.notify(message.summary, severity="error", markup=False)
