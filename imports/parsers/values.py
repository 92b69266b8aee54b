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

import functools
import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .base import ImportFormatError

CENT = Decimal("0.01")
HALF = Decimal("0.5")

# Bounds of the database columns (numeric(7,2), numeric(9,2), integer, smallint) and of sanity.
MAX_WEIGHT = Decimal("99999.99")
MAX_DISTANCE_M = Decimal("9999999.99")
MAX_REPS = 100_000
MAX_SECONDS = 10_000_000  # about 115 days: more than any set or session lasts
MAX_SET_NUMBER = 32_767
MAX_NAME = 100  # exercise and session names

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

_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d{1,2})?")


class _Unreadable(Exception):
    """Why a cell could not be read (turned into an ImportFormatError with line and column)."""


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
    if not _NUMBER.fullmatch(text):
        raise ImportFormatError(f"'{_show(text)}' is not a number in column {column}.", line)
    try:
        return Decimal(text.replace(",", "."))
    except (InvalidOperation, ValueError):  # pragma: no cover - the regex already vetted it
        raise ImportFormatError(
            f"'{_show(text)}' is not a number in column {column}.", line
        ) from None


def _non_negative(value: Decimal, text: str, line: int, column: str) -> Decimal:
    if value < 0:
        raise ImportFormatError(f"'{_show(text)}' is negative in column {column}.", line)
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
        raise ImportFormatError(f"'{_show(text)}' is too heavy in column {column}.", line)
    value = clean_weight(value)
    if zero_is_empty and value == 0:
        return None
    return value


def split_assistance(text: str, line: int, column: str) -> tuple[str, Decimal | None]:
    """A negative weight is assistance (an assisted pull-up): ("", 20.00) for "-20".

    Stored weights cannot be negative, so the parsers keep no weight for such a set and say
    "Assisted 20 kg" in its notes instead of refusing the file.
    """
    stripped = text.strip()
    if stripped.startswith("-") and _NUMBER.fullmatch(stripped):
        assistance = parse_weight(stripped[1:], line, column, zero_is_empty=True)
        return "", assistance
    return text, None


def parse_count(
    text: str, line: int, column: str, *, zero_is_empty: bool = False, limit: int = MAX_REPS
) -> int | None:
    """A whole, non-negative number such as reps ("8" or "8.0"); "" -> None."""
    value = parse_number(text, line, column)
    if value is None:
        return None
    _non_negative(value, text, line, column)
    if value != value.to_integral_value():
        raise ImportFormatError(f"'{_show(text)}' is not a whole number in column {column}.", line)
    if value > limit:
        raise ImportFormatError(f"'{_show(text)}' is too large in column {column}.", line)
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
    if value > MAX_SECONDS:
        raise ImportFormatError(f"'{_show(text)}' is too long in column {column}.", line)
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
        raise ImportFormatError(f"'{_show(text)}' is too far in column {column}.", line)
    metres = (value * METRES_PER[unit]).quantize(CENT, rounding=ROUND_HALF_UP)
    if metres > MAX_DISTANCE_M:
        raise ImportFormatError(f"'{_show(text)}' is too far in column {column}.", line)
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
            f"'{_show(text)}' is not an RPE between 1 and 10 in column {column}.", line
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
            f"'{_show(text)}' is not a weight unit (kg or lb) in column {column}.", line
        ) from None


