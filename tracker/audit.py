"""Who changed what: the analyst's name for the audit log."""

from __future__ import annotations

import getpass

_analyst: str | None = None


def set_analyst(name: str | None) -> None:
    """Record changes under ``name`` (``--analyst``); None falls back to the OS user."""
    global _analyst
    _analyst = name or None


def current_analyst() -> str:
    if _analyst:
        return _analyst
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something honest
        return "unknown"
