"""Hostile text in a case (Rich markup, terminal escapes, controls, bidi overrides, markdown
and HTML) is shown literally by every command and made inert in the brief.

The case goes through the real importer (files on disk, `tracker import`), then
each listing command runs in a subprocess as a user would run it. A terminal
must receive no escape sequence, bell or raw control character from the data
(they are shown as visible ``\\xNN`` / ``\\u202e`` escapes), and markup brackets
must appear as the characters they are. The brief is parsed with markdown-it-py:
the data yields no HTML, no footnote it did not earn, and tables keep their shape.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from tracker.brief import write_brief
from tracker.db import open_database, session_scope
from tracker.importers import import_paths

MARKUP = "[bold red]x[/]"
LINK = "[link=file:///etc/passwd]y[/]"
CSI = "\x1b[31m"
OSC = "\x1b]0;title\x07"
RLO = "\u202e"
HTML = "<script>alert(1)</script>"
PIPE = "| a | b |"
FOOTNOTE = "[^1]"
TICKS = "`code`"

# Every hostile piece, in the wording of a quote that the article really contains.
HOSTILE = (
    f"officials said {MARKUP} and {LINK} and {CSI}red{OSC} and {RLO}evil\x08bs\x0bvt "
    f"and {HTML} and {PIPE} and {FOOTNOTE} and {TICKS} about 10 shipments since August"
)
# YAML double-quoted escapes for the same text (YAML refuses raw controls in a file).
HOSTILE_YAML = json.dumps(HOSTILE)
# Files with NUL are refused (PostgreSQL text cannot hold it); other controls come through.
CLAIM_TEXT = HOSTILE + "\x01soh"

SOURCES = f"""\
- name: {json.dumps("Ministry " + MARKUP + CSI)}
  short: MIN
  kind: agency
  reliability: B
- name: Wire
  aliases: [{json.dumps(LINK + RLO)}]
  kind: outlet
  reliability: C
"""

ARTICLE = f"""\
---
id: hostile-doc
title: {json.dumps("Title " + MARKUP + " " + HTML + " " + OSC)}
outlet: Wire
published: 2023-12-27
---
Intro line. {HOSTILE}.

# A heading in the article
"""

CLAIMS = f"""\
- id: hostile-claim
  subject: {json.dumps("Shipments " + MARKUP + " " + PIPE + " " + CSI)}
  text: {json.dumps(CLAIM_TEXT)}
  quantity: "about 10 shipments"
  period: "since August"
  attributions:
    - source: MIN
      document: hostile-doc
      quote: {HOSTILE_YAML}
