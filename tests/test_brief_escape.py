"""Article text in the brief is data: a quote or title cannot break a table, forge a
footnote or inject HTML. Each case builds a real SQLite case, writes the brief and
parses it back with markdown-it-py (CommonMark + GFM tables + footnotes)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from tracker.brief import write_brief
from tracker.brief.escape import escape_cell, escape_inline
from tracker.db import open_database, session_scope
from tracker.models import Attribution, Claim, Document, Source, Subject

TODAY = date(2024, 1, 15)
NASTY = [
    "one | two | three",
    "see [^1] and [^99] and [link](http://evil.example)",
    "<script>alert('x')</script> &amp; <b>bold</b>",
    "a `backtick` and ``` a fence",
    "*stars* _under_ ~~strike~~ \\ backslash",
    "# not a heading\n> not a quote\n- not a list\n1. not ordered",
]


def _md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin)


def _build(path, quote: str, title: str) -> object:  # type: ignore[no-untyped-def]
    engine = open_database(path)
    with session_scope(engine) as s:
        agency = Source(name="Agency", short="AG", kind="agency", reliability="B")
        outlet = Source(name="Daily", kind="outlet", reliability="C")
        s.add_all([agency, outlet])
        s.flush()
        subject = Subject(name="Shipments", cumulative=True)
        s.add(subject)
        s.flush()
        s.add(
            Document(
                id="doc-1",
                outlet_id=outlet.id,
                title=title,
                url="https://example.org/a",
                authors=["Ann Writer"],
                published_text="2023-12-27",
                published_first=date(2023, 12, 27),
                published_last=date(2023, 12, 27),
                text=quote,
                content_hash="h1",
            )
        )
        s.flush()
        s.add(
            Claim(
                id="c1",
                subject_id=subject.id,
                text=quote,
                quantity_text="about 10 shipments",
                qty_value=10,
                qty_low=9,
                qty_high=11,
                qty_qualifier="approx",
                qty_item="shipments",
            )
        )
        s.flush()
        s.add(
            Attribution(
                claim_id="c1", source_id=agency.id, document_id="doc-1", quote=quote, start=0, end=1
            )
        )
    return engine


def _texts(tokens) -> str:  # type: ignore[no-untyped-def]
    """All text the renderer would show, children included."""
    out = []
    for token in tokens:
        if token.children:
            out.append(_texts(token.children))
        elif token.type in ("text", "code_inline"):
            out.append(token.content)
    return " ".join(out)


@pytest.mark.parametrize("nasty", NASTY)
def test_nasty_quote_and_title_stay_text(tmp_path, nasty: str) -> None:
    engine = _build(tmp_path / "case.sqlite", nasty, f"Title {nasty}")
    with session_scope(engine) as s:
        brief = write_brief(s, title=f"Brief {nasty}", today=TODAY)
    md = _md()
    tokens = md.parse(brief)
    types = [t.type for t in tokens]
    html = md.render(brief)
    # No raw HTML, no code, no emphasis, no link came from the text.
    assert "html_block" not in types and "<script>" not in html and "<b>" not in html
    inline_types = {c.type for t in tokens if t.children for c in t.children}
    assert not inline_types & {"html_inline", "code_inline", "em_open", "s_open"}
    # The one link is the document's URL in its footnote.
    links = [
        c.attrs["href"] for t in tokens if t.children for c in t.children if c.type == "link_open"
    ]
    assert links == ["https://example.org/a"]
    # Exactly one footnote is defined, and only it is referenced: nothing was forged.
    refs = {
        c.meta["id"] for t in tokens if t.children for c in t.children if c.type == "footnote_ref"
    }
    defined = [t for t in tokens if t.type == "footnote_open"]
    assert len(defined) == 1 and refs == {0}
    # Every table row keeps its eight cells: no "|" in the text split a cell.
    tables = re.findall(r"<table>.*?</table>", html, flags=re.S)
    assert tables
    for table in tables:
        for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
            assert len(re.findall(r"<t[hd][ >]", row)) == 8
    # Only the headings the brief itself writes: a "# " in the text made none.
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert all(not h.startswith("not a heading") for h in headings)
    # The reader sees the words as written (whitespace folded).
    shown = _texts(tokens)
    folded = " ".join(nasty.split())
    assert folded in shown


def test_escape_inline_round_trips_through_markdown() -> None:
    md = _md()
    for text in NASTY:
        html = md.renderInline(escape_inline(text))
        expected = (
            " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        )
        assert html.replace("&quot;", '"') == expected


def test_cell_is_never_empty_and_never_two_lines() -> None:
    assert escape_cell(None) == "—"
    assert "\n" not in escape_cell("line one\nline two\r\nthree\u2028four")


def _escaped_char_by_char(text: str | None) -> str:
    """escape_inline as first written, one character at a time: the reference the fast
    path (one search, then str.translate) must agree with."""
    if not text:
        return ""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", text)
    text = re.sub(r"[\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text)
    text = re.sub(r"\s+", " ", text).strip()
    out = "".join("\\" + ch if ch in "\\`*_[]<>&|^~!" else ch for ch in text)
    if out and out[0] in "#>-+=:":
        out = "\\" + out
    elif m := re.match(r"^(\d{1,9})([.)])(?=\s|$)", out):
        out = m.group(1) + "\\" + m.group(2) + out[m.end() :]
    return out


_TRICKY = st.sampled_from(
    list(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000\x00\x1b\x7f\x9f\u202e\u2066")
    + list("\\`*_[]<>&|^~!#>-+=:.)1 aé")
)


@given(st.one_of(st.text(), st.lists(_TRICKY, max_size=12).map("".join)))
@settings(max_examples=500, deadline=None)
def test_escape_inline_agrees_with_the_character_by_character_reference(text: str) -> None:
    assert escape_inline(text) == _escaped_char_by_char(text)
