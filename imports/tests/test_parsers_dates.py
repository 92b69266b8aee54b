"""Dates as the apps write them in every language: month names, 12-hour clocks, day/month order."""

import pytest

from imports.parsers.base import ImportFormatError
from imports.parsers.dates import DAY_FIRST, MONTH_FIRST, DateReader, parse_datetime
from imports.parsers.hevy import HEADER, HevyParser
from imports.parsers.months import MONTHS, month_key
from imports.parsers.strong import StrongParser

from .parser_helpers import PARIS, at, context, invalid, parse_text


@pytest.mark.parametrize(
    "text",
    [
        "5 May 2026, 14:03",  # English
        "May 5, 2026 at 2:03 PM",
        "May 5th, 2026, 2:03 p.m.",
        "5 Mai 2026, 14:03",  # German
        "5. MAI 2026 um 14:03",
        "5 mai 2026 à 14:03",  # French
        "5 mai 2026 à 14 h 03",
        "5. Mai 2026, 14:03 Uhr",
        "5 de mayo de 2026, 2:03 p. m.",  # Spanish
        "5 de mai. de 2026 às 14:03",  # Portuguese
        "5 maggio 2026 alle 14:03",  # Italian
        "5 mag 2026, 14:03",
        "5 mei 2026 om 14:03",  # Dutch
        "5 maj 2026 kl. 14:03",  # Swedish, Danish
        "5. mai 2026 kl. 14:03",  # Norwegian
        "5 maja 2026 o 14:03",  # Polish genitive
        "5 MAJ 2026, 14:03",
        "5 мая 2026 г., 14:03",  # Russian genitive
        "5 МАЙ 2026 в 14:03",
        "5 травня 2026 14:03",  # Ukrainian
        "5. května 2026 v 14:03",  # Czech genitive
        "5. toukokuuta 2026 klo 14.03",  # Finnish partitive, dotted time
        "5 Mayıs 2026 14:03",  # Turkish
        "5 MAYIS 2026 saat 14:03",
        "2026年5月5日 14:03",  # Japanese, Chinese
        "2026年5月5日 下午2:03",
        "2026/5/5 午後2:03:00",
        "2026년 5월 5일 오후 2:03",  # Korean
        "2026. 5. 5. 오후 2:03",
    ],
)
def test_month_names_and_clocks_of_every_language(text):
    assert parse_datetime(text, PARIS, 2, "Date") == at(2026, 5, 5, 14, 3)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("3 janv. 2026", 1),
        ("3 févr. 2026", 2),
        ("3 Mär. 2026", 3),
        ("3 mrt. 2026", 3),
        ("3 abr 2026", 4),
        ("3 kwi 2026", 4),
        ("3 июн. 2026", 6),
        ("3 juil. 2026", 7),
        ("3 Ağu 2026", 8),
        ("3 sierpnia 2026", 8),
        ("3 SETT 2026", 9),
        ("3 září 2026", 9),
        ("3 out. 2026", 10),
        ("3 okt 2026", 10),
        ("3 listopada 2026", 11),
        ("3 нояб. 2026", 11),
        ("3 desember 2025", 12),
        ("3 Dez. 2025", 12),
        ("3 dic 2025", 12),
        ("3 grudnia 2025", 12),
        ("3 prosince 2025", 12),
        ("3 joulukuuta 2025", 12),
        ("3 Aralık 2025", 12),
        ("3 декабря 2025", 12),
    ],
)
def test_abbreviations_with_or_without_dot_in_any_case(text, month):
    assert parse_datetime(text, PARIS, 2, "Date").month == month


def test_czech_june_and_july_are_told_apart():
    assert MONTHS[month_key("června")] == 6
    assert MONTHS[month_key("července")] == 7


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("2023/5/6 上午12:04:05", 0),
        ("2023/5/6 上午9:04:05", 9),
        ("2023/5/6 下午12:04:05", 12),
        ("2023/5/6 下午3:04:05", 15),
        ("2023-05-06 午前9:04", 9),
        ("2023-05-06 午後9:04", 21),
        ("2023. 5. 6. 오전 9:04", 9),
        ("2023-05-06 9:04 a.m.", 9),
        ("2023-05-06 9:04 a. m.", 9),
        ("2023-05-06 9:04 P.M.", 21),
        ("2023年5月6日下午3:04:05", 15),
        ("2023/5/6 9:04 下午", 21),
        ("2023/5/6 下午 09:04", 21),
    ],
)
def test_twelve_hour_markers_of_other_languages(text, hour):
    assert parse_datetime(text, PARIS, 2, "Date").hour == hour


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5 Mao 2026, 14:03", "'5 Mao 2026, 14:03' is not a date we can read"),
        ("2023/5/6 下午13:04:05", "'2023/5/6 下午13:04:05' is not a valid date"),
        ("05/06/2023", "'05/06/2023' could be day/month or month/day"),
        ("31/13/2023", "'31/13/2023' is not a valid date"),
    ],
)
def test_unreadable_dates_are_still_refused(text, message):
    with pytest.raises(ImportFormatError, match=message):
        parse_datetime(text, PARIS, 2, "Date")


