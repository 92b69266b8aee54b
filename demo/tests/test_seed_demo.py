from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from calendar_app.models import ScheduledWorkout
from fitness.accounts.models import Invite, User
from fitness.accounts.selectors import friends_of
from fitness.workouts.models import WorkoutSession, WorkoutSessionExercise, WorkoutSet
from sharing.selectors import shared_templates_for


@pytest.mark.django_db
def test_seed_demo_builds_a_program_and_is_idempotent():
    call_command("seed_demo")
    demo = User.objects.get(email="demo@example.com")
    names = set(demo.workout_templates.values_list("name", flat=True))
    assert names == {"Push", "Pull", "Legs"}
    sessions = WorkoutSession.objects.filter(user=demo, status="completed")
    count, sets = sessions.count(), WorkoutSet.objects.count()
    assert 60 <= count <= 81  # ~3 a week for 6 months
    oldest = sessions.order_by("started_at").first().started_at
    assert oldest < timezone.now() - timedelta(days=170)
    # Progression: the latest bench press is heavier than the first one.
    bench = WorkoutSet.objects.filter(
        session_exercise__exercise_name="Bench Press", session_exercise__session__user=demo
    ).order_by("session_exercise__session__started_at")
    assert bench.last().weight > bench.first().weight
    sam = User.objects.get(email="sam@example.com")
    assert sam.workout_templates.filter(visibility="friends").count() == 2

    # The calendar lives: done entries linked to their sessions, one missed, two weeks planned
    # from the split, a rest-day note; the friend's shared templates; an open invite.
    today = demo.local_today()
    entries = list(ScheduledWorkout.objects.filter(user=demo).select_related("template"))
    statuses = [e.status_on(today) for e in entries]
    assert statuses.count("missed") == 1
    assert statuses.count("completed") >= 3
    for entry in entries:
        if entry.completed_session_id:
            session = entry.completed_session
            assert session.user == demo and session.status == "completed"
            assert session.started_at.astimezone(demo.tzinfo).date() == entry.scheduled_date
    planned = [e for e in entries if e.status_on(today) == "planned" and e.template_id]
    assert len(planned) >= 5
    assert {e.template.name for e in planned} == {"Push", "Pull", "Legs"}
    assert all(today <= e.scheduled_date < today + timedelta(days=14) for e in planned)
    assert any(e.title == "Rest day" and e.notes for e in entries)
    shared = shared_templates_for(demo).templates
    assert {t.owner_name for t in shared} == {"Sam Spotter"} and len(shared) == 2
    assert Invite.objects.filter(inviter=demo, used_at__isnull=True).count() == 1

    call_command("seed_demo")
    assert WorkoutSession.objects.filter(user=demo).count() == count
    assert WorkoutSet.objects.count() == sets
    assert demo.workout_templates.count() == 3
    assert ScheduledWorkout.objects.filter(user=demo).count() == len(entries)
    assert Invite.objects.filter(inviter=demo).count() == 2  # Sam's (used) and the open one
    assert User.objects.count() == 2


@pytest.mark.django_db
def test_demo_pages_render_with_the_seeded_data(client):
    call_command("seed_demo")
    client.force_login(User.objects.get(email="demo@example.com"))
    today = User.objects.get(email="demo@example.com").local_today()
    for url in ["/", "/calendar/", f"/calendar/{today:%Y/%m}/", "/history/", "/shared/",
                "/templates/", "/data/", "/accounts/"]:  # fmt: skip
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
    home = client.get("/").text
    assert "Pull" in home and "Planned" in home


@pytest.mark.django_db
def test_seed_demo_synthetic_history_with_friends():
    call_command(
        "seed_demo", "--user", "bench@example.com", "--password", "pw-123456", "--sessions", "40",
        "--friends", "2",
    )  # fmt: skip
    user = User.objects.get(email="bench@example.com")
    assert user.check_password("pw-123456")
    sessions = WorkoutSession.objects.filter(user=user, status="completed")
    assert sessions.count() == 40
    latest = sessions.order_by("-started_at").first()
    assert latest.started_at > timezone.now() - timedelta(days=7)
    per_session = WorkoutSessionExercise.objects.filter(session=latest).count()
    assert 4 <= per_session <= 6
    per_exercise = WorkoutSet.objects.filter(session_exercise__session=latest).count()
    assert 3 * per_session <= per_exercise <= 5 * per_session
    friends = list(friends_of(user))
    assert len(friends) == 2
    for friend in friends:
        assert friend.workout_templates.filter(visibility="friends").count() == 2

    call_command("seed_demo", "--user", "bench@example.com", "--sessions", "40", "--friends", "2")
    assert WorkoutSession.objects.filter(user=user).count() == 40
    assert len(friends_of(user)) == 2


@pytest.mark.postgres
@pytest.mark.django_db
def test_synthetic_history_uses_copy_on_postgres_and_is_complete():
    call_command("seed_demo", "--user", "pg@example.com", "--sessions", "300")
    user = User.objects.get(email="pg@example.com")
    assert WorkoutSession.objects.filter(user=user).count() == 300
    assert not WorkoutSet.objects.filter(is_planned=True).exists()  # db_default applied
