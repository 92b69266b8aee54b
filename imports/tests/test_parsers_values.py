"""Cell readers shared by the third-party parsers: weights, numbers, durations, dates, units."""

import contextlib
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imports.parsers.base import ImportFormatError
from imports.parsers.dates import parse_datetime
from imports.parsers.durations import parse_clock, parse_duration
from imports.parsers.values import (
    clean_weight,
    parse_distance,
    parse_number,
    parse_rpe,
    parse_weight,
    unit_in_header,
)

from .parser_helpers import TOKENS, fuzz_settings

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("102.05999755859375", "102.06"),  # 102.06 kg stored as a 32-bit float
        ("224.99998474121094", "225.00"),
        ("45.359237", "45.36"),  # 100 lb in kg
        ("62.29999923706055", "62.30"),
        ("62,5", "62.50"),
        ("1.125", "1.13"),  # half up
        ("0.004", "0.00"),
        ("100", "100.00"),
    ],
)
def test_weights_lose_float_noise(text, expected):
    assert parse_weight(text, 2, "Weight") == Decimal(expected)
    assert str(parse_weight(text, 2, "Weight")) == expected


def test_clean_weight_rounds_to_hundredths_and_snaps_nothing_else():
    assert clean_weight(Decimal("102.06")) == Decimal("102.06")  # not pulled to 102.00
    assert clean_weight(Decimal("22.4951")) == Decimal("22.50")


def test_zero_weight_can_mean_empty():
    assert parse_weight("0.0", 2, "Weight") == Decimal(0)
    assert parse_weight("0.0", 2, "Weight", zero_is_empty=True) is None
    assert parse_weight("", 2, "Weight") is None


@pytest.mark.parametrize("text", ["abc", "1.2.3", "NaN", "inf", "1,000.5", "--1", "1e999", "5 kg"])
def test_not_numbers(text):
    with pytest.raises(ImportFormatError, match=r"^Line 4: '.*' is not a number in column X\.$"):
        parse_number(text, 4, "X")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1h 5m", 3900),
        ("1h5m", 3900),
        ("31m", 1860),
        ("45s", 45),
        ("1h", 3600),
        ("2h 3m 4s", 7384),
        ("90 min", 5400),
        ("1 hour 2 minutes", 3720),
        ("1 Std. 5 Min.", 3900),
        ("1 h 05 min", 3900),
        ("1:05:00", 3900),
        ("65:00", 3900),
        ("3725", 3725),
        ("1h 26m", 5160),
        ("45m", 2700),
        ("1:02:03", 3723),
        ("1小时13分钟", 4380),
        ("1時間13分", 4380),
        ("1시간 13분", 4380),
        ("2 Std 10 Min", 7800),
        ("1 Stunde 3 Minuten 20 Sekunden", 3800),
        ("1 godz. 5 min", 3900),
        ("2 ore 10 minuti", 7800),
        ("1 heure 5 minutes", 3900),
        ("1 hora 30 minutos", 5400),
        ("1 uur 10 min", 4200),
        ("1 ч 5 мин", 3900),
        ("90 sek", 90),
        ("600.0", 600),
        ("0", None),
        ("0m", None),
        ("", None),
    ],
)
def test_durations(text, seconds):
    assert parse_duration(text, 2, "Duration") == seconds


@pytest.mark.parametrize(
    "text", ["1x", "h", "5 parsecs", "1h 5", "-5m", "1:2:3:4", "两小时左右", "1h and 5m", "200h"]
)
def test_bad_durations(text):
    with pytest.raises(ImportFormatError, match=r"^Line 2: "):
        parse_duration(text, 2, "Duration")


@pytest.mark.parametrize(("text", "seconds"), [("0:01:30", 90), ("1:00:00", 3600), ("05:30", 330)])
def test_clock_times(text, seconds):
    assert parse_clock(text, 2, "Time") == seconds


@pytest.mark.parametrize(
    ("text", "expected"),
    [("8", "8.0"), ("8.5", "8.5"), ("8.3", "8.5"), ("8.2", "8.0"), ("10", "10.0"), ("1", "1.0")],
)
def test_rpe_is_rounded_to_half_steps(text, expected):
    assert str(parse_rpe(text, 2, "RPE")) == expected


