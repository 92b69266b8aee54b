"""What the member did last time: the latest completed session's sets of an exercise, the
last rest used, and one set as text."""

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from django.db.models import OuterRef, Subquery

from fitness.formatting import plain_number, stored_weight
from fitness.units import convert
from fitness.workouts.models import (
    Exercise,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
)
from fitness.workouts.selectors.exercises import KIND_CARDIO, KIND_TIMED, KIND_WEIGHT


def describe_set(workout_set: WorkoutSet, unit: str, kind: str = KIND_WEIGHT) -> str:
    """ "80 kg × 5", "12 reps", "60 s", "5 km · 25 min" — one set in the member's unit."""
    if kind == KIND_TIMED:
        return f"{workout_set.duration_s or 0} s"
    if kind == KIND_CARDIO:
        parts = []
        if workout_set.distance_m is not None:
            parts.append(f"{plain_number(Decimal(workout_set.distance_m) / 1000)} km")
        if workout_set.duration_s is not None:
            parts.append(f"{plain_number(Decimal(workout_set.duration_s) / 60)} min")
        return " · ".join(parts) or "—"
    weight = stored_weight(workout_set.weight, workout_set.weight_unit, unit)
    if weight and workout_set.reps is not None:
        return f"{weight} × {workout_set.reps}"
    if weight:
        return weight
    return f"{workout_set.reps or 0} reps"


def top_set(sets: list[WorkoutSet]) -> WorkoutSet | None:
    """The heaviest working set (then most reps), comparing across units."""
    working = [s for s in sets if not s.is_warmup] or sets
    if not working:
        return None
    return max(
        working,
        key=lambda s: (
            convert(s.weight, s.weight_unit, "kg") or 0,
            s.reps or 0,
            s.duration_s or 0,
            s.distance_m or 0,
        ),
    )


def _last_session_exercise_id(*, user_id, before: datetime, outer: str = "exercise_id"):
    """Subquery: the latest completed session exercise (before `before`) of OuterRef(outer)."""
    return Subquery(
        WorkoutSessionExercise.objects.filter(
            exercise_id=OuterRef(outer),
            session__user_id=user_id,
            session__status=WorkoutSession.Status.COMPLETED,
            session__started_at__lt=before,
        )
        .order_by("-session__started_at")
        .values("id")[:1]
    )


DEFAULT_REST_SECONDS = 90


def _last_rest_seconds(*, user_id):
    """Subquery: the rest of the member's latest session exercise of OuterRef("exercise_id")
    that has one (idx_session_exercises_rest keeps it to the few rows with a rest set)."""
    return Subquery(
        WorkoutSessionExercise.objects.filter(
            exercise_id=OuterRef("exercise_id"),
            session__user_id=user_id,
            rest_seconds__isnull=False,
        )
        .order_by("-session__started_at")
        .values("rest_seconds")[:1]
    )


def _sets_by_session_exercise(ids, *, done_only: bool = True) -> dict:
    """{session exercise id: its sets by number} (1 query): the logged ones, or all."""
    grouped: dict = defaultdict(list)
    ids = [i for i in ids if i]
    if ids:
        sets = WorkoutSet.objects.filter(session_exercise_id__in=ids)
        for workout_set in (sets.filter(is_planned=False) if done_only else sets).order_by(
            "set_number", "id"
        ):
            grouped[workout_set.session_exercise_id].append(workout_set)
    return grouped


def last_sets(*, exercise_ids: list, before: WorkoutSession) -> dict[object, list[WorkoutSet]]:
    """For each exercise, its logged sets in the member's latest completed session before
    `before` (2 queries); exercises without one are left out."""
    rows = list(
        Exercise.objects.filter(pk__in=exercise_ids)
        .annotate(
            last_id=_last_session_exercise_id(
                user_id=before.user_id, before=before.started_at, outer="pk"
            )
        )
        .values_list("pk", "last_id")
    )
    sets = _sets_by_session_exercise([last_id for _, last_id in rows])
    return {exercise_id: sets[last_id] for exercise_id, last_id in rows if sets.get(last_id)}
