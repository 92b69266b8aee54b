import io
import uuid

import pytest

from fitness.workouts.exercise_names import NameKey, read_name
from fitness.workouts.models import WorkoutSessionExercise
from fitness.workouts.services import exercise_alias_remember
from fitness.workouts.system_exercises import SYSTEM_EXERCISES
from fitness.workouts.tests.factories import ExerciseFactory, system_exercise
from imports.matching import ExerciseMatcher, load_matcher
from imports.services import import_file

# Names as Strong, Hevy and FitNotes write them -> (system exercise, how), or None = new.
REAL_WORLD_NAMES = {
    "Bench Press (Barbell)": ("Bench Press", "equipment"),
    "Bench Press (Dumbbell)": ("Dumbbell Bench Press", "equipment"),
    "Bench Press (Smith Machine)": ("Smith Machine Bench Press", "equipment"),
    "Bench Press - Close Grip (Barbell)": ("Close-Grip Bench Press", "equipment"),
    "Incline Bench Press (Dumbbell)": ("Incline Dumbbell Press", "equipment"),
    "Flat Dumbbell Bench Press": ("Dumbbell Bench Press", "equipment"),
    "Squat (Barbell)": ("Back Squat", "equipment"),
    "Barbell Squat": ("Back Squat", "equipment"),
    "Squat (Smith Machine)": ("Smith Machine Squat", "equipment"),
    "Deadlift (Barbell)": ("Deadlift", "equipment"),
    "Deadlift (Trap bar)": ("Trap Bar Deadlift", "equipment"),
    "Romanian Deadlift (Barbell)": ("Romanian Deadlift", "equipment"),
    "Romanian Deadlift (Dumbbell)": ("Dumbbell Romanian Deadlift", "equipment"),
    "Overhead Press (Barbell)": ("Overhead Press", "equipment"),
    "Shoulder Press (Dumbbell)": ("Dumbbell Shoulder Press", "equipment"),
    "Overhead Press (Each Side, Dumbbells)": ("Dumbbell Shoulder Press", "equipment"),
    "Shoulder Press (Machine)": ("Machine Shoulder Press", "equipment"),
    "Bent Over Row (Barbell)": ("Barbell Row", "equipment"),
    "Bent Over Row (Dumbbell)": ("Dumbbell Row", "equipment"),
    "Seated Row (Cable)": ("Seated Cable Row", "equipment"),
    "Seated Cable Row - V Grip (Cable)": ("Seated Cable Row", "equipment"),
    "Iso-Lateral Row (Machine)": ("Machine Row", "equipment"),
    "Row (Cable)": ("Seated Cable Row", "equipment"),
    "Seated Row (Machine)": ("Machine Row", "equipment"),
    "Hamstring Curl (Lying)": ("Lying Leg Curl", "similar"),
    "Barbell Rows": ("Barbell Row", "equipment"),
    "Lat Pulldown (Cable)": ("Lat Pulldown", "equipment"),
    "Pull Up": ("Pull-Up", "similar"),
    "Chin Up": ("Chin-Up", "similar"),
    "Bicep Curl (Dumbbell)": ("Dumbbell Curl", "equipment"),
    "Bicep Curl (Barbell)": ("Barbell Curl", "equipment"),
    "EZ Bar Biceps Curl": ("EZ-Bar Curl", "equipment"),
    "Hammer Curl (Dumbbell)": ("Hammer Curl", "equipment"),
    "Triceps Pushdown (Cable - Straight Bar)": ("Triceps Pushdown", "equipment"),
    "Triceps Extension (Cable)": ("Cable Overhead Triceps Extension", "equipment"),
    "Skullcrusher (Barbell)": ("Skull Crusher", "equipment"),
    "EZ-Bar Skullcrusher": ("Skull Crusher", "equipment"),
    "Strict Military Press (Barbell)": ("Overhead Press", "equipment"),
    "Incline Barbell Bench Press": ("Incline Bench Press", "equipment"),
    "Lateral Dumbbell Raise": ("Lateral Raise", "equipment"),
    "Leg Extension Machine": ("Leg Extension", "equipment"),
    "One Arm Dumbbell Row": ("Dumbbell Row", "equipment"),
    "Chest Fly (Dumbbell)": ("Dumbbell Fly", "equipment"),
    "Chest Fly (Machine)": ("Pec Deck", "equipment"),
    "Butterfly (Pec Deck)": ("Pec Deck", "equipment"),
    "Cable Fly Crossovers": ("Cable Crossover", "equipment"),
    "Lateral Raise (Dumbbell)": ("Lateral Raise", "equipment"),
    "Lateral Raise (Cable)": ("Cable Lateral Raise", "equipment"),
    "Reverse Fly (Machine)": ("Reverse Pec Deck", "equipment"),
    "Shrug (Dumbbell)": ("Dumbbell Shrug", "equipment"),
    "Leg Extension (Machine)": ("Leg Extension", "equipment"),
    "Lying Leg Curl (Machine)": ("Lying Leg Curl", "equipment"),
    "Hip Thrust (Barbell)": ("Hip Thrust", "equipment"),
    "Hip Abductor (Machine)": ("Hip Abduction", "equipment"),
    "Lunge (Dumbbell)": ("Dumbbell Lunge", "equipment"),
    "Back Extension (Hyperextension)": ("Back Extension", "similar"),
    "Farmers Walk": ("Farmer's Walk", "similar"),
    "Plank": ("Plank", "exact"),
    "running": ("Running", "exact"),
    "Running (Treadmill)": ("Running", "similar"),
    "Cycling": ("Cycling", "exact"),
    "Rowing (Machine)": ("Rowing Machine", "equipment"),
    "Stair Stepper": ("Stair Climber", "similar"),
    "Deadlifts": ("Deadlift", "similar"),
    "Benchpress": ("Bench Press", "similar"),
    # Equipment the library has no such exercise for: a new exercise, never the barbell one.
    "Deadlift (Dumbbell)": None,
    "Decline Bench Press (Dumbbell)": None,
    "Bicep Curl (Machine)": None,
    "Crunch (Machine)": None,
    "Kettlebell Goblet Squat": None,
    # A different movement, however close the spelling.
    "Pull Up (Assisted)": None,
    "Decline Bench Press (Smith Machine)": None,
    "Triceps Rope Pushdown": None,
}


