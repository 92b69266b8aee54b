"""Strong's three CSV layouts: exact parsed output, header detection, bad input, mangled rows."""

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

from imports.parsers.base import ParsedExercise, ParsedSession
from imports.parsers.strong import StrongParser

from .parser_helpers import (
    at,
    check_parse_or_error,
    context,
    fixture,
    fuzz_settings,
    invalid,
    mangled_rows,
    parse_text,
    read_rows,
    s,
    set_count,
)

BERLIN = ZoneInfo("Europe/Berlin")


ENGLISH = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
)


def strong_text(*rows: str, header: str = ENGLISH) -> str:
    return "\n".join([header, *rows]) + "\n"


# --- (a) the 12-column comma export ------------------------------------------------------------


def test_english_export_with_bom_crlf_rest_timers_markers_and_float_noise():
    sessions, ctx = parse_text(StrongParser, fixture("strong_en.csv"), context("kg"))

    assert sessions == [
        ParsedSession(
            name="Push, heavy",
            started_at=at(2024, 1, 5, 18, 30),
            completed_at=at(2024, 1, 5, 19, 35),
            notes="Felt strong\nslept 8h",
            exercises=[
                ParsedExercise(
                    name="Bench Press (Barbell)",
                    notes="Pause reps, elbows in",
                    sets=[
                        s(1, "40", 10, is_warmup=True),
                        s(2, "102.06", 5, rpe=Decimal("8")),
                        s(3, "102.06", 5, rpe=Decimal("8.5")),
                        s(4, "80", 8, set_type="drop"),
                        s(5, "60", 12, rpe=Decimal("10"), set_type="failure"),
                    ],
                ),
                ParsedExercise(name="Pull Up", sets=[s(1, None, 10), s(2, "10", 6)]),
                ParsedExercise(name="Plank", sets=[s(1, duration_s=60)]),
            ],
        ),
        ParsedSession(
            name="Morning Run",
            started_at=at(2024, 1, 7, 7, 5, 11),
            completed_at=at(2024, 1, 7, 7, 36, 11),
            exercises=[
                ParsedExercise(
                    name="Running",
                    notes="Easy pace",
                    sets=[s(1, distance_m=Decimal("5000"), duration_s=1800)],
                )
            ],
        ),
        ParsedSession(
            name="Quick one",
            started_at=at(2024, 1, 8, 12, 0),
            completed_at=at(2024, 1, 8, 12, 0, 45),
            exercises=[
                # A superset keeps counting up: one entry per exercise...
                ParsedExercise(name="Squat (Barbell)", sets=[s(1, "60", 5), s(2, "62.5", 5)]),
                ParsedExercise(
                    name="Bicep Curl (Dumbbell)", sets=[s(1, "12.5", 10), s(2, "12.5", 10)]
                ),
                # ...a second block that starts again at 1 is a second entry.
                ParsedExercise(name="Squat (Barbell)", sets=[s(1, "40", 10)]),
            ],
        ),
    ]
    assert [str(x) for x in ctx.skipped] == ["line 6: rest timer row"]
    assert sessions[0].started_at.utcoffset() == timedelta(hours=1)


def test_french_header_is_recognised_and_weights_take_the_forms_unit():
    sessions, ctx = parse_text(StrongParser, fixture("strong_fr.csv"), context("lb"))

    assert sessions == [
        ParsedSession(
            name="Haut du corps",
            started_at=at(2023, 11, 20, 19, 0),
            completed_at=at(2023, 11, 20, 19, 52),
            notes="Bonne séance",
            exercises=[
                ParsedExercise(
                    name="Développé couché (barre)",
                    notes="Prise large",
                    sets=[s(1, "135", 10, "lb"), s(2, "155", 8, "lb", rpe=Decimal("9"))],
                ),
                ParsedExercise(name="Tractions", sets=[s(1, None, 5, "lb", is_warmup=True)]),
            ],
        )
    ]
    assert ctx.skipped == []


