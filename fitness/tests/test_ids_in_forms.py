"""Another member's ids posted in form fields (not in the URL) are refused like unknown ids:
nothing of theirs gets used, copied or linked."""

import pytest
from django.test import Client

from calendar_app.models import ScheduledWorkout
from fitness.tests.world import build_world
from fitness.workouts.models import WorkoutSession, WorkoutTemplate
from fitness.workouts.tests.factories import WorkoutSessionFactory, WorkoutTemplateFactory


@pytest.fixture
def setup(owner, outsider, friend):
    world = build_world(owner)
    client = Client()
    client.force_login(friend)  # even a friend: sharing goes through /shared/ copies only
    mine = WorkoutTemplateFactory(user=friend, name="Bob's own")
    live = WorkoutSessionFactory(
        user=friend, status=WorkoutSession.Status.IN_PROGRESS, completed_at=None
    )
    return world, client, friend, mine, live


def _uses_owner_rows(friend, world) -> list:
    problems = []
    if WorkoutSession.objects.filter(user=friend, name__icontains="Owner").exists():
        problems.append("session from the owner's template")
    if friend.workout_sessions.filter(session_exercises__exercise=world.exercise).exists():
        problems.append("owner's exercise in a session")
    if WorkoutTemplate.objects.filter(
        user=friend, template_exercises__exercise=world.exercise
    ).exists():
        problems.append("owner's exercise in a template")
    if ScheduledWorkout.objects.filter(user=friend, template=world.template).exists():
        problems.append("owner's template scheduled")
    if (
        ScheduledWorkout.objects.filter(completed_session=world.session)
        .exclude(user=world.owner)
        .exists()
    ):
        problems.append("owner's session linked")
    return problems


@pytest.mark.django_db
def test_another_members_ids_in_form_fields_are_refused(setup):
    world, client, friend, mine, live = setup
    today = friend.local_today()
    entry = ScheduledWorkout.objects.create(user=friend, scheduled_date=today, title="Mine")
    template_id, exercise_id = str(world.template.pk), str(world.exercise.pk)
    posts = [
        ("/sessions/new/", {"template": template_id}),
        (f"/sessions/{live.pk}/exercises/add/", {"exercise": exercise_id}),
        (f"/templates/{mine.pk}/exercises/add/", {"exercise": exercise_id, "target_sets": 3}),
        (f"/calendar/{today.year}/{today.month}/{today.day}/", {"template": template_id}),
        (
            "/calendar/repeat/",
            {"template": template_id, "start": today, "weekdays": [0], "weeks": 1, "confirm": 1},
        ),
        (
            f"/calendar/entries/{entry.pk}/edit/",
            {"template": template_id, "scheduled_date": today},
        ),
        (f"/calendar/entries/{entry.pk}/link/", {"session": str(world.session.pk)}),
        ("/data/import/staff/", {"member": str(world.owner.pk)}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (200, 302, 400, 404), (url, response.status_code)
    assert not _uses_owner_rows(friend, world)
    entry.refresh_from_db()
    assert entry.template_id is None and entry.completed_session_id is None


@pytest.mark.django_db
def test_the_same_posts_with_ones_own_ids_work(setup):
    _world, client, friend, mine, _live = setup
    response = client.post("/sessions/new/", {"template": str(mine.pk)})
    assert response.status_code == 302
    assert friend.workout_sessions.filter(name__icontains="Bob's own").exists()
