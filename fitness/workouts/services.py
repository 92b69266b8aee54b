"""Writes for exercises, templates, sessions and sets (`<entity>_<action>`, keyword-only).

Every change to a template's content saves the template itself (its `updated_at`), so a
`post_save` receiver on WorkoutTemplate sees content edits too (shared-template cache).
"""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from fitness.accounts.models import User
from fitness.units import keep_or_replace
from fitness.workouts import selectors
from fitness.workouts.merging import (  # noqa: F401  (services.py is the one door for writes)
    exercise_alias_remember,
    exercise_aliases_remember,
    exercise_merge,
)
from fitness.workouts.models import (
    SUPERSET_MAX,
    Exercise,
    SetType,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
    WorkoutTemplate,
    WorkoutTemplateExercise,
)
from fitness.workouts.summaries.refresh import history_summaries_refresh

UP, DOWN = "up", "down"


# --- Exercises -----------------------------------------------------------------------------


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


# --- Templates -----------------------------------------------------------------------------


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


def _move(rows: list, row, direction: str) -> list:
    """Rows re-ordered with `row` moved one place up or down (unchanged at the ends)."""
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    target = index - 1 if direction == UP else index + 1
    if 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
    return rows


def _save_order(model, rows: list, groups: list | None = None) -> None:
    """Save `rows`' positions, and their supersets (`groups`, else as they are) renumbered
    1, 2… in order of appearance.

    A superset is a run of neighbours sharing a group: an exercise moved away from its
    partners, or left alone in its group, is no longer in a superset.
    """
    groups = groups if groups is not None else [row.superset_group for row in rows]
    renumbered: list[int | None] = [None] * len(rows)
    next_group = 0
    for index, group in enumerate(groups):
        if group is None:
            continue
        joins_previous = index > 0 and groups[index - 1] == group
        joins_next = index + 1 < len(rows) and groups[index + 1] == group
        if joins_previous:
            renumbered[index] = renumbered[index - 1]
        elif joins_next and next_group < SUPERSET_MAX:
            next_group += 1
            renumbered[index] = next_group
    changed = []
    for index, row in enumerate(rows):
        if row.order_index != index or row.superset_group != renumbered[index]:
            row.order_index = index
            row.superset_group = renumbered[index]
            changed.append(row)
    model.objects.bulk_update(changed, ["order_index", "superset_group"])


def _superset_join(rows: list, row) -> list:
    """The groups with `row` and the one after it in one superset (their groups merged)."""
    groups = [r.superset_group for r in rows]
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    if index + 1 >= len(rows):
        return groups
    pair = {g for g in groups[index : index + 2] if g is not None}
    # A number no row uses (renumbered by _save_order) unless one of the two has a group.
    group = min(pair) if pair else SUPERSET_MAX + 1
    return [group if i in (index, index + 1) or g in pair else g for i, g in enumerate(groups)]


def _superset_leave(rows: list, row) -> list:
    return [None if r.pk == row.pk else r.superset_group for r in rows]


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


# --- Sessions ------------------------------------------------------------------------------


@transaction.atomic
def session_start(
    *, user: User, template: WorkoutTemplate | None = None, name: str = ""
) -> WorkoutSession:
    """Start a session, empty or pre-filled from a template's exercises and target sets.

    Target sets are created as *planned* sets (`is_planned`), pre-filled with the target
    reps and weight; the member confirms each one as they do it. Finishing drops the rest.
    """
    session = WorkoutSession.objects.create(
        user=user,
        template=template,
        name=(name.strip() or (template.name if template else "Workout"))[:100],
        status=WorkoutSession.Status.IN_PROGRESS,
        started_at=timezone.now(),
    )
    if template is None:
        return session
    items = list(
        template.template_exercises.select_related("exercise").order_by("order_index", "id")
    )
    session_exercises = WorkoutSessionExercise.objects.bulk_create(
        WorkoutSessionExercise(
            session=session,
            exercise=item.exercise,
            exercise_name=item.exercise.name,
            order_index=index,
            notes=item.notes,
            rest_seconds=item.rest_seconds,
            superset_group=item.superset_group,
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
            is_planned=True,
        )
        for item, session_exercise in zip(items, session_exercises, strict=True)
        for number in range(1, item.target_sets + 1)
    )
    return session


def session_update(*, session: WorkoutSession, name: str, notes: str) -> WorkoutSession:
    session.name = name.strip()[:100] or session.name
    session.notes = notes
    session.save(update_fields=["name", "notes", "updated_at"])
    return session


