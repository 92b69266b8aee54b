"""Reads for the session page: its exercise blocks and set rows with last time's sets, the
sets never ticked, and the running summary."""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from fitness.accounts.models import User
from fitness.formatting import plain_number
from fitness.links import url_filler
from fitness.units import convert, for_display
from fitness.workouts.models import (
    SetType,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
    superset_label,
)
from fitness.workouts.selectors.exercises import KIND_CARDIO, KIND_TIMED, KIND_WEIGHT, exercise_kind
from fitness.workouts.selectors.last_time import (
    DEFAULT_REST_SECONDS,
    _last_rest_seconds,
    _last_session_exercise_id,
    _sets_by_session_exercise,
    describe_set,
    last_sets,
    top_set,
)


def sessions_in_progress(*, user: User) -> QuerySet[WorkoutSession]:
    return WorkoutSession.objects.filter(
        user=user, status=WorkoutSession.Status.IN_PROGRESS
    ).order_by("-started_at")


@dataclass
class SetRow:
    """One set as the session page shows it: values in the member's unit, ready for inputs."""

    workout_set: WorkoutSet
    number: int | str = 0
    weight: str = ""
    reps: str = ""
    rpe: str = ""
    notes: str = ""
    distance_km: str = ""
    duration: str = ""
    set_type: str = SetType.NORMAL
    last: str = ""  # the same set last time, "80 × 5"
    url: str = ""  # where the row saves; + "delete/" deletes it
    errors: list[str] = field(default_factory=list)

    @property
    def id(self):
        return self.workout_set.id

    @property
    def is_planned(self) -> bool:
        return self.workout_set.is_planned

    @property
    def type_options(self) -> str:
        """The set-type <option>s, this row's selected (rendered once per type, not per row)."""
        return SET_TYPE_OPTIONS.get(self.set_type, SET_TYPE_OPTIONS[SetType.NORMAL])

    @property
    def type_button(self) -> str:
        return _type_button(self.number, self.set_type)

    @property
    def last_html(self) -> str:
        return _last_html(self.number, self.last) if self.last else ""


# The set-number button (one tap changes the set type) and "last 80 × 5" as markup, built in
# Python and kept per (number, value): the session page's ~50 rows are benched, and rows of
# different exercises share them.
@lru_cache(maxsize=2048)
def _type_button(number: int | str, set_type: str) -> str:
    return format_html(
        '<button type="button" class="set-num set-type-{}" data-set-type-button '
        'aria-label="Set {}, {}: change set type" title="Set type: tap to change">{}</button>',
        set_type,
        number,
        SET_TYPE_NAMES.get(set_type, "normal"),
        SET_TYPE_LETTERS.get(set_type) or number,
    )


@lru_cache(maxsize=2048)
def _last_html(number: int | str, last: str) -> str:
    return format_html(
        '<p class="set-last small muted" data-set-last>'
        '<span class="visually-hidden">Set {} </span>last {}</p>',
        number,
        last,
    )


SET_TYPE_LETTERS = {SetType.WARMUP: "W", SetType.DROP: "D", SetType.FAILURE: "F"}
SET_TYPE_NAMES = {value: label.lower() for value, label in SetType.choices}
SET_TYPE_OPTIONS = {
    selected: mark_safe(  # noqa: S308 (fixed choices, escaped here)
        "".join(
            format_html(
                '<option value="{}"{}>{}</option>',
                value,
                mark_safe(" selected") if value == selected else "",
                label,
            )
            for value, label in SetType.choices
        )
    )
    for selected in SetType.values
}
# The row the browser copies for a set it adds (ids and number replaced in JS).
NEW_ROW_ID = uuid.UUID(int=0)
NEW_BLOCK_ID = uuid.UUID(int=1)
NEW_ROW_NUMBER = "__N__"


def _minutes_or_seconds(duration: int | None, kind: str) -> str:
    if duration is None:
        return ""
    if kind == KIND_TIMED:
        return str(duration)
    return plain_number((Decimal(duration) / 60).quantize(Decimal("0.1")))


def set_urls(session_id) -> Callable[[object], str]:
    """url(set_id) -> a set row's URL, one reverse() for the page's rows."""
    return url_filler("workouts:set_update", session_id, placeholder=NEW_ROW_ID)


def _km(distance_m) -> str:
    if distance_m is None:
        return ""
    return plain_number((Decimal(distance_m) / 1000).quantize(Decimal("0.001")))


