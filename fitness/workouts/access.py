"""Access helpers: the member's own object, or 404 (never 403, never another member's row)."""

from django.shortcuts import get_object_or_404

from fitness.accounts.models import User
from fitness.workouts.models import (
    Exercise,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
    WorkoutTemplate,
    WorkoutTemplateExercise,
)
from fitness.workouts.selectors import exercises_visible_to


def get_custom_exercise_for_user(user: User, exercise_id) -> Exercise:
    """A custom exercise of the member (system exercises cannot be edited: 404 too)."""
    return get_object_or_404(Exercise, pk=exercise_id, user=user)


def get_exercise_for_user(user: User, exercise_id) -> Exercise:
    """A system exercise or one of the member's own (what they may log or merge into)."""
    return get_object_or_404(exercises_visible_to(user), pk=exercise_id)


def get_template_for_user(user: User, template_id) -> WorkoutTemplate:
    return get_object_or_404(WorkoutTemplate, pk=template_id, user=user)


def get_template_item_for_user(user: User, template_id, item_id) -> WorkoutTemplateExercise:
    return get_object_or_404(
        WorkoutTemplateExercise.objects.select_related("template"),
        pk=item_id,
        template_id=template_id,
        template__user=user,
    )


def get_session_for_user(user: User, session_id) -> WorkoutSession:
    return get_object_or_404(WorkoutSession, pk=session_id, user=user)


def get_session_exercise_for_user(
    user: User, session_id, session_exercise_id
) -> WorkoutSessionExercise:
    return get_object_or_404(
        WorkoutSessionExercise.objects.select_related("session", "exercise"),
        pk=session_exercise_id,
        session_id=session_id,
        session__user=user,
    )


def get_set_for_user(user: User, session_id, set_id) -> WorkoutSet:
    return get_object_or_404(
        WorkoutSet.objects.select_related(
            "session_exercise__session", "session_exercise__exercise"
        ),
        pk=set_id,
        session_exercise__session_id=session_id,
        session_exercise__session__user=user,
    )
