"""Hevy's CSV export: exact parsed output, detection, bad input, mangled rows."""

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

from imports.parsers.base import ParsedExercise, ParsedSession
from imports.parsers.hevy import HEADER, HevyParser

from .parser_helpers import (
    at,
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

NEW_YORK = ZoneInfo("America/New_York")


def hevy_text(*rows: str, header: str = ",".join(HEADER)) -> str:
    return "\n".join([header, *rows]) + "\n"


def test_kg_export_newest_first_with_quoted_newlines_and_set_types():
    sessions, ctx = parse_text(HevyParser, fixture("hevy_kg.csv"), context(None))

    assert sessions == [
        ParsedSession(
            name="Leg Day",
            started_at=at(2026, 4, 7, 10, 14),
            completed_at=at(2026, 4, 7, 11, 20),
            notes="Knees felt good\nafter warm-up",
            exercises=[
                ParsedExercise(
                    name="Squat (Barbell)",
                    notes="Belt on top sets",
                    sets=[
                        s(1, "60", 8, is_warmup=True),
                        s(2, "102.06", 5, rpe=Decimal("8")),
                        s(3, "100", 4, rpe=Decimal("10"), set_type="failure"),
                    ],
                ),
                # superset_id 0: these two alternate.
                ParsedExercise(name="Pull Up", sets=[s(1, None, 12)], superset="0"),
                ParsedExercise(
                    name="Leg Extension (Machine)",
                    sets=[s(1, "40", 12), s(2, "30", 10, set_type="drop")],
                    superset="0",
                ),
                # The same exercise again later in the workout: set_index restarts at 0.
                ParsedExercise(name="Squat (Barbell)", sets=[s(1, "80", 10)]),
            ],
        ),
        ParsedSession(
            name="Morning Cardio",
            started_at=at(2026, 4, 5, 7, 2),
            completed_at=at(2026, 4, 5, 7, 40),
            exercises=[
                ParsedExercise(
                    name="Running", sets=[s(1, distance_m=Decimal("5200"), duration_s=1800)]
                ),
                ParsedExercise(name="Plank", sets=[s(1, duration_s=60), s(2, duration_s=45)]),
            ],
        ),
    ]
    assert ctx.skipped == []
    assert sessions[0].started_at.utcoffset() == timedelta(hours=2)


def test_us_export_in_pounds_and_miles_listed_backwards():
    sessions, _ = parse_text(
        HevyParser, fixture("hevy_lbs_us.csv"), context(None, "America/New_York")
    )

    assert sessions == [
        ParsedSession(
            name="Evening Push",
            started_at=at(2026, 7, 28, 18, 49, tz=NEW_YORK),
            completed_at=at(2026, 7, 28, 19, 52, tz=NEW_YORK),
            exercises=[
                ParsedExercise(
                    name="Bench Press (Barbell)",
                    sets=[
                        s(1, "135", 10, "lb", is_warmup=True),
                        s(2, "225", 5, "lb", rpe=Decimal("8.5")),
                    ],
                ),
                ParsedExercise(
                    name="Treadmill",
                    sets=[s(1, unit="lb", distance_m=Decimal("2414.02"), duration_s=900)],
                ),
            ],
        ),
        ParsedSession(
            name="Sunday Walk",
            started_at=at(2026, 7, 26, 0, 5, tz=NEW_YORK),
            completed_at=at(2026, 7, 26, 1, 10, tz=NEW_YORK),
            exercises=[
                ParsedExercise(
                    name="Walking",
                    sets=[s(1, unit="lb", distance_m=Decimal("4988.97"), duration_s=3900)],
                )
            ],
        ),
    ]
    assert sessions[0].started_at.utcoffset() == timedelta(hours=-4)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("7 Apr 2026, 10:14", at(2026, 4, 7, 10, 14)),
        ("Jul 28, 2026, 6:49 PM", at(2026, 7, 28, 18, 49)),
        ("Jul 28, 2026, 12:49 AM", at(2026, 7, 28, 0, 49)),
        ("28 July 2026, 06:49", at(2026, 7, 28, 6, 49)),
        ("Sept 1, 2026, 9:00 am", at(2026, 9, 1, 9, 0)),
        ("7 avr. 2026, 10:14", at(2026, 4, 7, 10, 14)),
        ("7. März 2026, 10:14", at(2026, 3, 7, 10, 14)),
        ("2026-04-07 10:14:00", at(2026, 4, 7, 10, 14)),
        ("2026-04-07T08:14:00Z", at(2026, 4, 7, 10, 14)),
        ("2026-04-07T10:14:00+02:00", at(2026, 4, 7, 10, 14)),
    ],
)
def test_start_time_formats(start, expected):
    text = hevy_text(f'"A","{start}","","","Squat",,"",0,"normal",60,5,,,')
    sessions, _ = parse_text(HevyParser, text, context("kg"))
    assert sessions[0].started_at == expected
    assert sessions[0].completed_at is None


def test_end_before_start_is_dropped_and_a_missing_title_gets_a_default():
    text = hevy_text('"","7 Apr 2026, 10:14","7 Apr 2026, 09:00","","Squat",,"",0,"normal",60,5,,,')
    sessions, _ = parse_text(HevyParser, text, context("kg"))
    assert (sessions[0].name, sessions[0].completed_at) == ("Hevy workout", None)


