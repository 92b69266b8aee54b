"""Reading single cells of third-party exports: numbers, weights, dates, durations, units.

Every function takes the cell text, the physical line and the column name as the member sees
it, and raises `ImportFormatError` with a message naming both when the cell is unreadable.
No other exception escapes (the hypothesis tests feed mangled rows to check that).

Float noise: apps that store weights as binary floats export values like 102.05999755859375.
`clean_weight` rounds every weight to 2 decimal places (half up), which is also the precision
of the `workout_sets.weight` column. No further "snap to the nearest 0.25" is applied: once a
value is rounded to whole hundredths, the only hundredth within 0.005 of a multiple of 0.25
is that multiple itself, so a 0.005 snap would change nothing, and any wider window would
corrupt real weights such as 102.06 kg (225 lb) or 1.13 kg micro plates.
"""

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .base import ImportFormatError

CENT = Decimal("0.01")
HALF = Decimal("0.5")

# Bounds of the database columns (numeric(7,2), numeric(9,2), smallint): checked first, so
# that no arithmetic ever runs on absurd numbers.
MAX_WEIGHT = Decimal("99999.99")
MAX_DISTANCE_M = Decimal("9999999.99")
MAX_SET_NUMBER = 32_767
MAX_NAME = 100  # exercise and session names

# --- What a person can do: a value beyond these is a typo or a wrong unit, and its row is
# --- left out and listed (never the whole file refused). One place, so the limits agree.
# Weight of one set: 1,500 kg (3,307 lb). The heaviest barbell lifts on record are about
# 500 kg (deadlift, 501 kg in 2020); loaded leg-press sleds past 1,000 kg have been logged.
# The typos seen in real exports are ten times too much or more, far beyond this.
HUMAN_MAX_WEIGHT_KG = Decimal(1500)
# Reps in one set: 12,000. The longest non-stop push-up set on record is 10,507 (1980);
# rope skips logged as reps reach the thousands. `877777` is a typo.
HUMAN_MAX_REPS = 12_000
# Distance of one set: 1,000 km. The 24-hour cycling record is below 1,000 km.
HUMAN_MAX_DISTANCE_M = Decimal(1_000_000)
# Time of one set or one workout: 7 days. Non-stop multi-day ultra races last about 6 days.
HUMAN_MAX_SECONDS = 7 * 24 * 3600
# Dates: from 1900-01-01 (before every app and nearly every lifter alive) to one day after
# now (slack for time zones and phone clocks): see dates.py.

KG_PER_LB = Decimal("0.45359237")
METRES_PER = {
    "m": Decimal(1),
    "km": Decimal(1000),
    "mi": Decimal("1609.344"),
    "ft": Decimal("0.3048"),
    "yd": Decimal("0.9144"),
}
_DISTANCE_ALIASES = {
    "m": "m",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "mtr": "m",
    "km": "km",
    "kms": "km",
    "kilometer": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometres": "km",
    "mi": "mi",
    "mile": "mi",
    "miles": "mi",
    "ft": "ft",
    "feet": "ft",
    "foot": "ft",
    "yd": "yd",
    "yds": "yd",
    "yard": "yd",
    "yards": "yd",
}
_WEIGHT_ALIASES = {
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
}

# Every unit word a unit column may hold ("" = none), weights and distances alike.
UNIT_WORDS = {"", *_WEIGHT_ALIASES, *_DISTANCE_ALIASES}

NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d{1,2})?")


def cell(cells: list[str], index: int | None) -> str:
    """The stripped cell at `index`, or "" when the row is short or the column is absent."""
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def squash(text: str) -> str:
    """Collapse every kind of whitespace (no-break spaces included) into single spaces."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """Lower case, accents removed, spaces squashed: for comparing names and markers."""
    text = " ".join(text.split())
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def clip_name(text: str) -> str:
    return squash(text)[:MAX_NAME].strip()


def parse_number(text: str, line: int, column: str) -> Decimal | None:
    """A decimal number; "" -> None. A comma is read as the decimal separator ("62,5")."""
    text = text.strip()
    if not text:
        return None
    if not NUMBER.fullmatch(text):
        raise ImportFormatError(f"'{show(text)}' is not a number in column {column}.", line)
    try:
        return Decimal(text.replace(",", "."))
    except (InvalidOperation, ValueError):  # pragma: no cover - the regex already vetted it
        raise ImportFormatError(
            f"'{show(text)}' is not a number in column {column}.", line
        ) from None


def _non_negative(value: Decimal, text: str, line: int, column: str) -> Decimal:
    if value < 0:
        raise ImportFormatError(f"'{show(text)}' is negative in column {column}.", line)
    return value


def clean_weight(value: Decimal) -> Decimal:
    """Round away float noise: 102.05999755859375 -> 102.06 (see the module docstring)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_weight(text: str, line: int, column: str, *, zero_is_empty: bool = False):
    value = parse_number(text, line, column)
    if value is None:
        return None
    _non_negative(value, text, line, column)
    if value > MAX_WEIGHT:
        raise ImportFormatError(f"'{show(text)}' is too heavy in column {column}.", line)
    value = clean_weight(value)
    if zero_is_empty and value == 0:
        return None
    return value


