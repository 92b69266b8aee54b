import pytest
from django.urls import reverse

from fitness.workouts.models import Exercise
from fitness.workouts.system_exercises import SYSTEM_EXERCISES
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
)

LIST = reverse("workouts:exercise_list")
CREATE = reverse("workouts:exercise_create")


def test_library_lists_system_and_my_exercises_but_not_others(owner_client, owner, outsider):
    ExerciseFactory(user=owner, name="Cable Fly")
    ExerciseFactory(user=outsider, name="Secret Lift")
    response = owner_client.get(LIST)
    assert "Back Squat" in response.text and "Cable Fly" in response.text
    assert "Secret Lift" not in response.text
    assert f"{len(SYSTEM_EXERCISES) + 1} exercises" in response.text


def test_search_and_filters(owner_client, owner):
    ExerciseFactory(user=owner, name="Cable Fly", category="chest", type="strength")
    response = owner_client.get(LIST, {"q": "squat"})
    assert "Back Squat" in response.text and "Front Squat" in response.text
    assert "Bench Press" not in response.text
    response = owner_client.get(LIST, {"category": "chest"})
    assert "Cable Fly" in response.text and "Bench Press" in response.text
    assert "Deadlift" not in response.text
    response = owner_client.get(LIST, {"type": "timed"})
    assert "Plank" in response.text and "Bench Press" not in response.text
    response = owner_client.get(LIST, {"show": "mine"})
    assert "Cable Fly" in response.text and "Bench Press" not in response.text


def test_create_a_custom_exercise(owner_client, owner):
    response = owner_client.post(
        CREATE, {"name": " Cable Fly ", "category": "chest", "type": "strength"}
    )
    assert response.status_code == 302
    exercise = Exercise.objects.get(user=owner)
    assert (exercise.name, exercise.slug, exercise.category) == ("Cable Fly", "cable-fly", "chest")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cable fly", "You already have an exercise called"),
        ("BENCH PRESS", "is a built-in exercise"),
    ],
)
def test_duplicate_names_are_refused_case_insensitively(owner_client, owner, name, message):
    ExerciseFactory(user=owner, name="Cable Fly")
    response = owner_client.post(CREATE, {"name": name, "category": "chest", "type": "strength"})
    assert response.status_code == 200
    assert message in response.text
    assert Exercise.objects.filter(user=owner).count() == 1


def test_the_same_name_as_another_members_exercise_is_fine(owner_client, owner, outsider):
    ExerciseFactory(user=outsider, name="Cable Fly")
    owner_client.post(CREATE, {"name": "Cable Fly", "category": "chest", "type": "strength"})
    assert Exercise.objects.filter(user=owner, name="Cable Fly").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "category": "chest", "type": "strength"}, "This field is required"),
        ({"name": "   ", "category": "chest", "type": "strength"}, "This field is required"),
        ({"name": "X" * 101, "category": "chest", "type": "strength"}, "at most 100 characters"),
        ({"name": "Fly", "category": "toes", "type": "strength"}, "Select a valid choice"),
        ({"name": "Fly", "category": "chest", "type": "yoga"}, "Select a valid choice"),
    ],
)
def test_bad_exercise_values_show_a_message_and_write_nothing(owner_client, owner, data, message):
    response = owner_client.post(CREATE, data)
    assert response.status_code == 200
    assert message in response.text
    assert not Exercise.objects.filter(user=owner).exists()


def test_rename_keeps_logged_history_names(owner_client, owner):
    exercise = ExerciseFactory(user=owner, name="Cable Fly")
    logged = WorkoutSessionExerciseFactory(
        session=WorkoutSessionFactory(user=owner), exercise=exercise, exercise_name="Cable Fly"
    )
    url = reverse("workouts:exercise_edit", args=[exercise.id])
    assert "Cable Fly" in owner_client.get(url).text
    response = owner_client.post(url, {"name": "Pec Fly", "category": "chest", "type": "strength"})
    assert response.status_code == 302
    exercise.refresh_from_db()
    logged.refresh_from_db()
    assert exercise.name == "Pec Fly" and logged.exercise_name == "Cable Fly"


def test_rename_to_its_own_name_in_another_case_is_allowed(owner_client, owner):
    exercise = ExerciseFactory(user=owner, name="Cable Fly")
    url = reverse("workouts:exercise_edit", args=[exercise.id])
    owner_client.post(url, {"name": "cable fly", "category": "chest", "type": "strength"})
    exercise.refresh_from_db()
    assert exercise.name == "cable fly"


