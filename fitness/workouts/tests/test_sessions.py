from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fitness.workouts import services
from fitness.workouts.models import WorkoutSession, WorkoutSessionExercise, WorkoutSet
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
    system_exercise,
)

HTMX = {"HX-Request": "true"}


def _page(session) -> str:
    return reverse("workouts:session_detail", args=[session.id])


@pytest.fixture
def live(owner):
    """An in-progress session of the owner with Bench Press (3 planned sets) and Pull-Up."""
    template = WorkoutTemplateFactory(user=owner, name="Upper")
    WorkoutTemplateExerciseFactory(template=template, target_sets=3, target_weight=Decimal("60"))
    WorkoutTemplateExerciseFactory(
        template=template, exercise=system_exercise("Pull-Up"), target_sets=2, target_weight=None
    )
    return services.session_start(user=owner, template=template)


def _sets(session_exercise) -> list[tuple]:
    return list(
        session_exercise.sets.order_by("set_number").values_list(
            "set_number", "weight", "reps", "is_planned"
        )
    )


def test_start_from_template_prefills_exercises_and_planned_target_sets(owner, live):
    bench, pull = live.session_exercises.order_by("order_index")
    assert (live.name, live.status, bench.exercise_name) == ("Upper", "in_progress", "Bench Press")
    assert _sets(bench) == [(n, Decimal("60"), 5, True) for n in (1, 2, 3)]
    assert pull.sets.count() == 2


def test_start_an_empty_workout(owner_client, owner):
    owner_client.post(reverse("workouts:session_new"), {"name": "Evening"})
    session = WorkoutSession.objects.get(user=owner)
    assert (session.name, session.session_exercises.count()) == ("Evening", 0)
    assert "No exercises yet" in owner_client.get(_page(session)).text


def test_start_with_someone_elses_template_is_refused(owner_client, owner, outsider):
    theirs = WorkoutTemplateFactory(user=outsider)
    owner_client.post(reverse("workouts:session_new"), {"template": theirs.id})
    assert not WorkoutSession.objects.filter(user=owner).exists()


def test_session_page_shows_last_time_in_my_unit(owner_client, owner, live):
    owner.preferred_unit = "lb"
    owner.save()
    before = WorkoutSessionFactory(user=owner, started_at=timezone.now() - timedelta(days=2))
    logged = WorkoutSessionExerciseFactory(session=before)
    WorkoutSetFactory(session_exercise=logged, set_number=1, weight=Decimal("40"), reps=10)
    WorkoutSetFactory(session_exercise=logged, set_number=2, weight=Decimal("80"), reps=5)
    older = WorkoutSessionFactory(user=owner, started_at=timezone.now() - timedelta(days=9))
    WorkoutSetFactory(
        session_exercise=WorkoutSessionExerciseFactory(session=older), weight=Decimal("100")
    )
    text = owner_client.get(_page(live)).text
    assert "last: 176 lb × 5" in text
    assert "first time" in text  # Pull-Up was never done


