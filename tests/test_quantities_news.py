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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ukraine has received over 2 million 155-millimetre rounds.",
            [(2e6, "155-millimetre rounds", None)],
        ),
        ("The brewer shipped six million 330ml cans.", [(6e6, "330ml cans", None)]),
        ("Satellite images show five observed trips.", [(5, "observed trips", None)]),
        (
            "The trial enrolled 1,200 newly diagnosed patients.",
            [(1200, "newly diagnosed patients", None)],
        ),
        ("Russia launched 250 Shahed drones overnight.", [(250, "Shahed drones", None)]),
        ("Germany will deliver 40 Leopard 2 tanks.", [(40, "Leopard 2 tanks", None)]),
        ("Norway ordered 5 Type 26 frigates.", [(5, "Type 26 frigates", None)]),
        ("The US will send 31 Abrams tanks.", [(31, "Abrams tanks", None)]),
        ("Kyiv asked for 50 more Patriot interceptors.", [(50, "Patriot interceptors", None)]),
        ("Nvidia shipped 3.76 million data-centre GPUs.", [(3.76e6, "data-centre GPUs", None)]),
        ("Around 300 million PCs can't run it.", [(3e8, "PCs", None)]),
        # "the two" is the subject: "rekindled" is its verb, not an adjective
        ("After the war the two rekindled ties.", [(2, None, None)]),
    ],
)
def test_counted_items_keep_adjectives_names_and_sizes(text: str, expected: list) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Margins of 5% to 10% are typical.", [((5, 10), "percent", None)]),
        ("Fees range from 1 per cent to 1.5 per cent.", [((1, 1.5), "percent", None)]),
        ("The bank held its key rate at 5.25%-5.5%.", [((5.25, 5.5), "percent", None)]),
        ("Fares will be down 5% to 10% this summer.", [((5, 10), "percent", "down")]),
        ("Growth of between 5 and 6 per cent.", [((5, 6), "percent", None)]),
        ("A coffee costs 8 or 9 dollars.", [((8, 9), "usd", None)]),
        ("Fans will pay 8 or 9 pounds for a pint.", [((8, 9), "gbp", None)]),
        # a change and the level it reached are two figures, not a range
        (
            "Revenue increased by $4 billion to $19 billion.",
            [(4e9, "usd", "up"), (19e9, "usd", None)],
        ),
        ("The dividend will rise 3 pence to 42p.", [(3, "pence", "up"), (42, "pence", None)]),
        ("The insurer will cut premiums by 3% to 5%.", [((3, 5), "percent", "down")]),
    ],
)
def test_ranges_alternatives_and_a_change_with_its_level(text: str, expected: list) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Arsenal drew 2-2 with Liverpool.",
        "The Lakers won 112-108 in overtime.",
        "Real Madrid beat Barcelona 3-1.",
        "The S&P 500 and the FTSE 100 were flat.",
        "The FTSE 250 and the Nasdaq 100 closed early.",
        "The iPhone 15 Pro starts next week.",
        "The Snapdragon 8 Gen 3 chip is fast.",
        "Tesla sells Model 3s and Model Ys.",
        "The Formula One season starts soon.",
        "The race starts at 0401 GMT.",
        "The yield on the 10-year Treasury was flat.",
        "The price of a two-bedroom flat was not given.",
    ],
)
def test_names_scores_and_identifiers_are_not_quantities(text: str) -> None:
    assert figures(text) == []


def test_a_calibre_alone_stays_a_length_as_in_the_seed_tables() -> None:
    assert figures("The howitzer fires 152mm shells.") == [(152, "mm", None)]


@pytest.mark.parametrize(
    ("text", "qualifier", "bounds"),
    [
        ("Foreign investors own over than 60% of the bank.", "more_than", (60, None)),
        ("The deal is worth up to approximately $3 million.", "at_most", (None, 3e6)),
        ("The army fired more than about 500 rounds.", "more_than", (500, None)),
    ],
)
def test_stacked_qualifiers_keep_the_bound(text: str, qualifier: str, bounds: tuple) -> None:
    [q] = normalize(text, "2024-05-03").quantities
    assert (q.qualifier, (q.low, q.high)) == (qualifier, bounds)
