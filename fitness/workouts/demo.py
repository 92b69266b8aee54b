"""Synthetic training histories for the demo and for benchmarks (bulk inserts)."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fitness.accounts.models import User
from fitness.workouts.models import Exercise, WorkoutSession, WorkoutSessionExercise, WorkoutSet

BATCH = 5000


@transaction.atomic
def create_synthetic_history(*, user: User, sessions: int, seed: int = 42) -> int:
    """Add `sessions` completed sessions of 4–6 exercises × 3–5 sets to `user`.

    The latest session falls within the past week, the others about four a week before it.
    Returns the number of sets created.
    """
    rng = random.Random(seed)
    exercises = list(Exercise.objects.filter(user=None, type=Exercise.Type.STRENGTH))
    now = timezone.now()
    start = now - timedelta(days=rng.uniform(0.5, 6))
    session_rows, exercise_rows, set_rows = [], [], []
    for index in range(sessions):
        started_at = start - timedelta(days=index * 7 / 4, minutes=rng.randint(0, 120))
        session = WorkoutSession(
            user=user,
            name=rng.choice(["Push", "Pull", "Legs", "Upper", "Lower", "Full body"]),
            status=WorkoutSession.Status.COMPLETED,
            started_at=started_at,
            completed_at=started_at + timedelta(minutes=rng.randint(40, 95)),
        )
        session_rows.append(session)
        # Progression: loads grow slowly over time (older sessions are lighter).
        progress = 1 - min(index / max(sessions, 1), 1) * 0.35
        for order, exercise in enumerate(rng.sample(exercises, rng.randint(4, 6))):
            session_exercise = WorkoutSessionExercise(
                session=session, exercise=exercise, exercise_name=exercise.name, order_index=order
            )
            exercise_rows.append(session_exercise)
            base = Decimal(rng.randrange(40, 140, 5)) * Decimal(str(round(progress, 2)))
            for number in range(1, rng.randint(3, 5) + 1):
                set_rows.append(
                    WorkoutSet(
                        session_exercise=session_exercise,
                        set_number=number,
                        is_warmup=number == 1 and rng.random() < 0.3,
                        weight=(base / Decimal("2.5")).quantize(Decimal("1")) * Decimal("2.5"),
                        weight_unit=user.preferred_unit,
                        reps=rng.randint(3, 12),
                        rpe=Decimal(rng.randrange(12, 20)) / 2 if rng.random() < 0.5 else None,
                    )
                )
    WorkoutSession.objects.bulk_create(session_rows, batch_size=BATCH)
    WorkoutSessionExercise.objects.bulk_create(exercise_rows, batch_size=BATCH)
    WorkoutSet.objects.bulk_create(set_rows, batch_size=BATCH)
    return len(set_rows)
