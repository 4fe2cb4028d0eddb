"""The markdown brief (issue 7) and the claims CSV export. Core code: no Textual or Typer."""

from tracker.brief.writer import write_brief, write_brief_to

__all__ = ["write_brief", "write_brief_to"]
