"""Citation lookup: "where did this come from?" (issue 7).

``cite(session, query)`` returns CiteMatch objects, best first; ``csl`` writes
the cited documents as CSL-JSON. Core code: no Textual or Typer imports.
"""

from tracker.cite.lookup import Appearance, CiteMatch, cite, cite_by_scan

__all__ = ["Appearance", "CiteMatch", "cite", "cite_by_scan"]
