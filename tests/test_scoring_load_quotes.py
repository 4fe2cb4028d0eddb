"""The loader's outlet figures are the normalizer's, though it parses each quote once:
every sentence of the bundled articles, read against several publication dates."""

from __future__ import annotations

import re
from datetime import date

from tests.conftest import shared_dir
from tracker.normalize import normalize
from tracker.normalize.types import Anchor
from tracker.scoring.load import _quantities

SEEDS = shared_dir() / "seeds"
ANCHORS = [(date(2023, 10, 13), date(2023, 10, 13)), (date(2024, 2, 1), date(2024, 2, 29))]


def sentences() -> list[str]:
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        for sentence in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")):
            if any(ch.isdigit() for ch in sentence) or "dozen" in sentence:
                found.append(sentence.strip())
    return found


def test_cached_quote_figures_match_normalizing_each_quote():
    quotes = sentences()
    assert len(quotes) > 20  # the bundled articles are full of figures and dates
    compared = 0
    for first, last in ANCHORS:
        for quote in quotes:
            expected = tuple(normalize(quote, Anchor(first, last, "interval")).quantities)
            assert _quantities(quote, first, last) == expected, quote
            compared += bool(expected)
    assert compared > 20
