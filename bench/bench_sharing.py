"""Sharing: /shared/ for a member with 50 friends × 20 shared templates (5 exercises each),
cache miss (the member's key deleted before every request) and cache hit.

Needs Redis for a meaningful figure (`make bench` passes REDIS_URL); without it the cache is
in-process memory and the line says so.
"""

import statistics
import time

from common import REFERENCE_URL

EMAIL_DOMAIN = "bench-sharing.example"
FRIENDS = 50
TEMPLATES_PER_FRIEND = 20
EXERCISES_PER_TEMPLATE = 5
MISS_TARGET = 10.0  # a 1,000-row query + pickling, once per 5 minutes or change
HIT_TARGET = 3.5  # renders 20 cards and a 50-friend filter; the reference is bare


def _recreate_data():
    from django.db import connection

    from fitness.accounts.models import User
    from fitness.workouts.models import Exercise, WorkoutTemplate, WorkoutTemplateExercise

    WorkoutTemplateExercise.objects.filter(template__user__email__endswith=EMAIL_DOMAIN).delete()
    WorkoutTemplate.objects.filter(user__email__endswith=EMAIL_DOMAIN).delete()
    User.objects.filter(email__endswith=EMAIL_DOMAIN).delete()

    def user(n: int, **fields) -> User:
        member = User(email=f"{n}@{EMAIL_DOMAIN}", display_name=f"Bench friend {n:02}", **fields)
        member.set_unusable_password()
        return member

    inviter = User.objects.bulk_create([user(0)])[0]
    member = user(999, invited_by=inviter)  # one inviter ...
    member.display_name = "Bench member"
    User.objects.bulk_create([member])
    User.objects.bulk_create(
        user(n, invited_by=member) for n in range(1, FRIENDS)
    )  # ... 49 invitees
    friends = User.objects.filter(email__endswith=EMAIL_DOMAIN).exclude(pk=member.pk)
    templates = WorkoutTemplate.objects.bulk_create(
        WorkoutTemplate(
            user=friend,
            name=f"{friend.display_name} template {t:02}",
            description="Bench template",
            visibility=WorkoutTemplate.Visibility.FRIENDS,
        )
        for friend in friends
        for t in range(TEMPLATES_PER_FRIEND)
    )
    exercises = list(Exercise.objects.filter(user=None)[:EXERCISES_PER_TEMPLATE])
    WorkoutTemplateExercise.objects.bulk_create(
        (
            WorkoutTemplateExercise(
                template=template, exercise=exercise, order_index=i, target_reps=5
            )
            for template in templates
            for i, exercise in enumerate(exercises)
        ),
        batch_size=1000,
    )
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would keep them
        cursor.execute("ANALYZE users, workout_templates, workout_template_exercises")
    return member


def _interleaved(client, url: str, before=None, repeat: int = 21) -> tuple[float, float]:
    """Median server time of the reference page and of `url`, measured alternately (so that
    load from other processes hits both alike); `before` runs before each `url` request,
    outside the timing."""
    for target in (REFERENCE_URL, url):  # warm-up; also checks both pages work
        assert client.get(target).status_code == 200, target
    reference, page = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(REFERENCE_URL)
        reference.append(time.perf_counter() - start)
        if before:
            before()
        start = time.perf_counter()
        client.get(url)
        page.append(time.perf_counter() - start)
    return statistics.median(reference), statistics.median(page)


def _line(name: str, reference: float, page: float, target: float) -> str:
    """Same format as common.ratio_line."""
    ratio = page / reference
    verdict = " OK" if ratio <= target else " OVER TARGET"
    return (
        f"{name}: {page * 1000:.1f} ms vs reference {reference * 1000:.1f} ms "
        f"= {ratio:.2f}x (target <= {target}x){verdict}"
    )


def run() -> None:
    from django.conf import settings
    from django.core.cache import caches
    from django.test import Client

    from sharing.cache import CACHE_ALIAS, shared_templates_key

    member = _recreate_data()
    client = Client(HTTP_HOST="localhost")  # "testserver" is not in ALLOWED_HOSTS here
    client.force_login(member)
    url = "/shared/"
    key = shared_templates_key(member.pk)
    cache = caches[CACHE_ALIAS]
    backend = "Redis" if settings.REDIS_URL else "local memory (REDIS_URL unset)"
    print(f"sharing: {FRIENDS} friends x {TEMPLATES_PER_FRIEND} templates, cache in {backend}")

    print(
        _line(
            "/shared/ cache miss",
            *_interleaved(client, url, lambda: cache.delete(key)),
            MISS_TARGET,
        )
    )
    print(_line("/shared/ cache hit", *_interleaved(client, url), HIT_TARGET))
    assert cache.get(key) is not None, "the hit run should have read a cached list"
