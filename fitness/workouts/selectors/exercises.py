"""Reads for the exercise library: what a member may use, names, twins, usage, kinds."""

from dataclasses import dataclass
from html import escape
from itertools import groupby
from operator import itemgetter

from django.db.models import Count, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.utils.safestring import SafeString, mark_safe

from fitness.accounts.models import User
from fitness.workouts.exercise_names import read_name
from fitness.workouts.models import (
    Exercise,
    ExerciseAlias,
    WorkoutSessionExercise,
    WorkoutTemplateExercise,
)


def exercises_visible_to(user: User) -> QuerySet[Exercise]:
    """System exercises plus the member's own custom ones (archived included)."""
    return Exercise.objects.filter(Q(user__isnull=True) | Q(user=user))


def exercise_list(
    *,
    user: User,
    query: str = "",
    category: str = "",
    exercise_type: str = "",
    equipment: str = "",
    archived: bool = False,
    mine: bool = False,
) -> QuerySet[Exercise]:
    """The library page: each exercise with `my_aliases`, the member's names for it (2 queries)."""
    exercises = exercises_visible_to(user).prefetch_related(
        Prefetch(
            "aliases",
            queryset=ExerciseAlias.objects.filter(user=user).order_by(Lower("name")),
            to_attr="my_aliases",
        )
    )
    if mine:
        exercises = exercises.filter(user=user)
    if not archived:
        exercises = exercises.filter(is_archived=False)
    if query:
        exercises = exercises.filter(Q(name__icontains=query) | Q(primary_muscle__icontains=query))
    if category:
        exercises = exercises.filter(category=category)
    if exercise_type:
        exercises = exercises.filter(type=exercise_type)
    if equipment:
        exercises = exercises.filter(equipment=equipment)
    return exercises.order_by(Lower("name"))


def _pickable(user: User) -> QuerySet[Exercise]:
    return exercises_visible_to(user).filter(is_archived=False).order_by("category", Lower("name"))


def exercise_choices(user: User) -> list[Exercise]:
    """What a picker offers: system + own non-archived exercises, by category then name."""
    return list(_pickable(user))


CATEGORY_LABELS = dict(Exercise.Category.choices)


def exercise_options(user: User, selected="") -> SafeString:
    """The exercise_choices() of an "Add an exercise" picker as <optgroup>s of <option>s (1
    query, four columns). Built here rather than with {% regroup %} and filters per option in
    the template, and with the standard library's escape(): the 100+ options were a tenth of
    the benched session page."""
    selected = str(selected or "")
    rows = _pickable(user).values_list("category", "id", "name", "user_id")
    markup = []
    for category, exercises in groupby(rows, key=itemgetter(0)):
        markup.append(f'<optgroup label="{escape(CATEGORY_LABELS.get(category, category))}">')
        for _, pk, name, owner_id in exercises:
            chosen = " selected" if str(pk) == selected else ""
            mine = "" if owner_id is None else " (mine)"
            markup.append(f'<option value="{pk}"{chosen}>{escape(name)}{mine}</option>')
        markup.append("</optgroup>")
    return mark_safe("".join(markup))  # noqa: S308 (every value escaped above)


def _movement_and_equipment(exercise: Exercise) -> tuple[str, str]:
    key = read_name(exercise.name)
    return key.movement, exercise.equipment or key.equipment


def exercise_twin(exercise: Exercise, candidates: list[Exercise]) -> Exercise | None:
    """The candidate that reads as the same lift ("Bench Press (Dumbbell)" and "Dumbbell
    Bench Press"), a built-in one first: what the merge page suggests. No query."""
    wanted = _movement_and_equipment(exercise)
    twins = [c for c in candidates if c.pk != exercise.pk and _movement_and_equipment(c) == wanted]
    return min(twins, key=lambda c: not c.is_system, default=None)


def library_twins(exercises: list[Exercise]) -> dict:
    """{custom exercise id: the built-in exercise that reads as the same lift}, for the
    member's custom exercises among `exercises` (one query when there are any): customs made
    before the library had their lift, which the member may want to merge."""
    customs = [exercise for exercise in exercises if not exercise.is_system]
    if not customs:
        return {}
    library: dict[tuple[str, str], Exercise] = {}
    for exercise in Exercise.objects.filter(user=None).only("id", "name", "equipment"):
        library.setdefault(_movement_and_equipment(exercise), exercise)
    twins = {custom.pk: library.get(_movement_and_equipment(custom)) for custom in customs}
    return {pk: twin for pk, twin in twins.items() if twin is not None}


@dataclass(frozen=True)
class ExerciseUsage:
    workouts: int  # the member's sessions that logged it
    template_rows: int  # rows of the member's templates that use it


def exercise_usage(*, user: User, exercise: Exercise) -> ExerciseUsage:
    """What merging `exercise` away would move (2 queries)."""
    workouts = (
        WorkoutSessionExercise.objects.filter(session__user=user, exercise=exercise)
        .values("session_id")
        .distinct()
        .count()
    )
    template_rows = WorkoutTemplateExercise.objects.filter(
        template__user=user, exercise=exercise
    ).aggregate(n=Count("pk"))["n"]
    return ExerciseUsage(workouts=workouts, template_rows=template_rows)


def exercise_name_conflict(*, user: User, name: str, exclude_id=None) -> str | None:
    """ "system" or "mine" when `name` (any case) is taken for this member, else None.

    Cases are folded by the database's LOWER(), as in the unique (user, lower(name)) index
    (`iexact` compares UPPER(), which disagrees with it on letters such as "İ")."""
    clashes = (
        exercises_visible_to(user)
        .annotate(name_key=Lower("name"))
        .filter(name_key=Lower(Value(name.strip())))
        .exclude(pk=exclude_id)
        .values_list("user_id", flat=True)
    )
    owners = set(clashes)
    if None in owners:
        return "system"
    return "mine" if owners else None


KIND_WEIGHT = "weight"  # strength and bodyweight: weight × reps
KIND_TIMED = "timed"  # duration only
KIND_CARDIO = "cardio"  # distance and duration


def exercise_kind(exercise_type: str | None) -> str:
    if exercise_type == Exercise.Type.TIMED:
        return KIND_TIMED
    if exercise_type == Exercise.Type.CARDIO:
        return KIND_CARDIO
    return KIND_WEIGHT