def test_logging_a_planned_set_with_htmx_returns_only_the_row(owner_client, owner, live):
    bench = live.session_exercises.get(order_index=0)
    first = bench.sets.get(set_number=1)
    response = owner_client.post(
        reverse("workouts:set_update", args=[live.id, first.id]),
        {"weight": "62.5", "reps": "5", "rpe": "8.5", "notes": "easy"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.text.strip().startswith(f'<form id="set-{first.id}"')
    assert "is-done" in response.text
    first.refresh_from_db()
    assert (first.weight, first.weight_unit, first.reps, first.rpe, first.notes) == (
        Decimal("62.5"),
        "kg",
        5,
        Decimal("8.5"),
        "easy",
    )
    assert not first.is_planned


@pytest.mark.parametrize(("typed", "stored"), [("8", Decimal("8")), ("7.50", Decimal("7.5"))])
def test_rpe_is_a_number_input_in_half_steps(owner_client, live, typed, stored):
    first = live.session_exercises.get(order_index=0).sets.get(set_number=1)
    page = owner_client.get(_page(live)).text
    assert f'id="rpe-{first.id}" class="rpe" type="number" name="rpe" value=""' in page
    assert page.count('<option value="9.5">') == 1  # one <datalist> for the whole page
    response = owner_client.post(
        reverse("workouts:set_update", args=[live.id, first.id]),
        {"weight": "60", "reps": "5", "rpe": typed},
        headers=HTMX,
    )
    first.refresh_from_db()
    assert first.rpe == stored
    assert f'value="{stored:g}"' in response.text


def test_logging_without_javascript_redirects_to_the_exercise(owner_client, live):
    bench = live.session_exercises.get(order_index=0)
    first = bench.sets.get(set_number=1)
    response = owner_client.post(
        reverse("workouts:set_update", args=[live.id, first.id]),
        {"weight": "60", "reps": "5", "is_warmup": "1"},
    )
    assert response["Location"] == f"{_page(live)}#se-{bench.id}"
    first.refresh_from_db()
    assert first.is_warmup and not first.is_planned


def test_weight_is_typed_in_my_unit_and_stored_with_it(owner_client, owner, live):
    owner.preferred_unit = "lb"
    owner.save()
    first = live.session_exercises.get(order_index=0).sets.get(set_number=1)
    page = owner_client.get(_page(live)).text
    assert 'value="132"' in page  # 60 kg shown in lb, to the pound (132.28)
    owner_client.post(
        reverse("workouts:set_update", args=[live.id, first.id]), {"weight": "132", "reps": "5"}
    )
    first.refresh_from_db()
    assert (first.weight, first.weight_unit) == (Decimal("60"), "kg")  # unchanged: kept
    owner_client.post(
        reverse("workouts:set_update", args=[live.id, first.id]), {"weight": "135", "reps": "5"}
    )
    first.refresh_from_db()
    assert (first.weight, first.weight_unit) == (Decimal("135"), "lb")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"weight": "-1", "reps": "5"}, "Weight cannot be negative"),
        ({"weight": "abc", "reps": "5"}, "Weight must be a number"),
        ({"weight": "60", "reps": "-2"}, "Reps must be at least 0"),
        ({"weight": "60", "reps": "2.5"}, "Reps must be a whole number"),
        ({"weight": "60", "reps": "5", "rpe": "11"}, "RPE goes from 1 to 10"),
        ({"weight": "60", "reps": "5", "rpe": "7.3"}, "RPE goes from 1 to 10"),
        ({"weight": "10000", "reps": "5"}, "Weight must be at most 9999.99"),
        ({"weight": "", "reps": ""}, "Enter the weight and reps"),
    ],
)
def test_bad_set_values_show_a_message_and_write_nothing(owner_client, live, data, message):
    first = live.session_exercises.get(order_index=0).sets.get(set_number=1)
    url = reverse("workouts:set_update", args=[live.id, first.id])
    for headers in ({}, HTMX):
        response = owner_client.post(url, data, headers=headers)
        assert response.status_code == 200 and message in response.text
        assert f'value="{data["weight"]}"' in response.text  # what was typed is not lost
    first.refresh_from_db()
    assert (first.weight, first.reps, first.rpe, first.is_planned) == (
        Decimal("60"),
        5,
        None,
        True,
    )


def test_timed_and_cardio_sets(owner_client, owner):
    session = services.session_start(user=owner)
    plank = services.session_exercise_add(session=session, exercise=system_exercise("Plank"))
    run = services.session_exercise_add(session=session, exercise=system_exercise("Running"))
    plank_set, run_set = plank.sets.get(), run.sets.get()
    owner_client.post(
        reverse("workouts:set_update", args=[session.id, plank_set.id]), {"duration": "90"}
    )
    owner_client.post(
        reverse("workouts:set_update", args=[session.id, run_set.id]),
        {"distance_km": "5.2", "duration": "27.5"},
    )
    plank_set.refresh_from_db()
    run_set.refresh_from_db()
    assert plank_set.duration_s == 90 and plank_set.weight is None
    assert (run_set.distance_m, run_set.duration_s) == (Decimal("5200"), 1650)
    response = owner_client.post(
        reverse("workouts:set_update", args=[session.id, plank_set.id]), {"duration": ""}
    )
    assert "Enter how many seconds" in response.text


