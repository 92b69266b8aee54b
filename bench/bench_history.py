"""History bench: progress overview and one exercise page for a member with 3,000 sessions."""

from common import ratio_line

EMAIL = "bench-history@example.com"
SESSIONS = 3000
TARGET = 5


def run() -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from demo.workouts import create_synthetic_history
    from fitness.accounts.models import User

    # Recreate the member so that reruns measure the same history.
    User.objects.filter(email=EMAIL).delete()
    user = User.objects.create_user(EMAIL, "bench-password", display_name="Bench History")
    create_synthetic_history(user=user, sessions=SESSIONS)
    if connection.vendor == "postgresql":
        # What autovacuum does after such a load (PostgreSQL ≥ 13 also vacuums after inserts):
        # fresh planner statistics and a visibility map, so index-only scans are costed as such.
        with connection.cursor() as cursor:
            cursor.execute(
                "VACUUM ANALYZE workout_sessions, workout_session_exercises, workout_sets"
            )

    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    pages = [
        ("progress overview", "/history/progress/"),
        ("exercise page, all time", "/history/progress/Bench%20Press/?range=all"),
        ("exercise page, 6 months", "/history/progress/Bench%20Press/?range=6m"),
        ("history list", "/history/"),
        ("home dashboard", "/"),
    ]
    for name, url in pages:
        print(ratio_line(f"history: {name} ({SESSIONS:,} sessions)", client, url, TARGET))
    # The same aggregates computed afresh on every request (no target: the cache meets it).
    for name, url in pages[:3]:
        print(
            ratio_line(
                f"history: {name} ({SESSIONS:,} sessions), uncached",
                client,
                url,
                before=cache.clear,
            )
        )