def distance_unit(text: str, line: int, column: str) -> str | None:
    folded = fold(text).rstrip(".")
    if not folded:
        return None
    try:
        return _DISTANCE_ALIASES[folded]
    except KeyError:
        raise ImportFormatError(
            f"'{_show(text)}' is not a distance unit (m, km, mi, ft or yd) in column {column}.",
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


# --- Durations -------------------------------------------------------------------------------

# Unit words of durations, as Strong writes them in English and (a guess) its translations.
_DURATION_WORDS = {
    3600: "h hr hrs hour hours std stunde stunden heure heures hora horas ora ore uur godz",
    60: "m min mins minute minutes minuten minuto minutos minuti minuut",
    1: "s sec secs second seconds sek sekunde sekunden seconde secondes seg segundo segundos "
    "secondo secondi",
}
_DURATION_UNIT = {word: size for size, words in _DURATION_WORDS.items() for word in words.split()}
_DURATION_UNITS = "(" + "|".join(sorted(_DURATION_UNIT, key=len, reverse=True)) + r")\.?"
_DURATION_PART = re.compile(r"(\d{1,7}(?:[.,]\d{1,6})?)\s*" + _DURATION_UNITS)
_DURATION = re.compile(r"(?:\s*\d{1,7}(?:[.,]\d{1,6})?\s*" + _DURATION_UNITS + r")+\s*")
_CLOCK = re.compile(r"(?:(\d{1,5}):)?(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)")


def parse_duration(text: str, line: int, column: str) -> int | None:
    """`1h 5m`, `31m`, `45s`, `1h`, `1:05:00`, `65:00` or plain seconds -> seconds."""
    text = squash(text).casefold()
    if not text:
        return None
    if _CLOCK.fullmatch(text):
        return parse_clock(text, line, column)
    if _NUMBER.fullmatch(text):
        return parse_seconds(text, line, column)
    try:
        return _duration_seconds(text)
    except _Unreadable as why:
        raise ImportFormatError(str(why).format(value=_show(text), column=column), line) from None


@functools.lru_cache(maxsize=1024)  # every row of a workout repeats its duration
def _duration_seconds(text: str) -> int | None:
    if not _DURATION.fullmatch(text):
        raise _Unreadable("'{value}' is not a duration (like 1h 5m or 45s) in column {column}.")
    total = Decimal(0)
    for match in _DURATION_PART.finditer(text):
        amount = Decimal(match.group(1).replace(",", "."))
        total += amount * _DURATION_UNIT[match.group(2)]
    if total > MAX_SECONDS:
        raise _Unreadable("'{value}' is too long in column {column}.")
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP)) or None


def parse_clock(text: str, line: int, column: str) -> int | None:
    """`H:MM:SS` or `MM:SS` -> seconds; `0:00:00` -> None."""
    text = text.strip()
    if not text:
        return None
    match = _CLOCK.fullmatch(text)
    if not match:
        raise ImportFormatError(
            f"'{_show(text)}' is not a time like 0:05:30 in column {column}.", line
        )
    hours, minutes, seconds = match.groups()
    seconds_value = Decimal(seconds.replace(",", "."))
    if (int(minutes) > 59 and hours is not None) or seconds_value >= 60:
        raise ImportFormatError(
            f"'{_show(text)}' is not a time like 0:05:30 in column {column}.", line
        )
    total = int(hours or 0) * 3600 + int(minutes) * 60 + seconds_value
    if total > MAX_SECONDS:
        raise ImportFormatError(f"'{_show(text)}' is too long in column {column}.", line)
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP)) or None


# --- Dates -----------------------------------------------------------------------------------

_MONTHS = {}
for _number, _names in enumerate(
    [
        "jan january janv janvier januar ene enero gen gennaio janeiro januari",
        "feb february fev fevr fevrier februar febrero febbraio fevereiro februari",
        "mar march mars marz mrz marzo marco maart",
        "apr april avr avril abr abril aprile",
        "may mai mayo mag maggio maio mei",
        "jun june juin juni junio giu giugno junho",
        "jul july juil juillet juli julio lug luglio julho",
        "aug august aou aout ago agosto augustus",
        "sep sept september septembre set settembre setembro septiembre",
        "oct october okt oktober octobre ott ottobre out outubro octubre",
        "nov november novembre noviembre novembro",
        "dec december dez dezember decembre dic diciembre dicembre dezembro",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_TIME = r"(?:[ t,]+(\d{1,2})[:h.](\d{2})(?:[:.](\d{2})(?:[.,]\d{1,9})?)?(?:\s*([ap])\.?\s*m\.?)?)?"
_ZONE = r"\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?"
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME + _ZONE)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + _TIME + _ZONE)  # 05.01.2024: day first
_DAY_MONTH = re.compile(r"(\d{1,2})\.?\s+([a-z]+)\.?,?\s+(\d{4})" + _TIME + _ZONE)
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})" + _TIME + _ZONE)


