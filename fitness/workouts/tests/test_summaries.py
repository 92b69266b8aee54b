"""The derived history summaries stay equal to a rebuild from the sets, whatever the writes."""

import io
import os
import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fitness.workouts import services
from fitness.workouts.models import (
    ExercisePeriod,
    ExerciseSessionStats,
    ExerciseSummary,
    WorkoutSession,
    WorkoutSet,
    WorkoutWeek,
)
from fitness.workouts.tests.factories import system_exercise
from imports.parsers.native import COLUMNS
from imports.services import import_file

pytestmark = pytest.mark.django_db

EXERCISES = ["Bench Press", "Back Squat", "Pull-Up", "Plank", "Running"]
START = datetime(2024, 1, 1, 7, tzinfo=UTC)
SEEDS = [int(s) for s in os.environ.get("SUMMARY_SEEDS", "1,2,3,4,5,6").split(",")]


def snapshot(user) -> dict:
    """Every derived row of the member, as comparable values (ids of the rows left out)."""
    return {
        "stats": sorted(
            (
                r.exercise_key,
                str(r.session_id),
                r.started_at,
                r.kind,
                r.ordinal,
                r.score,
                r.stats,
                r.records,
                r.record_count,
            )
            for r in ExerciseSessionStats.objects.filter(user=user)
        ),
        "summaries": sorted(
            (
                s.exercise_key,
                s.kind,
                s.last_done,
                str(s.last_session_id),
                s.workout_count,
                s.first_done,
                s.bests,
                s.reps_at,
            )
            for s in ExerciseSummary.objects.filter(user=user)
        ),
        "periods": sorted(
            ExercisePeriod.objects.filter(user=user).values_list(
                "exercise_key",
                "grain",
                "start",
                "workouts",
                "e1rm",
                "top_weight",
                "top_reps",
                "heaviest",
                "volume",
                "most_reps",
                "duration",
                "distance",
                "pace",
            )
        ),
        "weeks": sorted(
            WorkoutWeek.objects.filter(user=user).values_list("week", "workouts", "streak")
        ),
    }


def _set_values(rng: random.Random, name: str) -> dict:
    if name == "Pull-Up":
        return {"weight": None, "weight_unit": "kg", "reps": rng.randint(3, 15)}
    if name == "Plank":
        return {
            "weight": None,
            "weight_unit": "kg",
            "reps": None,
            "duration_s": rng.randint(20, 120),
        }
    if name == "Running":
        return {
            "weight": None, "weight_unit": "kg", "reps": None,
            "distance_m": Decimal(rng.randint(10, 60) * 100), "duration_s": rng.randint(600, 2400),
        }  # fmt: skip
    unit = rng.choice(["kg", "kg", "lb"])
    return {
        "weight": Decimal(rng.randint(16, 60) * (5 if unit == "lb" else 2.5)).quantize(
            Decimal("0.01")
        ),
        "weight_unit": unit,
        "reps": rng.randint(1, 12),
        "set_type": "warmup" if rng.random() < 0.15 else rng.choice(["normal", "drop"]),
    }


def _log_workout(rng: random.Random, user, started_at: datetime) -> WorkoutSession:
    session = services.session_start(user=user, name="Random")
    # Logged later than it happened (a workout typed in afterwards): out of date order.
    WorkoutSession.objects.filter(pk=session.pk).update(started_at=started_at)
    session.refresh_from_db()
    for name in rng.sample(EXERCISES, rng.randint(1, 3)):
        block = services.session_exercise_add(
            session=session, exercise=system_exercise(name), sets=rng.randint(1, 3)
        )
        for workout_set in block.sets.all():
            services.set_update(workout_set=workout_set, **_set_values(rng, name))
    return services.session_finish(session=session)


