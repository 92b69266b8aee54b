"""The writer: set types and supersets as notes (until the model has them), no empty sets,
the member's exercise choices; and the summary's JSON form."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from fitness.workouts.models import Exercise, WorkoutSessionExercise, WorkoutSet
from fitness.workouts.tests.factories import ExerciseFactory, system_exercise
from imports.checks import UnitRequired
from imports.parsers.base import ParsedExercise, ParsedSession, ParsedSet, RowProblem
from imports.summary import ImportSummary
from imports.writer import NEW, MatchedName, write_sessions


def _session(*exercises: ParsedExercise, hour: int = 9) -> ParsedSession:
    return ParsedSession("Push", datetime(2026, 2, 1, hour, tzinfo=UTC), exercises=list(exercises))


def _set(number: int, **values) -> ParsedSet:
    return ParsedSet(number, weight_unit="kg", **values)


def test_set_types_and_supersets_go_to_their_columns(owner):
    bench = ParsedExercise(
        "Bench Press",
        superset="7",
        sets=[
            _set(1, weight=Decimal(40), reps=10, set_type="warmup"),
            _set(2, weight=Decimal(80), reps=5, set_type="drop", notes="fast"),
            _set(3, weight=Decimal(60), reps=12, set_type="failure"),
        ],
    )
    row = ParsedExercise("Barbell Row", superset="7", notes="strict", sets=[_set(1, reps=8)])
    fly = ParsedExercise("Cable Fly", superset="9", sets=[_set(1, reps=15)])  # alone: none
    written = write_sessions(user=owner, sessions=[_session(bench, row, fly)])
    assert (written.sessions, written.sets) == (1, 5)
    rows = {
        r.exercise_name: (r.superset_group, r.notes) for r in WorkoutSessionExercise.objects.all()
    }
    assert rows == {
        "Bench Press": (1, ""),
        "Barbell Row": (1, "strict"),
        "Cable Fly": (None, ""),
    }
    sets = WorkoutSet.objects.filter(session_exercise__exercise_name="Bench Press")
    assert [(s.set_type, s.is_warmup, s.notes) for s in sets.order_by("set_number")] == [
        ("warmup", True, ""),
        ("drop", False, "fast"),
        ("failure", False, ""),
    ]


def test_sets_without_any_value_are_never_stored(owner):
    empty = ParsedExercise("Plank", sets=[_set(1), _set(2, weight=Decimal(0), reps=0)])
    kept = ParsedExercise("Bench Press", sets=[_set(1, reps=5), _set(2)])
    written = write_sessions(user=owner, sessions=[_session(empty, kept)])
    assert (written.sets, written.empty_sets) == (1, 3)
    assert WorkoutSessionExercise.objects.get().exercise_name == "Bench Press"
    assert write_sessions(user=owner, sessions=[_session(empty, hour=11)]).sessions == 0


def test_unitless_weight_is_refused_without_writing(owner):
    bare = ParsedExercise("Bench Press", sets=[ParsedSet(1, weight=Decimal(100), weight_unit="")])
    with pytest.raises(UnitRequired):
        write_sessions(user=owner, sessions=[_session(bare)])
    assert WorkoutSet.objects.count() == 0


def test_member_choices_override_the_matcher(owner):
    mine = ExerciseFactory(user=owner, name="Paused Bench")
    deadlift = system_exercise("Deadlift")
    sessions = [
        _session(
            ParsedExercise("Bench Press (Barbell)", sets=[_set(1, reps=5)]),  # similar → new
            ParsedExercise("Sumo", sets=[_set(1, reps=5)]),  # new → Deadlift
            ParsedExercise("Bench Press", sets=[_set(1, reps=5)]),  # exact: "new" means it
            ParsedExercise("Pause", sets=[_set(1, reps=5)]),  # to an exercise now gone → new
            ParsedExercise("paused bench", sets=[_set(1, reps=5)]),
        )
    ]
    choices = {
        "Bench Press (Barbell)": NEW,
        "Sumo": deadlift.pk,
        "Bench Press": NEW,
        "Pause": uuid.uuid4(),
    }
    written = write_sessions(user=owner, sessions=sessions, exercise_map=choices)
    linked = {r.exercise_name: r.exercise for r in WorkoutSessionExercise.objects.all()}
    assert linked["Sumo"] == deadlift
    assert linked["Bench Press"] == system_exercise("Bench Press")
    assert linked["Bench Press (Barbell)"].user == owner
    assert linked["paused bench"] == mine
    assert written.created == ["Bench Press (Barbell)", "Pause"]
    assert MatchedName("Sumo", "Deadlift", "chosen") in written.matched
    assert Exercise.objects.filter(user=owner).count() == 3


def test_summary_survives_json_and_reads_older_summaries():
    summary = ImportSummary(
        format="strong",
        format_label="Strong",
        layout="Strong, 12 columns (Date … RPE)",
        unit="lb",
        rows=9,
        sessions=2,
        sets=7,
        exercises_matched=[MatchedName("Squat (Barbell)", "Back Squat", "similar")],
        exercises_created=["Sumo Pull"],
        skipped_count=60,
        skipped=[RowProblem(4, "rest timer row")],
        remarks=["Durations in 1 workout could not be read and were left out."],
    )
    assert ImportSummary.from_json(summary.to_json()) == summary
    assert summary.skipped_hidden == 59
    old = {
        "format": "native", "format_label": "Liftlog", "rows": 3, "sessions": 1, "sets": 2,
        "duplicates_skipped": 0, "exercises_created": [],
        "exercises_matched": [{"file": "a", "exercise": "A", "how": "exact"}],
        "skipped_count": 1, "skipped": ["line 12: rest timer row"],
    }  # fmt: skip
    read = ImportSummary.from_json(old)
    assert read.skipped == [RowProblem(12, "rest timer row")] and read.remarks == []
    assert ImportSummary.from_json(None) is None
