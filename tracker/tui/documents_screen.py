"""The reader: an article's text with curated quotes and open suggestions marked.

Curated quotes (attributions) are green; open suggestions are yellow, the one
under the cursor reversed. ``n``/``p`` move between suggestions; ``a`` accepts
one into a new claim (a prefilled form), ``t`` attaches it to an existing claim,
``x`` rejects it.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tracker.tui.messages import Failed, Loaded, Saved
from tracker.tui.reader import DocumentView, list_documents, read_document, suggestion_action
from tracker.tui.text import clean, literal


class DocumentsScreen(Screen[None]):
    HELP_TITLE = "Documents (3)"  # the heading of its keys in ?
    BINDINGS = [
        Binding("escape", "app.show('claims')", "Claims"),
        Binding("n", "move(1)", "Next suggestion"),
        Binding("p", "move(-1)", "Previous suggestion"),
        Binding("a", "accept", "Accept"),
        Binding("t", "attach", "Attach"),
        Binding("x", "reject", "Reject"),
    ]

    def __init__(self) -> None:
        super().__init__(id="documents")
        self.document: DocumentView | None = None
        self.current = 0

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="documents-list")
            with VerticalScroll(id="reader"):
                yield Static(Text("Choose a document.", style="dim"), id="reader-head")
                yield Static(id="reader-text")
        # ctrl+p is in ? (and works everywhere): its footer item left room for too little.
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="documents")
    def reload(self) -> None:
        try:
            self.post_message(Loaded("documents", list_documents(self.app.engine)))  # type: ignore[attr-defined]
            if self.document is not None:
                self.open_document(self.document.id)
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(f"Could not read documents: {error}"))

    @work(thread=True, exclusive=True, group="document")
    def open_document(self, document_id: str) -> None:
        try:
            self.post_message(Loaded("document", read_document(self.app.engine, document_id)))  # type: ignore[attr-defined]
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(f"Could not open {document_id}: {error}"))

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.what == "documents":
            options = self.query_one("#documents-list", OptionList)
            highlighted = options.highlighted
            options.clear_options()
            for doc_id, label in message.data:
                options.add_option(Option(literal(label), id=doc_id))
            if not message.data:
                options.add_option(Option(Text("No documents: press i to import", "dim")))
            else:
                # The first row is selected from the start: Enter opens it, Down the next.
                start = 0 if highlighted is None else highlighted
                options.highlighted = min(start, options.option_count - 1)
        elif message.what == "document":
            self.document = message.data
            self.current = min(self.current, max(0, len(self.document.suggestions) - 1))
            self._show_document()

    @on(OptionList.OptionSelected, "#documents-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.current = 0
            self.open_document(event.option.id)

    def _show_document(self) -> None:
        doc = self.document
        if doc is None:
            return
        head = Text()
        head.append(clean(doc.title) or doc.id, style="bold")
        head.append(f"\n{clean(doc.outlet)}  {clean(doc.published)}  ({clean(doc.id)})", "dim")
        if doc.needs_review:
            # Fixed from the command line: tracker documents ID --set-outlet/--set-published.
            head.append(f"\nNeeds review: {clean(', '.join(doc.needs_review))}", style="bold red")
        n = len(doc.suggestions)
        head.append(f"\n{len(doc.quotes)} curated quotes (green) · {n} open suggestions (yellow)")
        if doc.suggest_error:
            head.append(f"\nSuggestions unavailable: {clean(doc.suggest_error)}", style="dim")
        elif n:
            s = doc.suggestions[self.current]
            head.append(f"\nSuggestion {self.current + 1}/{n}: ", style="bold")
            head.append(clean(getattr(s, "subject", "") or ""), style="yellow")
        self.query_one("#reader-head", Static).update(head)
        body = Text(clean(doc.text, one_line=False))
        for start, end in doc.quotes:
            body.stylize("bold green", start, end)
        for i, s in enumerate(doc.suggestions):
            style = "reverse yellow" if i == self.current else "underline yellow"
            body.stylize(style, s.start, s.end)
        self.query_one("#reader-text", Static).update(body)
        if doc.suggestions:
            self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        """Bring the current suggestion into view (by its place in the text: wrapping varies)."""
        doc = self.document
        if doc is None or not doc.suggestions or not doc.text:
            return
        reader = self.query_one("#reader", VerticalScroll)
        text = self.query_one("#reader-text", Static)
        where = doc.suggestions[self.current].start / len(doc.text)
        line = text.region.y - reader.region.y + reader.scroll_y + where * text.region.height
        reader.scroll_to(y=max(0, line - reader.size.height // 3), animate=False)

    def _suggestion(self) -> Any:
        if self.document is None or not self.document.suggestions:
            self.notify("No open suggestion in this document", severity="warning")
            return None
        return self.document.suggestions[self.current]

    def action_move(self, step: int) -> None:
        if self.document and self.document.suggestions:
            self.current = (self.current + step) % len(self.document.suggestions)
            self._show_document()

    def action_accept(self) -> None:
        suggestion = self._suggestion()
        if suggestion is None:
            return

        def done(edits: dict[str, str] | None) -> None:
            if edits is not None:
                self.act("accept", suggestion.id, edits)

        self.app.accept_form(suggestion, done)  # type: ignore[attr-defined]

    def action_attach(self) -> None:
        suggestion = self._suggestion()
        if suggestion is None:
            return

        def done(claim_id: str | None) -> None:
            if claim_id:
                self.act("attach", suggestion.id, {"claim_id": claim_id.strip()})

        self.app.ask("Attach this quote to claim (id):", done)  # type: ignore[attr-defined]

    def action_reject(self) -> None:
        suggestion = self._suggestion()
        if suggestion is not None:
            self.act("reject", suggestion.id, {})

    @work(thread=True, group="documents-write")
    def act(self, verb: str, suggestion_id: str, edits: dict[str, str]) -> None:
        try:
            summary = suggestion_action(self.app.engine, verb, suggestion_id, edits)  # type: ignore[attr-defined]
            self.post_message(Saved(summary))
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(f"{verb} failed: {error}"))

    def on_saved(self, message: Saved) -> None:
        message.stop()
        self.notify(message.summary, markup=False)
        self.app.claims_changed()  # type: ignore[attr-defined]
        if self.document is not None:
            self.open_document(self.document.id)

    def on_failed(self, message: Failed) -> None:
        message.stop()
        self.notify(message.summary, severity="error", markup=False)
