"""Set ids made by the browser: a retried add answers with the set it made, never a second one."""

import re
import threading
import uuid
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from fitness.workouts import services
from fitness.workouts.models import WorkoutSet
from fitness.workouts.tests.factories import (
    WorkoutSessionFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
)

HTMX = {"HX-Request": "true"}


def _markup(response) -> str:
    """The answer without its CSRF token (masked afresh in every response)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.text)


@pytest.fixture
def live(owner):
    template = WorkoutTemplateFactory(user=owner, name="Upper")
    WorkoutTemplateExerciseFactory(template=template, target_sets=2, target_weight=Decimal("60"))
    return services.session_start(user=owner, template=template)


def _add(client, session, session_exercise, set_id, **extra):
    return client.post(
        reverse("workouts:set_add", args=[session.id, session_exercise.id]),
        {"set_id": str(set_id), **extra},
        headers=HTMX,
    )


def test_add_set_with_a_browser_id_creates_the_set_with_that_id(owner_client, live):
    bench = live.session_exercises.get()
    set_id = uuid.uuid4()
    response = _add(owner_client, live, bench, set_id, fragment="row")
    assert response.status_code == 200
    created = WorkoutSet.objects.get(pk=set_id)
    assert (created.session_exercise_id, created.set_number, created.is_planned) == (
        bench.id,
        3,
        True,
    )
    # The browser asked for its row only: one form, with the id it made.
    assert response.text.count('class="set-row') == 1
    assert f'id="set-{set_id}"' in response.text and 'data-set-number="3"' in response.text


def test_adding_the_same_id_again_answers_with_the_same_set(owner_client, live):
    bench = live.session_exercises.get()
    set_id = uuid.uuid4()
    first = _add(owner_client, live, bench, set_id, fragment="row")
    again = _add(owner_client, live, bench, set_id, fragment="row")
    assert again.status_code == 200
    assert _markup(again) == _markup(first)
    assert bench.sets.count() == 3
    # A retry of the whole-block request gives the block, still with three sets.
    block = _add(owner_client, live, bench, set_id)
    assert block.text.count(f'id="set-{set_id}"') == 1 and bench.sets.count() == 3


def test_an_id_of_another_members_set_is_a_404(owner_client, live, outsider):
    theirs = services.session_start(user=outsider)
    squat = services.session_exercise_add(
        session=theirs, exercise=live.session_exercises.get().exercise
    )
    their_set = squat.sets.get()
    bench = live.session_exercises.get()
    response = _add(owner_client, live, bench, their_set.id)
    assert response.status_code == 404
    assert bench.sets.count() == 2
    their_set.refresh_from_db()
    assert their_set.session_exercise_id == squat.id


def test_an_id_used_in_my_other_session_is_a_404(owner_client, owner, live):
    other = WorkoutSessionFactory(user=owner)
    elsewhere = services.session_exercise_add(
        session=other, exercise=live.session_exercises.get().exercise
    ).sets.get()
    response = _add(owner_client, live, live.session_exercises.get(), elsewhere.id)
    assert response.status_code == 404
    assert WorkoutSet.objects.filter(pk=elsewhere.pk).count() == 1


@pytest.mark.parametrize("bad", ["not-a-uuid", "1234"])
def test_a_malformed_id_is_refused_without_writing(owner_client, live, bad):
    bench = live.session_exercises.get()
    response = owner_client.post(
        reverse("workouts:set_add", args=[live.id, bench.id]), {"set_id": bad}
    )
    assert response.status_code == 400
    assert bench.sets.count() == 2


def test_without_an_id_the_server_makes_one(owner_client, live):
    bench = live.session_exercises.get()
    response = owner_client.post(reverse("workouts:set_add", args=[live.id, bench.id]))
    assert response.status_code == 302
    assert bench.sets.count() == 3


def test_saving_the_same_set_twice_leaves_one_logged_set(owner_client, live):
    first = live.session_exercises.get().sets.get(set_number=1)
    url = reverse("workouts:set_update", args=[live.id, first.id])
    data = {"weight": "62.5", "reps": "5", "set_type": "failure"}
    one = owner_client.post(url, data, headers=HTMX)
    two = owner_client.post(url, data, headers=HTMX)
    assert _markup(one) == _markup(two)
    first.refresh_from_db()
    assert (first.weight, first.reps, first.set_type, first.is_warmup, first.is_planned) == (
        Decimal("62.5"),
        5,
        "failure",
        False,
        False,
    )
    assert WorkoutSet.objects.filter(session_exercise__session=live).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_adds_of_one_id_make_one_set(owner, password):
    owner.set_password(password)
    owner.save()
    template = WorkoutTemplateFactory(user=owner)
    WorkoutTemplateExerciseFactory(template=template, target_sets=1)
    session = services.session_start(user=owner, template=template)
    bench = session.session_exercises.get()
    set_id = uuid.uuid4()
    barrier = threading.Barrier(2)
    responses: list = []
    errors: list = []

    def add() -> None:
        try:
            client = Client()
            client.force_login(owner)
            barrier.wait(timeout=10)
            responses.append(_add(client, session, bench, set_id, fragment="row"))
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=add) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors
    assert [r.status_code for r in responses] == [200, 200]
    assert _markup(responses[0]) == _markup(responses[1])
    assert list(bench.sets.values_list("set_number", flat=True).order_by("set_number")) == [1, 2]
    assert WorkoutSet.objects.filter(pk=set_id).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_insert_racing_past_the_lock_is_caught(owner, monkeypatch):
    """If the same id lands between the check and the insert, the add answers with that set."""
    session = services.session_start(user=owner)
    template_exercise = WorkoutTemplateExerciseFactory(template=WorkoutTemplateFactory(user=owner))
    bench = services.session_exercise_add(session=session, exercise=template_exercise.exercise)
    set_id = uuid.uuid4()
    real_existing = services.sets._existing_set
    calls = []

    def existing_after_a_racer(found_id, session_id):
        calls.append(found_id)
        if len(calls) == 1:  # the racer commits its insert just after our check
            WorkoutSet.objects.create(id=set_id, session_exercise=bench, set_number=9)
            return None
        return real_existing(found_id, session_id)

    monkeypatch.setattr(services.sets, "_existing_set", existing_after_a_racer)
    answer = services.set_add(session_exercise=bench, set_id=set_id)
    assert answer.pk == set_id and answer.set_number == 9
    assert WorkoutSet.objects.filter(pk=set_id).count() == 1
