"""Robustness of normalize(): any text comes back, quickly, with spans that fit the text."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.normalize import normalize
from tracker.normalize.types import Anchor, Normalized

ANCHORS = [Anchor.parse("2023-10-16"), Anchor.parse("2023-12"), Anchor.parse("2023-12/2024-01")]
# Words the grammars react to, so generated text exercises them rather than only noise.
WORDS = [
    "since", "between", "and", "from", "to", "by", "until", "before", "after", "over",
    "the", "past", "last", "next", "mid-", "early", "late", "August", "Oct.", "Sept.",
    "Monday", "Saturday", "weekend", "weeks", "months", "ago", "later", "recent",
    "about", "more", "than", "at", "least", "nearly", "dozens", "hundreds", "of",
    "thousands", "million", "km", "miles", "(", ")", ",", ".", "-", "/", "$", "%",
    "1", "10", "30", "2023", "1,000", "2.5", "12/31/2023", "2023-10-16", "No.", "into",
]  # fmt: skip
SLOW = 2.0  # seconds: generous for a 2-core CI machine; typical calls take well under 10 ms

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.integers(1, 5000).map(lambda n: "9" * n),
    st.integers(1, 2000).map(lambda n: "(" * n + "2023" + ")" * n),
)


def check(result: Normalized, text: str) -> None:
    for span in [*result.quantities, *result.times]:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
    for q in result.quantities:
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
    for t in result.times:
        if t.first is not None and t.last is not None:
            assert t.first <= t.last
    for spans in (result.quantities, result.times):
        ordered = sorted(spans, key=lambda s: s.start)
        for a, b in zip(ordered, ordered[1:], strict=False):
            assert a.end <= b.start, (a.text, b.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, which=st.integers(0, len(ANCHORS) - 1))
def test_any_text_returns_quickly_with_spans_inside_the_text(text, which):
    started = time.perf_counter()
    result = normalize(text, ANCHORS[which])
    assert time.perf_counter() - started < SLOW
    check(result, text)


def test_edge_texts():
    edge = [
        "",
        " ",
        "\x00\x01\x02" * 100,
        "9" * 20000,
        "(" * 5000 + ")" * 5000,
        "between " * 2000,
        "since August " * 3000,
        "October November December " * 3000,  # thousands of dates: overlap checks stay linear
        "see https://x.org/2023/10/16 on Oct. 5 " * 2000,
        "Oct. 99, 2023 and Feb. 30 and 0/0/0000 and 9999-99-99",
        "in 9999 and 0001 and 1 BC",
    ]
    for text in edge:
        started = time.perf_counter()
        result = normalize(text, ANCHORS[0])
        assert time.perf_counter() - started < 5 * SLOW
        check(result, text)


def test_a_huge_article_is_read_in_time():
    text = (
        "South Korea's National Intelligence Service told lawmakers in November there had "
        "been about 10 shipments of weapons from North Korea to Russia since August. "
    ) * 2000
    started = time.perf_counter()
    result = normalize(text, "2023-12-27")
    assert time.perf_counter() - started < 5 * SLOW
    assert len(result.times) == 4000
    check(result, text)
