"""Units with one canonical spelling each (DOMAIN §3), their dimension, and conversions.

``UNIT_PATTERN`` matches a unit written after a number ("kilometers", "km",
"mm", "US dollars", "%", "per cent"); ``CURRENCY_BEFORE`` a currency written
before it ("$", "US$", "€"). ``canonical(spelling)`` gives the canonical unit and
``convert(value, unit, to)`` converts within one dimension.
"""

from __future__ import annotations

import re

# canonical unit -> (dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, float]] = {
    "km": ("length", 1000.0),
    "m": ("length", 1.0),
    "cm": ("length", 0.01),
    "mm": ("length", 0.001),
    "mi": ("length", 1609.344),
    "nmi": ("length", 1852.0),
    "yd": ("length", 0.9144),
    "ft": ("length", 0.3048),
    "in": ("length", 0.0254),
    "t": ("mass", 1000.0),
    "kg": ("mass", 1.0),
    "g": ("mass", 0.001),
    "mg": ("mass", 1e-6),
    "lb": ("mass", 0.45359237),
    "oz": ("mass", 0.028349523125),
    "l": ("volume", 1.0),
    "ml": ("volume", 0.001),
    "gal": ("volume", 3.785411784),
    "bbl": ("volume", 158.987294928),
    "cu ft": ("volume", 28.316846592),
    "km2": ("area", 1e6),
    "m2": ("area", 1.0),
    "ha": ("area", 1e4),
    "acre": ("area", 4046.8564224),
    "mi2": ("area", 2589988.110336),
    "ft2": ("area", 0.09290304),
    "km/h": ("speed", 1 / 3.6),
    "m/s": ("speed", 1.0),
    "mph": ("speed", 0.44704),
    "kn": ("speed", 0.514444),
    "dm": ("length", 0.1),
    "ug": ("mass", 1e-9),
    "tbsp": ("volume", 0.0147867648),
    "tsp": ("volume", 0.00492892159),
    "cup": ("volume", 0.2365882365),
    "dram": ("mass", 0.0038879346),
    "bit": ("information", 0.125),
    "turn": ("angle", 360.0),
    "degC": ("temperature", 1.0),
    "degF": ("temperature", 1.0),
    "deg": ("angle", 1.0),
    "rad": ("angle", 57.29577951308232),
    "percent": ("ratio", 0.01),
    "year": ("duration", 365.2425 * 86400),
    "month": ("duration", 365.2425 * 86400 / 12),
    "week": ("duration", 7 * 86400.0),
    "day": ("duration", 86400.0),
    "hour": ("duration", 3600.0),
    "minute": ("duration", 60.0),
    "second": ("duration", 1.0),
    "byte": ("information", 1.0),
    "kb": ("information", 1e3),
    "mb": ("information", 1e6),
    "gb": ("information", 1e9),
    "tb": ("information", 1e12),
    "pb": ("information", 1e15),
    "eb": ("information", 1e18),
    "hz": ("frequency", 1.0),
    "khz": ("frequency", 1e3),
    "mhz": ("frequency", 1e6),
    "ghz": ("frequency", 1e9),
    "w": ("power", 1.0),
    "kw": ("power", 1e3),
    "mw": ("power", 1e6),
    "gw": ("power", 1e9),
    "hp": ("power", 745.699872),
    "wh": ("energy", 3600.0),
    "kwh": ("energy", 3.6e6),
    "mwh": ("energy", 3.6e9),
    "gwh": ("energy", 3.6e12),
    "twh": ("energy", 3.6e15),
    "kcal": ("energy", 4184.0),
    "mah": ("charge", 3.6),
    "kbps": ("data rate", 1e3),
    "mbps": ("data rate", 1e6),
    "gbps": ("data rate", 1e9),
    "rpm": ("rotation", 1.0),
    "bp": ("ratio", 0.0001),
    "ppm": ("ratio", 1e-6),
    "mbar": ("pressure", 100.0),
    "hpa": ("pressure", 100.0),
    "mmhg": ("pressure", 133.322),
    "nit": ("luminance", 1.0),
}
# Currencies have no fixed conversion between them; each is its own dimension.
CURRENCIES = (
    "usd",
    "eur",
    "gbp",
    "jpy",
    "cny",
    "krw",
    "kpw",
    "rub",
    "uah",
    "cad",
    "aud",
    "chf",
    "hkd",
    "mxn",
    "nzd",
    "try",
    "inr",
    "lkr",
    "crc",
    "gel",
    "lak",
    "btc",
    "satoshi",
    "franc",
    "esp",
    "nlg",
    "fim",
    "cent",
    "pence",
    "sen",
    "myr",
    "sgd",
    "zar",
    "brl",
    "sek",
    "nok",
    "pln",
)