def parse_datetime(text: str, tz: tzinfo, line: int, column: str) -> datetime:
    """A date with an optional time, made time-zone aware.

    `2024-01-05 18:30:00`, `2024-01-05T18:30`, `2024-01-05 6:30:00 PM`, `2024-01-05`,
    `05.01.2024 18:30` (dotted dates are day first), `7 Apr 2026, 10:14`,
    `Jul 28, 2026, 6:49 PM`, with an optional `Z` / `+02:00`. Slashed day/month dates are
    refused: 05/01/2024 is May in one country and January in another. Times
    without a zone are local times in `tz` (the member's zone); times with one are converted
    to it.
    """
    try:
        value, zone = _read_datetime(text)
    except _Unreadable as why:
        message = str(why).format(value=_show(text), column=column)
        raise ImportFormatError(message, line) from None
    if zone is not None:  # an explicit offset wins; shown in the member's zone
        return value.replace(tzinfo=zone).astimezone(tz)
    return localize(value, tz)


class DateReader:
    """`parse_datetime` for one file, remembering each distinct cell (rows repeat them)."""

    def __init__(self, tz: tzinfo):
        self.tz = tz
        self._seen: dict[str, datetime] = {}

    def __call__(self, text: str, line: int, column: str) -> datetime:
        value = self._seen.get(text)
        if value is None:
            value = self._seen[text] = parse_datetime(text, self.tz, line, column)
        return value


@functools.lru_cache(maxsize=1024)
def _read_datetime(text: str) -> tuple[datetime, tzinfo | None]:
    text = fold(text)
    if not text:
        raise _Unreadable("The date is missing in column {column}.")
    parts = None
    match = _ISO.fullmatch(text)
    dotted = None if match else _DOTTED.fullmatch(text)
    if match:
        year, month, day = match.group(1, 2, 3)
        parts = (year, month, day, *match.groups()[3:])
    elif dotted:
        day, month, year = dotted.group(1, 2, 3)
        parts = (year, month, day, *dotted.groups()[3:])
    else:
        for pattern, order in ((_DAY_MONTH, (2, 1, 0)), (_MONTH_DAY, (2, 0, 1))):
            match = pattern.fullmatch(text)
            if match:
                groups = match.groups()
                year, month_name, day = (groups[i] for i in order)
                month = _MONTHS.get(month_name)
                if month is None:
                    continue
                parts = (year, month, day, *groups[3:])
                break
    if parts is None:
        raise _Unreadable("'{value}' is not a date we can read in column {column}.")
    year, month, day, hour, minute, second, meridiem, zone = parts
    try:
        hour = int(hour or 0)
        if meridiem:
            if not 1 <= hour <= 12:
                raise ValueError
            hour = hour % 12 + (12 if meridiem == "p" else 0)
        value = datetime(int(year), int(month), int(day), hour, int(minute or 0), int(second or 0))
    except ValueError:
        raise _Unreadable("'{value}' is not a valid date in column {column}.") from None
    if not 1900 <= value.year <= 2100:
        raise _Unreadable("'{value}' is not a plausible date in column {column}.")
    return value, _fixed_zone(zone) if zone else None


def _fixed_zone(zone: str) -> tzinfo:
    if zone in ("z", "utc", "gmt"):
        return UTC
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    return timezone(sign * timedelta(hours=min(hours, 23), minutes=min(minutes, 59)))


def localize(value: datetime, tz: tzinfo) -> datetime:
    """Attach `tz` to a naive local time (zoneinfo, or pytz through its `localize`)."""
    localize_method = getattr(tz, "localize", None)
    if localize_method is not None:
        return localize_method(value)
    return value.replace(tzinfo=tz)


def _show(text: str) -> str:
    """A cell as quoted in an error message: one line, not too long."""
    text = squash(text)
    return text if len(text) <= 40 else text[:37] + "..."
