"""The markdown brief: bottom line up front, key judgments, what is contested, competing
hypotheses (when the case holds any), reporting discrepancies, sources, other evidence,
scope, the annex of every claim, footnotes.

Numbers come from ``tracker.scoring.case_scorer``; selection.py chooses the key
judgments, language.py words them, judgments.py, evidence.py and hypotheses.py build the
sections.
The same database gives the same bytes: every list is sorted on stable keys and the
date of writing is a parameter.

The layout is a Jinja2 template (``templates/brief.md.j2``, or an organisation's own,
``--template FILE``). A whole case's brief runs to hundreds of megabytes, so the big
sections reach the template as iterables of text chunks (``_chunks``) and the template
is rendered with ``generate``: nothing is held whole, and a loop over a chunk of
thousands of lines costs the template one step. ``write_brief`` returns the same text
as one string.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from sqlmodel import Session

from tracker.brief import evidence, hypotheses, judgments
from tracker.brief.case import BriefCase
from tracker.brief.escape import escape_inline
from tracker.brief.footnotes import Footnotes
from tracker.brief.selection import key_subjects, standings
from tracker.dates_display import human_day
from tracker.errors import UserError

DEFAULT_TITLE = "Claims brief"
DEFAULT_TEMPLATE = Path(__file__).with_name("templates") / "brief.md.j2"


def write_brief(
    session: Session,
    subjects: Iterable[str] | None = None,
    min_credibility: int | None = None,
    title: str | None = None,
    today: date | None = None,
    key_only: bool = False,
    template: Path | None = None,
) -> str:
    """The brief as markdown. ``min_credibility`` N keeps claims rated 1..N (Admiralty)."""
    # StringIO grows one string in place: no second copy of a large brief at the end.
    out = io.StringIO()
    write_brief_to(out, session, subjects, min_credibility, title, today, key_only, template)
    return out.getvalue()


class Writable(Protocol):
    """Where a brief is written: a text file, sys.stdout, io.StringIO."""

    def write(self, text: str, /) -> object: ...


def write_brief_to(
    out: Writable,
    session: Session,
    subjects: Iterable[str] | None = None,
    min_credibility: int | None = None,
    title: str | None = None,
    today: date | None = None,
    key_only: bool = False,
    template: Path | None = None,
) -> None:
    """``write_brief``, written to ``out`` as it is made. Nothing is written before the
    case has loaded and the template has compiled, so an unknown subject or a broken
    template fails with ``out`` untouched."""
    compiled = _template(template)
    case = BriefCase(session, subjects, min_credibility)
    grouped = case.by_subject()
    standing = standings(grouped, case.scores, case.group_grade, case.marks)
    keys = key_subjects(standing)
    if key_only:
        case.restrict(keys)
        grouped = {s: grouped[s] for s in sorted(keys)}
        standing = {s: standing[s] for s in grouped}
    notes = Footnotes(case.documents, case.sources)
    estimated = judgments.estimates(session, keys)
    chosen = [judgments.judge(case, s, grouped[s], notes, estimated.get(s)) for s in keys]
    # Read now, with the rest of the case: nothing is written before the case has loaded.
    weighed = hypotheses.weigh(session, case)

    def lazily(make: Callable[[], Iterable[str]]) -> Iterator[str]:
        # A section starts when the template reaches it: footnotes number in reading order.
        yield from _chunks(make())

    sections = {
        "contested": lazily(lambda: evidence.contested_lines(case, notes, keys)),
        "hypotheses": lazily(
            lambda: hypotheses.hypothesis_lines(case, notes, weighed) if weighed else ()
        ),
        "discrepancies": lazily(lambda: evidence.discrepancy_lines(case, notes)),
        "sources": lazily(lambda: evidence.source_lines(case, notes, keys, grouped)),
        "other_evidence": lazily(
            lambda: judgments.other_evidence_lines(case, grouped, keys, notes)
        ),
        "scope": lazily(
            lambda: evidence.scope_lines(case, grouped, standing, keys, min_credibility, key_only)
        ),
        "annex": lazily(lambda: evidence.annex_lines(case, notes, grouped)),
        "notes": lazily(lambda: evidence.notes_lines(notes)),
    }
    context: dict[str, Any] = {
        "title": escape_inline(title or DEFAULT_TITLE),
        "written": human_day(today or date.today()),
        "bluf": judgments.bluf(chosen, keys, standing),
        "judgments": chosen,
        "sections": sections,
    }
    lines = _Output(out)
    try:
        for text in compiled.generate(**context):
            lines.write(text)
    except UserError:
        raise
    except Exception as error:
        import jinja2

        if isinstance(error, jinja2.TemplateError):
            raise UserError(f"{template or DEFAULT_TEMPLATE}: {error}") from None
        raise
    lines.close()


def _template(path: Path | None) -> Any:
    """The compiled template (sandboxed: a template file is text, not code to trust)."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    where = path or DEFAULT_TEMPLATE
    try:
        source = where.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"{where}: cannot read the template: {error}") from None
    environment = SandboxedEnvironment(
        autoescape=False,  # every value is escaped as markdown before it gets here
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    try:
        return environment.from_string(source)
    except jinja2.TemplateSyntaxError as error:
        raise UserError(f"{where}:{error.lineno}: {error.message}") from None


# A chunk of text for the template ends after this many lines or characters, whichever
# comes first: an item of the contested section can name thousands of claims, and
# chunks counted in lines alone grew to tens of megabytes (held, then copied).
CHUNK_LINES = 4000
CHUNK_CHARS = 1 << 20


def _chunks(lines: Iterable[str]) -> Iterator[str]:
    """Lines as text: each line ends with a newline ("" is a blank line), joined in
    chunks of at most ``CHUNK_LINES`` lines or about ``CHUNK_CHARS`` characters."""
    batch: list[str] = []
    size = 0
    for line in lines:
        batch.append(line)
        size += len(line)
        if len(batch) >= CHUNK_LINES or size >= CHUNK_CHARS:
            yield "\n".join(batch) + "\n"
            batch.clear()
            size = 0
    if batch:
        yield "\n".join(batch) + "\n"


_BLANK_RUNS = re.compile(r"\n{3,}")


class _Output:
    """Text written on as it comes, evened out whatever the template's whitespace: no
    leading blank lines, never two blank lines in a row, one newline at the end."""

    def __init__(self, out: Writable) -> None:
        self.out = out
        self.started = False
        self.pending = 0  # newlines held back: they may end the document

    def write(self, text: str) -> None:
        body = text.strip("\n")
        if not body:
            self.pending += len(text)
            return
        lead = self.pending + len(text) - len(text.lstrip("\n"))
        if "\n\n\n" in body:
            body = _BLANK_RUNS.sub("\n\n", body)
        if self.started:
            self.out.write("\n" * min(lead, 2) + body)
        else:
            self.out.write(body)
        self.started = True
        self.pending = len(text) - len(text.rstrip("\n"))

    def close(self) -> None:
        self.out.write("\n")
