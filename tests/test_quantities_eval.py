"""The conformance harness maps Recognizers-Text conventions onto ours (bench/eval_normalizer.py).

A wrong mapping would silently pass or fail whole files, so each convention is pinned here
with a case from their specs worked out by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import eval_normalizer as conv  # noqa: E402
import eval_numbers  # noqa: E402


def test_their_end_is_inclusive_and_ours_exclusive() -> None:
    case = {"Input": "The number is between 20 and 30."}
    result = {"Text": "between 20 and 30", "Start": 14, "End": 30}
    assert conv.spec_span(case, result) == (14, 31)
    assert case["Input"][14:31] == "between 20 and 30"


def test_a_length_instead_of_an_end() -> None:
    case = {"Input": "about $ 14 million"}
    assert conv.spec_span(case, {"Text": "$ 14 million", "Start": 6, "Length": 12}) == (6, 18)


@pytest.mark.parametrize(
    ("written", "low", "high", "low_open", "high_open"),
    [
        ("[20,30)", 20, 30, False, False),  # their half-open "between" is our closed range
        ("(30,)", 30, None, True, False),  # more than thirty
        ("(,700]", None, 700, False, False),  # up to 700
        ("(20,35]", 20, 35, True, False),  # comparison words keep their openness
        ("(,170)", None, 170, False, True),  # below 170
    ],
)
def test_their_interval_notation(written, low, high, low_open, high_open) -> None:
    assert conv.their_interval(written) == conv.Interval(low, high, low_open, high_open)


def test_their_unit_names_map_to_our_canonical_units() -> None:
    assert conv.our_unit("Mile") == "mi"
    assert conv.our_unit("Metric ton") == conv.our_unit("Ton") == "t"
    assert conv.our_unit("United States dollar") == conv.our_unit("Dollar") == "usd"
    assert conv.our_unit("Pound") == "lb"
    assert conv.our_unit("Pound", currency=True) == "gbp"


def test_a_case_passes_only_when_span_and_interval_match() -> None:
    case = {
        "Input": "Nissan Motor Co. is planning to cut up to 700 contract workers.",
        "Results": [
            {"Text": "up to 700", "Start": 36, "End": 44, "Resolution": {"value": "(,700]"}}
        ],
    }
    assert eval_numbers.ours_range(case).status == "pass"
    shorter = {"Text": "to 700", "Start": 39, "End": 44, "Resolution": {"value": "(,700]"}}
    wrong_span = {**case, "Results": [shorter]}
    assert eval_numbers.ours_range(wrong_span).status == "fail"
    wrong_value = {**case, "Results": [{**case["Results"][0], "Resolution": {"value": "(,70]"}}]}
    assert eval_numbers.ours_range(wrong_value).status == "fail"


def test_a_unit_without_a_figure_is_a_named_skip() -> None:
    case = {
        "Input": "dollar : 143.80 yen",
        "Results": [
            {"Text": "dollar", "Start": 0, "End": 5, "Resolution": {"unit": "Dollar"}},
            {
                "Text": "143.80 yen",
                "Start": 9,
                "End": 18,
                "Resolution": {"value": "143.8", "unit": "Japanese yen"},
            },
        ],
    }
    outcome = eval_numbers.ours_currency(case)
    assert (outcome.status, outcome.reason) == ("skip", eval_numbers.SKIP_UNIT_ONLY)
