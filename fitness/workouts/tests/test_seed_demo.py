from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from fitness.accounts.models import User
from fitness.accounts.selectors import friends_of
from fitness.workouts.models import WorkoutSession, WorkoutSessionExercise, WorkoutSet


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

    call_command("seed_demo")
    assert WorkoutSession.objects.filter(user=demo).count() == count
    assert WorkoutSet.objects.count() == sets
    assert demo.workout_templates.count() == 3


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
