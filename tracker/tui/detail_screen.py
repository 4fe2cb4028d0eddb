"""One claim: its attributions, scores and why, links to related claims, and an editor."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from tracker.db import session_scope
from tracker.normalize import Anchor
from tracker.scoring.scores import UNJUDGED, verdict_words
from tracker.tui.claims_edit import Preview, claim_anchor, preview, save_claim
from tracker.tui.messages import Failed, Loaded, Saved
from tracker.tui.store import ClaimView, claim_view
from tracker.tui.text import clean, literal


def _attributions(view: ClaimView) -> Text:
    out = Text()
    if not view.attributions:
        out.append("No attributions.", style="dim")
    for a in view.attributions:
        out.append(clean(a.source), style="bold")
        out.append(f" [{a.grade}]", style="cyan")
        out.append("  in ")
        out.append(clean(a.outlet or a.document_id), style="italic")
        out.append(f"  {clean(a.published)}  ({clean(a.document_id)})", style="dim")
        if a.hedge:
            out.append(f"  hedge: {clean(a.hedge)}", style="yellow")
        out.append("\n  “")
        out.append(clean(a.quote))
        out.append("”\n")
    return out


def _scores(score: object | None) -> Text:
    out = Text()
    if score is None:
        out.append("Scores are not available yet (scoring is not built or failed).", style="dim")
        return out
    get = lambda name, default=None: getattr(score, name, default)  # noqa: E731
    out.append("Origins: ", style="bold")
    out.append(", ".join(clean(o) for o in get("origins", ()) or ()) or "none")
    out.append("\nCorroboration ", style="bold")
    out.append(f"{get('corroboration', 0):.2f}", style="green")
    out.append("   Contradiction ", style="bold")
    out.append(f"{get('contradiction', 0):.2f}", style="red")
    out.append("\n")
    credibility: int = getattr(score, "credibility", UNJUDGED)
    words = verdict_words(credibility, clean(get("estimative", "")))
    out.append(words[:1].upper() + words[1:])
    out.append("\n")
    explanation = get("explanation")
    if explanation is not None:
        for part in ("corroboration", "contradiction"):
            expl = getattr(explanation, part, None)
            if expl is None:
                continue
            out.append(f"\n{part.capitalize()} = {expl.value:.2f}: ", style="bold")
            out.append(clean(expl.formula) + "\n", style="dim")
            for ev in expl.counted:
                out.append(f"  + {clean(ev.origin)} [{ev.grade}] w={ev.weight:g} ({ev.rule})")
                out.append(f" {clean(ev.note)}\n" if ev.note else "\n")
            for ev in expl.set_aside:
                out.append(f"  · set aside {clean(ev.origin)} ({ev.rule})", style="dim")
                out.append(f" {clean(ev.note)}\n" if ev.note else "\n", style="dim")
        for verdict in (explanation.credibility, explanation.estimative):
            name = verdict.name
            if name == "estimative" and get("credibility") == UNJUDGED:
                name = "likelihood, on the source's grade alone"
            out.append(f"\n{name}: {clean(verdict.value)}", style="bold")
            out.append(f"  because {clean(verdict.rule)}", style="dim")
        out.append("\n")
    discrepancies = get("discrepancies", ()) or ()
    if discrepancies:
        out.append("\nReporting discrepancies\n", style="bold yellow")
        for d in discrepancies:
            out.append(f"  ≠ {clean(d.kind)}: {clean(d.detail)}\n", style="yellow")
            for ref in (d.first, d.second):
                out.append(f"    {clean(ref.outlet or ref.document)}")
                other = getattr(ref, "claim", None)
                if other is not None and other != getattr(d, "claim", None):
                    out.append(f" (claim {clean(other)})", style="dim")
                out.append(f": “{clean(ref.quote)}”\n")
    revisions = getattr(explanation, "revisions", ()) if explanation is not None else ()
    if revisions:
        out.append("\nRevisions (the same origin, a new figure later)\n", style="bold")
        for r in revisions:
            out.append(f"  {clean(r.words())}\n")
    return out


class ClaimDetailScreen(Screen[None]):
    """Everything about one claim; ctrl+s saves the edits, escape goes back."""

    HELP_TITLE = "One claim"  # the heading of its keys in ?

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "save", "Save edits"),
        Binding("e", "edit", "Edit"),
    ]

    def __init__(self, claim_id: str) -> None:
        super().__init__(classes="detail")
        self.claim_id = claim_id
        self.view: ClaimView | None = None
        self.doc_anchor: Anchor | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-body"):
            yield Static(literal(f"Claim {self.claim_id}"), id="detail-title")
            yield Static(Text("Loading…", style="dim"), id="detail-summary")
            yield Label("Attributions", classes="section")
            yield Static(id="detail-attributions")
            yield Label("Scores and why", classes="section")
            yield Static(id="detail-scores")
            yield Label("Related claims (Enter opens)", classes="section")
            yield OptionList(id="detail-links")
            yield Label("Edit", classes="section")
            yield Label("Wording")
            yield Input(id="edit-text")
            yield Label("Subject")
            yield Input(id="edit-subject")
            yield Label("Stance")
            yield Select(
                [("asserts", "asserts"), ("denies", "denies")],
                allow_blank=False,
                value="asserts",
                id="edit-stance",
            )
            with Horizontal(classes="pair"):
                with Vertical(classes="field"):
                    yield Label("Quantity")
                    yield Input(id="edit-quantity")
                with Vertical(classes="field"):
                    yield Label("Period")
                    yield Input(id="edit-period")
            yield Static(id="edit-preview")
            yield Button("Save (ctrl+s)", id="edit-save", variant="primary")
        # ctrl+p is in ? (and works everywhere): its footer item left room for too little.
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="detail-load")
    def load(self) -> None:
        engine = self.app.engine  # type: ignore[attr-defined]
        try:
            view = claim_view(engine, self.claim_id)
            with session_scope(engine) as session:
                anchor = claim_anchor(session, self.claim_id)
            self.post_message(Loaded("claim", (view, anchor)))
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(f"Could not open claim {self.claim_id}: {error}"))

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.what == "preview":
            self._show_preview(message.data)
            return
        view, anchor = message.data
        self.view, self.doc_anchor = view, anchor
        summary = Text()
        summary.append(clean(view.text), style="bold")
        summary.append("\nSubject: ")
        summary.append(clean(view.subject))
        if view.cumulative:
            summary.append("  (cumulative)", style="dim")
        summary.append(f"\nStance: {view.stance}")
        if view.hedge:
            summary.append(f"   Hedge: {clean(view.hedge)}")
        summary.append(f"\nQuantity: {clean(view.quantity_text) or '—'}")
        summary.append(f"   Period: {clean(view.period_text) or '—'}")
        summary.append(
            f"\nAnchor: {anchor.isoformat() if anchor else 'no dated document'}", style="dim"
        )
        self.query_one("#detail-summary", Static).update(summary)
        self.query_one("#detail-attributions", Static).update(_attributions(view))
        self.query_one("#detail-scores", Static).update(_scores(view.score))
        links = self.query_one("#detail-links", OptionList)
        links.clear_options()
        score = view.score
        for label, ids in (
            ("corroborated by", getattr(score, "corroborated_by", ()) if score else ()),
            ("contradicted by", getattr(score, "contradicted_by", ()) if score else ()),
        ):
            for cid in ids or ():
                prompt = Text(f"{label}: ", style="green" if "corr" in label else "red")
                prompt.append(clean(cid), style="bold")
                prompt.append("  " + clean(view.texts.get(cid, "")))
                links.add_option(Option(prompt, id=cid))
        if links.option_count == 0:
            links.add_option(Option(Text("none", style="dim"), disabled=True))
        # Fill the editor without triggering a save; previews follow from Input.Changed.
        self.query_one("#edit-text", Input).value = clean(view.text)
        self.query_one("#edit-subject", Input).value = clean(view.subject)
        self.query_one("#edit-stance", Select).value = view.stance
        self.query_one("#edit-quantity", Input).value = clean(view.quantity_text)
        self.query_one("#edit-period", Input).value = clean(view.period_text)
        self.refresh_preview()

    # -- live preview ---------------------------------------------------------------
    @on(Input.Changed, "#edit-quantity, #edit-period")
    def _edited(self) -> None:
        if self.view is not None:
            self.refresh_preview()

    @work(thread=True, exclusive=True, group="detail-preview")
    def refresh_preview(self) -> None:
        quantity = self.query_one("#edit-quantity", Input).value
        period = self.query_one("#edit-period", Input).value
        try:
            self.post_message(Loaded("preview", preview(quantity, period, self.doc_anchor)))
        except Exception as error:  # noqa: BLE001 - the preview must never crash the editor
            self.post_message(Failed(f"Normalizer error: {error}"))

    def _show_preview(self, result: Preview) -> None:
        value, period = result.describe()
        text = Text("Normalized → ", style="bold")
        text.append("value: ")
        text.append(clean(value), style="green" if result.quantity else "dim")
        text.append("   period: ")
        text.append(clean(period), style="green" if result.period else "dim")
        anchor = self.doc_anchor.isoformat() if self.doc_anchor else "none"
        text.append(f"   (anchor {anchor})", style="dim")
        self.query_one("#edit-preview", Static).update(text)

    # -- saving -------------------------------------------------------------------
    def action_edit(self) -> None:
        self.query_one("#edit-text", Input).focus()

    @on(Button.Pressed, "#edit-save")
    def action_save(self) -> None:
        stance = self.query_one("#edit-stance", Select).value
        self.save(
            text=self.query_one("#edit-text", Input).value,
            subject=self.query_one("#edit-subject", Input).value,
            stance=str(stance),
            quantity_text=self.query_one("#edit-quantity", Input).value,
            period_text=self.query_one("#edit-period", Input).value,
        )

    @work(thread=True, exclusive=True, group="detail-save")
    def save(self, **fields: str) -> None:
        try:
            with session_scope(self.app.engine) as session:  # type: ignore[attr-defined]
                save_claim(session, self.claim_id, **fields)
            self.post_message(Saved(f"Saved claim {self.claim_id}"))
        except Exception as error:  # noqa: BLE001 - bad input or a conflict: say so
            self.post_message(Failed(f"Not saved: {error}"))

    def on_saved(self, message: Saved) -> None:
        message.stop()
        self.notify(message.summary, markup=False)
        self.app.claims_changed()  # type: ignore[attr-defined]
        self.load()

    def on_failed(self, message: Failed) -> None:
        message.stop()
        self.notify(message.summary, severity="error", markup=False)

    @on(OptionList.OptionSelected, "#detail-links")
    def _follow(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_claim(event.option.id)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()
