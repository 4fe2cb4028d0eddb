"""TrackerApp: the claims table first, other screens one key away, every action in ctrl+p."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine
from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Select

from tracker.tui.accept_screen import AcceptScreen
from tracker.tui.claims_screen import ClaimsScreen
from tracker.tui.commands import TrackerCommands
from tracker.tui.confirm_screen import ConfirmScreen
from tracker.tui.detail_screen import ClaimDetailScreen
from tracker.tui.dialog import Dialog
from tracker.tui.help_screen import HelpScreen
from tracker.tui.messages import Failed, Loaded, Saved
from tracker.tui.prompt_screen import PromptScreen
from tracker.tui.scores import prepare_scoring, stop_scoring
from tracker.undo import Operation, newest, undo

# The app's actions bound to a plain letter or digit.
SCREENS = Binding.Group("Screens", compact=True)
LETTER_ACTIONS = frozenset({"quit", "show", "undo", "import_files", "export_brief", "cite"})


class TrackerApp(App[None]):
    """Where analysts curate claims, on the database behind ``engine``."""

    TITLE = "tracker"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {TrackerCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
        # One footer item, "12345 Screens": a footer at 80 columns has room for little.
        Binding("1", "show('claims')", "Claims", group=SCREENS),
        Binding("2", "show('sources')", "Sources", group=SCREENS),
        Binding("3", "show('documents')", "Documents", group=SCREENS),
        Binding("4", "show('subjects')", "Subjects", group=SCREENS),
        Binding("5", "show('matrix')", "Hypotheses", group=SCREENS),
        Binding("u", "undo", "Undo"),
        Binding("i", "import_files", "Import"),
        Binding("b", "export_brief", "Brief"),
        Binding("c", "cite", "Cite", show=False),
    ]

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        prepare_scoring()
        self.engine = engine
        self.claims_screen = ClaimsScreen()
        self._undo_lock = threading.Lock()
        # Every dialog, built ahead (build_dialogs) and reused: opening one is instant.
        self.prompt = PromptScreen()
        self.confirm_dialog = ConfirmScreen()
        self.accept_dialog = AcceptScreen()
        self.help_dialog = HelpScreen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A letter typed on a form's choice (the stance) belongs to the form: it must not
        # quit, undo or import. Inputs take their keys themselves; a Select does not.
        if action in LETTER_ACTIONS and self._on_a_choice():
            return False
        # Under a dialog, letters are the dialog's (typed into it, or its own keys).
        if action in LETTER_ACTIONS and isinstance(self.screen, ModalScreen):
            return False
        return True

    def _on_a_choice(self) -> bool:
        focused = self.focused
        return focused is not None and any(
            isinstance(node, Select) for node in focused.ancestors_with_self
        )

    def on_mount(self) -> None:
        self.push_screen(self.claims_screen)
        self.call_after_refresh(self.build_dialogs)

    async def _on_key(self, event: events.Key) -> None:
        # A key reaches the app after the screen it was sent to passed it on. If a dialog
        # opened meanwhile (the key that opened it was ahead in the queue), the key was
        # typed for the dialog: never the screen beneath's (a path's b, the brief).
        dialog = self.screen
        if isinstance(dialog, Dialog) and not dialog.saw(event):
            event.prevent_default()  # App._on_key (the bindings) does not run
            event.stop()
            dialog.take(event)

    def build_dialogs(self) -> None:
        """Compose every dialog now, off screen, once the first screen is up: the first
        opening of each was otherwise a second or more of building while keys went by."""
        for name, dialog in self._dialogs().items():
            if not self.is_screen_installed(dialog):
                self.install_screen(dialog, name)
                self._get_screen(name)  # registers it: compose and mount run now

    def _dialogs(self) -> dict[str, Screen[Any]]:
        return {
            "prompt": self.prompt,
            "confirm": self.confirm_dialog,
            "accept": self.accept_dialog,
            "help": self.help_dialog,
        }

    def _open(self, dialog: Any, done: Any = None) -> None:
        self.push_screen(dialog, done)
        focus_first = getattr(dialog, "focus_first", None)
        if callable(focus_first):
            focus_first()

    def ask(
        self,
        question: str,
        done: Callable[[str | None], None],
        value: str = "",
        placeholder: str = "",
    ) -> None:
        """One line of text from the analyst (None: escape)."""
        self.prompt.ask(question, value, placeholder)
        self._open(self.prompt, done)

    def confirm(
        self, question: str, yes: str, no: str, done: Callable[[bool | None], None]
    ) -> None:
        self.confirm_dialog.ask(question, yes, no)
        self._open(self.confirm_dialog, done)

    def accept_form(self, suggestion: Any, done: Callable[[dict[str, str] | None], None]) -> None:
        self.accept_dialog.fill(suggestion)
        self._open(self.accept_dialog, done)

    def on_unmount(self) -> None:
        stop_scoring()

    # -- navigation -------------------------------------------------------------------
    def _to_claims(self) -> None:
        while len(self.screen_stack) > 2 and self.screen is not self.claims_screen:
            self.pop_screen()

    def action_show(self, name: str) -> None:
        self._to_claims()
        if name == "claims":
            return
        from tracker.tui.documents_screen import DocumentsScreen
        from tracker.tui.matrix_screen import MatrixScreen
        from tracker.tui.sources_screen import SourcesScreen
        from tracker.tui.subjects_screen import SubjectsScreen

        screens: dict[str, Any] = {
            "sources": SourcesScreen,
            "documents": DocumentsScreen,
            "subjects": SubjectsScreen,
            "matrix": MatrixScreen,
        }
        self.push_screen(screens[name]())

    def open_claim(self, claim_id: str) -> None:
        self.push_screen(ClaimDetailScreen(claim_id))

    def claims_changed(self) -> None:
        """A write happened: reread and rescore so the claims table shows it at once."""
        self.claims_screen.reload()

    def estimates_changed(self) -> None:
        """The claims screen's scoring brought the subjects' estimates: show them."""
        from tracker.tui.subjects_screen import SubjectsScreen

        for screen in self.screen_stack:
            if isinstance(screen, SubjectsScreen):
                screen.show_estimates()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.help_dialog.show_for(self.screen)
            self._open(self.help_dialog)

    # -- undo -----------------------------------------------------------------------
    def action_undo(self) -> None:
        self._undo(None)

    @work(thread=True, group="undo")
    def _undo(self, operation_id: str | None) -> None:
        """The analyst's newest edit at once; an import only once they said yes to it
        by name (``operation_id``: the import they confirmed)."""
        # One undo at a time: two quick presses must not both revert the same edit.
        with self._undo_lock:
            try:
                if operation_id is None:
                    found = newest(self.engine)
                    if found is None:
                        self.post_message(Failed("Cannot undo: nothing to undo"))
                        return
                    if found.is_import:
                        self.post_message(Loaded("undo-import", found))
                        return
                    operation_id = found.id
                done = undo(self.engine, operation_id)
            except Exception as error:  # noqa: BLE001
                self.post_message(Failed(f"Cannot undo: {error}"))
                return
        if done.is_import:
            self.post_message(Saved(f"Undid {done.words}: {done.what_goes} removed"))
        else:
            self.post_message(Saved(f"Undid {done.words}"))

    def _confirm_undo_import(self, found: Operation) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                self._undo(found.id)
            else:
                self.notify(f"Kept {found.words}", markup=False)

        self.confirm(found.question, "Undo the import", "Keep it", done)

    def on_saved(self, message: Saved) -> None:
        self.notify(message.summary, markup=False)
        self.claims_changed()
        refresh = getattr(self.screen, "reload", None)
        if callable(refresh) and self.screen is not self.claims_screen:
            refresh()

    def on_failed(self, message: Failed) -> None:
        self.notify(message.summary, severity="error", markup=False)

    # -- import, brief, cite ----------------------------------------------------------
    def action_import_files(self) -> None:
        def done(path: str | None) -> None:
            if path:
                self._import(path.strip())

        self.ask("Import files or a case folder:", done, placeholder="imports/najin-2023")

    @work(thread=True, exclusive=True, group="import")
    def _import(self, path: str) -> None:
        from tracker.tui.actions import import_path

        try:
            self.post_message(Saved(import_path(self.engine, path)))
        except RuntimeError as error:  # some files failed: its text names each of them
            self.post_message(Failed(str(error)))
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(f"Import failed: {error}"))
        else:
            return
        # The files that did import are on screen at once.
        self.call_from_thread(self.claims_changed)

    def action_export_brief(self) -> None:
        def done(path: str | None) -> None:
            if path:
                from tracker.tui.brief_screen import BriefScreen

                # On screen at once, saying what it is doing; the writing is a worker's.
                self.push_screen(BriefScreen(path.strip()))

        self.ask("Write the brief to:", done, value="brief.md")

    def action_cite(self) -> None:
        def done(query: str | None) -> None:
            if query:
                self._cite(query.strip())

        self.ask("Where did this figure come from?", done, placeholder="1 million rounds")

    @work(thread=True, exclusive=True, group="cite")
    def _cite(self, query: str) -> None:
        from tracker.tui.actions import cite

        try:
            self.post_message(Loaded("cite", (query, cite(self.engine, query))))
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(f"Citation lookup failed: {error}"))

    def on_loaded(self, message: Loaded) -> None:
        if message.what == "undo-import":
            self._confirm_undo_import(message.data)
        if message.what == "cite":
            from tracker.tui.result_screen import ResultScreen

            query, text = message.data
            self.push_screen(ResultScreen(f"Citations for {query!r}", text))
