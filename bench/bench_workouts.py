"""Workouts: seeding 20,000 sessions, and the template list / template / session pages
against a member with that history (server time as a ratio to the reference page)."""

import time

from common import ratio_line

# Issue 12: the live session page, against the trivial reference page, may not grow past the
# 10× it measured before the gym-floor features.
SESSION_PAGE_TARGET = 10


def run() -> None:
    from django.core.management import call_command
    from django.test import Client

    from fitness.accounts.models import User
    from fitness.workouts import services
    from fitness.workouts.models import Exercise, WorkoutSession, WorkoutSet

    email = "bench-workouts@example.com"
    User.objects.filter(email=email).delete()
    started = time.perf_counter()
    call_command("seed_demo", "--user", email, "--sessions", "20000", stdout=open("/dev/null", "w"))  # noqa: SIM115
    seconds = time.perf_counter() - started
    user = User.objects.get(email=email)
    sets = WorkoutSet.objects.filter(session_exercise__session__user=user).count()
    print(f"workouts seed_demo --sessions 20000: {seconds:.1f} s ({sets} sets) (target < 60 s)")

    exercises = list(Exercise.objects.filter(user=None, type="strength")[:12])
    templates = []
    for number in range(20):
        template = services.template_create(user=user, name=f"Bench template {number}")
        for exercise in exercises:
            services.template_exercise_add(
                template=template, exercise=exercise, target_sets=4, target_reps=8
            )
        templates.append(template)
    session = services.session_start(user=user, template=templates[0])
    assert WorkoutSession.objects.filter(user=user).count() == 20001

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    print(ratio_line("workouts template list (20 × 12 exercises)", client, "/templates/"))
    print(
        ratio_line(
            "workouts template page (12 exercises)",
            client,
            f"/templates/{templates[0].id}/",
        )
    )
    print(
        ratio_line(
            "workouts session page (12 × 4 sets, 20k-session history)",
            client,
            f"/sessions/{session.id}/",
            SESSION_PAGE_TARGET,
        )
    )
    User.objects.filter(email=email).delete()
