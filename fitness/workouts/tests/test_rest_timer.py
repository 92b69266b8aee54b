"""The rest timer's figures: the rest each exercise block starts from, and the adjusted rest
saved for that session exercise (static/js/rest-timer.js is tested in test_browser_floor)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fitness.workouts import selectors, services
from fitness.workouts.models import WorkoutSessionExercise, WorkoutSet
from fitness.workouts.tests.factories import (
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
    system_exercise,
)

pytestmark = pytest.mark.django_db


def _rest_url(se) -> str:
    return reverse("workouts:session_exercise_rest", args=[se.session_id, se.id])


def _rests_on_page(client, session) -> dict[str, int]:
    html = client.get(reverse("workouts:session_detail", args=[session.id])).text
    found = re.findall(r'data-session-exercise-id="([^"]+)" data-rest-seconds="(\d+)"', html)
    return {se_id: int(rest) for se_id, rest in found}


def _past(owner, exercise, rest, days):
    past = WorkoutSessionFactory(user=owner, started_at=timezone.now() - timedelta(days=days))
    return WorkoutSessionExerciseFactory(session=past, exercise=exercise, rest_seconds=rest)


def test_rest_comes_from_the_template_then_last_used_then_90_seconds(owner, owner_client):
    bench, squat, curl = (system_exercise(n) for n in ("Bench Press", "Back Squat", "Plank"))
    template = WorkoutTemplateFactory(user=owner)
    WorkoutTemplateExerciseFactory(template=template, exercise=bench, rest_seconds=150)
    WorkoutTemplateExerciseFactory(template=template, exercise=squat, rest_seconds=None)
    WorkoutTemplateExerciseFactory(template=template, exercise=curl, rest_seconds=None)
    _past(owner, bench, 60, days=2)  # the template's value wins over last time's
    _past(owner, squat, 200, days=9)
    _past(owner, squat, 240, days=3)  # the latest one with a rest set
    _past(owner, squat, None, days=1)  # no rest set: not "last used"
    session = services.session_start(user=owner, template=template)

    by_name = {se.exercise_name: se for se in session.session_exercises.all()}
    assert by_name["Bench Press"].rest_seconds == 150  # copied when the session started
    assert _rests_on_page(owner_client, session) == {
        str(by_name["Bench Press"].id): 150,
        str(by_name["Back Squat"].id): 240,
        str(by_name["Plank"].id): 90,
    }


def test_another_members_rest_is_not_my_last_used(owner, outsider):
    bench = system_exercise("Bench Press")
    _past(outsider, bench, 45, days=1)
    session = services.session_start(user=owner)
    services.session_exercise_add(session=session, exercise=bench)
    [block] = selectors.session_blocks(session=session, user=owner)
    assert block.rest_seconds == 90


def test_adjusting_the_timer_saves_the_rest_and_becomes_last_used(owner, owner_client):
    bench = system_exercise("Bench Press")
    session = services.session_start(user=owner)
    se = services.session_exercise_add(session=session, exercise=bench)

    response = owner_client.post(
        _rest_url(se), {"rest_seconds": "105"}, headers={"Accept": "application/json"}
    )

    assert response.json() == {"rest_seconds": 105}
    se.refresh_from_db()
    assert se.rest_seconds == 105
    later = services.session_start(user=owner)
    services.session_exercise_add(session=later, exercise=bench)
    assert [b.rest_seconds for b in selectors.session_blocks(session=later, user=owner)] == [105]


@pytest.mark.parametrize("value", ["", "-5", "abc", "3601"])
def test_a_bad_rest_is_refused_and_changes_nothing(owner, owner_client, value):
    session = services.session_start(user=owner)
    se = services.session_exercise_add(session=session, exercise=system_exercise("Bench Press"))
    response = owner_client.post(_rest_url(se), {"rest_seconds": value})
    assert response.status_code == 400
    assert "Rest" in response.json()["errors"][0]
    se.refresh_from_db()
    assert se.rest_seconds is None


def test_rest_of_another_members_session_is_404_and_get_is_405(owner, owner_client, outsider):
    theirs = services.session_start(user=outsider)
    their_se = services.session_exercise_add(session=theirs, exercise=system_exercise("Plank"))
    assert owner_client.post(_rest_url(their_se), {"rest_seconds": "60"}).status_code == 404
    their_se.refresh_from_db()
    assert their_se.rest_seconds is None
    mine = services.session_start(user=owner)
    my_se = services.session_exercise_add(session=mine, exercise=system_exercise("Plank"))
    assert owner_client.get(_rest_url(my_se)).status_code == 405


def test_without_javascript_the_rest_form_redirects_to_the_exercise(owner, owner_client):
    session = services.session_start(user=owner)
    se = services.session_exercise_add(session=session, exercise=system_exercise("Plank"))
    response = owner_client.post(_rest_url(se), {"rest_seconds": "30"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#se-{se.id}")


def test_session_page_query_count_does_not_grow_with_rests(
    owner, owner_client, django_assert_max_num_queries
):
    exercises = [system_exercise(n) for n in ["Bench Press", "Pull-Up", "Back Squat", "Plank"]]
    for days in range(1, 6):
        for exercise in exercises:
            _past(owner, exercise, 60 + days, days=days)
    session = services.session_start(user=owner)
    for index in range(12):
        se = WorkoutSessionExercise.objects.create(
            session=session, exercise=exercises[index % 4], exercise_name="X", order_index=index
        )
        WorkoutSet.objects.bulk_create(
            WorkoutSet(session_exercise=se, set_number=n, weight=80, reps=5) for n in range(1, 5)
        )
    with django_assert_max_num_queries(9):
        rests = _rests_on_page(owner_client, session)
    assert sorted(set(rests.values())) == [61]  # the latest session's rest, for every block
