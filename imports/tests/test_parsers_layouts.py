"""Every Strong layout seen in real exports, read through the reader as the importer does.

Each fixture is small and hand-written; the expected workouts, sets, units and set types
below were counted from the fixture text by hand, not produced by the parser.
"""

from decimal import Decimal

import pytest

from .parser_helpers import outline, read, read_text, skipped, t

# --- Strong, every layout ------------------------------------------------------------------------


def test_strong_ten_columns_without_unit_rest_timer_empty_row_and_markers():
    result = read("strong_10col.csv")
    assert result.layout == "Strong, 10 columns (Date … RPE)"
    assert result.unit_stated is False  # weights without a unit anywhere: the member chooses
    assert outline(result) == [
        (
            "Push A",
            t(2025, 3, 4, 18, 5, 12),
            t(2025, 3, 4, 19, 31, 12),  # 1h 26m
            [
                (
                    "Bench Press (Barbell)",
                    [
                        (1, "95", "", 10, "warmup", None, None),
                        (2, "185", "", 5, "normal", None, None),
                        (3, "185", "", 5, "normal", None, None),
                        (4, "135", "", 8, "drop", None, None),
                    ],
                ),
                (
                    "Diamond Push Up",
                    [
                        (1, None, "kg", 12, "normal", None, None),
                        (2, None, "kg", 7, "failure", None, None),
                    ],
                ),
            ],
        ),
        (
            "Run",
            t(2025, 3, 6, 7, 0),
            t(2025, 3, 6, 7, 45),
            [("Running", [(1, None, "kg", None, "normal", "3100", 1680)])],
        ),
    ]
    assert skipped(result) == [
        "line 6: rest timer row",
        "line 7: no weight, reps, distance or time",  # "Diamond Push Up",1,0,0.0,0,0.0
    ]


def test_strong_ten_columns_in_pounds_once_the_member_says_so():
    result = read("strong_10col.csv", unit="lb")
    bench = result.sessions[0].exercises[0]
    assert [(str(s.weight), s.weight_unit) for s in bench.sets][:2] == [
        ("95.00", "lb"),
        ("185.00", "lb"),
    ]
    assert result.sessions[1].exercises[0].sets[0].distance_m == Decimal("4988.97")  # 3.1 mi
    assert result.unit_stated is False


def test_strong_2017_without_duration_first_row_notes_are_the_exercises():
    result = read("strong_2017.csv", unit="kg")
    assert result.layout == "Strong, 10 columns (Date … Workout Notes)"
    session = result.sessions[0]
    assert (session.notes, session.exercises[0].notes) == ("New shoes", "High bar")
    assert outline(result) == [
        (
            "Legs",
            t(2017, 5, 2, 18, 30),
            None,
            [
                (
                    "Squat (Barbell)",
                    [
                        (1, "100", "kg", 5, "normal", None, None),
                        (2, "100", "kg", 5, "normal", None, None),
                        (3, "105", "kg", 3, "normal", None, None),
                    ],
                ),
                ("Plank", [(1, None, "kg", None, "normal", None, 60)]),
            ],
        )
    ]
    assert [s.notes for s in session.exercises[0].sets] == ["", "", "Grinder"]
    assert skipped(result) == ["line 5: no weight, reps, distance or time"]


def test_strong_2015_units_in_column_names_and_set_numbers_from_zero():
    result = read("strong_2015_kg.csv")
    assert result.unit_stated is True  # the `kg` column says it
    assert outline(result) == [
        (
            "Morning",
            t(2015, 9, 14, 7, 12, 40),
            None,
            [
                (
                    "Deadlift (Barbell)",
                    [
                        (1, "120", "kg", 5, "normal", None, None),
                        (2, "130", "kg", 3, "normal", None, None),
                    ],
                ),
                ("Rowing (Machine)", [(1, None, "kg", None, "normal", "2000", 480)]),
            ],
        ),
        (
            "Morning",
            t(2015, 9, 16, 7, 5),
            None,
            [("Deadlift (Barbell)", [(1, "132.5", "kg", 3, "normal", None, None)])],
        ),
    ]


def test_strong_2016_pounds_and_miles_in_column_names_unquoted():
    result = read("strong_2016_lb.csv", unit="kg")  # the file's own unit wins over the choice
    assert result.unit_stated is True
    assert outline(result) == [
        (
            "Upper",
            t(2016, 2, 1, 19, 0),
            None,
            [
                (
                    "Overhead Press (Barbell)",
                    [
                        (1, "95", "lb", 8, "normal", None, None),
                        (2, "105", "lb", 6, "normal", None, None),
                    ],
                ),
                ("Walking", [(1, None, "lb", None, "normal", "2414.02", 1500)]),
            ],
        )
    ]


