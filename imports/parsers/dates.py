"""Dates and times as the apps write them, made time-zone aware and kept within
1900-01-01 .. one day after now (see values.py for why).

The year is checked before any time-zone arithmetic: `9999-12-31T23:00:00-12:00` or
`0001-01-01T00:00:00+14:00` would overflow Python's datetime when converted, so they are
refused as implausible first.
"""

import functools
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from fitness.dates import MIN_DATE, instant_in_range

from .base import ImportFormatError
from .months import MERIDIEMS, MONTHS, month_key
from .values import fold, show

FUTURE_SLACK = timedelta(days=1)


class _Unreadable(Exception):
    """Why a date could not be read (turned into an ImportFormatError with line and column)."""


def now() -> datetime:
    """The current time (a function, so that tests can move the clock)."""
    return datetime.now(UTC)


# Between date and time: spaces, a comma or ISO's T, or a word the app's language puts there
# (Hevy's "Aug 28, 2026 at 4:19 PM"; à, um, om, alle, às, a las, klo, kl., o, в, saat, v).
_JOIN = r"(?:\s*,?\s*(?:at|a|um|om|alle|as|a las|klo|kello|kl\.?|o|в|saat|v)\s+|[ t,]+)"
_CJK_MERIDIEM = "|".join(re.escape(word) for word in MERIDIEMS)
# The CJK 12-hour word goes before the time, or after it, with or without a space
# (`下午3:04:05`, `2018年7月16日下午3:11`, `2022/9/13 1:57 下午`, `오후 2:03`).
_TIME = (
    r"(?:(?:" + _JOIN + r"|(?=" + _CJK_MERIDIEM + r"))(?:(" + _CJK_MERIDIEM + r")\s*)?"
    r"(\d{1,2})(?:[:.]|\s?h\s?)(\d{2})(?:[:.](\d{2})(?:[.,]\d{1,9})?)?"
    r"(?:\s*(?:([ap])\.?\s*m\.?|(" + _CJK_MERIDIEM + r")|uhr|h))?)?"
)
_ZONE = r"\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?"
_WORD = r"([^\W\d_]+)"  # a month name in any script, folded
# Year first: 2024-01-05, 2023/5/6, 2026年5月5日, 2026년 5월 5일, 2026. 5. 5.
_YEAR_MARK, _MONTH_MARK, _DAY_MARK = (
    "|".join(re.escape(fold(sign)) for sign in signs) for signs in ("年년", "月월", "日일")
)
_ISO = re.compile(
    r"(\d{4})(?:[-/.]|\s*(?:" + _YEAR_MARK + r"|\.)\s*)"
    r"(\d{1,2})(?:[-/.]|\s*(?:" + _MONTH_MARK + r"|\.)\s*)"
    r"(\d{1,2})(?:\s*(?:" + _DAY_MARK + r"|\.))?" + _TIME + _ZONE
)
_DOTTED = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})" + _TIME + _ZONE)  # day first
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})" + _TIME + _ZONE)  # see DateReader
# 5 Mai 2026 / 5. Dez. 2024 / 5 de mayo de 2026 / 5 мая 2026 г. / 5 maja 2026 r.
_YEAR_WORD = r"(\d{4})(?:\s*(?:г|r)\.)?"
_DAY_MONTH = re.compile(
    r"(\d{1,2})\.?\s*(?:de\s+)?" + _WORD + r"\.?,?\s+(?:de\s+)?" + _YEAR_WORD + _TIME + _ZONE
)
_MONTH_DAY = re.compile(
    _WORD + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR_WORD + _TIME + _ZONE
)

DAY_FIRST, MONTH_FIRST = "day first", "month first"


