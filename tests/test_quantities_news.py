"""News figures, kind by kind (issue 14): each case written from the sentence, by hand."""

from __future__ import annotations

import pytest

from tracker.normalize import normalize


def figures(text: str, anchor: str = "2024-05-03") -> list[tuple]:
    return [
        (q.value if q.value is not None else (q.low, q.high), q.unit or q.item, q.change)
        for q in normalize(text, anchor).quantities
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares of Rivian rose 6.5% on Thursday.", [(6.5, "percent", "up")]),
        ("Exports fell 7% from a year earlier.", [(7, "percent", "down")]),
        ("Analysts expect the bank to cut rates by 25 basis points.", [(25, "bp", "down")]),
        ("Core prices came in at +0.2% month on month.", [(0.2, "percent", "up")]),
        ("Retail sales contracted -1.3% in the quarter.", [(-1.3, "percent", "down")]),
        ("The thermometer read -12C at dawn.", [(-12, "degC", None)]),
        ("Temperatures will plunge to minus 40 degrees.", [(-40, "deg", None)]),
        # the level reached is not the change
        ("Unemployment rose to 4.2% in April.", [(4.2, "percent", None)]),
        ("Bitcoin slumped below $60,000 again.", [(60000, "usd", None)]),
        # an apposition and a coordinated figure take the direction of the one before
        (
            "Brent crude gained $1.12, or 1.3%, to $84.50 a barrel.",
            [(1.12, "usd", "up"), (1.3, "percent", "up"), (84.5, "usd", None)],
        ),
        (
            "The company laid off about 1,000 employees, or 6% of its staff.",
            [(1000, "employees", "down"), (6, "percent", "down")],
        ),
        ("The carmaker's sales were up 17% from a year ago.", [(17, "percent", "up")]),
        ("The index closed 0.8% higher.", [(0.8, "percent", "up")]),
        ("Daytime highs will be 8C above normal.", [(8, "degC", "up")]),
        # money raised and ships lost are amounts; with "by" they are changes
        ("The company raised US$45m in a Series B round.", [(45e6, "usd", None)]),
        ("Russia lost 8 or 9 warships in the Black Sea.", [((8, 9), "warships", None)]),
        ("Kyiv says it shot down 30 drones.", [(30, "drones", None)]),
    ],
)
def test_change(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fund has about USD10m under management.", (10e6, "usd")),
        ("Siemens agreed to pay EUR50m.", (50e6, "eur")),
        ("The miner reported an A$1.5bn write-down.", (1.5e9, "aud")),
        ("The stock closed at RM23.50 on Bursa Malaysia.", (23.5, "myr")),
        ("The club paid a record £115m for the midfielder.", (115e6, "gbp")),
        ("Pyongyang received 1.2m tons of oil products.", (1.2e6, "t")),
        ("Storm Ciarán cut power to 1.2m homes.", (1.2e6, "homes")),
        ("Inflation eased to 2.4pc in March.", (2.4, "percent")),
        ("The display refreshes at 120Hz.", (120, "hz")),
        ("The speaker's tweeter reaches 15kHz.", (15, "khz")),
        ("The charger delivers 5kW.", (5, "kw")),
        ("It fills a 5.5kWh battery.", (5.5, "kwh")),
        ("Speeds average 30Mbps in rural areas.", (30, "mbps")),
        ("The chip runs at up to 2.4GHz.", (2.4, "ghz")),
        ("The car has 640bhp.", (640, "hp")),
        ("The mercury hit 47.6C in Sicily.", (47.6, "degC")),
        ("Highs will reach 85F on Friday.", (85, "degF")),
        ("Pressure fell to 950 millibars at the centre.", (950, "mbar")),
        ("The phone costs Rs 79,999 in India.", (79999, "inr")),
        ("The budget is UAH 1.7 trillion.", (1.7e12, "uah")),
    ],
)
def test_glued_money_and_units(text: str, expected: tuple) -> None:
    [(value, unit, _change)] = figures(text)
    assert value == pytest.approx(expected[0])
    assert unit == expected[1]


def test_a_glued_m_without_money_or_count_stays_metres() -> None:
    assert figures("The sea wall is 5m high.") == [(5, "m", None)]


@pytest.mark.parametrize(
    ("text", "value", "item"),
    [
        ("The startup employs 12-thousand people.", 12000, "people"),
        ("The carrier flew 2 hundred million passengers.", 2e8, "passengers"),
        ("The group's debt stands at one-point-five trillion yen.", 1.5e12, "jpy"),
        ("The charity raised one-point-two million pounds.", 1.2e6, "gbp"),
        ("The new stand adds two and a half thousand seats.", 2500, "seats"),
    ],
)
def test_spoken_and_hyphenated_numbers(text: str, value: float, item: str) -> None:
    [(found, unit_or_item, _change)] = figures(text)
    assert found == pytest.approx(value)
    assert unit_or_item == item


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Net profit was $4.1 billion a year earlier.", [(4.1e9, "usd", None)]),
        ("The government wants the 2.3 billion euros it needs.", [(2.3e9, "eur", None)]),
        ("Negotiators clung to the 1.5 to 2 degree goal.", [((1.5, 2), "deg", None)]),
        ("The chain plans from 1000 to 2000 hires in 2025.", [((1000, 2000), "hires", None)]),
    ],
)
def test_a_quantity_next_to_a_date_keeps_its_figure(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected


def test_change_is_printed_by_normalize_json() -> None:
    import json
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "tracker", "normalize", "Exports fell 7% in April.", "--json"]
        + ["--anchor", "2024-05-03"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    [q] = json.loads(out)["quantities"]
    assert (q["text"], q["change"]) == ("7%", "down")


def test_a_claims_figure_reads_its_own_direction() -> None:
    from tracker.normalize.direction import change_of_figure

    assert change_of_figure("up 6.5%") == "up"
    assert change_of_figure("+0.2%") == "up"
    assert change_of_figure("cut by 25 basis points") == "down"
    assert change_of_figure("about 10 shipments") is None
    assert change_of_figure(None) is None
