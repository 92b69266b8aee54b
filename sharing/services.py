"""Writes for sharing: copying a friend's shared template into my own templates."""

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from fitness.accounts.models import User
from fitness.workouts.models import Exercise, WorkoutTemplate, WorkoutTemplateExercise
from sharing.selectors import shared_template_get

NAME_MAX_LENGTH = WorkoutTemplate._meta.get_field("name").max_length


def copy_name(name: str, owner_name: str) -> str:
    """'<name> (from <Owner>)', the template's name shortened so the whole fits 100 chars."""
    suffix = f" (from {owner_name})"
    if len(suffix) >= NAME_MAX_LENGTH // 2:
        suffix = suffix[: NAME_MAX_LENGTH // 2 - 2] + "…)"
    room = NAME_MAX_LENGTH - len(suffix)
    base = name if len(name) <= room else name[: room - 1].rstrip() + "…"
    return base + suffix


@transaction.atomic
def shared_template_copy(*, template_id, user: User) -> WorkoutTemplate:
    """Deep-copy a friend's shared template into a private template of `user`.

    System exercises are reused. The owner's custom exercises are never referenced: each is
    matched, case-insensitively, to one of my own custom exercises, else to a system exercise of
    that name, else created as my custom exercise, so my copy never depends on their rows.
    Raises WorkoutTemplate.DoesNotExist when the template is not shared with `user`.
    """
    source = shared_template_get(template_id=template_id, user=user)
    items = list(
        WorkoutTemplateExercise.objects.filter(template=source)
        .select_related("exercise")
        .order_by("order_index", "id")
    )
    exercise_for = _my_exercises(user=user, exercises=[item.exercise for item in items])
    copy = WorkoutTemplate.objects.create(
        user=user,
        name=copy_name(source.name, source.user.display_name),
        description=source.description,
        visibility=WorkoutTemplate.Visibility.PRIVATE,
    )
    WorkoutTemplateExercise.objects.bulk_create(
        WorkoutTemplateExercise(
            template=copy,
            exercise=exercise_for[item.exercise_id],
            order_index=item.order_index,
            target_sets=item.target_sets,
            target_reps=item.target_reps,
            target_weight=item.target_weight,
            target_weight_unit=item.target_weight_unit,
            rest_seconds=item.rest_seconds,
            notes=item.notes,
        )
        for item in items
    )
    return copy


def _my_exercises(*, user: User, exercises: list[Exercise]) -> dict:
    """Map each exercise id of the source template to an exercise `user` may use (<= 2 queries).

    Names are compared in Python (`str.lower`) rather than with SQL LOWER, which is ASCII-only
    on SQLite: a member has tens of custom exercises, not thousands.
    """
    mapping = {ex.pk: ex for ex in exercises if ex.is_system or ex.user_id == user.pk}
    foreign = {ex.name.lower(): ex for ex in exercises if ex.pk not in mapping}
    if not foreign:
        return mapping
    mine: dict[str, Exercise] = {}
    system: dict[str, Exercise] = {}
    # Archived ones too: the unique (user, lower(name)) constraint forbids a second one.
    for ex in Exercise.objects.filter(Q(user=None) | Q(user=user)):
        (system if ex.user_id is None else mine).setdefault(ex.name.lower(), ex)
    usable = {**system, **mine}  # my own exercise wins over a system one of the same name
    missing = [name for name in foreign if name not in usable]
    created = Exercise.objects.bulk_create(
        Exercise(
            user=user,
            name=foreign[name].name,
            slug=slugify(foreign[name].name)[:120],
            type=foreign[name].type,
            category=foreign[name].category,
            primary_muscle=foreign[name].primary_muscle,
            media_url=foreign[name].media_url,
            instructions=foreign[name].instructions,
        )
        for name in missing
    )
    usable.update((ex.name.lower(), ex) for ex in created)
    for ex in exercises:
        if ex.pk not in mapping:
            mapping[ex.pk] = usable[ex.name.lower()]
    return mapping