@pytest.fixture(scope="module")
def library() -> ExerciseMatcher:
    rows = [(uuid.uuid4(), name, False, equipment) for name, *_, equipment in SYSTEM_EXERCISES]
    return ExerciseMatcher(rows)


@pytest.mark.parametrize("file_name", REAL_WORLD_NAMES)
def test_real_world_names_find_the_exercise_with_their_equipment(library, file_name):
    match = library.find(file_name)
    assert (match and (match.name, match.how)) == (REAL_WORLD_NAMES[file_name] or None)


def test_every_library_exercise_is_found_by_its_own_name_and_read_alike_by_nobody_else(library):
    keys = {}
    for name, *_, equipment in SYSTEM_EXERCISES:
        assert library.find(name.upper()).name == name
        key = read_name(name)
        keys.setdefault((key.movement, equipment), []).append(name)
    assert [names for names in keys.values() if len(names) > 1] == []


def test_names_are_read_as_movement_and_equipment():
    assert read_name("Bench Press (Dumbbell)") == NameKey("bench press", "dumbbell", False)
    assert read_name("Dumbbell Bench Press") == NameKey("bench press", "dumbbell", False)
    assert read_name("Pull-Up") == read_name("pull ups") == NameKey("pull up", "", True)
    assert read_name("Butterfly (Pec Deck)") == NameKey("fly", "machine", True)
    assert read_name("Pull Up (Assisted)").movement == "pull up assisted"
    assert read_name("(Barbell)") == NameKey("", "barbell", False)


def test_without_equipment_the_plain_named_exercise_wins_and_ties_stay_unmatched():
    ids = [uuid.uuid4() for _ in range(4)]
    matcher = ExerciseMatcher(
        [
            (ids[0], "Crunch", False, "bodyweight"),
            (ids[1], "Cable Crunch", False, "cable"),
            (ids[2], "Dumbbell Curl", False, "dumbbell"),
            (ids[3], "Barbell Curl", False, "barbell"),
        ]
    )
    assert matcher.find("Crunches").exercise_id == ids[0]
    assert matcher.find("Biceps Curl") is None  # dumbbell or barbell: the file does not say


def test_the_members_own_exercise_wins_over_the_library(library):
    mine = uuid.uuid4()
    matcher = ExerciseMatcher(
        [(uuid.uuid4(), "Dumbbell Bench Press", False, "dumbbell"), (mine, "DB Bench", True)]
    )
    assert matcher.find("Bench Press (Dumbbell)").exercise_id == mine


def test_an_exercise_created_during_the_file_is_reused_by_later_spellings():
    matcher = ExerciseMatcher([])
    assert matcher.find("Something Else (Barbell)") is None  # fuzzy candidates now cached
    created = matcher.add(uuid.uuid4(), "Zercher Squat (Barbell)")
    assert matcher.find("Barbell Zercher Squat").exercise_id == created.exercise_id
    assert matcher.find("Zerchr Squat (Barbell)").exercise_id == created.exercise_id
    assert matcher.find("Zercher Squat (Dumbbell)") is None


def test_load_matcher_reads_exercises_and_aliases_in_two_queries(
    owner, outsider, django_assert_num_queries
):
    ExerciseFactory(user=outsider, name="Zercher Squat")
    exercise_alias_remember(user=owner, name="Zercher", exercise=system_exercise("Front Squat"))
    with django_assert_num_queries(2):
        matcher = load_matcher(owner)
    match = matcher.find("ZERCHER")
    assert (match.name, match.how) == ("Front Squat", "alias")
    assert matcher.find("Zercher Squat") is None  # the outsider's exercise is not seen
    match = matcher.find("Bench Press (Dumbbell)")
    assert (match.name, match.how) == ("Dumbbell Bench Press", "equipment")


def test_alias_wins_over_an_exact_name(owner):
    romanian = system_exercise("Romanian Deadlift")
    exercise_alias_remember(user=owner, name="Deadlift", exercise=romanian)
    match = load_matcher(owner).find("deadlift")
    assert (match.name, match.how) == ("Romanian Deadlift", "alias")


def test_an_import_maps_a_remembered_name_to_its_exercise(owner):
    curl = system_exercise("Dumbbell Curl")
    exercise_alias_remember(user=owner, name="Hammer Curl (DB)", exercise=curl)
    text = "date,session_name,exercise_name,set_number,weight,weight_unit,reps\n"
    text += "2026-01-05,Arms,Hammer Curl (DB),1,12,kg,10\n"
    summary = import_file(user=owner, fileobj=io.BytesIO(text.encode()))
    assert summary["exercises_created"] == []
    assert summary["exercises_matched"] == [
        {"file": "Hammer Curl (DB)", "exercise": "Dumbbell Curl", "how": "alias"}
    ]
    row = WorkoutSessionExercise.objects.get(session__user=owner)
    assert (row.exercise_id, row.exercise_name) == (curl.pk, "Hammer Curl (DB)")