def test_rename_to_a_taken_name_is_refused(owner_client, owner):
    ExerciseFactory(user=owner, name="Cable Fly")
    other = ExerciseFactory(user=owner, name="Pec Deck")
    url = reverse("workouts:exercise_edit", args=[other.id])
    response = owner_client.post(
        url, {"name": "CABLE FLY", "category": "chest", "type": "strength"}
    )
    assert "You already have an exercise called" in response.text
    other.refresh_from_db()
    assert other.name == "Pec Deck"


def test_archiving_hides_from_pickers_and_keeps_templates_and_history_readable(owner_client, owner):
    exercise = ExerciseFactory(user=owner, name="Cable Fly")
    template = WorkoutTemplateFactory(user=owner)
    WorkoutTemplateExerciseFactory(template=template, exercise=exercise)
    session = WorkoutSessionFactory(user=owner)
    logged = WorkoutSessionExerciseFactory(session=session, exercise=exercise)
    WorkoutSetFactory(session_exercise=logged, set_number=1)

    owner_client.post(reverse("workouts:exercise_archive", args=[exercise.id]))

    exercise.refresh_from_db()
    assert exercise.is_archived
    assert "<strong>Cable Fly</strong>" not in owner_client.get(LIST).text
    assert "<strong>Cable Fly</strong>" in owner_client.get(LIST, {"show": "archived"}).text
    editor = owner_client.get(reverse("workouts:template_detail", args=[template.id])).text
    assert "Cable Fly" in editor  # still in the template…
    assert "(mine)</option>" not in editor  # …but no longer offered in the picker
    page = owner_client.get(reverse("workouts:session_detail", args=[session.id]))
    assert page.status_code == 200 and "Cable Fly" in page.text

    owner_client.post(reverse("workouts:exercise_unarchive", args=[exercise.id]))
    exercise.refresh_from_db()
    assert not exercise.is_archived


def test_library_shows_and_filters_equipment_and_lists_my_aliases(
    owner_client, owner, outsider, django_assert_max_num_queries
):
    from fitness.workouts.services import exercise_alias_remember

    bench = Exercise.objects.get(user=None, name="Dumbbell Bench Press")
    exercise_alias_remember(user=owner, name="DB Bench (Flat)", exercise=bench)
    exercise_alias_remember(user=outsider, name="Secret Alias", exercise=bench)
    ExerciseFactory(user=owner, name="Band Pull-Apart", equipment="band")
    with django_assert_max_num_queries(5):
        response = owner_client.get(LIST, {"equipment": "dumbbell"})
    text = response.text
    assert "Dumbbell Bench Press" in text and "Imports also map: “DB Bench (Flat)”" in text
    assert "Secret Alias" not in text
    assert "Back Squat" not in text and "Band Pull-Apart" not in text
    assert '<span class="badge">Dumbbell</span>' in text
    response = owner_client.get(LIST, {"equipment": "band"})
    assert "Band Pull-Apart" in response.text and "Merge…</a>" in response.text
    assert owner_client.get(LIST, {"equipment": "anvil"}).status_code == 200


def test_create_and_edit_an_exercise_with_its_equipment(owner_client, owner):
    data = {"name": "Landmine Press", "category": "shoulders", "type": "strength"}
    owner_client.post(CREATE, {**data, "equipment": "barbell"})
    exercise = Exercise.objects.get(user=owner, name="Landmine Press")
    assert exercise.equipment == "barbell"
    edit = reverse("workouts:exercise_edit", args=[exercise.id])
    assert 'value="barbell" selected' in owner_client.get(edit).text
    owner_client.post(edit, {**data, "equipment": ""})
    exercise.refresh_from_db()
    assert exercise.equipment == ""


def test_library_points_an_older_custom_exercise_to_its_built_in_twin(
    owner_client, owner, django_assert_max_num_queries
):
    older = ExerciseFactory(user=owner, name="Hip Thrust (Barbell)")
    ExerciseFactory(user=owner, name="Zercher Carry")
    with django_assert_max_num_queries(6):
        response = owner_client.get(LIST, {"show": "mine"})
    twin = Exercise.objects.get(user=None, name="Hip Thrust")
    assert "Same lift as the built-in “Hip Thrust”?" in response.text
    assert f"/exercises/{older.id}/merge/?into={twin.id}" in response.text
    assert response.text.count("Same lift as the built-in") == 1
