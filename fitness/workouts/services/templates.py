"""Writes for templates and their exercises.

Every change to a template's content saves the template itself (its `updated_at`), so a
`post_save` receiver on WorkoutTemplate sees content edits too (shared-template cache).
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Lower
from django.utils.text import slugify

from fitness.accounts.models import User
from fitness.units import keep_or_replace
from fitness.workouts.models import (
    Exercise,
    WorkoutTemplate,
    WorkoutTemplateExercise,
)
from fitness.workouts.services.ordering import (
    _move,
    _save_order,
    _superset_join,
    _superset_leave,
)


def template_create(
    *,
    user: User,
    name: str,
    description: str = "",
    visibility: str = WorkoutTemplate.Visibility.PRIVATE,
) -> WorkoutTemplate:
    return WorkoutTemplate.objects.create(
        user=user, name=name.strip(), description=description, visibility=visibility
    )


def template_update(
    *, template: WorkoutTemplate, name: str, description: str, visibility: str
) -> WorkoutTemplate:
    template.name = name.strip()
    template.description = description
    template.visibility = visibility
    template.save()
    return template


@transaction.atomic
def template_duplicate(*, template: WorkoutTemplate, user: User, name: str = "") -> WorkoutTemplate:
    """Copy a template with its exercises into `user`'s templates (private, not archived).

    Also how a member copies a friend's shared template (sharing.services): the owner's
    custom exercises are mapped to exercises `user` may use, so a copy never depends on
    another member's rows.
    """
    items = list(
        template.template_exercises.select_related("exercise").order_by("order_index", "id")
    )
    exercise_for = _exercises_usable_by(user=user, exercises=[item.exercise for item in items])
    copy = WorkoutTemplate.objects.create(
        user=user,
        name=(name or f"{template.name} (copy)")[:100],
        description=template.description,
    )
    WorkoutTemplateExercise.objects.bulk_create(
        WorkoutTemplateExercise(
            template=copy,
            exercise=exercise_for[item.exercise_id],
            order_index=index,
            target_sets=item.target_sets,
            target_reps=item.target_reps,
            target_weight=item.target_weight,
            target_weight_unit=item.target_weight_unit,
            rest_seconds=item.rest_seconds,
            notes=item.notes,
            superset_group=item.superset_group,
        )
        for index, item in enumerate(items)
    )
    return copy


def _exercises_usable_by(*, user: User, exercises: list[Exercise]) -> dict:
    """Map each exercise id to an exercise `user` may use (no query when all are theirs).

    System exercises and `user`'s own are kept. Another member's custom exercise is matched,
    case-insensitively, to one of `user`'s custom exercises, else to a system exercise of that
    name, else created as `user`'s custom exercise (<= 2 queries). Names are compared by the
    database's LOWER(), the very function of the unique (user, lower(name)) index: Python's
    str.lower() differs from it ("İ" is "i̇" in Python, "i" in PostgreSQL), and a name the
    two disagree on would pass here and then break the index on insert.
    """
    mapping = {ex.pk: ex for ex in exercises if ex.is_system or ex.user_id == user.pk}
    foreign_ids = {ex.pk for ex in exercises if ex.pk not in mapping}
    if not foreign_ids:
        return mapping
    mine: dict[str, Exercise] = {}
    system: dict[str, Exercise] = {}
    foreign: dict[str, Exercise] = {}  # by lower(name): one copy per name
    key_of: dict = {}
    # Archived ones too: the unique (user, lower(name)) constraint forbids a second one.
    rows = Exercise.objects.filter(Q(user=None) | Q(user=user) | Q(pk__in=foreign_ids))
    for ex in rows.annotate(name_key=Lower("name")):
        if ex.pk in foreign_ids:
            key_of[ex.pk] = ex.name_key
            foreign.setdefault(ex.name_key, ex)
        else:
            (system if ex.user_id is None else mine).setdefault(ex.name_key, ex)
    usable = {**system, **mine}  # my own exercise wins over a system one of the same name
    missing = [key for key in foreign if key not in usable]
    created = Exercise.objects.bulk_create(
        Exercise(
            user=user,
            name=foreign[key].name,
            slug=slugify(foreign[key].name)[:120],
            type=foreign[key].type,
            category=foreign[key].category,
            primary_muscle=foreign[key].primary_muscle,
            media_url=foreign[key].media_url,
            instructions=foreign[key].instructions,
            equipment=foreign[key].equipment,
        )
        for key in missing
    )
    usable.update(zip(missing, created, strict=True))
    for pk, key in key_of.items():
        mapping[pk] = usable[key]
    return mapping


def template_archive(*, template: WorkoutTemplate) -> WorkoutTemplate:
    template.is_archived = True
    template.save(update_fields=["is_archived", "updated_at"])
    return template


def template_unarchive(*, template: WorkoutTemplate) -> WorkoutTemplate:
    template.is_archived = False
    template.save(update_fields=["is_archived", "updated_at"])
    return template


def template_delete(*, template: WorkoutTemplate) -> None:
    """Delete a template; sessions started from it keep their exercises and sets (template NULL)."""
    template.delete()


def _touch(template: WorkoutTemplate) -> None:
    template.save(update_fields=["updated_at"])


@transaction.atomic
def template_exercise_add(
    *,
    template: WorkoutTemplate,
    exercise: Exercise,
    target_sets: int = 3,
    target_reps: int | None = None,
    target_weight: Decimal | None = None,
    target_weight_unit: str = "kg",
    rest_seconds: int | None = None,
    notes: str = "",
) -> WorkoutTemplateExercise:
    last = template.template_exercises.aggregate(last=Max("order_index"))["last"]
    item = WorkoutTemplateExercise.objects.create(
        template=template,
        exercise=exercise,
        order_index=0 if last is None else last + 1,
        target_sets=target_sets,
        target_reps=target_reps,
        target_weight=target_weight,
        target_weight_unit=target_weight_unit,
        rest_seconds=rest_seconds,
        notes=notes,
    )
    _touch(template)
    return item


@transaction.atomic
def template_exercise_update(
    *,
    item: WorkoutTemplateExercise,
    target_sets: int,
    target_reps: int | None,
    target_weight: Decimal | None,
    target_weight_unit: str,
    rest_seconds: int | None,
    notes: str = "",
) -> WorkoutTemplateExercise:
    item.target_weight, item.target_weight_unit = keep_or_replace(
        target_weight, target_weight_unit, item.target_weight, item.target_weight_unit
    )
    item.target_sets = target_sets
    item.target_reps = target_reps
    item.rest_seconds = rest_seconds
    item.notes = notes
    item.save()
    _touch(item.template)
    return item


@transaction.atomic
def template_exercise_move(*, item: WorkoutTemplateExercise, direction: str) -> None:
    template = WorkoutTemplate.objects.select_for_update().get(pk=item.template_id)
    rows = list(template.template_exercises.order_by("order_index", "id"))
    _save_order(WorkoutTemplateExercise, _move(rows, item, direction))
    _touch(template)


@transaction.atomic
def template_exercise_superset(*, item: WorkoutTemplateExercise, join: bool) -> None:
    """Put an exercise in a superset with the next one (`join`), or take it out of its own."""
    template = WorkoutTemplate.objects.select_for_update().get(pk=item.template_id)
    rows = list(template.template_exercises.order_by("order_index", "id"))
    groups = (_superset_join if join else _superset_leave)(rows, item)
    _save_order(WorkoutTemplateExercise, rows, groups)
    _touch(template)


@transaction.atomic
def template_exercise_delete(*, item: WorkoutTemplateExercise) -> None:
    template = WorkoutTemplate.objects.select_for_update().get(pk=item.template_id)
    item.delete()
    _save_order(WorkoutTemplateExercise, list(template.template_exercises.order_by("order_index")))
    _touch(template)
