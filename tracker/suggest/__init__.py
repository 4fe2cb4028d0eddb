"""Claims from articles: suggested claims with speaker, hedge, figures, quote and subject.

Core code (no Textual or Typer). ``suggest`` proposes; ``accept``, ``attach``
and ``reject`` are the analyst's answers; ``suggest_derivations`` proposes
``derived_from`` links between documents.
"""

from __future__ import annotations

from tracker.suggest.actions import accept, attach, find_suggestion, reject
from tracker.suggest.derivation import DerivationProposal
from tracker.suggest.links import link, suggest_derivations
from tracker.suggest.suggestion import Suggestion, suggestion_id
from tracker.suggest.workflow import suggest

__all__ = [
    "DerivationProposal",
    "Suggestion",
    "accept",
    "attach",
    "find_suggestion",
    "link",
    "reject",
    "suggest",
    "suggest_derivations",
    "suggestion_id",
]
