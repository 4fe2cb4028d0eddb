"""Quotes are found verbatim, up to whitespace, typographic quotes and dashes; nothing looser."""

from __future__ import annotations

from tracker.anchoring import closest_passage, find_quote

TEXT = (
    "Officials said \u201cmore than 1,000 containers\u201d had moved \u2014 by rail\n"
    "and  ship \u2013 to Russia\u2019s depots."
)


def test_found_across_typographic_variants_with_original_offsets() -> None:
    anchor = find_quote(
        TEXT, '"more than 1,000 containers" had moved - by rail and ship - to Russia\'s'
    )
    assert anchor is not None
    assert TEXT[anchor.start : anchor.end] == (
        "\u201cmore than 1,000 containers\u201d had moved \u2014 by rail\n"
        "and  ship \u2013 to Russia\u2019s"
    )
    assert anchor.prefix == "Officials said "
    assert anchor.suffix == " depots."


def test_a_changed_word_is_not_found_and_the_closest_passage_is_offered() -> None:
    assert find_quote(TEXT, "as many as 1,000 containers had moved") is None
    assert "1,000 containers" in closest_passage(TEXT, "as many as 1,000 containers had moved")


def test_case_matters_and_empty_quotes_are_never_found() -> None:
    assert find_quote(TEXT, "OFFICIALS SAID") is None
    assert find_quote(TEXT, "   ") is None
