"""Access helpers: the member's own object, or 404 (never 403, never another member's row)."""

from django.shortcuts import get_object_or_404

from calendar_app.models import ScheduledWorkout
from fitness.accounts.models import User


def get_entry_for_user(user: User, entry_id) -> ScheduledWorkout:
    """One of the member's scheduled entries, with its template."""
    return get_object_or_404(
        ScheduledWorkout.objects.select_related("template"), pk=entry_id, user=user
    )