# spelling (lower case) -> canonical unit, for units written after the number
_SPELLINGS: dict[str, str] = {}


def _add(canonical_unit: str, *spellings: str) -> None:
    for spelling in (canonical_unit, *spellings):
        _SPELLINGS[spelling.lower()] = canonical_unit


_add("km", "kilometer", "kilometers", "kilometre", "kilometres", "kms")
_add("m", "meter", "meters", "metre", "metres")
_add("cm", "centimeter", "centimeters", "centimetre", "centimetres")
_add("mm", "millimeter", "millimeters", "millimetre", "millimetres")
_add("mi", "mile", "miles")
_add("dm", "decimeter", "decimeters", "decimetre", "decimetres")
_add("ug", "microgram", "micrograms", "μg", "mcg", "microgramme", "microgrammes")
_add("tbsp", "tablespoon", "tablespoons")
_add("tsp", "teaspoon", "teaspoons")
_add("cup", "cups")
_add("dram", "drams", "drachma", "drachmas")
_add("bit", "bits")
_add("turn", "turns")
_add("degC", "degrees celsius", "degree celsius", "° celsius", "°c", "degrees centigrade")
_add("degF", "degrees fahrenheit", "degree fahrenheit", "° fahrenheit", "°f")
_add("nmi", "nautical mile", "nautical miles")
_add("yd", "yard", "yards", "yds")
_add("ft", "foot", "feet", "'")
_add("in", "inch", "inches", '"')
_add("t", "ton", "tons", "tonne", "tonnes", "metric tons", "metric tonnes")
_add("kg", "kilogram", "kilograms", "kilo", "kilos", "kgs")
_add("g", "gram", "grams", "gr")
_add("mg", "milligram", "milligrams")
_add("lb", "pound", "pounds", "lbs")
_add("oz", "ounce", "ounces")
_add("l", "liter", "liters", "litre", "litres")
_add("ml", "milliliter", "milliliters", "millilitre", "millilitres")
_add("gal", "gallon", "gallons")
_add("bbl", "barrel", "barrels")
_add("cu ft", "cubic foot", "cubic feet")
_add("km2", "square kilometers", "square kilometres", "square kilometer", "sq km")
_add("m2", "square meters", "square metres", "square meter", "sq m")
_add("ha", "hectare", "hectares")
_add("acre", "acres")
_add("mi2", "square miles", "square mile", "sq mi")
_add("ft2", "square feet", "square foot", "sq ft")
_add(
    "km/h",
    "kph",
    "kilometers per hour",
    "kilometres per hour",
    "kmh",
    "kmph",
    "km/hr",
    "kilometers an hour",
    "kilometres an hour",
)
_add("m/s", "meters per second", "metres per second")
_add("mph", "miles per hour", "mile per hour", "miles an hour", "mile an hour")
_add("kn", "knot", "knots")
_add("deg", "degree", "degrees", "°")
_add("rad", "radian", "radians")
_add("percent", "%", "per cent", "pct", "percentage points")
_add("year", "years", "yr", "yrs")
_add("month", "months")
_add("week", "weeks", "wk", "wks")
_add("day", "days")
_add("hour", "hours", "hr", "hrs", "h")
_add("minute", "minutes", "min", "mins")
_add("second", "seconds", "sec", "secs", "s")
_add("byte", "bytes")
_add("kb", "kilobyte", "kilobytes")
_add("mb", "megabyte", "megabytes")
_add("gb", "gigabyte", "gigabytes")
_add("tb", "terabyte", "terabytes")
_add("pb", "petabyte", "petabytes")
_add("eb", "exabyte", "exabytes")
_add("hz", "hertz")
_add("khz", "kilohertz")
_add("mhz", "megahertz")
_add("ghz", "gigahertz")
_add("w", "watt", "watts")
_add("kw", "kilowatt", "kilowatts")
_add("mw", "megawatt", "megawatts")
_add("gw", "gigawatt", "gigawatts")
_add("hp", "bhp", "horsepower", "brake horsepower")
_add("wh", "watt-hour", "watt-hours", "watt hours")
_add("kwh", "kilowatt-hour", "kilowatt-hours", "kilowatt hours")
_add("mwh", "megawatt-hour", "megawatt-hours", "megawatt hours")
_add("gwh", "gigawatt-hour", "gigawatt-hours", "gigawatt hours")
_add("twh", "terawatt-hour", "terawatt-hours", "terawatt hours")
_add("kcal", "calories", "kilocalories", "kilocalorie")
_add("mah", "milliamp-hours", "milliampere-hours")
_add("kbps", "kb/s")
_add("mbps", "mb/s", "megabits per second")
_add("gbps", "gb/s", "gigabits per second")
_add("rpm", "revolutions per minute")
_add("bp", "basis points", "basis point")
_add("ppm", "parts per million")
_add("mbar", "millibar", "millibars")
_add("hpa", "hectopascal", "hectopascals")
_add("mmhg", "mm hg")
_add("nit", "nits")
_add("myr", "ringgit")
_add("usd", "dollar", "dollars", "us dollars", "u.s. dollars", "us dollar", "bucks")
_add("eur", "euro", "euros")
_add("gbp", "pounds sterling", "sterling", "british pounds")
_add("jpy", "yen", "japanese yen")
_add("cny", "yuan", "renminbi", "rmb")
_add("krw", "won", "south korean won")
_add("kpw", "north korean won")
_add("rub", "ruble", "rubles", "rouble", "roubles")
_add("uah", "hryvnia", "hryvnias")
_add("cad", "canadian dollar", "canadian dollars")
_add("aud", "australian dollar", "australian dollars")
_add("chf", "swiss franc", "swiss francs")
_add("hkd", "hong kong dollar", "hong kong dollars")
_add("mxn", "mexican peso", "mexican pesos", "pesos")
_add("nzd", "new zealand dollar", "new zealand dollars")
_add("try", "turkish lira", "turkish liras", "lira")
_add("inr", "rupee", "rupees", "indian rupees")
_add("lkr", "ரூ", "sri lankan rupees")
_add("crc", "₡", "colón", "colones")
_add("gel", "₾", "lari")
_add("lak", "₭", "kip")
_add("btc", "bitcoin", "bitcoins")
_add("satoshi", "satoshis")
_add("franc", "francs", "french francs")
_add("esp", "peseta", "pesetas")
_add("nlg", "guilder", "guilders", "dutch guilders")
_add("fim", "markka", "markkaa", "finnish markka")
_add("cent", "cents", "¢")
_add("pence", "penny", "pennies", "p")
_add("cny", "元", "chinese yuan", "kuai")
_add("percent", "pc")
_add("degC", "c")
_add("degF", "f")
_add("usd", "$")
_add("eur", "€")
_add("gbp", "£")