def test_german_semicolon_export_with_decimal_commas_and_no_rpe_column():
    sessions, _ = parse_text(StrongParser, fixture("strong_de.csv"), context("kg", "Europe/Berlin"))

    assert sessions == [
        ParsedSession(
            name="Beintag",
            started_at=at(2022, 3, 2, 7, 5, tz=BERLIN),
            completed_at=at(2022, 3, 2, 8, 5, tz=BERLIN),
            exercises=[
                ParsedExercise(
                    name="Kniebeuge (Langhantel)", sets=[s(1, "62.5", 5), s(2, "62.5", 5)]
                ),
                ParsedExercise(
                    name="Radfahren",
                    notes="Gegenwind",
                    sets=[s(1, distance_m=Decimal("12400"), duration_s=1500)],
                ),
            ],
        )
    ]


def test_distances_are_miles_when_the_unit_is_lb():
    text = strong_text('2024-01-07 07:05:11,"Run",31m,"Running",1,0,0,3.1,1800,,,')
    sessions, _ = parse_text(StrongParser, text, context("lb"))
    assert sessions[0].exercises[0].sets[0].distance_m == Decimal("4988.97")


def test_twelve_hour_times_with_narrow_no_break_space_and_iso_variants():
    text = strong_text(
        '2024-01-05 6:30:00\u202fPM,"A",1h,"Squat",1,60,5,0,0,,,',
        '2024-01-06T07:15:00,"B",,"Squat",1,60,5,0,0,,,',
        '2024-01-07 07:15:00 +00:00,"C",,"Squat",1,60,5,0,0,,,',
    )
    sessions, _ = parse_text(StrongParser, text, context("kg"))
    assert [x.started_at for x in sessions] == [
        at(2024, 1, 5, 18, 30),
        at(2024, 1, 6, 7, 15),
        at(2024, 1, 7, 8, 15),
    ]
    assert sessions[1].completed_at is None


def test_notes_repeated_on_every_row_are_kept_once_and_later_notes_are_set_notes():
    text = strong_text(
        '2024-01-05 18:30:00,"A",1h,"Squat",1,60,5,0,0,"Low bar","Tired",',
        '2024-01-05 18:30:00,"A",1h,"Squat",2,60,5,0,0,"Low bar","Tired",',
        '2024-01-05 18:30:00,"A",1h,"Squat",3,60,4,0,0,"Grinder","Tired",',
    )
    sessions, _ = parse_text(StrongParser, text, context("kg"))
    squat = sessions[0].exercises[0]
    assert sessions[0].notes == "Tired"
    assert squat.notes == "Low bar"
    assert [x.notes for x in squat.sets] == ["", "", "Grinder"]


def test_negative_weight_is_assistance_kept_in_the_notes():
    text = strong_text(
        '2024-01-05 18:30:00,"A",1h,"Pull Up (Assisted)",1,-20,8,0,0,,,',
        '2024-01-05 18:30:00,"A",1h,"Pull Up (Assisted)",D,-12.5,5,0,0,,,',
    )
    sessions, _ = parse_text(StrongParser, text, context("kg"))
    assert sessions[0].exercises[0].sets == [
        s(1, None, 8, notes="Assisted 20 kg"),
        s(2, None, 5, notes="Assisted 12.5 kg", set_type="drop"),
    ]


def test_a_workout_without_name_gets_a_default_and_blank_rows_are_ignored():
    text = strong_text('2024-01-05 18:30:00,"",,"Squat",1,60,5,0,0,,,', ",,,,,,,,,,,", "")
    sessions, _ = parse_text(StrongParser, text, context("kg"))
    assert [x.name for x in sessions] == ["Strong workout"]


def test_no_unit_in_the_file_nor_chosen_leaves_weights_without_unit():
    header, rows = read_rows(fixture("strong_en.csv"))
    ctx = context(None)
    sessions = list(StrongParser(header).parse(iter(rows), ctx))
    assert ctx.unit_stated is False
    bench, pull_up, plank = sessions[0].exercises
    assert {x.weight_unit for x in bench.sets} == {""}
    assert pull_up.sets[1] == s(2, "10", 6, unit="")
    assert plank.sets == [s(1, duration_s=60)]  # no weight, no unit needed