def check_weight(weight: Decimal | None, unit: str, text: str, line: int, column: str) -> None:
    """Refuse a weight beyond HUMAN_MAX_WEIGHT_KG in its unit ("" = unknown: the lb bound,
    the looser one, until the member says which)."""
    if weight is None:
        return
    kilos = weight if unit == "kg" else weight * KG_PER_LB
    if kilos > HUMAN_MAX_WEIGHT_KG:
        shown = f"{show(text)} {unit}".strip()
        raise ImportFormatError(
            f"'{shown}' is heavier than any lift on record in column {column}.", line
        )


def split_assistance(text: str, line: int, column: str) -> tuple[str, Decimal | None]:
    """A negative weight is assistance (an assisted pull-up): ("", 20.00) for "-20".

    Stored weights cannot be negative, so the parsers keep no weight for such a set and say
    "Assisted 20 kg" in its notes instead of refusing the file.
    """
    stripped = text.strip()
    if stripped.startswith("-") and NUMBER.fullmatch(stripped):
        assistance = parse_weight(stripped[1:], line, column, zero_is_empty=True)
        return "", assistance
    return text, None


def parse_count(
    text: str, line: int, column: str, *, zero_is_empty: bool = False, limit: int = HUMAN_MAX_REPS
) -> int | None:
    """A whole, non-negative number such as reps ("8" or "8.0"); "" -> None."""
    value = parse_number(text, line, column)
    if value is None:
        return None
    _non_negative(value, text, line, column)
    if value != value.to_integral_value():
        raise ImportFormatError(f"'{show(text)}' is not a whole number in column {column}.", line)
    if value > limit:
        raise ImportFormatError(
            f"'{show(text)}' is more than anyone has done in column {column}.", line
        )
    number = int(value)
    if zero_is_empty and number == 0:
        return None
    return number


def parse_seconds(text: str, line: int, column: str, *, zero_is_empty: bool = True) -> int | None:
    """Seconds as a plain number ("600", "600.0"), rounded to whole seconds."""
    value = parse_number(text, line, column)
    if value is None:
        return None
    _non_negative(value, text, line, column)
    if value > HUMAN_MAX_SECONDS:
        raise ImportFormatError(
            f"'{show(text)}' seconds is longer than anyone exercises in column {column}.", line
        )
    seconds = int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if zero_is_empty and seconds == 0:
        return None
    return seconds


def parse_distance(
    text: str, unit: str, line: int, column: str, *, zero_is_empty: bool = True
) -> Decimal | None:
    """A distance in `unit` (m, km, mi, ft, yd) -> metres, 2 decimal places."""
    value = parse_number(text, line, column)
    if value is None:
        return None
    _non_negative(value, text, line, column)
    if value > MAX_DISTANCE_M:  # no unit makes this plausible; also keeps the maths small
        raise ImportFormatError(f"'{show(text)}' is too far in column {column}.", line)
    metres = (value * METRES_PER[unit]).quantize(CENT, rounding=ROUND_HALF_UP)
    if metres > HUMAN_MAX_DISTANCE_M:
        raise ImportFormatError(
            f"'{show(text)}' {unit} is farther than anyone goes in one set in column {column}.",
            line,
        )
    if zero_is_empty and metres == 0:
        return None
    return metres


def parse_rpe(text: str, line: int, column: str) -> Decimal | None:
    """RPE 1-10, rounded to the nearest half step; "" and 0 mean "not recorded"."""
    value = parse_number(text, line, column)
    if value is None or value == 0:
        return None
    if value < 1 or value > 10:
        raise ImportFormatError(
            f"'{show(text)}' is not an RPE between 1 and 10 in column {column}.", line
        )
    return ((value * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2).quantize(Decimal("0.1"))


def weight_unit(text: str, line: int, column: str) -> str | None:
    """`kgs`, `lbs`, `kg`, `lb`... -> "kg" / "lb"; "" -> None."""
    folded = fold(text).rstrip(".")
    if not folded:
        return None
    try:
        return _WEIGHT_ALIASES[folded]
    except KeyError:
        raise ImportFormatError(
            f"'{show(text)}' is not a weight unit (kg or lb) in column {column}.", line
        ) from None


def distance_unit(text: str, line: int, column: str) -> str | None:
    folded = fold(text).rstrip(".")
    if not folded:
        return None
    try:
        return _DISTANCE_ALIASES[folded]
    except KeyError:
        raise ImportFormatError(
            f"'{show(text)}' is not a distance unit (m, km, mi, ft or yd) in column {column}.",
            line,
        ) from None


def unit_in_header(name: str) -> str | None:
    """The unit in a header such as `Weight (lbs)`, `weight_kg`, `Distance (meters)`."""
    folded = fold(name)
    match = re.search(r"\(([^)]*)\)\s*$", folded) or re.search(r"_([a-z]+)$", folded)
    if not match:
        return None
    word = match.group(1).strip()
    return _WEIGHT_ALIASES.get(word) or _DISTANCE_ALIASES.get(word)


def show(text: str) -> str:
    """A cell as quoted in an error message: one line, not too long."""
    text = squash(text)
    return text if len(text) <= 40 else text[:37] + "..."