def set_row(workout_set: WorkoutSet, unit: str, kind: str, last: str = "", url=None) -> SetRow:
    """`url`: set_urls() of the session, when the caller makes many rows."""
    url = url or set_urls(workout_set.session_exercise.session_id)
    return SetRow(
        workout_set=workout_set,
        url=url(workout_set.id),
        number=workout_set.set_number,
        weight=plain_number(for_display(workout_set.weight, workout_set.weight_unit, unit)),
        reps="" if workout_set.reps is None else str(workout_set.reps),
        rpe=plain_number(workout_set.rpe),
        notes=workout_set.notes,
        distance_km=_km(workout_set.distance_m),
        duration=_minutes_or_seconds(workout_set.duration_s, kind),
        set_type=workout_set.set_type,
        last=last,
    )


def _last_entries(sets: list[WorkoutSet], unit: str, kind: str) -> list[dict]:
    """Last time's sets for the rows and for the browser (JSON): each set's values as the
    inputs take them, its type, and its text in a row: "80 × 5" (the unit is in the column
    head), "60 s", "5 km · 25 min"."""
    entries = []
    for s in sets:
        entry = {"number": s.set_number, "set_type": s.set_type}
        if kind == KIND_WEIGHT:
            weight = plain_number(for_display(s.weight, s.weight_unit, unit))
            reps = "" if s.reps is None else str(s.reps)
            entry.update(weight=weight, reps=reps)
            text = f"{weight} × {reps}" if weight and reps else weight or f"{reps or 0} reps"
        else:
            entry["duration"] = _minutes_or_seconds(s.duration_s, kind)
            if kind == KIND_CARDIO:
                entry["distance_km"] = _km(s.distance_m)
            text = describe_set(s, unit, kind)
        entry["text"] = text
        entries.append(entry)
    return entries


@dataclass
class ExerciseBlock:
    session_exercise: WorkoutSessionExercise
    kind: str
    rows: list[SetRow]
    last: str = ""
    last_json: str = "[]"
    is_first: bool = False
    is_last: bool = False
    joined_with_next: bool = False  # already in one superset with the next exercise
    urls: dict[str, str] = field(default_factory=dict)  # its forms' targets: block_urls()

    @property
    def id(self):
        return self.session_exercise.id

    @property
    def rest_seconds(self) -> int:
        """The rest timer's start: this session's value (from the template or adjusted),
        else the member's last used rest for the exercise, else 90 s."""
        session_exercise = self.session_exercise
        if session_exercise.rest_seconds is not None:
            return session_exercise.rest_seconds
        last = getattr(session_exercise, "last_rest", None)
        return DEFAULT_REST_SECONDS if last is None else last

    @property
    def done_count(self) -> int:
        return sum(1 for row in self.rows if not row.is_planned)

    @property
    def superset_label(self) -> str:
        return superset_label(self.session_exercise.superset_group)

    @property
    def new_rows(self) -> list[SetRow]:
        """An empty planned row for the browser to copy when it adds a set itself."""
        blank = WorkoutSet(id=NEW_ROW_ID, set_number=1, is_planned=True)
        url = reverse("workouts:set_update", args=[self.session_exercise.session_id, NEW_ROW_ID])
        return [SetRow(workout_set=blank, number=NEW_ROW_NUMBER, url=url)]


# Where a block's forms post, by name in the template: block.urls.move, ...
BLOCK_URL_NAMES = {
    "move": "workouts:session_exercise_move",
    "remove": "workouts:session_exercise_delete",
    "add_set": "workouts:set_add",
    "rest": "workouts:session_exercise_rest",
    "superset": "workouts:session_exercise_superset",
}


def block_urls(session_id) -> Callable[[object], dict[str, str]]:
    """urls(session_exercise_id) -> a block's URLs, each name reversed once a page rather than
    per block in the template (5 × 12 reverse() were ~5% of the page)."""
    fills = {
        name: url_filler(view, session_id, placeholder=NEW_BLOCK_ID)
        for name, view in BLOCK_URL_NAMES.items()
    }
    return lambda session_exercise_id: {
        name: fill(session_exercise_id) for name, fill in fills.items()
    }


def blank_blocks(session: WorkoutSession) -> list[ExerciseBlock]:
    """One block per kind of exercise, holding the blank row the browser copies to add a set
    (the block's id is a placeholder too): three rows a page, not one per exercise."""
    placeholder = WorkoutSessionExercise(id=NEW_BLOCK_ID, session_id=session.pk)
    return [
        ExerciseBlock(session_exercise=placeholder, kind=kind, rows=[])
        for kind in (KIND_WEIGHT, KIND_TIMED, KIND_CARDIO)
    ]


def _by_number(sets: list[WorkoutSet]) -> dict[int, WorkoutSet]:
    return {s.set_number: s for s in sets}