GOOD = '2024-01-05 18:30:00,"A",1h,"Squat",1,60,5,0,0,,,'


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            '2024-01-05 18:30:00,"A",1h,"Squat",1,abc,5,0,0,,,',
            "Line 3: 'abc' is not a number in column Weight.",
        ),
        (
            '2024-01-05 18:30:00,"A",1h,"Squat",1,60,-5,0,0,,,',
            "Line 3: '-5' is negative in column Reps.",
        ),
        (
            '2024-01-05 18:30:00,"A",1h,"Squat",1,60,5.5,0,0,,,',
            "Line 3: '5.5' is not a whole number in column Reps.",
        ),
        (
            '2024-13-05 18:30:00,"A",1h,"Squat",1,60,5,0,0,,,',
            "Line 3: '2024-13-05 18:30:00' is not a valid date in column Date.",
        ),
        (
            'yesterday,"A",1h,"Squat",1,60,5,0,0,,,',
            "Line 3: 'yesterday' is not a date we can read in column Date.",
        ),
        (',"A",1h,"Squat",1,60,5,0,0,,,', "Line 3: The date is missing in column Date."),
        (
            '2024-01-05 18:30:00,"A",1h,"",1,60,5,0,0,,,',
            "Line 3: The exercise name is missing.",
        ),
        (
            '2024-01-05 18:30:00,"A",1h,"Squat",X1,60,5,0,0,,,',
            "Line 3: 'X1' is not a set number, W, D, F, Note or Rest Timer in column Set Order.",
        ),
        (
            '2024-01-05 18:30:00,"A",1h,"Squat",1,60,5,0,0,,,12',
            "Line 3: '12' is not an RPE between 1 and 10 in column RPE.",
        ),
        (
            '2024-01-05 18:30:00,"A",1h,"Squat",1,100000,5,0,0,,,',
            "Line 3: '100000' is too heavy in column Weight.",
        ),
    ],
)
def test_bad_cells_leave_their_row_out_naming_the_line_the_value_and_the_column(row, message):
    header, rows = read_rows(strong_text(GOOD, row))
    ctx = context("kg")
    sessions = list(StrongParser(header).parse(iter(rows), ctx))
    assert invalid(ctx) == [message.replace("Line ", "line ", 1)]
    assert set_count(sessions) == 1  # the good row is still there


def test_messages_use_the_files_own_column_names():
    header = read_rows(fixture("strong_fr.csv"))[0]
    row = '2023-11-20 19:00:00,"Haut",52m,"Tractions",1,lourd,5,0,0,"","",'
    ctx = context("kg")
    assert list(StrongParser(header).parse(iter([(2, row.split(","))]), ctx)) == []
    assert invalid(ctx) == ["line 2: 'lourd' is not a number in column Poids."]


# --- (b) the newer semicolon export --------------------------------------------------------------


def test_v6_export_with_note_rows_markers_rest_timers_and_quoted_newlines():
    sessions, ctx = parse_text(StrongParser, fixture("strong_v6_kg.csv"), context(None))

    assert sessions == [
        ParsedSession(
            name="Push Day",
            started_at=at(2024, 8, 6, 13, 59, 53),
            completed_at=at(2024, 8, 6, 15, 1, 58),
            notes="Deload week",
            exercises=[
                ParsedExercise(
                    name="Bench Press (Barbell)",
                    notes="Arch, feet\nplanted",
                    sets=[
                        s(1, "40", 10, is_warmup=True),
                        s(2, "80", 8, rpe=Decimal("7.5")),
                        s(3, "80", 6, rpe=Decimal("9"), notes="slow"),
                        s(4, "60", 10, set_type="drop"),
                    ],
                ),
                ParsedExercise(
                    name="Triceps Dip",
                    sets=[
                        s(1, None, 8, is_warmup=True),
                        s(2, None, 12),
                        s(3, None, 9, rpe=Decimal("10"), set_type="failure"),
                    ],
                ),
            ],
        ),
        ParsedSession(
            name="Cardio",
            started_at=at(2024, 8, 8, 7, 10),
            completed_at=at(2024, 8, 8, 7, 40),
            exercises=[
                ParsedExercise(
                    name="Running (Treadmill)",
                    sets=[s(1, distance_m=Decimal("5200"), duration_s=1740)],
                ),
                ParsedExercise(name="Plank", sets=[s(1, duration_s=90)]),
            ],
        ),
        ParsedSession(
            name="Legs",
            started_at=at(2024, 8, 10, 18, 0),
            completed_at=None,
            exercises=[
                ParsedExercise(
                    name="Squat (Barbell)",
                    sets=[s(1, "62.5", 5, rpe=Decimal("8")), s(2, "102.06", 3)],
                )
            ],
        ),
    ]
    assert [str(x) for x in ctx.skipped] == ["line 6: rest timer row"]
    assert sessions[0].started_at.utcoffset() == timedelta(hours=2)


