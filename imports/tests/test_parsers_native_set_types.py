"""The native format's set_type and superset columns, and files written before them."""

import pytest

from imports.parsers.native import NativeParser
from imports.tests.parser_helpers import invalid, parse_text

OLD_HEADER = "date,session_name,exercise_name,set_number,is_warmup,weight,weight_unit,reps"


def test_older_files_without_the_columns_still_import_warmups_as_set_types():
    text = (
        f"{OLD_HEADER}\n"
        "2026-01-05,Legs,Back Squat,1,true,60,kg,8\n"
        "2026-01-05,Legs,Back Squat,2,false,100,kg,5\n"
    )
    (session,), _ = parse_text(NativeParser, text)
    sets = session.exercises[0].sets
    assert [(s.set_type, s.is_warmup) for s in sets] == [("warmup", True), ("normal", False)]
    assert session.exercises[0].superset is None


def test_set_types_and_supersets_are_read():
    text = (
        f"{OLD_HEADER},set_type,superset\n"
        "2026-01-05,Push,Bench Press,1,false,100,kg,5,failure,A\n"
        "2026-01-05,Push,Barbell Row,1,false,80,kg,8,drop,A\n"
        "2026-01-05,Push,Plank,1,false,,kg,1,,\n"
    )
    (session,), _ = parse_text(NativeParser, text)
    assert [(e.name, e.superset, e.sets[0].set_type) for e in session.exercises] == [
        ("Bench Press", "A", "failure"),
        ("Barbell Row", "A", "drop"),
        ("Plank", None, "normal"),
    ]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("false,100,kg,5,mystery", "“mystery” is not one of normal, warmup, drop, failure."),
        ("true,100,kg,5,drop", "drop disagrees with is_warmup true."),
        ("false,100,kg,5,warmup", "warmup disagrees with is_warmup false."),
    ],
)
def test_a_set_type_that_does_not_fit_is_a_row_problem_with_its_line(cells, message):
    text = f"{OLD_HEADER},set_type\n2026-01-05,Legs,Back Squat,1,{cells}\n"
    sessions, ctx = parse_text(NativeParser, text)
    assert sessions == []
    (problem,) = invalid(ctx)
    assert problem.startswith("line 2:") and message in problem
