"""Synthetic training histories for the demo and for benchmarks (bulk inserts).

Rows are generated as plain tuples with pre-generated UUIDs, then written with PostgreSQL's
COPY (about 20,000 sessions / 500,000 sets in seconds) or, on other databases, bulk_create.
"""

import itertools
import os
import random
import time
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from fitness.accounts.models import User
from fitness.units import LB_PER_KG
from fitness.workouts.models import (
    Exercise,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
    WorkoutTemplate,
)
from fitness.workouts.summaries.metrics import SetValues
from fitness.workouts.summaries.refresh import history_summaries_refresh

BATCH = 5000

# Rough working weights (kg) of a trained lifter at the end of the history.
BASE_KG = {
    "Back Squat": 120,
    "Front Squat": 95,
    "Deadlift": 150,
    "Romanian Deadlift": 110,
    "Bench Press": 90,
    "Incline Bench Press": 75,
    "Overhead Press": 55,
    "Barbell Row": 80,
    "Lat Pulldown": 65,
    "Dumbbell Curl": 16,
    "Triceps Pushdown": 30,
    "Leg Press": 180,
}

SESSION_COLUMNS = [
    "id", "user_id", "template_id", "name", "status", "started_at", "completed_at", "notes",
    "created_at", "updated_at",
]  # fmt: skip
EXERCISE_COLUMNS = ["id", "session_id", "exercise_id", "exercise_name", "order_index", "notes"]
SET_COLUMNS = [
    "id", "session_exercise_id", "set_number", "is_warmup", "weight", "weight_unit", "reps",
    "rpe", "notes", "distance_m", "duration_s", "set_type",
]  # fmt: skip


def _round_to_plate(weight: Decimal, unit: str) -> Decimal:
    step = Decimal("2.5") if unit == "kg" else Decimal("5")
    return (weight / step).quantize(Decimal("1")) * step


