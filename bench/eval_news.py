"""News quantities: value F1, value+unit F1 and value+change F1 on our labelled set.

Run: ``.venv/bin/python bench/eval_news.py [--show]``

The set is ``tests/data/news_quantities.jsonl`` (498 sentences written in the style of
finance, technology, sport, weather, health and defence reporting, labelled by hand;
``tests/data/README.md`` gives the labelling rules). Every fifth of the first 438 (id
divisible by 5) is held out, and the last 60 (``"part": "fresh"``) were written after the
tuning, in new phrasings, and never tuned on: figures are printed for the three parts
apart, and ``--show`` lists misses on the tuning part only.

Matching follows the rules of CQE's NewsQuant scorer (Almasian et al., EMNLP 2023): per
sentence, a predicted quantity matches a gold one (each used once) when its value
matches: low and high within a relative tolerance of 0.1% (a single figure has
low == high; "about 10" is 10, the qualifier is not part of the value); for +unit also
the normalized unit (the unit, else the counted item, lower-cased, each word's plural
"s" dropped); for +change also the direction (up, down or none). F1 is over every
quantity the system returns and every gold quantity.

Systems, in one run: ours (``normalize``), quantulum3 (``parser.parse``; its unit names
mapped onto ours; no change field, so always none) and dateparser. dateparser reads
dates only: it has no quantity values to score, so it is scored on the periods
(sentences labelled with ``times``) beside ours, a period matching when its first and
last day are the gold ones (``exact``) or, for a system that returns one moment as
dateparser does, when that day lies inside the gold period (``within``).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.normalize import normalize  # noqa: E402

DATA = ROOT / "tests" / "data" / "news_quantities.jsonl"
TOLERANCE = 1e-3


@dataclass(frozen=True)
class Figure:
    low: float
    high: float
    unit: str | None
    change: str | None


def load() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def held_out(row: dict) -> bool:
    """Held out: every fifth sentence, and the fresh part (written after the tuning)."""
    return row["id"] % 5 == 0 or row.get("part") == "fresh"


def norm_unit(unit: str | None) -> str | None:
    if not unit:
        return None
    words = unit.lower().replace("-", " ").split()
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words
    )


def gold_figures(row: dict) -> list[Figure]:
    return [
        Figure(q["low"], q["high"], norm_unit(q["unit"] or q["item"]), q["change"])
        for q in row["quantities"]
    ]


def ours(row: dict) -> list[Figure]:
    out = []
    for q in normalize(row["sentence"], row["anchor"]).quantities:
        low, high = (q.value, q.value) if q.value is not None else (q.low, q.high)
        if low is None or high is None:
            continue
        out.append(Figure(low, high, norm_unit(q.unit or q.item), getattr(q, "change", None)))
    return out


# quantulum3's unit names -> ours (units.py canonical spellings)
QUANTULUM_UNITS = {
    "percentage": "percent",
    "per cent": "percent",
    "dollar": "usd",
    "united states dollar": "usd",
    "euro": "eur",
    "pound sterling": "gbp",
    "pound sterling bit newton": "gbp",
    "yen": "jpy",
    "japanese yen": "jpy",
    "hong kong dollar": "hkd",
    "australian dollar": "aud",
    "indian rupee": "inr",
    "malaysian ringgit": "myr",
    "russian ruble": "rub",
    "ukrainian hryvnia": "uah",
    "penny": "pence",
    "pence": "pence",
    "kilometre": "km",
    "metre": "m",
    "centimetre": "cm",
    "millimetre": "mm",
    "mile": "mi",
    "inch": "in",
    "foot": "ft",
    "yard": "yd",
    "kilogram": "kg",
    "gram": "g",
    "milligram": "mg",
    "microgram": "ug",
    "tonne": "t",
    "ton": "t",
    "short ton": "t",
    "litre": "l",
    "millilitre": "ml",
    "barrel": "bbl",
    "second": "second",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "degree celsius": "degC",
    "degree fahrenheit": "degF",
    "degree angle": "deg",
    "degree": "deg",
    "kilometre per hour": "km/h",
    "mile per hour": "mph",
    "knot": "kn",
    "hertz": "hz",
    "kilohertz": "khz",
    "megahertz": "mhz",
    "gigahertz": "ghz",
    "watt": "w",
    "kilowatt": "kw",
    "megawatt": "mw",
    "gigawatt": "gw",
    "kilowatt hour": "kwh",
    "megabit per second": "mbps",
    "gigabit per second": "gbps",
    "gigabyte": "gb",
    "exabyte": "eb",
    "hectare": "ha",
    "square kilometre": "km2",
    "horsepower": "hp",
    "bit horsepower": "hp",
    "brake horsepower": "hp",
    "basis point": "bp",
    "millibar": "mbar",
    "millimeter of mercury": "mmhg",
    "milliampere-hour": "mah",
    "candela per square metre": "nit",
    "revolutions per minute": "rpm",
    "revolution per minute": "rpm",
    "calorie": "kcal",
    "kilocalorie": "kcal",
    "part-per-million": "ppm",
    "parts per million": "ppm",
}


def quantulum(parse: Callable[[str], list]) -> Callable[[dict], list[Figure]]:
    def run(row: dict) -> list[Figure]:
        out = []
        for q in parse(row["sentence"]):
            name = q.unit.name.lower()
            unit = None if name == "dimensionless" else QUANTULUM_UNITS.get(name, name)
            out.append(Figure(q.value, q.value, norm_unit(unit), None))
        return out

    return run


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=1e-9)


RULES: dict[str, Callable[[Figure, Figure], bool]] = {
    "value": lambda p, g: close(p.low, g.low) and close(p.high, g.high),
    "value+unit": lambda p, g: close(p.low, g.low) and close(p.high, g.high) and p.unit == g.unit,
    "value+change": lambda p, g: (
        close(p.low, g.low) and close(p.high, g.high) and p.change == g.change
    ),
}
EXACT = RULES["value"]


def matched(pred: list[Figure], gold: list[Figure], rule: Callable[[Figure, Figure], bool]) -> int:
    used = [False] * len(pred)
    hits = 0
    for g in gold:
        for i, p in enumerate(pred):
            if not used[i] and rule(p, g):
                used[i] = True
                hits += 1
                break
    return hits


def f1(hits: int, n_pred: int, n_gold: int) -> float:
    precision = hits / n_pred if n_pred else 0.0
    recall = hits / n_gold if n_gold else 0.0
    return 200 * precision * recall / (precision + recall) if precision + recall else 0.0


def all_match(p: Figure, g: Figure) -> bool:
    return RULES["value+unit"](p, g) and p.change == g.change


def score(rows: list[dict], system: Callable[[dict], list[Figure]]) -> dict[str, float]:
    totals = dict.fromkeys(RULES, 0)
    n_pred = n_gold = 0
    defence_gold = defence_exact = 0
    for row in rows:
        pred, gold = system(row), gold_figures(row)
        n_pred += len(pred)
        n_gold += len(gold)
        for name, rule in RULES.items():
            totals[name] += matched(pred, gold, rule)
        if row["domain"] == "defence":
            defence_gold += len(gold)
            defence_exact += matched(pred, gold, all_match)
    out = {name: f1(hits, n_pred, n_gold) for name, hits in totals.items()}
    out["defence exact %"] = 100 * defence_exact / defence_gold if defence_gold else 0.0
    return out


def show_misses(rows: list[dict]) -> None:
    for row in rows:
        if held_out(row):
            continue
        pred, gold = ours(row), gold_figures(row)
        if matched(pred, gold, all_match) == len(gold) == len(pred):
            continue
        print(f"#{row['id']} {row['sentence']}")
        print(f"   gold {[(g.low, g.high, g.unit, g.change) for g in gold]}")
        print(f"   ours {[(p.low, p.high, p.unit, p.change) for p in pred]}")


# -- periods
def ours_periods(row: dict) -> list[tuple[date, date]]:
    return [
        (t.first, t.last)
        for t in normalize(row["sentence"], row["anchor"]).times
        if t.first is not None and t.last is not None
    ]


def dateparser_periods(search: Callable) -> Callable[[dict], list[tuple[date, date]]]:
    def run(row: dict) -> list[tuple[date, date]]:
        base = datetime.fromisoformat(row["anchor"])
        found = search(
            row["sentence"],
            languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
        )
        return [(moment.date(), moment.date()) for _, moment in found or []]

    return run


def period_scores(rows: list[dict], system: Callable) -> tuple[float, float]:
    exact = within = n_pred = n_gold = 0
    for row in rows:
        gold = [
            (date.fromisoformat(t["first"]), date.fromisoformat(t["last"])) for t in row["times"]
        ]
        pred = system(row)
        n_pred += len(pred)
        n_gold += len(gold)
        exact += matched(pred, gold, lambda p, g: p == g)  # type: ignore[arg-type,return-value]
        within += matched(pred, gold, lambda p, g: g[0] <= p[0] and p[1] <= g[1])  # type: ignore[arg-type,return-value]
    return f1(exact, n_pred, n_gold), f1(within, n_pred, n_gold)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list our misses on the tuning part")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")
    from dateparser.search import search_dates
    from quantulum3 import parser as q3

    rows = load()
    parts = {
        "tuning": [r for r in rows if not held_out(r)],
        "held-out": [r for r in rows if held_out(r) and r.get("part") != "fresh"],
        "fresh": [r for r in rows if r.get("part") == "fresh"],
    }
    systems = {"ours": ours, "quantulum3": quantulum(q3.parse)}
    for part, subset in parts.items():
        n_q = sum(len(r["quantities"]) for r in subset)
        print(f"{part}: {len(subset)} sentences, {n_q} quantities")
        print(
            f"  {'system':<12} {'value F1':>9} {'+unit F1':>9} {'+change F1':>11}"
            f" {'defence exact':>14}"
        )
        for name, system in systems.items():
            s = score(subset, system)
            print(
                f"  {name:<12} {s['value']:>9.1f} {s['value+unit']:>9.1f} "
                f"{s['value+change']:>11.1f} {s['defence exact %']:>13.1f}%"
            )
        print(f"  {'dateparser':<12} {'(reads dates only: no quantity values; periods below)':>46}")
    print()
    periods = {part: [r for r in subset if "times" in r] for part, subset in parts.items()}
    for part, subset in periods.items():
        if not subset:
            continue
        n_t = sum(len(r["times"]) for r in subset)
        print(f"periods, {part}: {len(subset)} sentences, {n_t} periods")
        print(f"  {'system':<12} {'exact F1':>9} {'within F1':>10}")
        pair = {"ours": ours_periods, "dateparser": dateparser_periods(search_dates)}
        for name, system in pair.items():
            exact, within = period_scores(subset, system)
            print(f"  {name:<12} {exact:>9.1f} {within:>10.1f}")
        print(f"  {'quantulum3':<12} {'(no dates)':>9}")
    if args.show:
        print()
        show_misses(parts["tuning"])


if __name__ == "__main__":
    main()
