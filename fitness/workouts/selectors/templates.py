"""Reads for templates: the list, their exercises, and the start page."""

from collections import defaultdict

from django.db.models import Count, QuerySet
from django.db.models.functions import Lower

from fitness.accounts.models import User
from fitness.workouts.models import (
    WorkoutTemplate,
    WorkoutTemplateExercise,
)


def template_list(*, user: User, archived: bool = False) -> list[WorkoutTemplate]:
    """The member's templates, each with `exercise_names` in order (2 queries).

    The names come as plain values: the list shows nothing else of the exercises."""
    templates = WorkoutTemplate.objects.filter(user=user)
    if not archived:
        templates = templates.filter(is_archived=False)
    templates = list(templates.order_by("is_archived", Lower("name")))
    names: dict = defaultdict(list)
    rows = (
        WorkoutTemplateExercise.objects.filter(template__in=[t.pk for t in templates])
        .order_by("order_index", "id")
        .values_list("template_id", "exercise__name")
    )
    for template_id, name in rows:
        names[template_id].append(name)
    for template in templates:
        template.exercise_names = names[template.pk]
    return templates


def template_archived_count(*, user: User) -> int:
    return WorkoutTemplate.objects.filter(user=user, is_archived=True).count()


def template_items(template: WorkoutTemplate) -> list[WorkoutTemplateExercise]:
    return list(
        template.template_exercises.select_related("exercise").order_by("order_index", "id")
    )


def templates_to_start(*, user: User) -> QuerySet[WorkoutTemplate]:
    """The member's live templates by name, each with its number of exercises (start page)."""
    return (
        user.workout_templates.filter(is_archived=False)
        .annotate(exercise_count=Count("template_exercises"))
        .order_by("name")
    )


def template_session_count(template: WorkoutTemplate) -> int:
    """Workouts logged from this template (they outlive its deletion)."""
    return template.sessions.count()
