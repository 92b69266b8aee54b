"""History bench: the pages a member opens every day, for 20,000 workouts against 300.

Each page is timed with the caches cleared before every request (what the first view after
a workout costs), for a member with 20,000 completed workouts (about 400,000 sets) and one
with 300 of the same synthetic shape, and against the trivial signed-in page. Targets
(issue 14): the same number of queries for both, within 1.5× of each other, within 5× of the
trivial page. Also: the server time of logging one set in a workout in progress.
"""

import statistics
import time

from common import REFERENCE_URL, server_times

LARGE, SMALL = 20_000, 300
GROWTH_TARGET, REFERENCE_TARGET = 1.5, 5.0


def _member(email: str, sessions: int):
    from django.db import connection

    from demo.workouts import create_synthetic_history
    from fitness.accounts.models import User

    # Recreate the member so that reruns measure the same history.
    User.objects.filter(email=email).delete()
    user = User.objects.create_user(email, "bench-password", display_name=email.split("@")[0])
    started = time.perf_counter()
    create_synthetic_history(user=user, sessions=sessions)
    seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # What autovacuum does after such a load: fresh statistics and a visibility map.
        with connection.cursor() as cursor:
            cursor.execute(
                "VACUUM ANALYZE workout_sessions, workout_session_exercises, workout_sets, "
                "exercise_session_stats, exercise_summaries, exercise_periods, workout_weeks"
            )
    return user, seconds


def _queries(client, url: str) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def _set_logging_ms(client, user, repeat: int = 30) -> float:
    """Median server time of logging one set (add a row, then save it as done) in a workout
    in progress: the two requests the session page makes per set."""
    from fitness.workouts import services
    from fitness.workouts.models import Exercise

    session = services.session_start(user=user, name="Bench logging")
    exercise = Exercise.objects.get(user=None, name="Bench Press")
    block = services.session_exercise_add(session=session, exercise=exercise, sets=0)
    base = f"/sessions/{session.pk}/"
    timings = []
    for _ in range(repeat + 3):
        start = time.perf_counter()
        client.post(f"{base}exercises/{block.pk}/sets/add/", HTTP_HX_REQUEST="true")
        workout_set = block.sets.order_by("-set_number").first()
        client.post(
            f"{base}sets/{workout_set.pk}/",
            {"weight": "100", "reps": "5"},
            HTTP_HX_REQUEST="true",
        )
        timings.append(time.perf_counter() - start)
    services.session_discard(session=session)
    return statistics.median(timings[3:]) * 1000


def run() -> None:
    from django.core.cache import cache
    from django.test import Client

    large, seconds = _member("bench-history-large@example.com", LARGE)
    print(f"history: seeding {LARGE:,} workouts with their summaries: {seconds:.1f} s")
    small, _ = _member("bench-history-small@example.com", SMALL)
    clients = {}
    for user in (large, small):
        clients[user.pk] = Client(SERVER_NAME="localhost")
        clients[user.pk].force_login(user)
    today = large.local_today()
    pages = [
        ("/ (home)", "/"),
        ("/history/", "/history/"),
        ("/history/progress/", "/history/progress/"),
        ("exercise page (6 months)", "/history/progress/Bench%20Press/"),
        ("exercise page (all time)", "/history/progress/Bench%20Press/?range=all"),
        ("month calendar", f"/calendar/{today:%Y/%m}/"),
    ]
    for name, url in pages:
        big, little = clients[large.pk], clients[small.pk]
        reference, t_large, t_small = server_times(
            [(big, REFERENCE_URL, None), (big, url, cache.clear), (little, url, cache.clear)],
            repeat=25,
        )
        q_large, q_small = _queries(big, url), _queries(little, url)
        growth, vs_reference = t_large / t_small, t_large / reference
        ok = q_large == q_small and growth <= GROWTH_TARGET and vs_reference <= REFERENCE_TARGET
        print(
            f"history: {name} {LARGE:,} vs {SMALL} sessions, uncached: {t_large * 1000:.1f} ms "
            f"vs {t_small * 1000:.1f} ms (ratio {growth:.2f}×), {q_large} vs {q_small} queries; "
            f"vs trivial page: {vs_reference:.2f}× (targets: equal queries, <= "
            f"{GROWTH_TARGET}×, <= {REFERENCE_TARGET:g}×) {'OK' if ok else 'OVER TARGET'}"
        )
    print(
        f"history: logging one set (add + save, {LARGE:,}-workout history): "
        f"{_set_logging_ms(clients[large.pk], large):.1f} ms server time"
    )
