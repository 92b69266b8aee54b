"""Celery tasks of workouts: deriving a member's history summaries again."""

from celery import shared_task
from django.db import transaction

from fitness.accounts.models import User
from fitness.workouts.summaries.refresh import history_summaries_rebuild


@shared_task(ignore_result=True)
def history_summaries_rebuild_task(user_id: str) -> None:
    """Rebuild the member's summaries, e.g. after a change of time zone moved the local weeks
    their weekly counts, streaks and chart periods are made of (a whole history: a worker's
    job, not a request's)."""
    with transaction.atomic():
        user = User.objects.filter(pk=user_id).first()
        if user is not None:
            history_summaries_rebuild(user=user)