def session_blocks(*, session: WorkoutSession, user: User, only_id=None) -> list[ExerciseBlock]:
    """The exercises of a session with their sets and last time's sets (3 queries)."""
    unit = user.preferred_unit
    session_exercises = list(
        session.session_exercises.filter(**({"pk": only_id} if only_id else {}))
        .select_related("exercise")
        .annotate(
            last_id=_last_session_exercise_id(user_id=session.user_id, before=session.started_at),
            last_rest=_last_rest_seconds(user_id=session.user_id),
        )
        .order_by("order_index", "id")
    )
    # One plain query rather than prefetch_related("sets"): the same rows for half the CPU.
    sets = _sets_by_session_exercise([se.pk for se in session_exercises], done_only=False)
    previous = _sets_by_session_exercise([se.last_id for se in session_exercises])
    # Where each block stands among all the session's exercises (a block rendered on its own
    # still knows whether it is first, last or joined with the next one).
    order = (
        list(
            session.session_exercises.order_by("order_index", "id").values_list(
                "pk", "superset_group"
            )
        )
        if only_id
        else [(se.pk, se.superset_group) for se in session_exercises]
    )
    position_of = {pk: position for position, (pk, _group) in enumerate(order)}
    groups = [group for _pk, group in order] + [None]
    row_urls = set_urls(session.pk)
    urls = block_urls(session.pk)
    blocks = []
    for session_exercise in session_exercises:
        position = position_of[session_exercise.pk]
        kind = exercise_kind(session_exercise.exercise.type if session_exercise.exercise else None)
        last_sets = previous.get(session_exercise.last_id, [])
        entries = _last_entries(last_sets, unit, kind)
        texts = {entry["number"]: entry["text"] for entry in entries}
        best = top_set(last_sets)
        blocks.append(
            ExerciseBlock(
                session_exercise=session_exercise,
                kind=kind,
                rows=[
                    set_row(s, unit, kind, texts.get(s.set_number, ""), row_urls)
                    for s in sets[session_exercise.pk]
                ],
                last=describe_set(best, unit, kind) if best else "",
                last_json=json.dumps(entries),
                is_first=position == 0,
                is_last=position == len(order) - 1,
                urls=urls(session_exercise.pk),
                joined_with_next=groups[position] is not None
                and groups[position] == groups[position + 1],
            )
        )
    return blocks


def set_row_for_page(workout_set: WorkoutSet, session: WorkoutSession, unit: str) -> SetRow:
    """One set's row with the same set last time (2 queries), for a row saved on its own."""
    session_exercise = workout_set.session_exercise
    kind = exercise_kind(session_exercise.exercise.type if session_exercise.exercise else None)
    last = None
    if session_exercise.exercise_id:
        sets = last_sets(exercise_ids=[session_exercise.exercise_id], before=session)
        last = _by_number(sets.get(session_exercise.exercise_id, [])).get(workout_set.set_number)
    text = _last_entries([last], unit, kind)[0]["text"] if last else ""
    return set_row(workout_set, unit, kind, text)


@dataclass
class UntickedExercise:
    name: str
    numbers: list[int]

    def __str__(self) -> str:
        return f"{self.name} set{'s' if len(self.numbers) > 1 else ''} " + ", ".join(
            str(n) for n in self.numbers
        )


def unticked_sets(session: WorkoutSession) -> list[UntickedExercise]:
    """The planned sets never ticked, per exercise in order (1 query): what Finish drops."""
    grouped: dict = {}
    rows = (
        WorkoutSet.objects.filter(session_exercise__session=session, is_planned=True)
        .order_by("session_exercise__order_index", "session_exercise_id", "set_number")
        .values_list("session_exercise_id", "session_exercise__exercise_name", "set_number")
    )
    for session_exercise_id, name, number in rows:
        grouped.setdefault(session_exercise_id, UntickedExercise(name, [])).numbers.append(number)
    return list(grouped.values())


def session_summary(session: WorkoutSession, blocks: list[ExerciseBlock], unit: str) -> dict:
    """Sets done and volume (working sets, in the member's unit) from already loaded blocks."""
    volume = Decimal(0)
    done = 0
    for block in blocks:
        for row in block.rows:
            s = row.workout_set
            if s.is_planned:
                continue
            done += 1
            if not s.is_warmup and s.weight is not None and s.reps:
                volume += convert(s.weight, s.weight_unit, unit) * s.reps
    return {"sets_done": done, "volume": plain_number(volume.quantize(Decimal("1")))}


def logged_set_count(session: WorkoutSession) -> int:
    """Sets the member ticked in this workout (planned ones do not count)."""
    return WorkoutSet.objects.filter(session_exercise__session=session, is_planned=False).count()