def parse_datetime(
    text: str, tz: tzinfo, line: int, column: str, order: str | None = None
) -> datetime:
    """A date with an optional time, made time-zone aware.

    `2024-01-05 18:30:00`, `2024-01-05T18:30`, `2024-01-05 6:30:00 PM`, `2024-01-05`,
    `05.01.2024 18:30` (dotted dates are day first), `7 Apr 2026, 10:14`,
    `Jul 28, 2026, 6:49 PM`, `Aug 28, 2026 at 4:19 PM`, with an optional `Z` / `+02:00`;
    month names and 12-hour clocks in the apps' languages (months.py): `5 мая 2026 г., 14:03`,
    `2023/5/6 下午3:04:05`, `2026년 5월 5일 오후 2:03`, `5 de mayo de 2026, 2:03 p. m.`.
    Slashed dates (`05/01/2024`) are May in one country and January in another: they are
    read day or month first when the date itself says so (13/01, 01/13) or `order` (the
    file's, found by DateReader) does; otherwise refused. Times without a zone are local
    times in `tz` (the member's zone); times with one are converted to it.
    """
    try:
        value, zone = _read_datetime(text, order)
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

    The range is the app's own (fitness/dates.py, shared with forms and query strings),
    checked without arithmetic that would overflow on `9999-12-31T23:00:00-12:00`.
    """
    if not instant_in_range(value):
        near = MIN_DATE.year - 1 <= value.year <= MIN_DATE.year
        return "is before 1900" if near else "is not a plausible date"
    if value > now() + FUTURE_SLACK:
        return "is in the future"
    return None


def slashed_order(text: str) -> str | None:
    """DAY_FIRST / MONTH_FIRST when a slashed date says which it is (`13/01/2024`), "" when
    it is a slashed date that could be either (`05/01/2024`), None when it is not one."""
    match = _SLASHED.fullmatch(fold(text))
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first > 12:  # (both above 12: no date at all, refused as invalid when read)
        return DAY_FIRST
    if second > 12:
        return MONTH_FIRST
    return ""


class DateReader:
    """`parse_datetime` for one file, remembering each distinct cell (rows repeat them), and
    the file's day/month order once one slashed date shows it (`settle` finds it first)."""

    def __init__(self, tz: tzinfo):
        self.tz = tz
        self.order: str | None = None
        self._seen: dict[str, datetime] = {}

    def __call__(self, text: str, line: int, column: str) -> datetime:
        value = self._seen.get(text)
        if value is None:
            value = self._seen[text] = parse_datetime(text, self.tz, line, column, self.order)
        return value

    def settle(
        self, rows: Iterable[tuple[int, list[str]]], column: int
    ) -> Iterator[tuple[int, list[str]]]:
        """`rows`, with the rows whose date (cell `column`) could be day or month first held
        back until a later date decides the file's order (exports are written in one order,
        and sorted by date, so the wait is short). Rows come out in file order; held rows
        still undecided at the end are read as they are (and refused as ambiguous)."""
        held: list[tuple[int, list[str]]] = []
        deciding = True  # until the order is known or the file's dates are not slashed
        for row in rows:
            if deciding:
                cells = row[1]
                text = cells[column] if column < len(cells) else ""
                kind = slashed_order(text) if text.strip() else ""
                if kind == "":  # could be either (or blank): wait for a date that tells
                    held.append(row)
                    continue
                deciding = False
                if kind:
                    self.order = kind
                    self._seen.clear()
                yield from held
                held.clear()
            yield row
        yield from held


@functools.lru_cache(maxsize=1024)
def _read_datetime(text: str, order: str | None = None) -> tuple[datetime, tzinfo | None]:
    text = fold(text)
    if not text:
        raise _Unreadable("The date is missing in column {column}.")
    parts = None
    if match := _ISO.fullmatch(text):
        year, month, day = match.group(1, 2, 3)
        parts = (year, month, day, *match.groups()[3:])
    elif match := _DOTTED.fullmatch(text):
        day, month, year = match.group(1, 2, 3)
        parts = (year, month, day, *match.groups()[3:])
    elif match := _SLASHED.fullmatch(text):
        first, second, year = match.group(1, 2, 3)
        own = slashed_order(text)
        if own and order and own != order:
            raise _Unreadable(
                "'{value}' is not in the file's order (" + order + ") in column {column}."
            )
        kind = own or order
        if not kind:
            raise _Unreadable(
                "'{value}' could be day/month or month/day in column {column}, and no date "
                "in the file shows which."
            )
        day, month = (first, second) if kind == DAY_FIRST else (second, first)
        parts = (year, month, day, *match.groups()[3:])
    else:
        for pattern, order_of in ((_DAY_MONTH, (2, 1, 0)), (_MONTH_DAY, (2, 0, 1))):
            match = pattern.fullmatch(text)
            if match:
                groups = match.groups()
                year, month_name, day = (groups[i] for i in order_of)
                month = MONTHS.get(month_key(month_name))
                if month is None:
                    continue
                parts = (year, month, day, *groups[3:])
                break
    if parts is None:
        raise _Unreadable("'{value}' is not a date we can read in column {column}.")
    year, month, day, before, hour, minute, second, latin, after, zone = parts
    cjk = before or after
    meridiem = MERIDIEMS[cjk] if cjk else latin
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
