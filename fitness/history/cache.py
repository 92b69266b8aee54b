"""Caching of the progress figures, which aggregate every set a member ever logged.

A cached value is keyed by a *history version*: a fingerprint of the member's sessions read
from the database in one indexed query (how many, latest `updated_at`). A new or deleted
session changes the count; every change to a session's exercises or sets goes through
fitness/workouts/services.py, which touches the session's `updated_at`; an import adds
sessions. So a change to the training history gives new keys, and old entries simply expire.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, Max

from fitness.accounts.models import User
from fitness.workouts.models import WorkoutSession

T = TypeVar("T")

TIMEOUT = 60 * 60 * 24


def history_version(user: User) -> str:
    fingerprint = WorkoutSession.objects.filter(user=user).aggregate(
        n=Count("pk"), last=Max("updated_at")
    )
    last = fingerprint["last"].timestamp() if fingerprint["last"] else 0
    return f"{fingerprint['n']}.{last}"


def cached_for(user: User, name: str, compute: Callable[[], T]) -> T:
    """`compute()`'s result for this member, from the cache while their history is unchanged.

    The key also holds what the figures depend on besides the data: preferred unit, time zone
    and today's date in that zone (ranges and week buckets end today).
    """
    key = ":".join(
        [
            "history",
            str(user.pk),
            history_version(user),
            user.preferred_unit,
            user.timezone,
            user.local_today().isoformat(),
            name,
        ]
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