# Symbols and codes written before the number.
_BEFORE: dict[str, str] = {
    "$": "usd",
    "us$": "usd",
    "us $": "usd",
    "usd": "usd",
    "u.s. $": "usd",
    "€": "eur",
    "eur": "eur",
    "£": "gbp",
    "gbp": "gbp",
    "¥": "jpy",
    "₩": "krw",
    "krw": "krw",
    "₽": "rub",
    "rub": "rub",
    "c$": "cad",
    "c $": "cad",
    "ca$": "cad",
    "cad$": "cad",
    "a$": "aud",
    "aud$": "aud",
    "au$": "aud",
    "usd$": "usd",
    "u.s $": "usd",
    "u.s.$": "usd",
    "hk$": "hkd",
    "hk $": "hkd",
    "mex$": "mxn",
    "mxn$": "mxn",
    "nz$": "nzd",
    "nzd$": "nzd",
    "rmb": "cny",
    "cny": "cny",
    "₿": "btc",
    "sen": "sen",
    "₹": "inr",
    "rs.": "inr",
    "rs": "inr",
    "rm": "myr",
    "uah": "uah",
    "s$": "sgd",
    "sgd": "sgd",
    "r$": "brl",
    "chf": "chf",
    "jpy": "jpy",
    "inr": "inr",
    "aud": "aud",
    "cad": "cad",
    "hkd": "hkd",
}

