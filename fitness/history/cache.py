"""Caching of the progress figures, which aggregate every set a member ever logged.

A cached value is keyed by a *history version* with two parts, so that a change to the training
history gives new keys (old entries simply expire):

- a counter in the cache, bumped by model signals whenever a session, a session's exercise or a
  set is saved or deleted through the ORM (`signals.py`). The set signals do not know the member
  without a query, so the counter is global: a small group's caches are recomputed after any
  logged set, which is cheap next to a query per saved set;
- a fingerprint of the member's sessions read from the database (how many, latest
  `updated_at`), which also catches bulk writes that send no signals, such as an import.

Code that changes sets with `QuerySet.update()` or `bulk_create()` into an existing session
should call `history_changed()` afterwards.
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


COUNTER_KEY = "history:counter"


def history_changed() -> None:
    """Invalidate every cached history figure."""
    try:
        cache.incr(COUNTER_KEY)
    except ValueError:  # not in the cache yet (or evicted)
        cache.set(COUNTER_KEY, 1, None)


def history_version(user: User) -> str:
    counter = cache.get(COUNTER_KEY, 0)
    fingerprint = WorkoutSession.objects.filter(user=user).aggregate(
        n=Count("pk"), last=Max("updated_at")
    )
    last = fingerprint["last"].timestamp() if fingerprint["last"] else 0
    return f"{counter}.{fingerprint['n']}.{last}"


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
