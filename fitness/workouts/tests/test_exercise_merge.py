import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fitness.workouts.models import Exercise, ExerciseAlias, WorkoutSessionExercise
from fitness.workouts.services import exercise_alias_remember, exercise_merge
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
    system_exercise,
)


def _merge_url(exercise) -> str:
    return reverse("workouts:exercise_merge", args=[exercise.id])


def _logged(user, exercise, name: str, days_ago: int, weight: str = "100"):
    session = WorkoutSessionFactory(user=user, started_at=timezone.now() - timedelta(days=days_ago))
    row = WorkoutSessionExerciseFactory(session=session, exercise=exercise, exercise_name=name)
    WorkoutSetFactory(session_exercise=row, weight=weight, reps=5)
    return row


@pytest.fixture
def imported_bench(owner):
    """A custom exercise an import created, with history and a template row."""
    custom = ExerciseFactory(user=owner, name="Bench Press (Barbell) [import]")
    bench = system_exercise("Bench Press")
    old = _logged(owner, custom, custom.name, days_ago=30, weight="90")
    logged = _logged(owner, bench, "Bench Press", days_ago=2)
    renamed = _logged(owner, bench, "Flat Bench", days_ago=10)  # logged before a rename
    template = WorkoutTemplateFactory(user=owner)
    item = WorkoutTemplateExerciseFactory(template=template, exercise=custom)
    return custom, bench, [old, logged, renamed], item


def test_merge_moves_history_and_templates_then_keeps_the_name_as_an_alias(owner, imported_bench):
    custom, bench, rows, item = imported_bench
    exercise_alias_remember(user=owner, name="BP", exercise=custom)
    before = {row.session.pk: row.session.updated_at for row in rows}
    exercise_merge(user=owner, source=custom, target=bench)
    for row in rows:
        row.refresh_from_db()
        assert (row.exercise_id, row.exercise_name) == (bench.pk, "Bench Press")
        row.session.refresh_from_db()
    assert rows[0].session.updated_at > before[rows[0].session.pk]  # history caches renew
    assert rows[1].session.updated_at == before[rows[1].session.pk]  # nothing changed there
    item.refresh_from_db()
    assert item.exercise_id == bench.pk
    assert not Exercise.objects.filter(pk=custom.pk).exists()
    assert dict(ExerciseAlias.objects.filter(user=owner).values_list("name", "exercise_id")) == {
        "Bench Press (Barbell) [import]": bench.pk,
        "BP": bench.pk,
    }


def test_after_a_merge_progress_shows_one_line(owner, owner_client, imported_bench):
    custom, bench, _rows, _item = imported_bench
    progress = reverse("history:progress")
    assert "Bench Press (Barbell) [import]" in owner_client.get(progress).text
    exercise_merge(user=owner, source=custom, target=bench)
    text = owner_client.get(progress).text
    assert "Bench Press (Barbell) [import]" not in text and "Flat Bench" not in text
    assert (
        WorkoutSessionExercise.objects.filter(session__user=owner)
        .values("exercise_name")
        .distinct()
        .count()
        == 1
    )
    page = owner_client.get(reverse("history:exercise_progress", args=["Bench Press"]))
    assert page.status_code == 200 and "3 workouts" in page.text.replace("\n", " ")


def test_a_later_import_maps_the_merged_name_to_the_target(owner, imported_bench):
    from imports.services import import_file

    custom, bench, _rows, _item = imported_bench
    exercise_merge(user=owner, source=custom, target=bench)
    text = "date,session_name,exercise_name,set_number,weight,weight_unit,reps\n"
    text += "2026-01-05,Push,bench press (barbell) [IMPORT],1,100,kg,5\n"
    summary = import_file(user=owner, fileobj=io.BytesIO(text.encode()))
    assert summary.exercises_created == []
    assert summary.exercises_matched[0].exercise == "Bench Press"
    assert summary.exercises_matched[0].how == "alias"


def test_merge_refuses_itself_system_sources_other_members_and_other_kinds(owner, outsider):
    mine = ExerciseFactory(user=owner, name="My Plank Hold", type=Exercise.Type.TIMED)
    theirs = ExerciseFactory(user=outsider, name="Their Lift")
    bench = system_exercise("Bench Press")
    cases = [
        (mine, mine, "cannot be merged into itself"),
        (bench, system_exercise("Deadlift"), "Only your own"),
        (theirs, bench, "Only your own"),
        (ExerciseFactory(user=owner), theirs, "built-in exercise or one of your own"),
        (mine, bench, "logged as timed"),
    ]
    for source, target, message in cases:
        with pytest.raises(ValidationError, match=message):
            exercise_merge(user=owner, source=source, target=target)
    assert Exercise.objects.filter(pk__in=[mine.pk, theirs.pk]).count() == 2
    assert not ExerciseAlias.objects.exists()


