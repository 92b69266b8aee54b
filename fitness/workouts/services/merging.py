"""A member's names for exercises: aliases, and merging one exercise into another.

Re-exported by fitness/workouts/services/__init__.py, the one door for writes.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.utils import timezone

from fitness.accounts.models import User
from fitness.workouts.models import (
    Exercise,
    ExerciseAlias,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutTemplate,
    WorkoutTemplateExercise,
)
from fitness.workouts.selectors import exercise_kind
from fitness.workouts.summaries.refresh import history_summaries_refresh

NAME_MAX = ExerciseAlias._meta.get_field("name").max_length


def _alias_name(name: str) -> str:
    name = " ".join(name.split())[:NAME_MAX]
    if not name:
        raise ValidationError("An alias needs a name.")
    return name


def _check_alias_target(*, user: User, exercise: Exercise) -> None:
    if exercise.user_id is not None and exercise.user_id != user.pk:
        raise ValidationError("An alias can only point to a built-in exercise or your own.")


def _aliases_named(user: User, names: list[str]):
    """The member's aliases with these names, the case folded by the database's LOWER() as in
    the unique (user, lower(name)) index (Python's lower() and `iexact` disagree with it on
    "İ", and SQLite's LOWER() folds ASCII letters only)."""
    same = Q(pk__in=[])  # no names: no aliases
    for name in names:
        same |= Q(lower_name=Lower(Value(name)))
    return ExerciseAlias.objects.alias(lower_name=Lower("name")).filter(same, user=user)


def exercise_alias_remember(*, user: User, name: str, exercise: Exercise) -> ExerciseAlias:
    """Remember that `name` means `exercise` for this member (insert, or repoint the alias
    with that name, case-insensitively). Later imports map the name to the exercise."""
    _check_alias_target(user=user, exercise=exercise)
    name = _alias_name(name)
    for _attempt in range(2):  # the second pass repoints an alias a concurrent call inserted
        alias = _aliases_named(user, [name]).first()
        if alias is not None:
            if (alias.name, alias.exercise_id) != (name, exercise.pk):
                alias.name, alias.exercise = name, exercise
                alias.save(update_fields=["name", "exercise"])
            return alias
        try:
            with transaction.atomic():
                return ExerciseAlias.objects.create(user=user, name=name, exercise=exercise)
        except IntegrityError:
            continue
    raise ValidationError(f"Could not save the alias “{name}”; try again.")


@transaction.atomic
def exercise_aliases_remember(*, user: User, names: dict[str, Exercise]) -> int:
    """`exercise_alias_remember` for many names in two statements (an import's confirmed
    mappings): the member's aliases with those names are replaced. Returns how many."""
    wanted: dict[str, tuple[str, Exercise]] = {}
    for name, exercise in names.items():
        _check_alias_target(user=user, exercise=exercise)
        name = _alias_name(name)
        wanted[name.lower()] = (name, exercise)
    if not wanted:
        return 0
    _aliases_named(user, [name for name, _exercise in wanted.values()]).delete()
    ExerciseAlias.objects.bulk_create(
        ExerciseAlias(user=user, name=name, exercise=exercise) for name, exercise in wanted.values()
    )
    return len(wanted)


def _check_merge(*, user: User, source: Exercise, target: Exercise) -> None:
    if source.user_id != user.pk:
        raise ValidationError("Only your own exercises can be merged into another.")
    if target.user_id not in (None, user.pk):
        raise ValidationError("Choose a built-in exercise or one of your own.")
    if target.pk == source.pk:
        raise ValidationError("An exercise cannot be merged into itself: choose another one.")
    if exercise_kind(source.type) != exercise_kind(target.type):
        raise ValidationError(
            f"“{source.name}” is logged as {source.get_type_display().lower()} and "
            f"“{target.name}” as {target.get_type_display().lower()}: their sets are not "
            "alike. Choose an exercise logged the same way."
        )


@transaction.atomic
def exercise_merge(*, user: User, source: Exercise, target: Exercise) -> Exercise:
    """Merge the member's custom exercise `source` into `target` (built-in or theirs).

    The member's logged exercises of `source` move to `target`, and those of both take
    `target`'s name, so history and progress (which group by the logged name) show one
    line; template rows move; aliases of `source` follow it; `source` is deleted and its
    name becomes the member's alias of `target`, so later imports map it there.
    """
    _check_merge(user=user, source=source, target=target)
    now = timezone.now()
    both = [source.pk, target.pk]
    mine = WorkoutSessionExercise.objects.filter(session__user=user, exercise_id__in=both)
    changing = mine.filter(Q(exercise_id=source.pk) | ~Q(exercise_name=target.name))
    # The sessions whose rows change are changed: their `updated_at` says so.
    WorkoutSession.objects.filter(pk__in=changing.values("session_id")).update(updated_at=now)
    renamed = set(changing.order_by().values_list("exercise_name", flat=True).distinct())
    mine.update(exercise_id=target.pk, exercise_name=target.name)
    # Progress reads per-name summaries: the names that went away and the target's, again.
    history_summaries_refresh(user=user, exercise_keys=renamed | {target.name})

    template_ids = list(
        WorkoutTemplateExercise.objects.filter(exercise=source)
        .order_by()
        .values_list("template_id", flat=True)
        .distinct()
    )
    if template_ids:
        WorkoutTemplateExercise.objects.filter(exercise=source).update(exercise=target)
        WorkoutTemplate.objects.filter(pk__in=template_ids).update(updated_at=now)
        # One save() so that the post_save receivers (shared-template cache) hear of it.
        WorkoutTemplate.objects.get(pk=template_ids[0]).save(update_fields=["updated_at"])

    ExerciseAlias.objects.filter(exercise=source).update(exercise=target)
    name = source.name
    Exercise.objects.filter(pk=source.pk).delete()
    exercise_alias_remember(user=user, name=name, exercise=target)
    return target
