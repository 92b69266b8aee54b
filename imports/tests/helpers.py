"""Histories with the awkward cases a CSV round trip must survive."""

import csv
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.test import Client

from fitness.accounts.models import User
from fitness.workouts.models import Exercise, WorkoutSession, WorkoutSessionExercise, WorkoutSet
from fitness.workouts.tests.factories import ExerciseFactory, system_exercise


def tricky_history(user: User) -> list[WorkoutSession]:
    """Two completed sessions (plus one in progress, never exported) of `user`."""
    bench = system_exercise("Bench Press")
    running = system_exercise("Running")
    custom = ExerciseFactory(user=user, name='=HYPERLINK("x") Row')
    first_start = datetime(2026, 3, 2, 17, 30, 15, 123456, tzinfo=UTC)
    first = WorkoutSession.objects.create(
        user=user,
        name="Push, heavy",
        status=WorkoutSession.Status.COMPLETED,
        started_at=first_start,
        completed_at=first_start + timedelta(minutes=62, seconds=30),
        notes='Felt "great"\nsecond line',
    )
    bench_row = WorkoutSessionExercise.objects.create(
        session=first,
        exercise=bench,
        exercise_name="Bench Press",
        order_index=0,
        notes="-grip",
        superset_group=1,
    )
    WorkoutSet.objects.create(
        session_exercise=bench_row,
        set_number=1,
        is_warmup=True,
        set_type="warmup",
        weight=Decimal("40"),
        reps=10,
    )
    WorkoutSet.objects.create(
        session_exercise=bench_row,
        set_number=2,
        weight=Decimal("102.5"),
        reps=5,
        rpe=Decimal("8.5"),
        notes="@home; 'paused'",
        set_type="failure",
    )
    custom_row = WorkoutSessionExercise.objects.create(
        session=first, exercise=custom, exercise_name=custom.name, order_index=3, superset_group=1
    )
    WorkoutSet.objects.create(
        session_exercise=custom_row, set_number=1, weight=Decimal("135"), weight_unit="lb", reps=8
    )
    second_start = datetime(2026, 3, 4, 6, 0, tzinfo=UTC)
    second = WorkoutSession.objects.create(
        user=user,
        name="+Cardio ünïcødé",
        status=WorkoutSession.Status.COMPLETED,
        started_at=second_start,
        completed_at=second_start + timedelta(minutes=30),
    )
    run_row = WorkoutSessionExercise.objects.create(
        session=second, exercise=running, exercise_name="Running", order_index=0
    )
    WorkoutSet.objects.create(
        session_exercise=run_row, set_number=1, distance_m=Decimal("5000"), duration_s=1500
    )
    WorkoutSession.objects.create(
        user=user,
        name="Unfinished",
        status=WorkoutSession.Status.IN_PROGRESS,
        started_at=second_start + timedelta(days=1),
    )
    return [first, second]


def export_text(client: Client, query: str = "") -> str:
    response = client.get("/data/export.csv" + query)
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content).decode()


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def counts(user: User) -> tuple[int, int, int, int]:
    return (
        WorkoutSession.objects.filter(user=user).count(),
        WorkoutSessionExercise.objects.filter(session__user=user).count(),
        WorkoutSet.objects.filter(session_exercise__session__user=user).count(),
        Exercise.objects.filter(user=user).count(),
    )


def upload(name: str, content: bytes | str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")
