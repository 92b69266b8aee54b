"""What every change to a session's exercises or sets goes through: the session lock, set
numbering, and bringing history up to date when the session is a completed workout."""

from django.utils import timezone

from fitness.workouts.models import (
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
)
from fitness.workouts.summaries.refresh import history_summaries_refresh


def _history_changed(session: WorkoutSession, exercise_names: list[str]) -> None:
    """A completed workout is history: bring its summaries (records, charts, streak) up to
    date in this transaction. A session in progress is not history yet: nothing to do."""
    if session.status == WorkoutSession.Status.COMPLETED:
        history_summaries_refresh(
            user=session.user, exercise_keys=exercise_names, since=session.started_at
        )


def _lock_session(session_id) -> WorkoutSession:
    """Lock the session row for the rest of the transaction and mark it changed.

    Every change to a session's exercises or sets goes through here: the UPDATE takes the
    row lock, and the session's `updated_at` says when anything in it last changed.
    """
    WorkoutSession.objects.filter(pk=session_id).update(updated_at=timezone.now())
    return WorkoutSession.objects.select_related("user").get(pk=session_id)


def _renumber_sets(session_exercise: WorkoutSessionExercise) -> None:
    changed = []
    for number, workout_set in enumerate(
        session_exercise.sets.order_by("set_number", "id"), start=1
    ):
        if workout_set.set_number != number:
            workout_set.set_number = number
            changed.append(workout_set)
    WorkoutSet.objects.bulk_update(changed, ["set_number"])
