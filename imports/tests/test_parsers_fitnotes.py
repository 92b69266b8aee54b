"""FitNotes' CSV export: exact parsed output, detection, bad input, mangled rows."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

from imports.parsers.base import ParsedExercise, ParsedSession
from imports.parsers.fitnotes import HEADER, FitNotesParser

from .parser_helpers import (
    PARIS,
    check_parse_or_error,
    context,
    fixture,
    fuzz_settings,
    invalid,
    mangled_rows,
    matching,
    parse_text,
    read_rows,
    s,
    set_count,
)


def noon(year, month, day, tz=PARIS) -> datetime:
    return datetime(year, month, day, 12, 0, tzinfo=tz)


def fitnotes_text(*rows: str, header: str = ",".join(HEADER)) -> str:
    return "\n".join([header, *rows]) + "\n"


def test_current_export_one_session_per_date_named_after_its_categories():
    sessions, ctx = parse_text(FitNotesParser, fixture("fitnotes.csv"), context(None))

    assert sessions == [
        ParsedSession(
            name="Chest, Biceps, Cardio",
            started_at=noon(2024, 1, 5),
            exercises=[
                # Sets of one exercise are numbered in file order, even when not adjacent.
                ParsedExercise(
                    name="Flat Barbell Bench Press",
                    sets=[
                        s(1, "60", 8),
                        s(2, "60", 8, notes="Last rep slow, paused"),
                        s(3, "62.5", 5),
                    ],
                ),
                ParsedExercise(name="Dumbbell Curl", sets=[s(1, "25", 12, "lb")]),
                ParsedExercise(
                    name="Treadmill", sets=[s(1, distance_m=Decimal("2500"), duration_s=930)]
                ),
            ],
        ),
        ParsedSession(
            name="Abs, Back, Cardio",
            started_at=noon(2024, 1, 6),
            exercises=[
                ParsedExercise(name="Plank", sets=[s(1, duration_s=90)]),
                ParsedExercise(name="Pull Up", sets=[s(1, None, 10)]),
                ParsedExercise(
                    name="Rowing Machine",
                    sets=[s(1, distance_m=Decimal("2000"), duration_s=490)],
                ),
                ParsedExercise(
                    name="Cycling", sets=[s(1, distance_m=Decimal("4988.97"), duration_s=600)]
                ),
            ],
        ),
    ]
    assert ctx.skipped == []


def test_older_export_with_the_unit_in_the_weight_header():
    sessions, _ = parse_text(FitNotesParser, fixture("fitnotes_old_lbs.csv"), context(None))

    assert sessions == [
        ParsedSession(
            name="Legs, Cardio",
            started_at=noon(2019, 6, 1),
            exercises=[
                ParsedExercise(
                    name="Barbell Squat", sets=[s(1, "225", 5, "lb"), s(2, "225", 5, "lb")]
                ),
                ParsedExercise(
                    name="Running",
                    sets=[s(1, unit="lb", distance_m=Decimal("4828.03"), duration_s=1620)],
                ),
            ],
        )
    ]


def test_weight_kgs_header_and_a_session_without_categories():
    header = "Date,Exercise,Category,Weight (kgs),Reps"
    text = fitnotes_text("2019-06-01,Squat,,100,5", header=header)
    sessions, _ = parse_text(FitNotesParser, text, context(None))
    assert sessions[0].name == "FitNotes workout"
    assert sessions[0].exercises[0].sets == [s(1, "100", 5)]


def test_noon_keeps_the_calendar_date_far_from_utc():
    text = fitnotes_text("2024-01-05,Squat,Legs,100,kgs,5,,,,")
    sessions, _ = parse_text(FitNotesParser, text, context(None, "Pacific/Auckland"))
    assert sessions[0].started_at.date().isoformat() == "2024-01-05"
    assert sessions[0].started_at.astimezone(ZoneInfo("UTC")).date().isoformat() == "2024-01-04"
    sessions, _ = parse_text(FitNotesParser, text, context(None, "America/Los_Angeles"))
    assert sessions[0].started_at.astimezone(ZoneInfo("UTC")).date().isoformat() == "2024-01-05"


def test_no_unit_in_the_row_nor_the_header_uses_the_chosen_unit_or_leaves_it_unknown():
    text = fitnotes_text("2024-01-05,Squat,Legs,100,,5,,,,", "2024-01-05,Plank,Abs,,,,,,0:01:00,")
    sessions, ctx = parse_text(FitNotesParser, text, context("lb"))
    assert sessions[0].exercises[0].sets == [s(1, "100", 5, "lb")]
    assert ctx.unit_stated is False
    sessions, ctx = parse_text(FitNotesParser, text, context(None))
    assert [x.sets for x in sessions[0].exercises] == [
        [s(1, "100", 5, "")],
        [s(1, duration_s=60)],  # no weight: no unit needed
    ]
    assert ctx.unit_stated is False


@pytest.mark.parametrize(
    "header",
    [
        list(HEADER),
        [
            "Date",
            "Exercise",
            "Category",
            "Weight (lbs)",
            "Reps",
            "Distance",
            "Distance Unit",
            "Time",
        ],
        ["Date", "Exercise", "Category", "Weight (kgs)", "Reps"],
        [h.lower() for h in HEADER],
    ],
)
def test_fitnotes_headers_are_recognised(header):
    assert matching(header) == ["fitnotes"]


GOOD = "2024-01-05,Squat,Legs,100,kgs,5,,,,"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2024-01-05,Squat,Legs,100,kgs,-5,,,,", "Line 3: '-5' is negative in column Reps."),
        ("2024-01-05,Squat,Legs,1OO,kgs,5,,,,", "Line 3: '1OO' is not a number in column Weight."),
        (
            "2024-01-05,Squat,Legs,100,stone,5,,,,",
            "Line 3: 'stone' is not a weight unit (kg or lb) in column Weight Unit.",
        ),
        (
            "05/01/2024,Squat,Legs,100,kgs,5,,,,",
            "Line 3: '05/01/2024' could be day/month or month/day in column Date, "
            "and no date in the file shows which.",
        ),
        ("2024-01-05,,Legs,100,kgs,5,,,,", "Line 3: The exercise name is missing."),
        (
            "2024-01-05,Run,Cardio,,,,5,,,",
            "Line 3: The distance '5' has no unit in column Distance Unit.",
        ),
        (
            "2024-01-05,Run,Cardio,,,,5,leagues,,",
            "Line 3: 'leagues' is not a distance unit (m, km, mi, ft or yd) in column "
            "Distance Unit.",
        ),
        (
            "2024-01-05,Run,Cardio,,,,5,km,0:61:00,",
            "Line 3: '0:61:00' is not a time like 0:05:30 in column Time.",
        ),
        (
            "2024-01-05,Run,Cardio,,,,5,km,soon,",
            "Line 3: 'soon' is not a duration (like 1h 5m or 45s) in column Time.",
        ),
    ],
)
def test_bad_cells_leave_their_row_out_naming_the_line_the_value_and_the_column(row, message):
    header, rows = read_rows(fitnotes_text(GOOD, row))
    ctx = context("kg")
    sessions = list(FitNotesParser(header).parse(iter(rows), ctx))
    assert invalid(ctx) == [message.replace("Line ", "line ", 1)]
    assert set_count(sessions) == 1  # the good row is still there


@pytest.mark.parametrize(
    "name",
    ["fitnotes.csv", "fitnotes_old_lbs.csv", "fitnotes_no_comment.csv", "fitnotes_old_kgs.csv"],
)
def test_mangled_rows_parse_or_raise_import_format_error(name):
    header, rows = read_rows(fixture(name))

    @fuzz_settings()
    @given(mangled_rows([cells for _, cells in rows]))
    def check(mangled):
        for unit in ("kg", None):
            check_parse_or_error(FitNotesParser(header), mangled, context(unit))

    check()
