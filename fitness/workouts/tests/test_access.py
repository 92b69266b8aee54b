"""Another member's template, session, set or custom exercise id in any URL is a 404."""

import pytest
from django.urls import reverse

from fitness.workouts.models import WorkoutSession, WorkoutSet, WorkoutTemplate
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
)


@pytest.fixture
def theirs(outsider):
    template = WorkoutTemplateFactory(user=outsider, visibility="friends")
    item = WorkoutTemplateExerciseFactory(template=template)
    session = WorkoutSessionFactory(user=outsider, status="in_progress")
    session_exercise = WorkoutSessionExerciseFactory(session=session)
    workout_set = WorkoutSetFactory(session_exercise=session_exercise, set_number=1)
    exercise = ExerciseFactory(user=outsider, name="Their Fly")
    return {
        "template": template,
        "item": item,
        "session": session,
        "se": session_exercise,
        "set": workout_set,
        "exercise": exercise,
    }


def _urls(o) -> list[str]:
    t, i, s, se, ws, e = o["template"], o["item"], o["session"], o["se"], o["set"], o["exercise"]
    return [
        reverse("workouts:exercise_edit", args=[e.id]),
        reverse("workouts:exercise_archive", args=[e.id]),
        reverse("workouts:exercise_unarchive", args=[e.id]),
        reverse("workouts:template_detail", args=[t.id]),
        reverse("workouts:template_edit", args=[t.id]),
        reverse("workouts:template_duplicate", args=[t.id]),
        reverse("workouts:template_archive", args=[t.id]),
        reverse("workouts:template_unarchive", args=[t.id]),
        reverse("workouts:template_delete", args=[t.id]),
        reverse("workouts:template_exercise_add", args=[t.id]),
        reverse("workouts:template_exercise_update", args=[t.id, i.id]),
        reverse("workouts:template_exercise_move", args=[t.id, i.id]),
        reverse("workouts:template_exercise_delete", args=[t.id, i.id]),
        reverse("workouts:session_detail", args=[s.id]),
        reverse("workouts:session_edit", args=[s.id]),
        reverse("workouts:session_finish", args=[s.id]),
        reverse("workouts:session_discard", args=[s.id]),
        reverse("workouts:session_exercise_add", args=[s.id]),
        reverse("workouts:session_exercise_move", args=[s.id, se.id]),
        reverse("workouts:session_exercise_delete", args=[s.id, se.id]),
        reverse("workouts:set_add", args=[s.id, se.id]),
        reverse("workouts:set_update", args=[s.id, ws.id]),
        reverse("workouts:set_delete", args=[s.id, ws.id]),
    ]


POST_DATA = {
    "name": "Mine now",
    "category": "chest",
    "type": "strength",
    "visibility": "private",
    "direction": "up",
    "target_sets": "3",
    "weight": "100",
    "reps": "5",
}


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_members_ids_are_404_and_change_nothing(owner_client, theirs, method):
    for url in _urls(theirs):
        response = getattr(owner_client, method)(url, POST_DATA)
        assert response.status_code == 404, (method, url, response.status_code)
    template, session = theirs["template"], theirs["session"]
    template.refresh_from_db()
    session.refresh_from_db()
    theirs["set"].refresh_from_db()
    theirs["exercise"].refresh_from_db()
    assert template.name.startswith("Template") and not template.is_archived
    assert session.status == WorkoutSession.Status.IN_PROGRESS
    assert theirs["set"].weight == 100 and theirs["exercise"].name == "Their Fly"
    assert WorkoutTemplate.objects.filter(user=theirs["template"].user).count() == 1
    assert WorkoutSet.objects.count() == 1


def test_a_set_reached_through_my_session_but_belonging_to_theirs_is_404(
    owner_client, owner, theirs
):
    mine = WorkoutSessionFactory(user=owner, status="in_progress")
    url = reverse("workouts:set_update", args=[mine.id, theirs["set"].id])
    assert owner_client.post(url, {"weight": "1", "reps": "1"}).status_code == 404
    url = reverse("workouts:set_add", args=[mine.id, theirs["se"].id])
    assert owner_client.post(url).status_code == 404
    assert WorkoutSet.objects.count() == 1


def test_system_exercises_cannot_be_edited_or_archived(owner_client):
    from fitness.workouts.tests.factories import system_exercise

    bench = system_exercise("Bench Press")
    assert owner_client.get(reverse("workouts:exercise_edit", args=[bench.id])).status_code == 404
    response = owner_client.post(reverse("workouts:exercise_archive", args=[bench.id]))
    assert response.status_code == 404
    bench.refresh_from_db()
    assert not bench.is_archived


def test_every_page_needs_login(client, theirs):
    for url in [*_urls(theirs), "/exercises/", "/templates/", "/sessions/new/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_post_only_urls_refuse_get_on_my_own_objects(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner)
    response = owner_client.get(reverse("workouts:template_archive", args=[template.id]))
    assert response.status_code == 405
    template.refresh_from_db()
    assert not template.is_archived
