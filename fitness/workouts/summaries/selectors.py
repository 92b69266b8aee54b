"""Reads of the derived summaries that the workouts pages need (records of one workout)."""

from __future__ import annotations

from django.db.models import Min, OuterRef, Subquery

from fitness.accounts.models import User
from fitness.workouts.models import WorkoutSession, WorkoutSessionExercise
from fitness.workouts.summaries.display import RecordLine, record_line
from fitness.workouts.summaries.models import ExerciseSessionStats


def session_records(*, user: User, session: WorkoutSession) -> list[RecordLine]:
    """The records a completed workout broke, in the order its exercises were logged
    (one query; none for a workout in progress)."""
    if session.status != WorkoutSession.Status.COMPLETED:
        return []
    position = (
        WorkoutSessionExercise.objects.filter(
            session=session.pk, exercise_name=OuterRef("exercise_key")
        )
        .order_by()
        .values("exercise_name")
        .annotate(first=Min("order_index"))
        .values("first")
    )
    rows = (
        ExerciseSessionStats.objects.filter(user=user, session=session.pk, record_count__gt=0)
        .annotate(position=Subquery(position))
        .order_by("position", "exercise_key")
        .values_list("exercise_key", "records")
    )
    return [
        record_line(key, record, user.preferred_unit) for key, records in rows for record in records
    ]
