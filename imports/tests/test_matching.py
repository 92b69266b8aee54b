from fitness.workouts.services import exercise_alias_remember
from fitness.workouts.tests.factories import ExerciseFactory, system_exercise
from imports.matching import load_matcher


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


def test_alias_wins_over_an_exact_name(owner):
    exercise_alias_remember(
        user=owner, name="Deadlift", exercise=system_exercise("Romanian Deadlift")
    )
    match = load_matcher(owner).find("deadlift")
    assert (match.name, match.how) == ("Romanian Deadlift", "alias")


def test_an_import_maps_a_remembered_name_to_its_exercise(owner):
    import io

    from fitness.workouts.models import WorkoutSessionExercise
    from imports.services import import_file

    curl = system_exercise("Dumbbell Curl")
    exercise_alias_remember(user=owner, name="Hammer Curl (DB)", exercise=curl)
    text = "date,session_name,exercise_name,set_number,weight,weight_unit,reps\n"
    text += "2026-01-05,Arms,Hammer Curl (DB),1,12,kg,10\n"
    summary = import_file(user=owner, fileobj=io.BytesIO(text.encode()))
    assert summary.exercises_created == []
    assert [vars(item) for item in summary.exercises_matched] == [
        {"file": "Hammer Curl (DB)", "exercise": "Dumbbell Curl", "how": "alias"}
    ]
    row = WorkoutSessionExercise.objects.get(session__user=owner)
    assert (row.exercise_id, row.exercise_name) == (curl.pk, "Hammer Curl (DB)")