def test_merge_page_reviews_then_merges_by_post(owner_client, owner, imported_bench):
    custom, bench, rows, _item = imported_bench
    page = owner_client.get(_merge_url(custom))
    assert page.status_code == 200
    assert "Choose an exercise…" in page.text and f'value="{custom.id}"' not in page.text
    assert "3 workouts" not in page.text and "1 workout and 1 template exercise" in page.text
    review = owner_client.get(_merge_url(custom), {"into": bench.id})
    assert "Merge “Bench Press (Barbell) [import]” into “Bench Press”?" in review.text
    assert WorkoutSessionExercise.objects.filter(exercise=custom).exists()  # GET changed nothing
    done = owner_client.post(_merge_url(custom), {"into": bench.id}, follow=True)
    assert done.redirect_chain[-1][0] == "/exercises/?q=Bench+Press"
    assert "merged into “Bench Press”" in done.text
    assert "Imports also map: “Bench Press (Barbell) [import]”" in done.text
    rows[0].refresh_from_db()
    assert rows[0].exercise_id == bench.pk


def test_merge_page_refuses_itself_with_a_message(owner_client, owner):
    mine = ExerciseFactory(user=owner, name="Rows")
    response = owner_client.post(_merge_url(mine), {"into": mine.id})
    assert response.status_code == 200
    assert "cannot be merged into itself" in response.text
    assert Exercise.objects.filter(pk=mine.pk).exists()
    response = owner_client.post(_merge_url(mine), {"into": "not-a-uuid"})
    assert response.status_code == 200 and "Choose an exercise." in response.text


def test_merge_page_is_404_for_other_members_and_system_exercises(owner_client, owner, outsider):
    mine = ExerciseFactory(user=owner)
    theirs = ExerciseFactory(user=outsider)
    assert owner_client.get(_merge_url(theirs)).status_code == 404
    assert owner_client.post(_merge_url(theirs), {"into": mine.id}).status_code == 404
    assert owner_client.get(_merge_url(system_exercise("Plank"))).status_code == 404
    assert owner_client.post(_merge_url(mine), {"into": theirs.id}).status_code == 404
    assert owner_client.get(_merge_url(mine), {"into": theirs.id}).status_code == 404
    assert owner_client.put(_merge_url(mine)).status_code == 405
    assert Exercise.objects.filter(pk__in=[mine.pk, theirs.pk]).count() == 2


def test_merge_page_needs_sign_in(client, owner):
    mine = ExerciseFactory(user=owner)
    response = client.post(_merge_url(mine), {"into": system_exercise("Plank").id})
    assert response.status_code == 302 and "/login" in response["Location"]
    assert Exercise.objects.filter(pk=mine.pk).exists()


def test_merge_takes_a_fixed_number_of_queries(
    owner_client, owner, imported_bench, django_assert_max_num_queries
):
    custom, bench, _rows, _item = imported_bench
    for days in range(3, 9):  # more history must not mean more queries
        _logged(owner, custom, custom.name, days_ago=days)
    with django_assert_max_num_queries(9):
        owner_client.get(_merge_url(custom), {"into": bench.id})
    # 23 for the merge, 13–14 for the history summaries of the two names (a fixed number;
    # PostgreSQL adds its advisory lock).
    with django_assert_max_num_queries(37):
        owner_client.post(_merge_url(custom), {"into": bench.id})
    assert not WorkoutSessionExercise.objects.filter(exercise_id=custom.pk).exists()


def test_merge_page_suggests_the_library_twin_of_an_older_custom_exercise(owner_client, owner):
    older = ExerciseFactory(user=owner, name="Hip Thrust (Barbell)")  # before the library had it
    page = owner_client.get(_merge_url(older))
    hip_thrust = system_exercise("Hip Thrust")
    assert f'<option value="{hip_thrust.id}" selected>' in page.text
    assert "“Hip Thrust” (built-in) looks like the same lift" in page.text
    lonely = ExerciseFactory(user=owner, name="Zercher Carry")
    assert " selected>" not in owner_client.get(_merge_url(lonely)).text