def _settle(dates: list[str]) -> tuple[DateReader, list[int]]:
    reader = DateReader(PARIS)
    rows = [(line, [text, "x"]) for line, text in enumerate(dates, start=2)]
    return reader, [line for line, _ in reader.settle(iter(rows), 0)]


def test_the_file_decides_day_or_month_first_and_rows_keep_their_order():
    reader, lines = _settle(["05/06/2023 10:00", "", "07/06/2023", "13/06/2023", "01/07/2023"])
    assert (reader.order, lines) == (DAY_FIRST, [2, 3, 4, 5, 6])
    assert reader("05/06/2023 10:00", 2, "Date") == at(2023, 6, 5, 10)

    reader, lines = _settle(["06/05/2023", "06/13/2023", "07/01/2023"])
    assert (reader.order, lines) == (MONTH_FIRST, [2, 3, 4])
    assert reader("07/01/2023", 4, "Date") == at(2023, 7, 1)


def test_a_date_against_the_files_order_or_a_file_that_never_decides_is_a_row_problem():
    reader, _ = _settle(["13/06/2023", "06/14/2023"])
    with pytest.raises(ImportFormatError, match="not in the file's order"):
        reader("06/14/2023", 3, "Date")

    reader, lines = _settle(["05/06/2023", "06/05/2023"])
    assert (reader.order, lines) == (None, [2, 3])
    with pytest.raises(ImportFormatError, match="could be day/month or month/day"):
        reader("05/06/2023", 2, "Date")


def test_iso_files_are_not_held_back():
    reader, lines = _settle(["2023-06-05", "05/06/2023"])
    assert (reader.order, lines) == (None, [2, 3])


def test_hevy_export_with_german_and_russian_month_names():
    text = "\n".join(
        [
            ",".join(HEADER),
            '"Beine","5 Mai 2026, 14:03","5 Mai 2026, 15:10",,"Squat (Barbell)",,,0,normal,'
            "100,5,,,",
            '"Beine","5 Mai 2026, 14:03","5 Mai 2026, 15:10",,"Squat (Barbell)",,,1,normal,'
            "100,5,,,",
            '"Oben","7 марта 2026 г., 9:00","7 марта 2026 г., 10:00",,"Bench Press (Barbell)",,,0,'
            "normal,60,8,,,",
        ]
    )
    sessions, ctx = parse_text(HevyParser, text, context("kg"))
    assert [(x.name, x.started_at, x.completed_at) for x in sessions] == [
        ("Beine", at(2026, 5, 5, 14, 3), at(2026, 5, 5, 15, 10)),
        ("Oben", at(2026, 3, 7, 9), at(2026, 3, 7, 10)),
    ]
    assert invalid(ctx) == []


STRONG_10 = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE"


def test_strong_with_chinese_clock_and_slashed_dates_decided_by_a_later_row():
    text = "\n".join(
        [
            STRONG_10,
            "5/6/2023 下午3:04:05,Legs,1h,Squat (Barbell),1,100,5,0,0,",
            "5/6/2023 下午3:04:05,Legs,1h,Squat (Barbell),2,100,5,0,0,",
            "5/13/2023 上午9:00:00,Legs,1h,Squat (Barbell),1,105,5,0,0,",
        ]
    )
    sessions, ctx = parse_text(StrongParser, text, context("kg"))
    assert [(x.started_at, [s.set_number for s in x.exercises[0].sets]) for x in sessions] == [
        (at(2023, 5, 6, 15, 4, 5), [1, 2]),
        (at(2023, 5, 13, 9), [1]),
    ]
    assert invalid(ctx) == []
