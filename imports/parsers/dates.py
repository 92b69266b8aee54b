"""Dates and times as the apps write them, made time-zone aware and kept within
1900-01-01 .. one day after now (see values.py for why).

The year is checked before any time-zone arithmetic: `9999-12-31T23:00:00-12:00` or
`0001-01-01T00:00:00+14:00` would overflow Python's datetime when converted, so they are
refused as implausible first.
"""

import functools
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from .base import ImportFormatError
from .values import fold, show

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)


class _Unreadable(Exception):
    """Why a date could not be read (turned into an ImportFormatError with line and column)."""


def now() -> datetime:
    """The current time (a function, so that tests can move the clock)."""
    return datetime.now(UTC)


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
        message = str(why).format(value=show(text), column=column)
        raise ImportFormatError(message, line) from None
    # An explicit offset wins (shown in the member's zone); else a local time in `tz`.
    value = value.replace(tzinfo=zone).astimezone(tz) if zone else localize(value, tz)
    problem = date_problem(value)
    if problem:
        raise ImportFormatError(f"'{show(text)}' {problem} in column {column}.", line)
    return value


def date_problem(value: datetime) -> str | None:
    """Why an aware date cannot be a workout's ("is in the future"...), or None.

    The year is looked at first: comparing `9999-12-31T23:00:00-12:00` with another aware
    date would overflow while converting it to UTC.
    """
    if not 1899 <= value.year <= 2200:
        return "is not a plausible date"
    if value < EARLIEST:
        return "is before 1900"
    if value > now() + FUTURE_SLACK:
        return "is in the future"
    return None


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
    # Cheap bounds before any zone arithmetic (see the module docstring); the exact ones
    # (1900-01-01, tomorrow) are checked once the zone is applied.
    if not 1899 <= value.year <= 2200:
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
