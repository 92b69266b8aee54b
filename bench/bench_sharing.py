"""Sharing: /shared/ for a member with 50 friends × 20 shared templates (5 exercises each),
cache miss (the member's key deleted before every request) and cache hit.

Needs Redis for a meaningful figure (`make bench` passes REDIS_URL); without it the cache is
in-process memory and the line says so.
"""

from common import ratio_line

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

    miss = ratio_line(
        "/shared/ cache miss", client, url, MISS_TARGET, repeat=21, before=lambda: cache.delete(key)
    )
    print(miss)
    print(ratio_line("/shared/ cache hit", client, url, HIT_TARGET, repeat=21))
    assert cache.get(key) is not None, "the hit run should have read a cached list"
