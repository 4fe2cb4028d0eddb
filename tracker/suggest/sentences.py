"""Sentences with their character offsets in the document's text.

News prose is full of periods that end nothing ("Dec. 9", "U.S. officials",
"Pier No. 3", "Joseph P. Byrne"), and of footnote markers glued to the period
that does ("since late August.2 The latest"). A sentence never crosses a line
break: in imported articles a line is a paragraph, a caption or a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words after which a period is part of the word, not the end of a sentence.
ABBREVIATIONS = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    mr mrs ms dr prof gen lt col maj capt cmdr adm sgt sen rep gov pres st mt ft
    no nos vol pp fig inc corp co ltd jr sr vs etc approx est dept univ""".split()
)

# A candidate end: terminal punctuation, closing quotes/brackets, an optional
# footnote number, then whitespace.
_END = re.compile(r"[.!?]+[\"”’')\]]*(\d{1,2})?(?=\s)")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_TRAILING_FOOTNOTE = re.compile(r"(?<=[.!?\"”’')\]])\d{1,2}\s*$")
_NEXT_START = re.compile(r"\s+([\"“‘'(\[]*)(\S)")


@dataclass(frozen=True, slots=True)
class Sentence:
    """``text == document_text[start:end]``; ``end`` is exclusive."""

    text: str
    start: int
    end: int


def word_before(line: str, dot: int) -> str:
    """The letters and periods just before ``line[dot]``, from a letter on ("U.S" in
    "the U.S."). Read backwards from the period: a pattern anchored at the period
    would be tried from every earlier position, quadratic in a long paragraph."""
    start = dot
    while start > 0 and line[start - 1] in _WORD_CHARS:
        start -= 1
    while start < dot and line[start] == ".":
        start += 1
    return line[start:dot]


def _is_abbreviation(line: str, dot: int) -> bool:
    """Whether the period at ``line[dot]`` belongs to the word before it."""
    word = word_before(line, dot)
    if not word:
        return False
    if "." in word:  # U.S., U.K., a.m.
        return True
    if len(word) == 1 and word.isupper():  # an initial: "Joseph P. Byrne"
        return True
    return word.lower() in ABBREVIATIONS


def _split_line(line: str, offset: int) -> list[Sentence]:
    out: list[Sentence] = []
    begin = 0
    for m in _END.finditer(line):
        punct_end = m.end() if m.group(1) is None else m.start(1)
        nxt = _NEXT_START.match(line, m.end())
        if not nxt:
            continue
        following = nxt.group(2)
        if line[m.start()] == "." and m.group(1) is None and _is_abbreviation(line, m.start()):
            continue
        # "Pier No. 3" was handled above; otherwise a lowercase start means the
        # sentence goes on ("the U.S. military said").
        if following.islower():
            continue
        # A list marker ("  1. U.S. Mission ...") is not a sentence.
        if line[begin : m.start()].strip().isdigit():
            continue
        out.append(_make(line, begin, punct_end, offset))
        begin = nxt.start(1)
    # A footnote marker at the end of the line belongs to no sentence ("... Wonsan.8").
    tail = _TRAILING_FOOTNOTE.search(line, begin)
    out.append(_make(line, begin, tail.start() if tail else len(line), offset))
    return [s for s in out if s.text]


def _make(line: str, begin: int, end: int, offset: int) -> Sentence:
    chunk = line[begin:end]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    start = offset + begin + lead
    return Sentence(chunk, start, start + len(chunk))


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text``, in order, with offsets into ``text``."""
    sentences: list[Sentence] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            sentences.extend(_split_line(body, offset))
        offset += len(line)
    return sentences