def test_v6_pounds_in_the_header_and_the_comma_twin():
    sessions, _ = parse_text(StrongParser, fixture("strong_v6_lbs.csv"), context("kg"))
    assert sessions == [
        ParsedSession(
            name="Upper A",
            started_at=at(2025, 2, 3, 6, 45),
            completed_at=at(2025, 2, 3, 7, 30),
            exercises=[
                ParsedExercise(
                    name="Overhead Press (Barbell)",
                    sets=[s(1, "95", 8, "lb"), s(2, "225", 3, "lb")],
                )
            ],
        )
    ]


def test_v6_bad_weight_reports_the_physical_line_after_a_quoted_newline():
    text = fixture("strong_v6_kg.csv").replace('"80.0";"6"', '"eighty";"6"')
    header, rows = read_rows(text)
    ctx = context(None)
    list(StrongParser(header).parse(iter(rows), ctx))
    assert invalid(ctx) == ["line 7: 'eighty' is not a number in column Weight (kg)."]


# --- (c) the older semicolon export with a Weight Unit column -------------------------------------


def test_legacy_export_with_unit_columns():
    sessions, ctx = parse_text(StrongParser, fixture("strong_legacy.csv"), context(None))
    assert sessions == [
        ParsedSession(
            name="Evening Workout",
            started_at=at(2018, 3, 12, 19, 4, 11),
            completed_at=at(2018, 3, 12, 20, 16, 11),
            exercises=[
                ParsedExercise(
                    name="Deadlift (Barbell)",
                    notes="Mixed grip",
                    sets=[s(1, "140", 5), s(2, "150", 3, rpe=Decimal("8"))],
                ),
                ParsedExercise(name="Dumbbell Row", sets=[s(1, "70", 10, "lb")]),
            ],
        ),
        ParsedSession(
            name="Cardio",
            started_at=at(2018, 3, 14, 7, 0),
            completed_at=at(2018, 3, 14, 7, 25),
            notes="Windy",
            exercises=[
                ParsedExercise(
                    name="Cycling", sets=[s(1, distance_m=Decimal("10000"), duration_s=1500)]
                ),
                ParsedExercise(name="Walking", sets=[s(1, distance_m=Decimal("3218.69"))]),
            ],
        ),
    ]
    assert [str(x) for x in ctx.skipped] == ["line 4: rest timer row"]


def test_legacy_bad_weight_unit():
    text = fixture("strong_legacy.csv").replace(";70;lbs;", ";70;stone;")
    header, rows = read_rows(text)
    ctx = context(None)
    list(StrongParser(header).parse(iter(rows), ctx))
    assert invalid(ctx) == [
        "line 5: 'stone' is not a weight unit (kg or lb) in column Weight Unit."
    ]


def test_legacy_weight_without_unit_anywhere_is_left_unknown():
    text = fixture("strong_legacy.csv").replace(";70;lbs;", ";70;;")
    header, rows = read_rows(text)
    ctx = context(None)
    sessions = list(StrongParser(header).parse(iter(rows), ctx))
    assert sessions[0].exercises[1].sets == [s(1, "70", 10, "")]
    assert ctx.unit_stated is False


# --- Mangled rows --------------------------------------------------------------------------------

HYPOTHESIS = fuzz_settings()


@pytest.mark.parametrize(
    ("parser_cls", "name"),
    [
        (StrongParser, "strong_en.csv"),
        (StrongParser, "strong_de.csv"),
        (StrongParser, "strong_v6_kg.csv"),
        (StrongParser, "strong_legacy.csv"),
        (StrongParser, "strong_10col.csv"),
        (StrongParser, "strong_2015_kg.csv"),
        (StrongParser, "strong_zh.csv"),
        (StrongParser, "strong_de_10col.csv"),
        (StrongParser, "strong_semicolon_units.csv"),
    ],
)
def test_mangled_rows_parse_or_raise_import_format_error(parser_cls, name):
    header, rows = read_rows(fixture(name))

    @HYPOTHESIS
    @given(mangled_rows([cells for _, cells in rows]))
    def check(mangled):
        for unit in ("kg", None):
            check_parse_or_error(parser_cls(header), mangled, context(unit))

    check()