def test_add_set_is_prefilled_from_the_previous_one(owner_client, live):
    bench = live.session_exercises.get(order_index=0)
    last = bench.sets.get(set_number=3)
    last.weight, last.reps = Decimal("70"), 3
    last.save()
    response = owner_client.post(
        reverse("workouts:set_add", args=[live.id, bench.id]), headers=HTMX
    )
    assert response.text.strip().startswith(
        f'<section class="card exercise-block" id="se-{bench.id}"'
    )
    assert _sets(bench)[-1] == (4, Decimal("70"), 3, True)


def test_add_set_to_a_new_exercise_is_prefilled_from_last_time(owner_client, owner):
    before = WorkoutSessionFactory(user=owner, started_at=timezone.now() - timedelta(days=2))
    logged = WorkoutSessionExerciseFactory(session=before, exercise=system_exercise("Deadlift"))
    WorkoutSetFactory(session_exercise=logged, set_number=1, weight=Decimal("60"), is_warmup=True)
    WorkoutSetFactory(session_exercise=logged, set_number=2, weight=Decimal("140"), reps=3)
    session = services.session_start(user=owner)
    owner_client.post(
        reverse("workouts:session_exercise_add", args=[session.id]),
        {"exercise": system_exercise("Deadlift").id},
    )
    added = session.session_exercises.get()
    assert _sets(added) == [(1, Decimal("140"), 3, True)]


def test_set_numbers_stay_consecutive_after_deletes_and_reorders(owner_client, live):
    bench, pull = live.session_exercises.order_by("order_index")
    for _ in range(2):
        services.set_add(session_exercise=bench)
    assert [n for n, *_ in _sets(bench)] == [1, 2, 3, 4, 5]
    second = bench.sets.get(set_number=2)
    response = owner_client.post(
        reverse("workouts:set_delete", args=[live.id, second.id]), headers=HTMX
    )
    assert response.status_code == 200
    assert [n for n, *_ in _sets(bench)] == [1, 2, 3, 4]
    owner_client.post(
        reverse("workouts:set_delete", args=[live.id, bench.sets.get(set_number=1).id])
    )
    assert [n for n, *_ in _sets(bench)] == [1, 2, 3]
    owner_client.post(
        reverse("workouts:session_exercise_move", args=[live.id, pull.id]), {"direction": "up"}
    )
    order = list(
        live.session_exercises.order_by("order_index").values_list("exercise_name", flat=True)
    )
    assert order == ["Pull-Up", "Bench Press"]
    assert [n for n, *_ in _sets(bench)] == [1, 2, 3]
    assert [n for n, *_ in _sets(pull)] == [1, 2]


def test_add_and_remove_exercises(owner_client, owner, live):
    response = owner_client.post(
        reverse("workouts:session_exercise_add", args=[live.id]),
        {"exercise": system_exercise("Dumbbell Curl").id},
        headers=HTMX,
    )
    assert 'id="session-exercises"' in response.text and "Dumbbell Curl" in response.text
    curl = live.session_exercises.get(exercise_name="Dumbbell Curl")
    assert curl.order_index == 2
    bench = live.session_exercises.get(order_index=0)
    owner_client.post(reverse("workouts:session_exercise_delete", args=[live.id, bench.id]))
    assert list(
        live.session_exercises.values_list("order_index", flat=True).order_by("order_index")
    ) == [0, 1]
    assert not WorkoutSet.objects.filter(session_exercise_id=bench.id).exists()
    response = owner_client.post(
        reverse("workouts:session_exercise_add", args=[live.id]), {"exercise": ""}, headers=HTMX
    )
    assert "Choose an exercise to add" in response.text
    archived = ExerciseFactory(user=owner, is_archived=True)
    owner_client.post(
        reverse("workouts:session_exercise_add", args=[live.id]), {"exercise": archived.id}
    )
    assert live.session_exercises.count() == 2


