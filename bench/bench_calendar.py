"""Calendar month page for a member with 3,000 sessions and 1,000 scheduled entries (≤ 4×)."""

import random
from datetime import timedelta

from common import ratio_line

EMAIL = "bench-calendar@example.com"
SESSIONS = 3_000
ENTRIES = 1_000


def _member():
    from django.db import connection

    from calendar_app.models import ScheduledWorkout
    from demo.workouts import create_synthetic_history
    from fitness.accounts.models import User
    from fitness.workouts.models import WorkoutSession, WorkoutTemplate

    # Recreated each run, so the figures never depend on what an earlier run left behind.
    old = User.objects.filter(email=EMAIL).first()
    if old is not None:
        ScheduledWorkout.objects.filter(user=old).delete()
        WorkoutSession.objects.filter(user=old).delete()
        old.delete()
    user = User.objects.create_user(EMAIL, "bench-password", display_name="Calendar bench")
    create_synthetic_history(user=user, sessions=SESSIONS)
    templates = [
        WorkoutTemplate.objects.create(user=user, name=name) for name in ("Push", "Pull", "Legs")
    ]
    rng = random.Random(6)
    today = user.local_today()
    # About a year and a half either side of today: ~28 entries in the current month's grid.
    ScheduledWorkout.objects.bulk_create(
        ScheduledWorkout(
            user=user,
            scheduled_date=today + timedelta(days=rng.randint(-540, 540)),
            template=rng.choice(templates) if rng.random() < 0.8 else None,
            title=None if rng.random() < 0.7 else f"Plan {n}",
            notes="Warm up well" if rng.random() < 0.3 else None,
        )
        for n in range(ENTRIES)
    )
    # Fresh bulk loads have no planner statistics yet; autovacuum would gather them in use.
    with connection.cursor() as cursor:
        for table in ("workout_sessions", "workout_session_exercises", "workout_sets"):
            cursor.execute(f"ANALYZE {table}")
        cursor.execute("ANALYZE scheduled_workouts")
    return user


def run() -> None:
    from django.test import Client

    user = _member()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    today = user.local_today()
    url = f"/calendar/{today.year:04d}/{today.month:02d}/"
    print(ratio_line("calendar month (3,000 sessions, 1,000 entries)", client, url, target=4))
