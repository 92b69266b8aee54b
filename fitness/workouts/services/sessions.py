"""Writes for workout sessions and their exercises: start, edit, finish, discard."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fitness.accounts.models import User
from fitness.workouts.models import (
    Exercise,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
    WorkoutTemplate,
)
from fitness.workouts.services.ordering import _move, _save_order, _superset_join, _superset_leave
from fitness.workouts.services.session_changes import (
    _history_changed,
    _lock_session,
    _renumber_sets,
)
from fitness.workouts.services.sets import set_add


@transaction.atomic
def session_start(
    *, user: User, template: WorkoutTemplate | None = None, name: str = ""
) -> WorkoutSession:
    """Start a session, empty or pre-filled from a template's exercises and target sets.

    Target sets are created as *planned* sets (`is_planned`), pre-filled with the target
    reps and weight; the member confirms each one as they do it. Finishing drops the rest.
    """
    session = WorkoutSession.objects.create(
        user=user,
        template=template,
        name=(name.strip() or (template.name if template else "Workout"))[:100],
        status=WorkoutSession.Status.IN_PROGRESS,
        started_at=timezone.now(),
    )
    if template is None:
        return session
    items = list(
        template.template_exercises.select_related("exercise").order_by("order_index", "id")
    )
    session_exercises = WorkoutSessionExercise.objects.bulk_create(
        WorkoutSessionExercise(
            session=session,
            exercise=item.exercise,
            exercise_name=item.exercise.name,
            order_index=index,
            notes=item.notes,
            rest_seconds=item.rest_seconds,
            superset_group=item.superset_group,
        )
        for index, item in enumerate(items)
    )
    WorkoutSet.objects.bulk_create(
        WorkoutSet(
            session_exercise=session_exercise,
            set_number=number,
            weight=item.target_weight,
            weight_unit=item.target_weight_unit,
            reps=item.target_reps,
            is_planned=True,
        )
        for item, session_exercise in zip(items, session_exercises, strict=True)
        for number in range(1, item.target_sets + 1)
    )
    return session


def session_update(*, session: WorkoutSession, name: str, notes: str) -> WorkoutSession:
    session.name = name.strip()[:100] or session.name
    session.notes = notes
    session.save(update_fields=["name", "notes", "updated_at"])
    return session


@transaction.atomic
def session_finish(*, session: WorkoutSession) -> WorkoutSession:
    """Complete a session: drop planned sets never done, renumber, set `completed_at`."""
    session = WorkoutSession.objects.select_for_update().get(pk=session.pk)
    if session.status == WorkoutSession.Status.COMPLETED:
        return session
    sets = WorkoutSet.objects.filter(session_exercise__session=session)
    if not sets.filter(is_planned=False).exists():
        raise ValidationError(
            "Log at least one set before finishing (tap ✓ on a set), or discard the workout."
        )
    sets.filter(is_planned=True).delete()
    # Exercises that ended up with no set at all were skipped: leave them out of history.
    session.session_exercises.filter(sets__isnull=True).delete()
    for session_exercise in session.session_exercises.all():
        _renumber_sets(session_exercise)
    _save_order(WorkoutSessionExercise, list(session.session_exercises.order_by("order_index")))
    session.status = WorkoutSession.Status.COMPLETED
    session.completed_at = max(timezone.now(), session.started_at)
    session.save(update_fields=["status", "completed_at", "updated_at"])
    names = session.session_exercises.values_list("exercise_name", flat=True)
    _history_changed(session, list(names))
    return session


@transaction.atomic
def session_discard(*, session: WorkoutSession) -> None:
    """Delete a session with its exercises and sets (a scheduled entry linked to it reverts)."""
    names = []
    if session.status == WorkoutSession.Status.COMPLETED:
        names = list(session.session_exercises.values_list("exercise_name", flat=True))
    session.delete()
    _history_changed(session, names)


@transaction.atomic
def session_exercise_add(
    *, session: WorkoutSession, exercise: Exercise, sets: int = 1
) -> WorkoutSessionExercise:
    """Append an exercise, with `sets` pre-filled rows from what was done last time."""
    session = _lock_session(session.pk)
    last = session.session_exercises.aggregate(last=Max("order_index"))["last"]
    session_exercise = WorkoutSessionExercise.objects.create(
        session=session,
        exercise=exercise,
        exercise_name=exercise.name,
        order_index=0 if last is None else last + 1,
    )
    for _ in range(sets):
        set_add(session_exercise=session_exercise)
    if not sets:
        _history_changed(session, [exercise.name])
    return session_exercise


def session_exercise_set_rest(
    *, session_exercise: WorkoutSessionExercise, rest_seconds: int
) -> WorkoutSessionExercise:
    """Keep the rest the member adjusted the timer to: the next set, and the next session
    of this exercise without a template value, start from it."""
    session_exercise.rest_seconds = rest_seconds
    session_exercise.save(update_fields=["rest_seconds"])
    return session_exercise


@transaction.atomic
def session_exercise_move(*, session_exercise: WorkoutSessionExercise, direction: str) -> None:
    session = _lock_session(session_exercise.session_id)
    rows = list(session.session_exercises.order_by("order_index", "id"))
    _save_order(WorkoutSessionExercise, _move(rows, session_exercise, direction))


@transaction.atomic
def session_exercise_superset(*, session_exercise: WorkoutSessionExercise, join: bool) -> None:
    """Put an exercise in a superset with the next one (`join`), or take it out of its own."""
    session = _lock_session(session_exercise.session_id)
    rows = list(session.session_exercises.order_by("order_index", "id"))
    groups = (_superset_join if join else _superset_leave)(rows, session_exercise)
    _save_order(WorkoutSessionExercise, rows, groups)


@transaction.atomic
def session_exercise_delete(*, session_exercise: WorkoutSessionExercise) -> None:
    session = _lock_session(session_exercise.session_id)
    session_exercise.delete()
    _save_order(WorkoutSessionExercise, list(session.session_exercises.order_by("order_index")))
    _history_changed(session, [session_exercise.exercise_name])