def test_older_export_without_rpe_and_superset_columns_and_without_set_index():
    header = "title,start_time,end_time,description,exercise_title,set_type,weight_kg,reps"
    text = hevy_text(
        '"A","7 Apr 2026, 10:14","","","Squat","warmup",40,8',
        '"A","7 Apr 2026, 10:14","","","Squat","normal",60,5',
        header=header,
    )
    sessions, _ = parse_text(HevyParser, text, context(None))
    assert sessions[0].exercises[0].sets == [s(1, "40", 8, is_warmup=True), s(2, "60", 5)]


def test_negative_weight_is_assistance_kept_in_the_notes():
    text = hevy_text('"A","7 Apr 2026, 10:14","","","Dip (Assisted)",,"",0,"normal",-25,10,,,')
    sessions, _ = parse_text(HevyParser, text, context(None))
    assert sessions[0].exercises[0].sets == [s(1, None, 10, notes="Assisted 25 kg")]


def test_plain_weight_column_takes_the_forms_unit():
    header = "title,start_time,exercise_title,set_index,set_type,weight,reps"
    text = hevy_text('"A","7 Apr 2026, 10:14","Squat",0,"normal",135,5', header=header)
    sessions, _ = parse_text(HevyParser, text, context("lb"))
    assert sessions[0].exercises[0].sets == [s(1, "135", 5, "lb")]
    sessions, ctx = parse_text(HevyParser, text, context(None))
    assert sessions[0].exercises[0].sets == [s(1, "135", 5, "")]
    assert ctx.unit_stated is False


@pytest.mark.parametrize(
    "header",
    [
        list(HEADER),
        [h.replace("weight_kg", "weight_lbs") for h in HEADER],
        [h.upper() for h in HEADER],
        ["title", "start_time", "exercise_title", "set_type", "weight_kg", "reps"],
    ],
)
def test_hevy_headers_are_recognised(header):
    assert matching(header) == ["hevy"]


def test_hevy_fixture_headers_are_recognised():
    assert matching(read_rows(fixture("hevy_lbs_us.csv"))[0]) == ["hevy"]


GOOD = '"A","7 Apr 2026, 10:14","7 Apr 2026, 11:00","","Squat",,"",0,"normal",60,5,,,'


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            '"A","7 Apr 2026, 10:14","","","Squat",,"",1,"normal",heavy,5,,,',
            "Line 3: 'heavy' is not a number in column weight_kg.",
        ),
        (
            '"A","7 Apr 2026, 10:14","","","Squat",,"",1,"normal",60,-2,,,',
            "Line 3: '-2' is negative in column reps.",
        ),
        (
            '"A","31 Apr 2026, 10:14","","","Squat",,"",1,"normal",60,5,,,',
            "Line 3: '31 Apr 2026, 10:14' is not a valid date in column start_time.",
        ),
        (
            '"A","Apr 7th, 10:14","","","Squat",,"",1,"normal",60,5,,,',
            "Line 3: 'Apr 7th, 10:14' is not a date we can read in column start_time.",
        ),
        (
            '"A","7 Apr 2026, 13:14 PM","","","Squat",,"",1,"normal",60,5,,,',
            "Line 3: '7 Apr 2026, 13:14 PM' is not a valid date in column start_time.",
        ),
        (
            '"A","7 Apr 2026, 10:14","","","",,"",1,"normal",60,5,,,',
            "Line 3: The exercise name is missing.",
        ),
        (
            '"A","7 Apr 2026, 10:14","","","Squat",,"",-1,"normal",60,5,,,',
            "Line 3: '-1' is negative in column set_index.",
        ),
        (
            '"A","7 Apr 2026, 10:14","","","Squat",,"",1,"normal",60,5,,,11',
            "Line 3: '11' is not an RPE between 1 and 10 in column rpe.",
        ),
        (
            '"A","7 Apr 2026, 10:14","","","Run",,"",1,"normal",,,far,,',
            "Line 3: 'far' is not a number in column distance_km.",
        ),
    ],
)
def test_bad_cells_leave_their_row_out_naming_the_line_the_value_and_the_column(row, message):
    header, rows = read_rows(hevy_text(GOOD, row))
    ctx = context("kg")
    sessions = list(HevyParser(header).parse(iter(rows), ctx))
    assert invalid(ctx) == [message.replace("Line ", "line ", 1)]
    assert set_count(sessions) == 1  # the good row is still there


def test_error_line_is_the_physical_line_after_quoted_newlines():
    text = fixture("hevy_kg.csv").replace(",100,4,", ",100,-4,")
    header, rows = read_rows(text)
    ctx = context("kg")
    list(HevyParser(header).parse(iter(rows), ctx))
    # Each Leg Day row spans two lines (the description has a newline): the third is on line 6.
    assert invalid(ctx) == ["line 6: '-4' is negative in column reps."]


@pytest.mark.parametrize("name", ["hevy_kg.csv", "hevy_lbs_us.csv"])
def test_mangled_rows_parse_or_raise_import_format_error(name):
    header, rows = read_rows(fixture(name))

    @fuzz_settings()
    @given(mangled_rows([cells for _, cells in rows]))
    def check(mangled):
        for unit in ("kg", None):
            check_parse_or_error(HevyParser(header), mangled, context(unit))

    check()


def test_a_row_without_set_index_is_numbered_after_the_highest_one():
    text = hevy_text(
        '"A","7 Apr 2026, 10:14","","","Squat",,"",1,"normal",60,5,,,',
        '"A","7 Apr 2026, 10:14","","","Squat",,"",,"normal",60,4,,,',
    )
    sessions, _ = parse_text(HevyParser, text, context("kg"))
    assert [x.set_number for x in sessions[0].exercises[0].sets] == [2, 3]
