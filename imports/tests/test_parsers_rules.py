"""FitNotes and Hevy quirks, and the file-level rules (rows left out vs files refused),
read through the reader. Expected values were counted from the fixture text by hand."""

from decimal import Decimal

import pytest

from imports.parsers.base import ImportFormatError

from .parser_helpers import outline, read, read_text, skipped, t

# --- FitNotes ------------------------------------------------------------------------------------


def test_fitnotes_without_comment_unquoted_names_with_commas_are_repaired():
    result = read("fitnotes_no_comment.csv")
    assert result.unit_stated is True
    assert outline(result) == [
        (
            "Shoulders, Cardio",
            t(2021, 4, 10, 12, 0),
            None,
            [
                (
                    "Overhead Press (Each Side, Dumbbells)",
                    [
                        (1, "8", "kg", 5, "normal", None, None),
                        (2, "8", "kg", 5, "normal", None, None),
                    ],
                ),
                ("Lateral Raise", [(1, "6", "kg", 12, "normal", None, None)]),
                ("Elliptical", [(1, None, "kg", None, "normal", "1931.21", 600)]),  # 1.2 mi
            ],
        )
    ]
    assert result.skipped == []


def test_fitnotes_weight_kgs_header_ignores_a_distance_unit_without_distance():
    result = read("fitnotes_old_kgs.csv")
    assert outline(result) == [
        (
            "Chest, Abs",
            t(2018, 1, 20, 12, 0),
            None,
            [
                ("Flat Dumbbell Bench Press", [(1, "22.5", "kg", 10, "normal", None, None)]),
                (
                    "Side Plank",
                    [(1, None, "kg", None, "normal", None, 60)],
                ),  # `kg` in Distance Unit
                ("Cable Crossover (Low, High)", [(1, "15", "kg", 12, "normal", None, None)]),
            ],
        )
    ]
    assert skipped(result) == ["line 3: no weight, reps, distance or time"]


# --- Hevy ----------------------------------------------------------------------------------------

HEVY = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,"
    "set_type,weight_lbs,reps,distance_miles,duration_seconds,rpe\n"
)


def test_hevy_supersets_set_types_pounds_and_row_problems():
    start = '"Arms","7 Jun 2025, 18:00","7 Jun 2025, 19:00","",'
    rows = [
        f'{start}"Bicep Curl (Dumbbell)",1,"",0,"warmup",20,12,,,',
        f'{start}"Triceps Pushdown (Cable)",1,"",0,"normal",50,12,,,',
        f'{start}"Bicep Curl (Dumbbell)",1,"",1,"normal",30,10,,,',
        f'{start}"Triceps Pushdown (Cable)",1,"",1,"dropset",40,10,,,',
        f'{start}"Bicep Curl (Dumbbell)",1,"",2,"failure",30,8,,,',
        f'{start}"Plank",,"",0,"normal",,,,,',  # no values
        f'{start}"Preacher Curl (Machine)",,"",0,"normal",9000,8,,,',  # beyond any record
        *(f'{start}"Hammer Curl (Dumbbell)",,"",{n},"normal",25,10,,,' for n in range(20)),
        f'{start}"Walking",,"",0,"normal",,,1.5,900,',
    ]
    result = read_text(HEVY + "\n".join(rows) + "\n")
    assert result.unit_stated is True
    curl, pushdown, hammer, walking = result.sessions[0].exercises
    assert (curl.superset, pushdown.superset, hammer.superset) == ("1", "1", None)
    assert [(s.set_type, s.is_warmup, str(s.weight), s.weight_unit) for s in curl.sets] == [
        ("warmup", True, "20.00", "lb"),
        ("normal", False, "30.00", "lb"),
        ("failure", False, "30.00", "lb"),
    ]
    assert [s.set_type for s in pushdown.sets] == ["normal", "drop"]
    assert len(hammer.sets) == 20
    assert (walking.sets[0].distance_m, walking.sets[0].duration_s) == (Decimal("2414.02"), 900)
    assert skipped(result) == [
        "line 7: no weight, reps, distance or time",
        "line 8: '9000 lb' is heavier than any lift on record in column weight_lbs.",
    ]


# --- File-level rules ----------------------------------------------------------------------------

NATIVE = "date,session_name,exercise_name,set_number,weight,weight_unit,reps\n"


def test_more_than_five_percent_invalid_rows_refuse_the_file_naming_the_first_lines():
    good = "".join(f"2024-01-{day:02d},A,Squat,1,100,kg,5\n" for day in range(1, 20))
    bad = "2024-02-01,A,Squat,1,100,kg,-1\n2024-02-02,A,Squat,1,heavy,kg,5\n"
    with pytest.raises(ImportFormatError) as raised:
        read_text(NATIVE + good + bad)
    assert str(raised.value) == (
        "2 of 21 set rows are invalid (more than 5% of the file), so nothing was imported: "
        "line 21: reps: -1 is negative; line 22: weight: “heavy” is not a number."
    )
    result = read_text(NATIVE + good + "2024-01-20,A,Squat,1,100,kg,5\n" + bad[:31])
    assert (len(result.sessions), [p.line for p in result.skipped]) == (20, [22])  # 1 of 21


@pytest.mark.parametrize(
    "date",
    [
        "9999-12-31T23:00:00-12:00",
        "0001-01-01T00:00:00+14:00",
        "1899-12-31 23:00:00",
        "2999-01-01 10:00:00",
        "1900-01-01T00:30:00+14:00",  # 1899-12-31 in UTC
    ],
)
def test_dates_out_of_range_never_get_through(date):
    text = (
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
        + "".join(f"2024-01-{day:02d} 10:00:00,A,Squat,1,100,5\n" for day in range(1, 21))
        + f"{date},A,Squat,1,100,5\n"
    )
    result = read_text(text, unit="kg")
    assert len(result.sessions) == 20
    assert [problem.line for problem in result.skipped] == [22]
    assert f"'{date}'" in result.skipped[0].reason


def test_limit_rows_previews_the_first_rows_of_a_strong_file():
    result = read("strong_v6_empty_rows.csv", limit_rows=3)
    assert (result.rows, result.truncated) == (3, True)
    assert outline(result)[0][3] == [
        ("Iso-Lateral Row (Machine)", [(1, "50", "kg", 12, "normal", None, None)])
    ]
    assert [problem.line for problem in result.skipped] == [3, 4]