# Units whose one-letter or symbol spelling must touch the number ("5%", "5'") or be a
# whole word; the longest spelling wins so "square miles" beats "miles".
# Financial shorthand for millions: "30 MUSD", "120 MEUR", "MAUD 60".
MILLION_CODES = {"musd": "usd", "meur": "eur", "mgbp": "gbp", "maud": "aud", "mcad": "cad"}
for _code, _currency in MILLION_CODES.items():
    _SPELLINGS[_code] = _currency
    _BEFORE[_code] = _currency


_AFTER_ALTERNATIVES = sorted(_SPELLINGS, key=len, reverse=True)
UNIT_PATTERN = re.compile(
    r"[\s-]?(?:"
    + "|".join(re.escape(s) + (r"(?![\w])" if s[-1].isalnum() else "") for s in _AFTER_ALTERNATIVES)
    + ")",
    re.IGNORECASE,
)
CURRENCY_BEFORE = re.compile(
    "(?:" + "|".join(re.escape(s) for s in sorted(_BEFORE, key=len, reverse=True)) + r")\s?$",
    re.IGNORECASE,
)
# Spellings so short or common that they are units only when glued to the number ("5m", "3s").
GLUED_ONLY = frozenset(
    {"s", "h", "g", "t", "in", "l", "'", '"', "gr", "min", "won", "sec", "p", "pc", "c", "f", "w"}
)


_SPACES = re.compile(r"\s+")


def canonical(spelling: str) -> str | None:
    spelling = _SPACES.sub(" ", spelling.strip().lstrip("-").strip()).lower()
    return _SPELLINGS.get(spelling) or _BEFORE.get(spelling)


def is_million_code(spelling: str) -> bool:
    return spelling.strip().lower() in MILLION_CODES


def currency_before(prefix: str) -> tuple[str, int] | None:
    """The currency symbol that ``prefix`` ends with, and its length, if any."""
    m = CURRENCY_BEFORE.search(prefix)
    if not m:
        return None
    symbol = m[0].strip().lower()
    # "USD" or "EUR" must be a whole word, not the end of "ABCUSD".
    if symbol[0].isalpha() and m.start() > 0 and prefix[m.start() - 1].isalnum():
        return None
    return _BEFORE[_SPACES.sub(" ", symbol)], len(m[0])


def dimension(unit: str) -> str | None:
    if unit in CURRENCIES:
        return unit
    entry = UNITS.get(unit)
    return entry[0] if entry else None


def convert(value: float, unit: str, to: str) -> float:
    """``value`` in ``unit`` expressed in ``to``; ValueError across dimensions."""
    if unit == to:
        return value
    if unit not in UNITS or to not in UNITS or UNITS[unit][0] != UNITS[to][0]:
        raise ValueError(f"cannot convert {unit} to {to}")
    return value * UNITS[unit][1] / UNITS[to][1]


# Units the normalizer spells in the singular that read wrong after a number but one.
_PLURAL_WORDS = {"year": "years", "month": "months", "week": "weeks", "day": "days"}


def after_number(unit: str, value: float | None) -> str:
    """A unit as it reads after ``value``: "15 years", "1 year", "10 km"."""
    return unit if value == 1 else _PLURAL_WORDS.get(unit, unit)