@transaction.atomic
def session_finish(*, session: WorkoutSession) -> WorkoutSession:
    """Complete a session: drop planned sets never done, renumber, set `completed_at`."""
    session = WorkoutSession.objects.select_for_update().get(pk=session.pk)
    if session.status == WorkoutSession.Status.COMPLETED:
        return session
    sets = WorkoutSet.objects.filter(session_exercise__session=session)
    if not sets.filter(is_planned=False).exists():
        raise ValidationError(
            "Log at least one set before finishing (tap ✓ on a set), or discard the workout."
        )
    sets.filter(is_planned=True).delete()
    # Exercises that ended up with no set at all were skipped: leave them out of history.
    session.session_exercises.filter(sets__isnull=True).delete()
    for session_exercise in session.session_exercises.all():
        _renumber_sets(session_exercise)
    _save_order(WorkoutSessionExercise, list(session.session_exercises.order_by("order_index")))
    session.status = WorkoutSession.Status.COMPLETED
    session.completed_at = max(timezone.now(), session.started_at)
    session.save(update_fields=["status", "completed_at", "updated_at"])
    names = session.session_exercises.values_list("exercise_name", flat=True)
    _history_changed(session, list(names))
    return session


@transaction.atomic
def session_discard(*, session: WorkoutSession) -> None:
    """Delete a session with its exercises and sets (a scheduled entry linked to it reverts)."""
    names = []
    if session.status == WorkoutSession.Status.COMPLETED:
        names = list(session.session_exercises.values_list("exercise_name", flat=True))
    session.delete()
    _history_changed(session, names)


def _history_changed(session: WorkoutSession, exercise_names: list[str]) -> None:
    """A completed workout is history: bring its summaries (records, charts, streak) up to
    date in this transaction. A session in progress is not history yet: nothing to do."""
    if session.status == WorkoutSession.Status.COMPLETED:
        history_summaries_refresh(
            user=session.user, exercise_keys=exercise_names, since=session.started_at
        )


def _lock_session(session_id) -> WorkoutSession:
    """Lock the session row for the rest of the transaction and mark it changed.

    Every change to a session's exercises or sets goes through here, so the session's
    `updated_at` tells the history caches (fitness/history/cache.py) that its figures moved.
    """
    WorkoutSession.objects.filter(pk=session_id).update(updated_at=timezone.now())
    return WorkoutSession.objects.select_related("user").get(pk=session_id)


@transaction.atomic
def session_exercise_add(
    *, session: WorkoutSession, exercise: Exercise, sets: int = 1
) -> WorkoutSessionExercise:
    """Append an exercise, with `sets` pre-filled rows from what was done last time."""
    session = _lock_session(session.pk)
    last = session.session_exercises.aggregate(last=Max("order_index"))["last"]
    session_exercise = WorkoutSessionExercise.objects.create(
        session=session,
        exercise=exercise,
        exercise_name=exercise.name,
        order_index=0 if last is None else last + 1,
    )
    for _ in range(sets):
        set_add(session_exercise=session_exercise)
    if not sets:
        _history_changed(session, [exercise.name])
    return session_exercise


def session_exercise_set_rest(
    *, session_exercise: WorkoutSessionExercise, rest_seconds: int
) -> WorkoutSessionExercise:
    """Keep the rest the member adjusted the timer to: the next set, and the next session
    of this exercise without a template value, start from it."""
    session_exercise.rest_seconds = rest_seconds
    session_exercise.save(update_fields=["rest_seconds"])
    return session_exercise


@transaction.atomic
def session_exercise_move(*, session_exercise: WorkoutSessionExercise, direction: str) -> None:
    session = _lock_session(session_exercise.session_id)
    rows = list(session.session_exercises.order_by("order_index", "id"))
    _save_order(WorkoutSessionExercise, _move(rows, session_exercise, direction))


@transaction.atomic
def session_exercise_superset(*, session_exercise: WorkoutSessionExercise, join: bool) -> None:
    """Put an exercise in a superset with the next one (`join`), or take it out of its own."""
    session = _lock_session(session_exercise.session_id)
    rows = list(session.session_exercises.order_by("order_index", "id"))
    groups = (_superset_join if join else _superset_leave)(rows, session_exercise)
    _save_order(WorkoutSessionExercise, rows, groups)


@transaction.atomic
def session_exercise_delete(*, session_exercise: WorkoutSessionExercise) -> None:
    session = _lock_session(session_exercise.session_id)
    session_exercise.delete()
    _save_order(WorkoutSessionExercise, list(session.session_exercises.order_by("order_index")))
    _history_changed(session, [session_exercise.exercise_name])


# --- Sets ----------------------------------------------------------------------------------


def _renumber_sets(session_exercise: WorkoutSessionExercise) -> None:
    changed = []
    for number, workout_set in enumerate(
        session_exercise.sets.order_by("set_number", "id"), start=1
    ):
        if workout_set.set_number != number:
            workout_set.set_number = number
            changed.append(workout_set)
    WorkoutSet.objects.bulk_update(changed, ["set_number"])


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
        last = selectors.last_performances(
            user=session.user, exercise_ids=[session_exercise.exercise_id], before=session
        ).get(session_exercise.exercise_id)
        same = next((s for s in last.sets if s.set_number == number), None) if last else None
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