def _analyze() -> None:
    """Fresh planner statistics after a bulk load: without them PostgreSQL picks plans for
    empty tables, and the "last time" lookup of the session page crawls for minutes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (WorkoutSession, WorkoutSessionExercise, WorkoutSet):
                cursor.execute(f"ANALYZE {model._meta.db_table}")


def _write(model, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        with connection.cursor() as cursor:
            # Generated data: losing it in a crash costs nothing, waiting for the WAL flush does.
            cursor.execute("SET LOCAL synchronous_commit = off")
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    model.objects.bulk_create(
        [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=BATCH
    )


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _summaries_refresh(user: User, session_rows: list, exercise_rows: list, set_rows: list) -> None:
    """The derived summaries of the rows just written (the writers above bypass services),
    from the sets in hand rather than read back."""
    if session_rows:
        history_summaries_refresh(
            user=user,
            exercise_keys={row[3] for row in exercise_rows},
            since=min(row[5] for row in session_rows),
            written=(
                (row[1], row[2], row[0], SetValues(_decimal(row[4]), *row[5:7], row[3], *row[9:11]))
                for row in set_rows
            ),
        )


def _fast_ids(rng: random.Random):
    """Time-ordered (UUIDv7 layout) ids: cheap to make, appended at the end of the primary-key
    index instead of scattered through it (random v4 ids make bulk loads several times slower)."""
    counter = itertools.count(int(time.time() * 1000) << 12)
    variant, version = 0b10 << 62, 0x7 << 76

    def new_id() -> uuid.UUID:
        high = next(counter)  # 48-bit ms timestamp + 12-bit sequence, strictly increasing
        value = ((high >> 12) << 80) | ((high & 0xFFF) << 64) | rng.getrandbits(62)
        return uuid.UUID(int=value | variant | version)

    return new_id


@transaction.atomic
def create_synthetic_history(*, user: User, sessions: int, seed: int = 42) -> int:
    """Add `sessions` completed sessions of 4–6 exercises × 3–5 sets to `user`.

    The latest session falls within the past week, the others about four a week before it.
    Loads progress slowly over time, per exercise. Returns the number of sets created.
    """
    rng = random.Random(seed)
    new_id = _fast_ids(random.Random(os.urandom(16)))
    exercises = list(
        Exercise.objects.filter(user=None, type=Exercise.Type.STRENGTH).values_list("id", "name")
    )
    unit = user.preferred_unit
    plate = 2.5 if unit == "kg" else 5.0
    to_unit = 1.0 if unit == "kg" else float(LB_PER_KG)
    base = {exercise_id: BASE_KG.get(name, 60) * to_unit for exercise_id, name in exercises}
    rpes = [None, None, None, "7", "7.5", "8", "8.5", "9", "9.5"]
    reps_choices = [3, 5, 5, 6, 8, 8, 10, 12]
    names = ["Push", "Pull", "Legs", "Upper", "Lower", "Full body"]
    now = timezone.now()
    start = now - timedelta(days=rng.uniform(0.5, 6))
    session_rows, exercise_rows, set_rows = [], [], []
    for index in range(sessions):
        started_at = start - timedelta(days=index * 7 / 4, minutes=rng.randint(0, 120))
        completed_at = started_at + timedelta(minutes=rng.randint(40, 95))
        session_id = new_id()
        session_rows.append(
            (session_id, user.pk, None, rng.choice(names), "completed", started_at, completed_at,
             "", completed_at, completed_at)
        )  # fmt: skip
        # Progression: older sessions are lighter (down to 65 % of today's loads).
        progress = 1 - min(index / max(sessions, 1), 1) * 0.35
        for order, (exercise_id, name) in enumerate(rng.sample(exercises, rng.randint(4, 6))):
            session_exercise_id = new_id()
            exercise_rows.append((session_exercise_id, session_id, exercise_id, name, order, ""))
            top = base[exercise_id] * progress
            reps = rng.choice(reps_choices)
            for number in range(1, rng.randint(3, 5) + 1):
                warmup = number == 1 and rng.random() < 0.3
                weight = round(top * (0.6 if warmup else 1) / plate) * plate
                set_rows.append(
                    (new_id(), session_exercise_id, number, warmup, f"{weight:g}", unit,
                     reps + 2 if warmup else reps - (rng.random() < 0.3), rng.choice(rpes),
                     "", None, None, "warmup" if warmup else "normal")
                )  # fmt: skip
    _write(WorkoutSession, SESSION_COLUMNS, session_rows)
    _write(WorkoutSessionExercise, EXERCISE_COLUMNS, exercise_rows)
    _write(WorkoutSet, SET_COLUMNS, set_rows)
    _summaries_refresh(user, session_rows, exercise_rows, set_rows)
    _analyze()
    return len(set_rows)


# --- The demo member's own program ----------------------------------------------------------

PROGRAM = {
    # template name: [(exercise, sets, reps, start kg, kg added per week)]
    "Push": [
        ("Bench Press", 4, 5, 70, Decimal("1.25")),
        ("Incline Bench Press", 3, 8, 55, Decimal("0.6")),
        ("Overhead Press", 3, 6, 40, Decimal("0.6")),
        ("Triceps Pushdown", 3, 12, 22, Decimal("0.3")),
    ],
    "Pull": [
        ("Deadlift", 3, 5, 110, Decimal("2")),
        ("Barbell Row", 4, 8, 60, Decimal("0.8")),
        ("Pull-Up", 3, 8, 0, Decimal("0")),
        ("Dumbbell Curl", 3, 10, 12, Decimal("0.2")),
    ],
    "Legs": [
        ("Back Squat", 4, 5, 90, Decimal("1.5")),
        ("Romanian Deadlift", 3, 8, 70, Decimal("1")),
        ("Leg Press", 3, 10, 140, Decimal("2.5")),
        ("Plank", 3, 0, 0, Decimal("0")),
    ],
}


def create_demo_program(*, user: User, weeks: int = 26, seed: int = 7) -> list[WorkoutTemplate]:
    """Push/pull/legs templates and `weeks` of completed sessions, three a week, with a
    realistic linear progression (and the odd missed rep). Not idempotent by itself."""
    from fitness.workouts import services

    rng = random.Random(seed)
    by_name = {e.name: e for e in Exercise.objects.filter(user=None)}
    templates = []
    for name, rows in PROGRAM.items():
        template = services.template_create(
            user=user, name=name, description=f"{name} day of a push/pull/legs split."
        )
        for exercise, sets, reps, start, per_week in rows:
            # Today's targets: where the progression below has brought the member.
            target = _round_to_plate(Decimal(start) + per_week * weeks, "kg") if start else None
            services.template_exercise_add(
                template=template,
                exercise=by_name[exercise],
                target_sets=sets,
                target_reps=reps or None,
                target_weight=target,
                target_weight_unit="kg",
                rest_seconds=180 if reps and reps <= 5 else 90,
            )
        templates.append(template)

    today = timezone.localtime(timezone.now(), user.tzinfo).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    first_monday = today - timedelta(days=today.weekday() + 7 * weeks)
    session_rows, exercise_rows, set_rows = [], [], []
    for week in range(weeks + 1):
        for template, day in zip(templates, (0, 2, 4), strict=True):
            started_at: datetime = first_monday + timedelta(
                weeks=week, days=day, minutes=rng.randint(-90, 60)
            )
            if started_at > timezone.now() - timedelta(hours=3) or rng.random() < 0.07:
                continue  # the future, or a skipped workout
            completed_at = started_at + timedelta(minutes=rng.randint(50, 80))
            session_id = uuid.uuid4()
            session_rows.append(
                (session_id, user.pk, template.pk, template.name, "completed", started_at,
                 completed_at, "", completed_at, completed_at)
            )  # fmt: skip
            for order, (name, sets, reps, start, per_week) in enumerate(PROGRAM[template.name]):
                exercise = by_name[name]
                session_exercise_id = uuid.uuid4()
                exercise_rows.append(
                    (session_exercise_id, session_id, exercise.pk, name, order, "")
                )
                # Deload every 8th week.
                load = Decimal(start) + per_week * week * (Decimal("0.9") if week % 8 == 7 else 1)
                for number in range(1, sets + 1):
                    if name == "Plank":
                        duration = 45 + week * 2 + rng.randint(-5, 5)
                        set_rows.append(
                            (uuid.uuid4(), session_exercise_id, number, False, None, "kg", None,
                             None, "", None, duration, "normal")
                        )  # fmt: skip
                        continue
                    done = reps - (1 if number == sets and rng.random() < 0.25 else 0)
                    if name == "Pull-Up":
                        done = min(12, 5 + week // 4) - (number - 1) // 2
                    set_rows.append(
                        (uuid.uuid4(), session_exercise_id, number, False,
                         _round_to_plate(load, "kg") if load else None, "kg", done,
                         Decimal(rng.randrange(14, 19)) / 2 if number == sets else None,
                         "", None, None, "normal")
                    )  # fmt: skip
    _write(WorkoutSession, SESSION_COLUMNS, session_rows)
    _write(WorkoutSessionExercise, EXERCISE_COLUMNS, exercise_rows)
    _write(WorkoutSet, SET_COLUMNS, set_rows)
    _summaries_refresh(user, session_rows, exercise_rows, set_rows)
    _analyze()
    return templates
