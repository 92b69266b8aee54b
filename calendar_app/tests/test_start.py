"""Starting a session from a scheduled entry, and another member's entries."""

import threading
from datetime import date

import pytest
from django.db import close_old_connections, connection

from calendar_app.models import ScheduledWorkout
from calendar_app.services import CalendarError, scheduled_workout_start
from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.models import WorkoutSession, WorkoutSet
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
)


@pytest.mark.django_db
def test_start_creates_the_session_from_the_template_and_links_it(owner_client, owner, make_entry):
    template = WorkoutTemplateFactory(user=owner, name="Upper A")
    WorkoutTemplateExerciseFactory(template=template, target_sets=4)
    entry = make_entry(template=template)
    before = entry.updated_at

    response = owner_client.post(f"/calendar/entries/{entry.id}/start/")

    session = WorkoutSession.objects.get(user=owner)
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{session.id}/"
    assert session.name == "Upper A" and session.template == template
    assert session.status == WorkoutSession.Status.IN_PROGRESS
    assert WorkoutSet.objects.filter(session_exercise__session=session).count() == 4
    entry.refresh_from_db()
    assert entry.completed_session_id == session.id
    assert entry.updated_at >= before
    assert entry.status_on(owner.local_today()) == "completed"


@pytest.mark.django_db
def test_a_free_entry_cannot_be_started_by_a_direct_post(owner_client, owner, make_entry):
    """The day page shows a free entry (no template) no Start button; the server agrees."""
    entry = make_entry(title="Rest day")

    response = owner_client.post(f"/calendar/entries/{entry.id}/start/", follow=True)

    day = f"/calendar/{entry.scheduled_date:%Y/%m/%d}/"
    assert response.redirect_chain == [(day, 302)]
    assert "“Rest day” has no template: there is nothing to start." in response.text
    assert not WorkoutSession.objects.exists()
    entry.refresh_from_db()
    assert entry.completed_session_id is None
    with pytest.raises(CalendarError):
        scheduled_workout_start(entry_id=entry.id, user=owner)


@pytest.mark.django_db
def test_starting_an_already_started_entry_opens_its_session(owner_client, owner, make_entry):
    entry = make_entry(title="Push", template=WorkoutTemplateFactory(user=owner))
    first = owner_client.post(f"/calendar/entries/{entry.id}/start/")
    second = owner_client.post(f"/calendar/entries/{entry.id}/start/")
    assert first["Location"] == second["Location"]
    assert WorkoutSession.objects.filter(user=owner).count() == 1


@pytest.mark.django_db
def test_start_is_post_only(owner_client, make_entry):
    entry = make_entry(title="Push")
    assert owner_client.get(f"/calendar/entries/{entry.id}/start/").status_code == 405
    assert not WorkoutSession.objects.exists()


ENTRY_ACTIONS = [
    ("get", "edit", {}),
    ("post", "edit", {"scheduled_date": "2030-01-01", "title": "Mine now", "notes": ""}),
    ("post", "move", {"scheduled_date": "2030-01-01"}),
    ("get", "delete", {}),
    ("post", "delete", {}),
    ("post", "start", {}),
    ("post", "link", {"session": "00000000-0000-0000-0000-000000000000"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "action", "data"), ENTRY_ACTIONS)
def test_another_members_entry_is_404_for_every_action(
    owner_client, outsider, method, action, data
):
    entry = ScheduledWorkout.objects.create(
        user=outsider, scheduled_date=date(2030, 5, 6), title="Charlie's"
    )
    response = getattr(owner_client, method)(f"/calendar/entries/{entry.id}/{action}/", data)
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.title == "Charlie's" and entry.scheduled_date == date(2030, 5, 6)
    assert entry.completed_session_id is None
    assert not WorkoutSession.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "action", "data"), ENTRY_ACTIONS)
def test_entry_actions_require_login(client, make_entry, method, action, data):
    entry = make_entry(title="Push")
    response = getattr(client, method)(f"/calendar/entries/{entry.id}/{action}/", data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_starts_of_one_entry_make_exactly_one_session():
    user = UserFactory()
    template = WorkoutTemplateFactory(user=user)
    WorkoutTemplateExerciseFactory(template=template, exercise=ExerciseFactory(user=user))
    entry = ScheduledWorkout.objects.create(
        user=user, scheduled_date=date(2030, 5, 6), template=template
    )
    barrier = threading.Barrier(2)
    results: list = []
    errors: list = []

    def start() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(scheduled_workout_start(entry_id=entry.id, user=user).id)
        except Exception as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors
    assert len(results) == 2 and results[0] == results[1]
    assert WorkoutSession.objects.filter(user=user).count() == 1
    entry.refresh_from_db()
    assert entry.completed_session_id == results[0]
