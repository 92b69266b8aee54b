"""Durations as apps write them, in any language: `1h 26m`, `45m`, `1:02:03`, `3725`,
`1 Std. 5 Min.`, `1小时13分钟`, `1時間13分`, `1 godz. 5 min`, `2 ore 10 minuti`...

A duration is read as numbers each followed by a unit word. The unit words are matched by
their stem (hours, minutes, seconds in the languages the apps are published in), so
inflections (`Stunden`, `minuti`, `godziny`) need no list of their own. A duration whose
words are unknown is unreadable: `parse_duration` says so with the line and column;
`read_duration` (for a workout's total time, which is not worth refusing a row for) returns
UNREADABLE so that the parser leaves it out and says so once in the summary.
"""

import functools
import re
from decimal import ROUND_HALF_UP, Decimal

from .base import ImportFormatError
from .values import HUMAN_MAX_SECONDS, NUMBER, fold, parse_seconds, show

HOUR, MINUTE, SECOND = 3600, 60, 1

# Whole words (any length) and stems (a word starting with one, 3 characters or more).
_WORDS = {
    HOUR: "h hr hrs t std u ч 時 时 時間 小时 小時 시 시간 gio jam saat timer tim",
    MINUTE: "m mn min mins dk мин 分 分钟 分鐘 분 phut menit perc",
    SECOND: "s sec secs sek seg sn с сек 秒 초 giay detik mp",
}
_STEMS = {
    HOUR: "hour heur hora ora ore stund uur godz tim час saat",
    MINUTE: "minut minuu мин dakika perc",
    SECOND: "second segund sekund secon saniye сек detik",
}
_UNIT = {word: size for size, words in _WORDS.items() for word in words.split()}
_STEM_UNITS = [(stem, size) for size, stems in _STEMS.items() for stem in stems.split()]

_PART = re.compile(r"(\d{1,7}(?:[.,]\d{1,6})?)\s*([^\W\d_]+)\.?", re.UNICODE)
_CLOCK = re.compile(r"(?:(\d{1,5}):)?(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)")
_SEPARATORS = re.compile(r"[\s,.;/]*")

UNREADABLE = -1  # read_duration's answer for a duration in words it does not know


def unit_of(word: str) -> int | None:
    """Seconds in one `word` (`h`, `Stunden`, `分钟`...), or None when it is not a time unit."""
    raw = word.casefold().rstrip(".")
    if raw in _UNIT:  # before folding: NFKD splits Hangul syllables into letters
        return _UNIT[raw]
    word = fold(raw)
    if word in _UNIT:
        return _UNIT[word]
    for stem, size in _STEM_UNITS:
        if len(stem) >= 3 and word.startswith(stem):
            return size
    return None


@functools.lru_cache(maxsize=1024)  # every row of a workout repeats its duration
def read_duration(text: str) -> int | None:
    """Seconds, None for empty or zero, UNREADABLE when the text is not a duration we know.

    Durations beyond HUMAN_MAX_SECONDS (a timer left running for weeks) are UNREADABLE too.
    """
    text = " ".join(text.split()).casefold()
    if not text:
        return None
    if NUMBER.fullmatch(text):
        total = Decimal(text.replace(",", "."))
        if total < 0:
            return UNREADABLE
    elif clock := _CLOCK.fullmatch(text):
        hours, minutes, seconds = clock.groups()
        second_value = Decimal(seconds.replace(",", "."))
        if (hours is not None and int(minutes) > 59) or second_value >= 60:
            return UNREADABLE
        total = int(hours or 0) * HOUR + int(minutes) * MINUTE + second_value
    else:
        total = _words_total(text)
        if total is None:
            return UNREADABLE
    if total > HUMAN_MAX_SECONDS:
        return UNREADABLE
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP)) or None


def _words_total(text: str) -> Decimal | None:
    total = Decimal(0)
    position = 0
    for match in _PART.finditer(text):
        if not _SEPARATORS.fullmatch(text, position, match.start()):
            return None  # something between the parts that is not a separator
        size = unit_of(match.group(2))
        if size is None:
            return None
        total += Decimal(match.group(1).replace(",", ".")) * size
        position = match.end()
    if position == 0 or not _SEPARATORS.fullmatch(text, position):
        return None
    return total


def parse_duration(text: str, line: int, column: str) -> int | None:
    """A set's time: `1h 5m`, `31m`, `45s`, `1:05:00`, `65:00` or plain seconds -> seconds."""
    stripped = text.strip()
    if NUMBER.fullmatch(stripped):
        return parse_seconds(stripped, line, column)
    seconds = read_duration(text)
    if seconds == UNREADABLE:
        if _CLOCK.fullmatch(stripped):
            message = f"'{show(text)}' is not a time like 0:05:30 in column {column}."
        else:
            message = f"'{show(text)}' is not a duration (like 1h 5m or 45s) in column {column}."
        raise ImportFormatError(message, line)
    return seconds


def parse_clock(text: str, line: int, column: str) -> int | None:
    """`H:MM:SS` or `MM:SS` -> seconds; `0:00:00` -> None."""
    if text.strip() and not _CLOCK.fullmatch(text.strip()):
        raise ImportFormatError(
            f"'{show(text)}' is not a time like 0:05:30 in column {column}.", line
        )
    return parse_duration(text, line, column)