"""


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    case = tmp_path_factory.mktemp("hostile")
    (case / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    # The article file holds the raw characters: ESC, BEL, BS, VT, U+202E as they came.
    (case / "hostile.md").write_text(ARTICLE, encoding="utf-8")
    (case / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    db = str(case / "case.sqlite")
    report = import_paths(open_database(db), [case])
    assert report.ok, [f.error for f in report.failed]
    return db


def tracker(db: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", db, *args],
        capture_output=True,
        env={**os.environ, "TRACKER_DB": "", "COLUMNS": "2000", "TERM": "xterm-256color"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout.decode("utf-8")


# What a terminal would act on: C0 controls but newline/tab, DEL, C1, bidi embeddings/overrides.
_ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_inert(out: str) -> None:
    assert not _ACTIVE.findall(out), sorted(set(_ACTIVE.findall(out)))


COMMANDS = [
    ("claims",),
    ("documents",),
    ("documents", "hostile-doc"),
    ("sources",),
    ("cite", "10 shipments"),
    ("explain", "hostile-claim"),
    ("suggest",),
    ("suggest", "hostile-doc"),
    ("score",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_cli_sends_no_escape_or_control_character_to_the_terminal(
    hostile_db: str, args: tuple[str, ...]
) -> None:
    assert_inert(tracker(hostile_db, *args))


def _flat(out: str) -> str:
    # Table borders and folding aside, the characters of the data are all there.
    return re.sub(r"[\s│┃|]+", "", out)


@pytest.mark.parametrize(
    "args, shown",
    [
        (("claims",), [MARKUP, LINK, "\\x1b[31mred", "\\u202eevil", HTML, FOOTNOTE, TICKS]),
        (("documents", "hostile-doc"), [MARKUP, LINK, "\\x1b]0;title\\x07", HTML, "# A heading"]),
        (("documents",), ["Title " + MARKUP, HTML]),
        (("sources",), ["Ministry " + MARKUP + "\\x1b[31m"]),
        (("cite", "10 shipments"), [MARKUP, LINK, "\\x1b[31mred", HTML, FOOTNOTE]),
        (("explain", "hostile-claim"), ["Shipments " + MARKUP]),
        (("suggest", "hostile-doc"), [MARKUP]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else None,
)
def test_cli_shows_markup_and_escapes_as_text(
    hostile_db: str, args: tuple[str, ...], shown: list[str]
) -> None:
    out = _flat(tracker(hostile_db, *args))
    for piece in shown:
        assert _flat(piece) in out, piece


@pytest.mark.parametrize(
    "args",
    [("claims", "--json"), ("suggest", "--json"), ("cite", "10 shipments", "--json")],
    ids=lambda a: " ".join(a),
)
def test_json_output_is_inert_on_a_terminal(hostile_db: str, args: tuple[str, ...]) -> None:
    # JSON escapes C0 itself; the bidi override and C1 must be \u escapes too.
    out = tracker(hostile_db, *args)
    assert_inert(out)
    assert json.loads(out)
    if "suggest" not in args:  # a suggestion quotes a sentence without the override
        assert "\\u202e" in out


def test_json_output_keeps_the_data_exactly(hostile_db: str) -> None:
    claims = json.loads(tracker(hostile_db, "claims", "--json"))
    assert claims[0]["text"] == CLAIM_TEXT
    assert claims[0]["attributions"][0]["quote"] == HOSTILE


def _tokens(markdown: str) -> list:
    parser = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    flat = []
    for token in parser.parse(markdown):
        flat.append(token)
        flat.extend(token.children or [])
    return flat


def test_brief_makes_hostile_text_inert(hostile_db: str) -> None:
    with session_scope(open_database(hostile_db)) as session:
        brief = write_brief(session)
    assert_inert(brief)
    tokens = _tokens(brief)
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    # Footnote references are the brief's own, each with its definition; the data's
    # "[^1]" is text, not a reference.
    refs = [t.meta["label"] for t in tokens if t.type == "footnote_ref"]
    defined = {t.meta["label"] for t in tokens if t.type == "footnote_open" and "label" in t.meta}
    assert refs and set(refs) <= defined
    # No link from the data: file:// never becomes a target.
    assert not [t for t in tokens if t.type == "link_open" and "file:" in t.attrs.get("href", "")]
    # Every table row has as many cells as its table's header: "| a | b |" split nothing.
    tables: list[list[int]] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append(0)
        elif token.type in ("th_open", "td_open"):
            tables[-1][-1] += 1
    assert len(tables) == 1  # the annex's claims of the subject (sources are a list)
    assert all(len(set(rows)) == 1 and len(rows) >= 2 for rows in tables), tables
    # The words are all there, shown as text (the bidi override written out).
    text = "".join(t.content for t in tokens if t.type == "text")
    for piece in (MARKUP, LINK, HTML, PIPE, FOOTNOTE, TICKS, "Shipments " + MARKUP, "\\u202eevil"):
        assert piece in text, piece


@pytest.mark.parametrize(
    "args",
    [("documents", "x" + OSC), ("explain", "x" + CSI), ("suggest", "x" + CSI)],
    ids=["documents", "explain", "suggest"],
)
def test_an_unknown_id_with_escapes_is_named_inertly_on_stderr(
    hostile_db: str, args: tuple[str, ...]
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", hostile_db, *args],
        capture_output=True,
        env={**os.environ, "TRACKER_DB": ""},
        timeout=120,
    )
    error = done.stderr.decode("utf-8")
    assert done.returncode == 1 and error.startswith("tracker: ") and error.count("\n") == 1
    assert_inert(error)
    assert "\\x1b" in error  # the escape is named, not sent


def test_import_names_a_hostile_source_inertly_on_stderr(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A failed file's line quotes the file's own text: its escapes are written out."""
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "hostile.md").write_text(ARTICLE, encoding="utf-8")
    unknown = CLAIMS.replace("source: MIN", f"source: {json.dumps('Nobody ' + CSI + OSC)}")
    (tmp_path / "claims.yaml").write_text(unknown, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(tmp_path / "x.db"), "import", str(tmp_path)],
        capture_output=True,
        env={**os.environ, "TRACKER_DB": ""},
        timeout=120,
    )
    error = done.stderr.decode("utf-8")
    assert done.returncode == 1 and error.startswith("tracker: ") and error.count("\n") == 1
    assert "unknown source 'Nobody \\x1b[31m\\x1b]0;title\\x07'" in error
    assert_inert(error + done.stdout.decode("utf-8"))
