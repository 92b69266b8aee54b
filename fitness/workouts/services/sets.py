"""Writes for the sets of a session: add (idempotent by the browser's id), log, delete."""

import uuid
from decimal import Decimal

from django.db import IntegrityError, transaction

from fitness.units import keep_or_replace
from fitness.workouts import selectors
from fitness.workouts.models import (
    SetType,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
)
from fitness.workouts.services.session_changes import (
    _history_changed,
    _lock_session,
    _renumber_sets,
)


def _prefill(workout_set: WorkoutSet | None) -> dict:
    if workout_set is None:
        return {}
    return {
        "weight": workout_set.weight,
        "weight_unit": workout_set.weight_unit,
        "reps": workout_set.reps,
        "distance_m": workout_set.distance_m,
        "duration_s": workout_set.duration_s,
    }


def set_type_values(set_type: str) -> dict:
    """The two columns a set type is stored in: `is_warmup` stays set_type == "warmup"."""
    set_type = set_type if set_type in SetType.values else SetType.NORMAL
    return {"set_type": set_type, "is_warmup": set_type == SetType.WARMUP}


class SetElsewhere(Exception):
    """A set id the browser made is already taken by a set outside this session."""


@transaction.atomic
def set_add(
    *, session_exercise: WorkoutSessionExercise, set_id: uuid.UUID | None = None
) -> WorkoutSet:
    """Add a set, pre-filled from the same set last time, else from the previous set.

    `set_id` is the id the browser made for the row: a retry of the same add finds the set
    already there and gets it back unchanged, so a lost response never doubles a set. An id
    used outside this session raises SetElsewhere. In a session in progress the new set is
    planned until the member confirms it; in a finished session (a correction) it counts.
    """
    session = _lock_session(session_exercise.session_id)
    if set_id is not None:
        # After the lock: a concurrent add of the same id has committed by now.
        existing = _existing_set(set_id, session.pk)
        if existing is not None:
            return existing
    previous = session_exercise.sets.order_by("-set_number").first()
    number = (previous.set_number + 1) if previous else 1
    values = _prefill(previous)
    if session_exercise.exercise_id:
        last = selectors.last_sets(exercise_ids=[session_exercise.exercise_id], before=session).get(
            session_exercise.exercise_id, []
        )
        same = next((s for s in last if s.set_number == number), None)
        if same is not None:  # last time's set 2 fills set 2, warm-up or drop set included
            values = {**_prefill(same), **set_type_values(same.set_type)}
    values.setdefault("weight_unit", session.user.preferred_unit)
    try:
        with transaction.atomic():
            workout_set = WorkoutSet.objects.create(
                **({"id": set_id} if set_id else {}),
                session_exercise=session_exercise,
                set_number=number,
                is_planned=session.status == WorkoutSession.Status.IN_PROGRESS,
                **values,
            )
    except IntegrityError:
        # Same id inserted by a request that did not take the lock first (SQLite has none).
        existing = _existing_set(set_id, session.pk) if set_id else None
        if existing is None:
            raise
        return existing
    _history_changed(session, [session_exercise.exercise_name])
    return workout_set


def _existing_set(set_id, session_id) -> WorkoutSet | None:
    existing = WorkoutSet.objects.select_related("session_exercise").filter(pk=set_id).first()
    if existing is None:
        return None
    if existing.session_exercise.session_id != session_id:
        raise SetElsewhere(set_id)
    return existing


@transaction.atomic
def set_update(
    *,
    workout_set: WorkoutSet,
    weight: Decimal | None,
    weight_unit: str,
    reps: int | None,
    rpe: Decimal | None = None,
    set_type: str = SetType.NORMAL,
    notes: str = "",
    distance_m: Decimal | None = None,
    duration_s: int | None = None,
) -> WorkoutSet:
    """Save a set as done (logging a planned set confirms it); saving it again is harmless."""
    workout_set.weight, workout_set.weight_unit = keep_or_replace(
        weight, weight_unit, workout_set.weight, workout_set.weight_unit
    )
    workout_set.reps = reps
    workout_set.rpe = rpe
    for name, value in set_type_values(set_type).items():
        setattr(workout_set, name, value)
    workout_set.notes = notes
    workout_set.distance_m = distance_m
    workout_set.duration_s = duration_s
    workout_set.is_planned = False
    session = _lock_session(workout_set.session_exercise.session_id)
    workout_set.save()
    _history_changed(session, [workout_set.session_exercise.exercise_name])
    return workout_set


@transaction.atomic
def set_delete(*, workout_set: WorkoutSet) -> None:
    """Delete a set; the sets after it move up so numbers stay 1, 2, 3…"""
    session_exercise = workout_set.session_exercise
    session = _lock_session(session_exercise.session_id)
    workout_set.delete()
    _renumber_sets(session_exercise)
    _history_changed(session, [session_exercise.exercise_name])
