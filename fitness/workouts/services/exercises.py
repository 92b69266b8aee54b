"""Writes for a member's custom exercises."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from fitness.accounts.models import User
from fitness.workouts import selectors
from fitness.workouts.models import (
    Exercise,
)


def _check_exercise_name(*, user: User, name: str, exclude_id=None) -> None:
    conflict = selectors.exercise_name_conflict(user=user, name=name, exclude_id=exclude_id)
    if conflict == "system":
        raise ValidationError(
            {"name": f"“{name}” is a built-in exercise. Use it, or pick another name."}
        )
    if conflict == "mine":
        raise ValidationError(
            {"name": f"You already have an exercise called “{name}” (names ignore case)."}
        )


def exercise_create(
    *,
    user: User,
    name: str,
    category: str,
    type: str = Exercise.Type.STRENGTH,
    primary_muscle: str = "",
    instructions: str = "",
    equipment: str = "",
) -> Exercise:
    name = name.strip()
    _check_exercise_name(user=user, name=name)
    try:
        with transaction.atomic():
            return Exercise.objects.create(
                user=user,
                name=name,
                slug=slugify(name)[:120],
                category=category,
                type=type,
                primary_muscle=primary_muscle,
                instructions=instructions,
                equipment=equipment,
            )
    except IntegrityError as exc:  # a concurrent create won the race
        raise ValidationError({"name": f"You already have an exercise called “{name}”."}) from exc


def exercise_update(
    *,
    exercise: Exercise,
    name: str,
    category: str,
    type: str,
    primary_muscle: str = "",
    instructions: str = "",
    equipment: str = "",
) -> Exercise:
    """Rename or re-classify a custom exercise; past sessions keep the name they logged."""
    if exercise.is_system:
        raise ValidationError("Built-in exercises cannot be changed.")
    name = name.strip()
    _check_exercise_name(user=exercise.user, name=name, exclude_id=exercise.pk)
    exercise.name = name
    exercise.slug = slugify(name)[:120]
    exercise.category = category
    exercise.type = type
    exercise.primary_muscle = primary_muscle
    exercise.instructions = instructions
    exercise.equipment = equipment
    try:
        with transaction.atomic():
            exercise.save()
    except IntegrityError as exc:
        raise ValidationError({"name": f"You already have an exercise called “{name}”."}) from exc
    return exercise


def exercise_archive(*, exercise: Exercise) -> Exercise:
    """Hide a custom exercise from pickers; templates and history that use it stay intact."""
    if exercise.is_system:
        raise ValidationError("Built-in exercises cannot be archived.")
    exercise.is_archived = True
    exercise.save(update_fields=["is_archived", "updated_at"])
    return exercise


def exercise_unarchive(*, exercise: Exercise) -> Exercise:
    exercise.is_archived = False
    exercise.save(update_fields=["is_archived", "updated_at"])
    return exercise