def test_strong_semicolons_with_unit_columns_one_typo_is_a_row_problem_not_a_refusal():
    result = read("strong_semicolon_units.csv")
    assert result.unit_stated is True
    assert skipped(result) == [
        "line 3: '877777' is more than anyone has done in column Reps.",
        "line 6: no weight, reps, distance or time",
    ]
    back, back_b = outline(result)
    assert back == (
        "Back",
        t(2019, 11, 3, 10, 15),
        None,
        [
            (
                "Pull Up (Assisted)",
                [
                    (1, "56.25", "lb", 8, "normal", None, None),
                    (2, "45", "lb", 6, "normal", None, None),
                ],
            ),
            ("Seated Row (Cable)", [(1, "60", "kg", 10, "normal", None, None)]),
            ("Cycling", [(1, None, "kg", None, "normal", "12500", 1800)]),
        ],
    )
    assert [(name, len(sets)) for name, sets in back_b[3]] == [
        ("Lat Pulldown (Cable)", 4),
        ("Barbell Row", 4),
        ("Hammer Curl (Dumbbell)", 4),
        ("Face Pull (Cable)", 4),
    ]


def test_strong_2024_quoted_rows_without_values_are_skipped_not_empty_sets():
    result = read("strong_v6_empty_rows.csv")
    assert outline(result) == [
        (
            "Pull",
            t(2025, 6, 2, 17, 40),
            t(2025, 6, 2, 18, 53),  # 4380 s
            [
                ("Iso-Lateral Row (Machine)", [(1, "50", "kg", 12, "normal", None, None)]),
                (
                    "Face Pull (Cable)",
                    [
                        (1, "10", "kg", 15, "warmup", None, None),
                        (2, "20", "kg", 15, "normal", None, None),
                        (3, "20", "kg", 11, "failure", None, None),
                    ],
                ),
                ("Rowing (Machine)", [(1, None, "kg", None, "normal", "2000", 455)]),
            ],
        )
    ]
    assert skipped(result) == [
        "line 3: no weight, reps, distance or time",
        "line 4: no weight, reps, distance or time",
    ]


def test_strong_german_ten_columns_translated_rest_timer_and_duration_words():
    result = read("strong_de_10col.csv", unit="kg")
    assert result.layout == "Strong, 10 columns (Datum … RPE), header translated"
    assert outline(result) == [
        (
            "Oberkörper",
            t(2024, 10, 8, 18, 2),
            t(2024, 10, 8, 19, 7),  # 1 Std. 5 Min.
            [
                (
                    "Pull Up",
                    [
                        (1, None, "kg", 8, "normal", None, None),
                        (2, None, "kg", 7, "normal", None, None),
                    ],
                ),
                (
                    "Bankdrücken (Langhantel)",
                    [
                        (1, "40", "kg", 10, "warmup", None, None),
                        (2, "80", "kg", 5, "normal", None, None),
                    ],
                ),
            ],
        )
    ]
    assert skipped(result) == ["line 3: rest timer row", "line 7: rest timer row"]


def test_strong_chinese_durations_are_read_and_an_unreadable_one_is_left_out_with_a_remark():
    result = read("strong_zh.csv", unit="kg")
    assert result.layout == "Strong, 12 columns (日期 … RPE), header translated"
    legs, upper = result.sessions
    assert (legs.started_at, legs.completed_at) == (t(2023, 7, 15, 9, 30), t(2023, 7, 15, 10, 43))
    assert (upper.name, upper.completed_at) == ("上肢", None)
    assert [len(e.sets) for s in result.sessions for e in s.exercises] == [2, 1, 1]
    assert result.remarks == [
        "The duration of 1 workout could not be read (like “两小时左右”) and was left out."
    ]
    assert result.skipped == []


def test_strong_header_with_trailing_delimiters_and_workout_duration_last():
    text = (
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
        "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration;\n"
        "2020-02-02 10:00:00;Legs;Squat (Barbell);1;100;kg;5;;;;;;;1h 26m;\n"
    )
    result = read_text(text)
    assert outline(result) == [
        (
            "Legs",
            t(2020, 2, 2, 10, 0),
            t(2020, 2, 2, 11, 26),
            [("Squat (Barbell)", [(1, "100", "kg", 5, "normal", None, None)])],
        )
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Date,Workout Name,Exercise Name,Set Order,Reps",
        "Workout Name,Set Order,Date,Exercise Name,Weight (lbs),Reps",  # any order
        "Date;Workout Name;Exercise Name;Set Order;Weight;Reps;Distance;Seconds;Notes;",
    ],
)
def test_any_subset_of_strong_columns_with_a_measure_is_strong(header):
    delimiter = ";" if ";" in header else ","
    columns = header.rstrip(delimiter).split(delimiter)
    values = {
        "Date": "2020-02-02 10:00:00",
        "Workout Name": "A",
        "Exercise Name": "Squat",
        "Set Order": "1",
        "Reps": "5",
        "Weight": "100",
        "Weight (lbs)": "225",
    }
    row = delimiter.join(values.get(column, "") for column in columns)
    result = read_text(f"{header}\n{row}\n", unit="kg")
    assert result.parser.name == "strong"
    assert result.sessions[0].exercises[0].sets[0].reps == 5


def test_unquoted_workout_name_with_a_comma_is_repaired():
    text = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
        "2024-01-05 18:30:00,Push, heavy,1h,Bench Press (Barbell),1,60,5,0,0,8\n"
    )
    result = read_text(text, unit="kg")
    assert outline(result)[0][0] == "Push, heavy"
    assert result.sessions[0].exercises[0].sets[0].rpe == Decimal("8.0")