def _import(rng: random.Random, user, count: int) -> None:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS)
    writer.writeheader()
    for n in range(count):
        started = START + timedelta(days=rng.randint(0, 400), hours=n)
        for order, name in enumerate(rng.sample(["Bench Press", "Back Squat", "Deadlift"], 2)):
            for number in range(1, rng.randint(2, 4)):
                weight = str(60 + 5 * rng.randint(0, 10))
                writer.writerow(
                    {
                        "date": started.date().isoformat(),
                        "session_name": f"Imported {n}",
                        "exercise_name": name,
                        "set_number": number,
                        "weight": weight,
                        "weight_unit": "kg",
                        "reps": rng.randint(1, 10),
                        "started_at": started.isoformat(),
                        "exercise_order": order,
                    }
                )
    import_file(user=user, fileobj=io.BytesIO(out.getvalue().encode()))


def _completed_sets(user):
    return list(
        WorkoutSet.objects.filter(
            session_exercise__session__user=user, session_exercise__session__status="completed"
        ).select_related("session_exercise")
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_live_summaries_equal_a_rebuild_after_random_logging_editing_deleting_importing(
    owner, seed
):
    rng = random.Random(seed)
    for _ in range(30):
        action = rng.random()
        completed = list(WorkoutSession.objects.filter(user=owner, status="completed"))
        sets = _completed_sets(owner)
        if action < 0.45 or not completed or not sets:
            _log_workout(
                rng, owner, START + timedelta(days=rng.randint(0, 400), hours=rng.randint(0, 12))
            )
        elif action < 0.6:
            workout_set = rng.choice(sets)
            name = workout_set.session_exercise.exercise_name
            services.set_update(workout_set=workout_set, **_set_values(rng, name))
        elif action < 0.7:
            services.set_delete(workout_set=rng.choice(sets))
        elif action < 0.78:
            session = rng.choice(completed)
            block = session.session_exercises.first()
            if block is not None:
                new_set = services.set_add(session_exercise=block)
                services.set_update(workout_set=new_set, **_set_values(rng, block.exercise_name))
        elif action < 0.85:
            block = rng.choice(completed).session_exercises.first()
            if block is not None:
                services.session_exercise_delete(session_exercise=block)
        elif action < 0.92:
            services.session_discard(session=rng.choice(completed))
        else:
            _import(rng, owner, rng.randint(1, 4))
    live = snapshot(owner)
    assert live["stats"] and live["summaries"] and live["periods"] and live["weeks"]
    assert any(row[-1] for row in live["stats"]), "the random history broke no record"
    call_command("rebuild_history_summaries", "--user", owner.email, stdout=io.StringIO())
    rebuilt = snapshot(owner)
    for part in live:  # the rows that differ, to read in a failure
        before, after = set(map(repr, live[part])), set(map(repr, rebuilt[part]))
        assert (part, before - after) == (part, after - before)
    assert rebuilt == live


def test_rebuild_missing_fills_members_without_summaries(owner, friend):
    _log_workout(random.Random(3), owner, START)
    ExerciseSummary.objects.all().delete()
    WorkoutWeek.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_history_summaries", "--missing", stdout=out)
    assert "1 member(s)" in out.getvalue()
    assert ExerciseSummary.objects.filter(user=owner).exists()


def test_logging_a_set_in_a_workout_in_progress_touches_no_summary(owner):
    session = services.session_start(user=owner)
    block = services.session_exercise_add(session=session, exercise=system_exercise("Bench Press"))
    workout_set = block.sets.get()
    with CaptureQueriesContext(connection) as queries:
        services.set_update(workout_set=workout_set, weight=Decimal(100), weight_unit="kg", reps=5)
    derived = ("exercise_session_stats", "exercise_summaries", "exercise_periods", "workout_weeks")
    assert not any(table in q["sql"] for q in queries for table in derived)
    assert not ExerciseSessionStats.objects.exists()
    services.session_finish(session=session)
    assert ExerciseSummary.objects.get(user=owner).bests["heaviest"]["value"] == 100


def test_finishing_shows_the_records_broken(owner, owner_client):
    def workout(weight, reps):
        session = services.session_start(user=owner)
        block = services.session_exercise_add(
            session=session, exercise=system_exercise("Bench Press")
        )
        services.set_update(
            workout_set=block.sets.get(), weight=Decimal(weight), weight_unit="kg", reps=reps
        )
        return session

    first = workout(100, 5)
    owner_client.post(f"/sessions/{first.pk}/finish/")
    assert "new personal record" not in owner_client.get(f"/sessions/{first.pk}/").text
    second = workout(105, 5)
    response = owner_client.post(f"/sessions/{second.pk}/finish/", follow=True)
    text = response.text
    assert "3 new personal records" in text
    assert "Heaviest weight" in text and "105 kg" in text and "was 100 kg" in text
    assert "Best estimated 1RM" in text and "122.5 kg" in text
    detail = owner_client.get(f"/history/{second.pk}/").text
    assert "3 new personal records" in detail
    history = owner_client.get("/history/").text
    assert history.count('title="Personal record">PR<') == 1


def test_a_bulk_history_written_by_copy_equals_one_written_by_bulk_create(owner, monkeypatch):
    from demo.workouts import create_synthetic_history
    from fitness.workouts.summaries import refresh

    create_synthetic_history(user=owner, sessions=60)  # ~300 rows: COPY on PostgreSQL
    copied = snapshot(owner)
    assert len(copied["stats"]) > refresh.COPY_FROM
    monkeypatch.setattr(refresh, "COPY_FROM", 10**9)
    refresh.history_summaries_rebuild(user=owner)
    assert snapshot(owner) == copied


def _tied_import_rows(rng: random.Random, count: int) -> list[dict]:
    """Native rows of `count` workouts over the dates of a logged history: an exercise twice
    in one workout, set numbers repeated with equal best figures from different sets (whose
    detail depends on the sets' order), warm-ups, lb, bodyweight, timed and cardio sets."""
    tied = [("90", 10), ("100", 6), ("60", 30), ("100", 6), ("120", 1)]  # e1RM 120 or ~124
    rows = []
    for n in range(count):
        started = START + timedelta(days=rng.randint(0, 400), hours=rng.randint(0, 23))
        session = {"date": started.date().isoformat(), "session_name": f"Tied {n}",
                   "started_at": started.isoformat()}  # fmt: skip
        blocks = [("Bench Press", 0), ("Back Squat", 1), ("Bench Press", 2)]
        for name, order in blocks[: rng.randint(1, 3)]:
            for _ in range(rng.randint(1, 4)):
                weight, reps = rng.choice(tied)
                rows.append(
                    session | {"exercise_name": name, "exercise_order": order,
                               "set_number": rng.randint(1, 2), "weight": weight,
                               "weight_unit": rng.choice(["kg", "kg", "lb"]), "reps": reps,
                               "is_warmup": "true" if rng.random() < 0.1 else "false"}
                )  # fmt: skip
        other = rng.choice(["Pull-Up", "Plank", "Running"])
        values = _set_values(rng, other)
        rows.append(
            session | {"exercise_name": other, "exercise_order": 3, "set_number": 1,
                       "reps": values.get("reps") or "", "duration_s": values.get("duration_s", ""),
                       "distance_m": values.get("distance_m", "")}
        )  # fmt: skip
    return rows


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_an_import_amid_a_logged_history_equals_a_rebuild(owner, seed):
    """The importer hands its sets to the refresh instead of letting it read them back: the
    imported workouts' figures, and the logged ones' around them, are a rebuild's."""
    import csv

    rng = random.Random(seed)
    for _ in range(8):
        _log_workout(rng, owner, START + timedelta(days=rng.randint(0, 400)))
    for _ in range(2):  # the second import lands before, between and after the first one
        out = io.StringIO()
        writer = csv.DictWriter(out, COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(_tied_import_rows(rng, 25))
        import_file(user=owner, fileobj=io.BytesIO(out.getvalue().encode()))
    live = snapshot(owner)
    assert any(row[-1] for row in live["stats"]), "the imports broke no record"
    call_command("rebuild_history_summaries", "--user", owner.email, stdout=io.StringIO())
    rebuilt = snapshot(owner)
    for part in live:
        before, after = set(map(repr, live[part])), set(map(repr, rebuilt[part]))
        assert (part, before - after) == (part, after - before)
    assert rebuilt == live
