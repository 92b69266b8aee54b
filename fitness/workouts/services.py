from django.db import transaction
from django.utils import timezone

from fitness.accounts.models import User
from fitness.workouts.models import (
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
    WorkoutTemplate,
)


@transaction.atomic
def session_start(
    *, user: User, template: WorkoutTemplate | None = None, name: str = ""
) -> WorkoutSession:
    """Start a session, empty or pre-filled from a template's exercises and target sets."""
    session = WorkoutSession.objects.create(
        user=user,
        template=template,
        name=name or (template.name if template else "Workout"),
        status=WorkoutSession.Status.IN_PROGRESS,
        started_at=timezone.now(),
    )
    if template is None:
        return session
    items = list(template.template_exercises.select_related("exercise").order_by("order_index"))
    session_exercises = WorkoutSessionExercise.objects.bulk_create(
        WorkoutSessionExercise(
            session=session,
            exercise=item.exercise,
            exercise_name=item.exercise.name,
            order_index=index,
            notes=item.notes,
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
        )
        for item, session_exercise in zip(items, session_exercises, strict=True)
        for number in range(1, item.target_sets + 1)
    )
    return session
