"""The command palette (ctrl+p): every action of the app, searchable by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (title, action on the app, help); the same list drives the help screen.
ACTIONS: list[tuple[str, str, str]] = [
    ("Claims", "show('claims')", "The claims table, grouped by subject"),
    ("Sources", "show('sources')", "The source registry: grades, aliases, parents, groups"),
    ("Documents", "show('documents')", "Read articles; accept, attach or reject suggestions"),
    ("Subjects", "show('subjects')", "Rename, merge, mark cumulative"),
    ("Hypotheses", "show('matrix')", "Rate claims against competing hypotheses (ACH)"),
    ("Import files", "import_files", "Import a case folder or files (sources, articles, claims)"),
    ("Export the brief", "export_brief", "Write the markdown brief with citations"),
    ("Citation lookup", "cite", "Where did a figure come from?"),
    ("Undo my last change", "undo", "Revert your newest edit; an import only after you confirm it"),
    ("Help", "help", "Every key of every screen"),
    ("Quit", "quit", "Leave tracker"),
]


class TrackerCommands(Provider):
    """Tracker's actions for the command palette."""

    async def discover(self) -> Hits:
        for title, action, help_text in ACTIONS:
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in ACTIONS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
