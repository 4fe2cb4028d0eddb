"""Public conformance of the normalizer against Microsoft Recognizers-Text specs.

Run: ``.venv/bin/python bench/eval_normalizer.py [SPEC_DIR]`` (default
``../shared/eval/recognizers-text`` beside the checkout; env ``TRACKER_EVAL_DIR`` also works).
``EVAL_SHOW=NumberModel`` prints each failing case of the files whose name contains it.

For every spec file that a plugin knows, it prints: cases, passed, skipped
(with one line per skip reason), the pass rate over cases not skipped, and
the same rate for two baselines, dateparser alone and quantulum3 alone, on
exactly the cases ours did not skip.

Plugins
-------
Evaluators live beside this file, one module per grammar:
``bench/eval_numbers.py`` (numbers, ranges, dimensions, currency) and
``bench/eval_dates.py`` (dates and periods). A plugin that is missing is
skipped. Each defines::

    EVALUATORS: dict[str, dict[str, Evaluator]]
    # spec file name -> {"ours": fn, "dateparser": fn, "quantulum3": fn}
    # Evaluator = Callable[[dict], Outcome]: takes one case (the JSON object),
    # returns PASS, fail(detail) or skip(reason).

A case passes only when every expected span AND its resolved interval match,
and nothing else was found. Skip reasons are decided once (by the plugin's
shared skip function) so that all three systems see the same cases; a
baseline returning skip on a case ours kept counts as not passed.

Conventions (their spec -> ours): ALL the mapping lives in the section
"CONVENTIONS" below; plugins import these helpers instead of writing their own.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import sys
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from paths import SHARED

DEFAULT_SPEC_DIR = SHARED / "eval" / "recognizers-text"
PLUGINS = ("eval_numbers", "eval_dates")
SYSTEMS = ("ours", "dateparser", "quantulum3")
MAX_SKIP_SHARE = 0.25  # the issue: skips may be at most a quarter of a file


# --------------------------------------------------------------------------- outcomes


@dataclass(frozen=True)
class Outcome:
    status: str  # "pass" | "fail" | "skip"
    reason: str = ""


PASS = Outcome("pass")


def fail(detail: str = "") -> Outcome:
    return Outcome("fail", detail)


def skip(reason: str) -> Outcome:
    return Outcome("skip", reason)


Evaluator = Callable[[dict], Outcome]


# --------------------------------------------------------------------------- CONVENTIONS
#
# How Recognizers-Text writes things, and what that means in our terms.
#
# 1. Spans. Their ``Start`` is a 0-based offset and ``End`` is INCLUSIVE (the
#    last character); some files give ``Length`` instead. Ours are end-exclusive.
#    -> ``spec_span`` returns (start, end_exclusive). When their offsets do not
#    point at their own ``Text`` (a few hand-edited specs) we locate ``Text`` in
#    the input instead, so a typo in the spec does not fail a correct answer.
# 2. Spans of quantities. Their number spans stop at the numeral ("thirty" in
#    "thirty apples"); their range spans cover the comparison words and numerals
#    ("more than thirty"); their dimension and currency spans cover numeral and
#    unit without qualifiers ("ten miles" in "about ten miles"). Ours cover the
#    whole figure including qualifier and counted item ("about 10 shipments").
#    Our grammar reports each part's span, and the plugins compare the part
#    that corresponds to theirs (documented per file in eval_numbers.py).
# 3. Numeric values are strings ("1.5E-06", "75000000"); compared as floats
#    with a relative tolerance of 1e-9 (``same_number``).
# 4. Ranges are written ``(a,b]`` style with empty sides for open ends:
#    "(30,)" is more than 30, "(,700]" is at most 700. For a two-sided range
#    written with "between", "to", "through", "-", "~" they use a half-open
#    upper end by convention: "between 20 and 30" is ``[20,30)``. DOMAIN §3
#    reads news "between 20 and 30" as the closed [20, 30]. So a ``[a,b)`` of
#    theirs is compared as our closed [a, b] (``their_interval``), while a
#    ``(a,b)`` or ``(a,b]`` that comes from explicit comparison words keeps
#    its openness.
# 5. Dates: their period ``endDate`` is EXCLUSIVE; our periods are inclusive
#    days, so their end minus one day is our ``last`` (``exclusive_end_to_last``).
#    ``PastResolution`` is what a news text means (past tense resolves to the most
#    recent past occurrence), so we compare against it when present.
# 6. The reference date is ``Context.ReferenceDateTime`` (``reference_date``);
#    without it, the specs were written against 2016-11-07 (their default).
# 7. ``NotSupported`` names Recognizers-Text implementations that fail the case;
#    it says nothing about us, so it is never a reason to skip.

REL_TOL = 1e-9
THEIR_DEFAULT_REFERENCE = datetime(2016, 11, 7)


def spec_span(case: dict, result: dict) -> tuple[int, int]:
    """Their (Start, End-inclusive | Length) as our (start, end-exclusive)."""
    text = case["Input"]
    wanted = result.get("Text", "")
    start = int(result.get("Start", -1))
    if "Length" in result:
        end = start + int(result["Length"])
    else:
        end = int(result.get("End", start + len(wanted) - 1)) + 1
    if text[start:end].lower() != wanted.lower():
        found = text.lower().find(wanted.lower())
        if found >= 0:
            return found, found + len(wanted)
    return start, end


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=1e-12)


def parse_number(value: str | float | int | None) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


@dataclass(frozen=True)
class Interval:
    """A numeric interval in OUR convention: None for an open-ended side."""

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False

    def same(self, other: Interval) -> bool:
        return (
            same_number(self.low, other.low)
            and same_number(self.high, other.high)
            and (self.low is None or self.low_open == other.low_open)
            and (self.high is None or self.high_open == other.high_open)
        )


def their_interval(value: str) -> Interval:
    """ "[20,30)" -> closed [20, 30] (convention 4); "(30,)" -> (30, None) open low."""
    value = value.strip()
    left, right = value[0], value[-1]
    lo_text, hi_text = value[1:-1].split(",", 1)
    low, high = parse_number(lo_text), parse_number(hi_text)
    low_open, high_open = left == "(", right == ")"
    if low is not None and high is not None and left == "[" and right == ")":
        high_open = False  # their half-open range convention is our closed range
    return Interval(low, high, low_open and low is not None, high_open and high is not None)


def reference_date(case: dict) -> datetime:
    ref = (case.get("Context") or {}).get("ReferenceDateTime")
    if not ref:
        return THEIR_DEFAULT_REFERENCE
    return datetime.fromisoformat(ref.replace("Z", "+00:00")).replace(tzinfo=None)


def exclusive_end_to_last(end: str) -> date:
    """Their exclusive period end ("2016-12-01") as our inclusive last day."""
    return date.fromisoformat(end[:10]) - timedelta(days=1)


# 8. Units. Their unit names ("Mile", "Metric ton", "United States dollar") map onto our
#    canonical units (DOMAIN §3) through THEIR_UNITS. They tell "Dollar" ("$") from "United
#    States dollar" ("US$", "USD"); a news "$" is the US dollar, so both are our ``usd``. They
#    tell "Ton" from "Metric ton"; our ``t`` is the metric ton and news "tons" mean it too.
#    Sub-units "Cent" and "Pence" stay sub-units (``cent``, ``pence``).
# 9. A result with no value ("dollar" alone, "metric ton" alone) names a unit without any
#    figure; DOMAIN §3 quantities are figures, so a case whose expectations include one is
#    skipped as "unit named without a figure".

THEIR_UNITS: dict[str, str] = {
    "foot": "ft",
    "meter": "m",
    "mile": "mi",
    "pound": "lb",
    "gallon": "gal",
    "ton": "t",
    "metric ton": "t",
    "kilometer per hour": "km/h",
    "kilogram": "kg",
    "microgram": "ug",
    "inch": "in",
    "square meter": "m2",
    "kilometer": "km",
    "millimeter": "mm",
    "decimeter": "dm",
    "picometer": "pm",
    "degree": "deg",
    "turn": "turn",
    "milliliter": "ml",
    "barrel": "bbl",
    "ounce": "oz",
    "acre": "acre",
    "cubic foot": "cu ft",
    "bit": "bit",
    "mile per hour": "mph",
    "square kilometer": "km2",
    "megabit": "mbit",
    "megabyte": "mb",
    "tablespoon": "tbsp",
    "cup": "cup",
    "teaspoon": "tsp",
    "dram": "dram",
    "meter per millisecond": "m/ms",
    "centimeter per millisecond": "cm/ms",
    "kilometer per millisecond": "km/ms",
    "gram": "g",
    "radian": "rad",
    # currencies
    "dollar": "usd",
    "united states dollar": "usd",
    "euro": "eur",
    "chinese yuan": "cny",
    "pound (currency)": "gbp",
    "british pound": "gbp",
    "cent": "cent",
    "canadian dollar": "cad",
    "japanese yen": "jpy",
    "franc": "franc",
    "australian dollar": "aud",
    "pence": "pence",
    "penny": "pence",
    "bitcoin": "btc",
    "turkish lira": "try",
    "rupee": "inr",
    "mexican peso": "mxn",
    "finnish markka": "fim",
    "hong kong dollar": "hkd",
    "peseta": "esp",
    "netherlands guilder": "nlg",
    "swiss franc": "chf",
    "costa rican colón": "crc",
    "georgian lari": "gel",
    "lao kip": "lak",
    "sri lankan rupee": "lkr",
    "sen": "sen",
    "satoshi": "satoshi",
    "new zealand dollar": "nzd",
}


def our_unit(their_name: str | None, currency: bool = False) -> str | None:
    """Their unit name as our canonical unit; "Pound" is money in the currency file."""
    if their_name is None:
        return None
    name = their_name.strip().lower()
    if currency and name == "pound":
        name = "pound (currency)"
    return THEIR_UNITS.get(name, name)


def same_results(expected: list[tuple], got: list[tuple]) -> bool:
    """Both lists hold (start, end, *values); equal as multisets, numbers within REL_TOL."""
    if len(expected) != len(got):
        return False
    left = list(got)
    for exp in expected:
        for k, cand in enumerate(left):
            if len(cand) == len(exp) and all(
                same_number(a, b)
                if isinstance(a, float | int) and isinstance(b, float | int)
                else (a.same(b) if isinstance(a, Interval) else a == b)
                for a, b in zip(exp, cand, strict=True)
            ):
                del left[k]
                break
        else:
            return False
    return True


# --------------------------------------------------------------------------- harness


def spec_dir() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    return Path(os.environ.get("TRACKER_EVAL_DIR", DEFAULT_SPEC_DIR))


def load_cases(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def load_evaluators() -> dict[str, dict[str, Evaluator]]:
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    merged: dict[str, dict[str, Evaluator]] = {}
    for name in PLUGINS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            print(f"(plugin {name} not present: its files are not evaluated)")
            continue
        merged.update(module.EVALUATORS)
    return merged


def run(evaluator: Evaluator, case: dict) -> Outcome:
    try:
        return evaluator(case)
    except Exception as error:  # a crash on one case is that case failing
        return fail(f"error: {type(error).__name__}: {error}")


def evaluate_file(path: Path, systems: dict[str, Evaluator]) -> dict:
    cases = load_cases(path)
    ours = systems["ours"]
    show = os.environ.get("EVAL_SHOW")  # print the failures of files whose name contains this
    kept: list[dict] = []
    passed = 0
    skips: Counter[str] = Counter()
    for case in cases:
        outcome = run(ours, case)
        if outcome.status == "skip":
            skips[outcome.reason] += 1
            continue
        kept.append(case)
        passed += outcome.status == "pass"
        if outcome.status == "fail" and show and show in path.name:
            print(f"FAIL {path.name}: {case['Input'][:100]!r}\n     {outcome.reason[:300]}")
    baselines: dict[str, int | None] = {}
    for name in SYSTEMS[1:]:
        evaluator = systems.get(name)
        baselines[name] = (
            None if evaluator is None else sum(run(evaluator, c).status == "pass" for c in kept)
        )
    return {
        "file": path.name,
        "cases": len(cases),
        "kept": len(kept),
        "passed": passed,
        "skips": skips,
        "baselines": baselines,
    }


def rate(passed: int | None, kept: int) -> str:
    if passed is None:
        return "n/a"
    return f"{100 * passed / kept:.1f}%" if kept else "-"


def main() -> int:
    warnings.filterwarnings("ignore")
    evaluators = load_evaluators()
    folder = spec_dir()
    rows = [
        evaluate_file(path, evaluators[path.name])
        for path in sorted(folder.glob("*.json"))
        if path.name in evaluators
    ]
    header = (
        f"{'file':<24} {'cases':>5} {'passed':>6} {'skipped':>7} {'rate':>7} "
        f"{'dateparser':>10} {'quantulum3':>10}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        skipped = sum(row["skips"].values())
        b = row["baselines"]
        print(
            f"{row['file']:<24} {row['cases']:>5} {row['passed']:>6} {skipped:>7} "
            f"{rate(row['passed'], row['kept']):>7} {rate(b['dateparser'], row['kept']):>10} "
            f"{rate(b['quantulum3'], row['kept']):>10}"
        )
        for reason, count in row["skips"].most_common():
            print(f"    skipped {count:>3}: {reason}")
        if row["cases"] and skipped > MAX_SKIP_SHARE * row["cases"]:
            print(f"    WARNING: {skipped} skips exceed a quarter of {row['cases']} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