def test_finish_drops_planned_sets_and_completes(owner_client, live):
    bench = live.session_exercises.get(order_index=0)
    services.set_update(
        workout_set=bench.sets.get(set_number=2), weight=Decimal("60"), weight_unit="kg", reps=5
    )
    response = owner_client.post(reverse("workouts:session_finish", args=[live.id]))
    assert response["Location"] == _page(live)
    live.refresh_from_db()
    assert live.status == "completed" and live.completed_at >= live.started_at
    assert _sets(bench) == [(1, Decimal("60"), 5, False)]  # renumbered
    assert list(live.session_exercises.values_list("exercise_name", flat=True)) == ["Bench Press"]
    page = owner_client.get(_page(live)).text
    assert "Completed" in page and "Workout finished in" in page and "300 kg" in page


def test_finish_without_any_logged_set_is_refused(owner_client, live):
    owner_client.post(reverse("workouts:session_finish", args=[live.id]))
    live.refresh_from_db()
    assert live.status == "in_progress"
    assert "Log at least one set" in owner_client.get(_page(live)).text


def test_discard_asks_then_deletes_everything(owner_client, live):
    url = reverse("workouts:session_discard", args=[live.id])
    assert "Discard “Upper”?" in owner_client.get(url).text
    assert WorkoutSession.objects.filter(pk=live.pk).exists()
    response = owner_client.post(url)
    assert response.status_code == 302
    assert not WorkoutSession.objects.filter(pk=live.pk).exists()
    assert not WorkoutSessionExercise.objects.exists() and not WorkoutSet.objects.exists()


def test_edit_session_name_and_notes(owner_client, live):
    owner_client.post(
        reverse("workouts:session_edit", args=[live.id]),
        {"name": "Upper A", "notes": "Gym was busy"},
    )
    live.refresh_from_db()
    assert (live.name, live.notes) == ("Upper A", "Gym was busy")
    response = owner_client.post(
        reverse("workouts:session_edit", args=[live.id]), {"name": "", "notes": "x"}
    )
    assert "This field is required" in response.text
    live.refresh_from_db()
    assert live.notes == "Gym was busy"


def test_session_page_runs_a_fixed_number_of_queries(
    owner_client, owner, django_assert_max_num_queries
):
    exercises = [system_exercise(n) for n in ["Bench Press", "Pull-Up", "Back Squat", "Plank"]]
    for days in (3, 6):
        past = WorkoutSessionFactory(user=owner, started_at=timezone.now() - timedelta(days=days))
        for index, exercise in enumerate(exercises):
            logged = WorkoutSessionExerciseFactory(
                session=past, exercise=exercise, order_index=index
            )
            WorkoutSet.objects.bulk_create(
                WorkoutSet(session_exercise=logged, set_number=n, weight=80, reps=5)
                for n in range(1, 6)
            )
    session = services.session_start(user=owner)
    for index in range(20):
        se = WorkoutSessionExercise.objects.create(
            session=session, exercise=exercises[index % 4], exercise_name="X", order_index=index
        )
        WorkoutSet.objects.bulk_create(
            WorkoutSet(session_exercise=se, set_number=n, weight=80, reps=5) for n in range(1, 9)
        )
    with django_assert_max_num_queries(9):
        response = owner_client.get(_page(session))
    assert response.text.count('class="set-row') == 160
    assert response.text.count("last: 80 kg × 5") == 15  # the 5 Plank blocks show seconds


def test_a_finished_session_links_to_its_page_in_history(owner, owner_client):
    from fitness.workouts.tests.factories import WorkoutSessionFactory

    session = WorkoutSessionFactory(user=owner)
    text = owner_client.get(f"/sessions/{session.id}/").text
    assert f'href="/history/{session.id}/">See it in History' in text
    assert 'href="/history/">All workouts' in text