@pytest.mark.parametrize("text", ["", "0", "0.0"])
def test_rpe_empty_or_zero_means_not_recorded(text):
    assert parse_rpe(text, 2, "RPE") is None


@pytest.mark.parametrize(
    ("text", "unit", "metres"),
    [
        ("5", "km", "5000.00"),
        ("3.1", "mi", "4988.97"),
        ("100", "yd", "91.44"),
        ("10", "ft", "3.05"),
    ],
)
def test_distances_in_metres(text, unit, metres):
    assert str(parse_distance(text, unit, 2, "Distance")) == metres


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Weight (kg)", "kg"),
        ("Weight (lbs)", "lb"),
        ("Weight (kgs)", "kg"),
        ("weight_kg", "kg"),
        ("weight_lbs", "lb"),
        ("Distance (meters)", "m"),
        ("distance_km", "km"),
        ("distance_miles", "mi"),
        ("Weight", None),
    ],
)
def test_units_in_headers(header, unit):
    assert unit_in_header(header) == unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-05 18:30:00", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("2024-01-05 18:30", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("2024-01-05", datetime(2024, 1, 5, tzinfo=PARIS)),
        ("2024/01/05 18:30:00", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("2024-01-05T18:30:00.000", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("2024-01-05 6:30:00 PM", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("2024-01-05 6:30:00\u202fp.m.", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("2024-01-05 12:30:00 am", datetime(2024, 1, 5, 0, 30, tzinfo=PARIS)),
        ("2024-07-05 18:30:00", datetime(2024, 7, 5, 18, 30, tzinfo=PARIS)),
        ("2024-01-05T17:30:00Z", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("2024-01-05 18:30:00 +0100", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("5 Jan 2024, 18:30", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("Jan 5, 2024, 6:30 PM", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("5 janv. 2024, 18h30", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("5. Dez. 2024, 18:30", datetime(2024, 12, 5, 18, 30, tzinfo=PARIS)),
        ("05.01.2024 18:30:00", datetime(2024, 1, 5, 18, 30, tzinfo=PARIS)),
        ("5.1.2024", datetime(2024, 1, 5, tzinfo=PARIS)),
    ],
)
def test_dates(text, expected):
    value = parse_datetime(text, PARIS, 2, "Date")
    assert value == expected
    assert value.utcoffset() == expected.utcoffset()


def test_local_times_follow_daylight_saving():
    winter = parse_datetime("2024-01-05 18:30:00", PARIS, 2, "Date")
    summer = parse_datetime("2024-07-05 18:30:00", PARIS, 2, "Date")
    assert (winter.utcoffset(), summer.utcoffset()) == (timedelta(hours=1), timedelta(hours=2))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "Line 2: '2024-02-30' is not a valid date in column Date."),
        ("2024-01-05 24:00", "Line 2: '2024-01-05 24:00' is not a valid date in column Date."),
        ("0001-01-01", "Line 2: '0001-01-01' is not a plausible date in column Date."),
        (
            "5 Foo 2024, 10:00",
            "Line 2: '5 Foo 2024, 10:00' is not a date we can read in column Date.",
        ),
        (
            "05/01/2024",
            "Line 2: '05/01/2024' could be day/month or month/day in column Date, "
            "and no date in the file shows which.",
        ),
        ("", "Line 2: The date is missing in column Date."),
    ],
)
def test_bad_dates(text, message):
    with pytest.raises(ImportFormatError) as raised:
        parse_datetime(text, PARIS, 2, "Date")
    assert str(raised.value) == message


@fuzz_settings()
@given(st.one_of(st.sampled_from(TOKENS), st.text(max_size=30)))
def test_cell_readers_never_raise_anything_else(text):
    readers = [
        lambda: parse_weight(text, 2, "W"),
        lambda: parse_duration(text, 2, "D"),
        lambda: parse_clock(text, 2, "T"),
        lambda: parse_rpe(text, 2, "R"),
        lambda: parse_distance(text, "mi", 2, "X"),
        lambda: parse_datetime(text, PARIS, 2, "Date"),
    ]
    for read in readers:
        with contextlib.suppress(ImportFormatError):
            read()
