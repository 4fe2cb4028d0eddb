"""What a subject's evidence adds up to (issue 15), on hand-made inputs checked by hand,
and on the bundled case against its articles."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from tracker.scoring import AttributionIn, ClaimIn, DocumentIn, Figure, Period, SourceIn
from tracker.scoring.estimate import estimate_subjects
from tracker.scoring.inputs import ScoringInputs

SOURCES = {
    1: SourceIn(1, "NIS", "Republic of Korea", "B"),
    2: SourceIn(2, "RUSI", "RUSI", "B"),
    3: SourceIn(3, "CSIS", "CSIS", "B"),
    4: SourceIn(4, "Blog", "Blog", "E"),
    5: SourceIn(5, "KCNA", "DPRK", "D"),
}
DOCS = {
    f"d{m}": DocumentIn(f"d{m}", "Outlet", date(2023, m, 1), date(2023, m, 1)) for m in range(1, 13)
}


def claim(cid: str, source: int, doc: str, figure: Figure | None, **kw) -> ClaimIn:  # type: ignore[no-untyped-def]
    return ClaimIn(
        cid,
        kw.pop("subject", "Rounds"),
        figure=figure,
        attributions=(AttributionIn(source, doc, quote=cid),),
        **kw,
    )


def at_least(n: float) -> Figure:
    return Figure(low=n, high=None, qualifier="at_least", value=n, item="rounds")


def between(lo: float, hi: float, unit: str | None = None) -> Figure:
    return Figure(low=lo, high=hi, qualifier="range", unit=unit, item=None if unit else "rounds")


def summary(*claims: ClaimIn):  # type: ignore[no-untyped-def]
    (s,) = estimate_subjects(ScoringInputs(SOURCES, DOCS, claims))
    return s


def test_one_outlier_stands_outside_the_agreeing_interval() -> None:
    s = summary(
        claim("nis", 1, "d3", between(900_000, 1_100_000)),
        claim("rusi", 2, "d3", at_least(1_000_000)),
        claim("blog", 4, "d3", between(10_000, 20_000)),
    )
    (e,) = s.estimates
    # NIS [0.9M, 1.1M] and RUSI [1M, inf) meet on [1M, 1.1M]; the blog's 10-20k meets neither.
    assert (e.low, e.high) == (1_000_000, 1_100_000)
    assert set(e.origins) == {"Republic of Korea", "RUSI"}
    assert [o.origin for o in e.outliers] == ["Blog"]
    assert (e.lowest.origin, e.highest.origin) == ("Blog", "RUSI")
    assert e.outside == ("Blog",)


def test_a_heavier_set_wins_over_a_lone_voice() -> None:
    # Two B voices agreeing on 5-10 outweigh one B voice at 50-60, which is the outlier.
    s = summary(
        claim("a", 2, "d3", between(5, 10)),
        claim("b", 3, "d3", between(8, 12)),
        claim("c", 1, "d3", between(50, 60)),
    )
    (e,) = s.estimates
    assert (e.low, e.high) == (8, 10)
    assert [o.origin for o in e.outliers] == ["Republic of Korea"]


def test_a_cumulative_series_that_falls_is_flagged() -> None:
    series = dict(subject="Shipments", cumulative=True)
    s = summary(
        claim(
            "rusi-oct",
            2,
            "d10",
            at_least(10),
            period=Period(date(2023, 8, 1), date(2023, 10, 31)),
            **series,
        ),
        claim(
            "csis-nov",
            3,
            "d11",
            between(3, 4),
            period=Period(date(2023, 8, 1), date(2023, 11, 30)),
            **series,
        ),
    )
    (e,) = s.estimates
    assert [r.origin for r in e.series] == ["RUSI", "CSIS"]
    assert e.falls
    assert "CSIS [3, 4] (2023-11-30) is below RUSI [10, +inf] (2023-10-31)" in e.falls_at[0]


def test_a_revision_replaces_the_origins_earlier_figure() -> None:
    s = summary(
        claim("nis-oct", 1, "d10", between(9_000, 11_000)),
        claim("nis-dec", 1, "d12", between(11_000, 13_000)),
    )
    (e,) = s.estimates
    assert (e.low, e.high) == (11_000, 13_000)  # the December figure stands for NIS
    assert e.origins == ("Republic of Korea",) and e.outliers == ()


def test_a_subject_with_only_denials_has_no_estimate() -> None:
    s = summary(claim("kcna", 5, "d3", None, stance="denies"))
    assert s.estimates == ()
    assert s.denied_by == ("DPRK",) and s.asserted_by == ()
    assert s.to_json()["estimate"] is None


def test_two_units_get_one_estimate_each() -> None:
    s = summary(
        claim("km", 2, "d3", between(170, 190, "km"), subject="Distance"),
        claim("mi", 3, "d3", between(105, 115, "mi"), subject="Distance"),
    )
    assert sorted(e.unit or "" for e in s.estimates) == ["km", "mi"]
    assert all(e.outliers == () for e in s.estimates)


def test_the_bundled_case_counts_each_origin_once(
    tmp_path: Path, bundled_case: Path, imported_case: Callable[..., Path]
) -> None:
    db = imported_case(tmp_path / "case.sqlite", bundled_case)
    run = [sys.executable, "-m", "tracker", "--db", str(db)]
    out = subprocess.run([*run, "score", "--json"], capture_output=True, text=True, check=True)
    subjects = {s["name"]: s for s in json.loads(out.stdout)["subjects"]}
    shipments = subjects["Maritime munitions shipments, DPRK to Russia (count)"]
    # claims.yaml: NIS "about 10 shipments" carried by Bloomberg and twice by Euromaidan
    # Press counts once (its group, Republic of Korea); RUSI at least 5 and CSIS at least
    # 6 trips agree with it on 9-11; the DPRK denies.
    estimate = shipments["estimate"]
    assert sorted(estimate["origins"]) == [
        "Center for Strategic and International Studies",
        "Republic of Korea",
        "Royal United Services Institute",
    ]
    assert (estimate["low"], estimate["high"]) == (9.0, 11.0)
    assert shipments["asserted_by"].count("Republic of Korea") == 1
    assert shipments["denied_by"] == ["Democratic People's Republic of Korea"]
    assert shipments["estimates"][0]["falls"] is False
    rounds = subjects["Artillery rounds shipped, DPRK to Russia (count)"]
    assert rounds["estimate"]["low"] == 1_000_000 and rounds["estimate"]["low_open"] is True
    assert "more than 1 million rounds" in rounds["estimates"][0]["sentence"]


def test_explain_a_subject_from_the_command_line(
    tmp_path: Path, bundled_case: Path, imported_case: Callable[..., Path]
) -> None:
    db = imported_case(tmp_path / "case.sqlite", bundled_case)
    run = [sys.executable, "-m", "tracker", "--db", str(db)]
    name = "Maritime munitions shipments, DPRK to Russia (count)"
    out = subprocess.run([*run, "explain", "--subject", name], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "it is very likely that the figure is 9 to 11 trips" in out.stdout
    assert "denied by: Democratic People's Republic of Korea" in out.stdout
    bad = subprocess.run([*run, "explain", "--subject", "nope"], capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stderr.startswith("tracker: no subject named 'nope'")
