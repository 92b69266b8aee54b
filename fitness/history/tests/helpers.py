"""Build small, hand-checkable histories; read the charts of a page."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from decimal import Decimal

from fitness.workouts.models import WorkoutSession
from fitness.workouts.tests.factories import (
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
)


def log_session(
    user,
    started_at: datetime,
    exercises: dict[str, list[tuple]] | None = None,
    *,
    name: str = "Workout",
    minutes: int = 60,
    status: str = WorkoutSession.Status.COMPLETED,
) -> WorkoutSession:
    """`exercises`: {name: [(weight, unit, reps) or (weight, unit, reps, "warmup"), ...]};
    a set may also be a dict of WorkoutSet fields (body-weight, timed and cardio sets)."""
    session = WorkoutSessionFactory(
        user=user,
        name=name,
        started_at=started_at,
        completed_at=(
            started_at + timedelta(minutes=minutes)
            if status == WorkoutSession.Status.COMPLETED
            else None
        ),
        status=status,
    )
    for order, (exercise_name, sets) in enumerate((exercises or {}).items()):
        session_exercise = WorkoutSessionExerciseFactory(
            session=session, exercise=None, exercise_name=exercise_name, order_index=order
        )
        for number, spec in enumerate(sets, start=1):
            if isinstance(spec, dict):  # any other set: {"reps": 12} or {"duration_s": 60}
                fields = {"weight": None, "reps": None, **spec}
                WorkoutSetFactory(session_exercise=session_exercise, set_number=number, **fields)
                continue
            weight, unit, reps = spec[:3]
            WorkoutSetFactory(
                session_exercise=session_exercise,
                set_number=number,
                weight=None if weight is None else Decimal(str(weight)),
                weight_unit=unit,
                reps=reps,
                is_warmup=len(spec) > 3 and spec[3] == "warmup",
            )
    return session


def svgs(html: str) -> list[ET.Element]:
    """Every inline <svg> of a page, parsed as XML (fails when not well-formed)."""
    found, start = [], html.find("<svg")
    while start != -1:
        end = html.index("</svg>", start) + len("</svg>")
        found.append(ET.fromstring(html[start:end]))  # noqa: S314 (our own markup)
        start = html.find("<svg", end)
    return found
