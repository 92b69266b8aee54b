"""Cache invalidation: saving or deleting a session, a session's exercise or a set changes the
history version (see `cache.py`)."""

import threading

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fitness.history.cache import history_changed
from fitness.workouts.models import WorkoutSession, WorkoutSessionExercise, WorkoutSet

_last_delete = threading.local()


@receiver(post_save, sender=WorkoutSession)
@receiver(post_save, sender=WorkoutSessionExercise)
@receiver(post_save, sender=WorkoutSet)
def _saved(sender, **kwargs) -> None:
    _last_delete.origin = None
    history_changed()


@receiver(post_delete, sender=WorkoutSession)
@receiver(post_delete, sender=WorkoutSessionExercise)
@receiver(post_delete, sender=WorkoutSet)
def _deleted(sender, origin=None, **kwargs) -> None:
    # One delete() call (a session with its exercises and sets, a queryset) sends a signal per
    # row; bump once per call.
    if origin is not None and getattr(_last_delete, "origin", None) is origin:
        return
    _last_delete.origin = origin
    history_changed()
