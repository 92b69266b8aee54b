"""Hand-computed volume, e1RM, bests and records, in kg, lb and mixed; warm-ups excluded."""

from datetime import UTC, datetime

import pytest

from fitness.history import progress, selectors
from fitness.history.tests.helpers import log_session
from fitness.workouts.models import ExerciseSessionStats, ExerciseSummary

pytestmark = pytest.mark.django_db

DAY1 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
DAY2 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
DAY3 = datetime(2025, 3, 17, 9, 0, tzinfo=UTC)
DAY4 = datetime(2025, 3, 24, 9, 0, tzinfo=UTC)

# 60×10 warm-up (ignored), 100×5, 100×5, 90×8:
#   volume = 500 + 500 + 720 = 1720; e1RM = max(100 × 35/30, 90 × 38/30) = 116.667;
#   heaviest 100; best set volume 720 (90 × 8; the warm-up's 600 does not count).
BENCH_SETS = [(60, None, 10, "warmup"), (100, None, 5), (100, None, 5), (90, None, 8)]


def sets_in(unit):
    return [(w, unit, r, *rest) for w, _, r, *rest in BENCH_SETS]


def bests_by_label(user, name):
    page = progress.exercise_progress(user=user, name=name, range_key="all")
    return {best.label: best for best in page.bests}


def records_of(session, name):
    return ExerciseSessionStats.objects.get(session=session, exercise_key=name).records


@pytest.mark.parametrize("unit", ["kg", "lb"])
def test_single_unit_volume_e1rm_and_bests(owner, unit):
    owner.preferred_unit = unit
    owner.save()
    session = log_session(owner, DAY1, {"Bench Press": sets_in(unit)})

    listed = selectors.completed_sessions(user=owner).get()
    assert listed.volume == pytest.approx(1720)
    assert listed.exercise_count == 1

    bests = bests_by_label(owner, "Bench Press")
    assert bests["Best estimated 1RM"].value == f"116.7 {unit}"
    assert bests["Best estimated 1RM"].detail == f"100 {unit} × 5"
    assert bests["Heaviest weight"].value == f"100 {unit}"
    assert bests["Best set volume"].value == f"720 {unit}"
    assert all(best.session_id == str(session.pk) for best in bests.values())
    page = progress.exercise_progress(user=owner, name="Bench Press", range_key="all")
    assert [(top.detail, top.value) for top in page.top] == [(f"100 {unit} × 5", f"116.7 {unit}")]
    assert page.workout_count == 1
    (period,) = [p for p in page.periods if p.workouts]
    assert period.volume * (1 if unit == "kg" else 2.20462262185) == pytest.approx(1720)


def test_warmups_count_in_no_figure(owner):
    log_session(owner, DAY1, {"Squat": [(200, "kg", 20, "warmup"), (100, "kg", 3)]})
    bests = bests_by_label(owner, "Squat")
    assert bests["Heaviest weight"].value == "100 kg"
    assert bests["Best estimated 1RM"].value == "110 kg"  # 100 × (1 + 3/30)
    assert bests["Best set volume"].value == "300 kg"
    (row,) = progress.progress_overview(user=owner)
    assert (row.best.detail, row.best.value) == ("100 kg × 3", "110 kg")
    assert selectors.completed_sessions(user=owner).get().volume == pytest.approx(300)


def test_mixed_units_in_kg(owner):
    # 225 lb = 225 × 0.45359237 = 102.0583 kg; e1RM 102.0583 × 35/30 = 119.0680 kg.
    first = log_session(owner, DAY1, {"Deadlift": [(100, "kg", 5)]})
    second = log_session(owner, DAY2, {"Deadlift": [(225, "lb", 5)]})
    both = log_session(owner, DAY3, {"Deadlift": [(100, "kg", 5), (225, "lb", 5)]})

    volumes = {s.pk: s.volume for s in selectors.completed_sessions(user=owner)}
    assert volumes[first.pk] == pytest.approx(500)
    assert volumes[second.pk] == pytest.approx(510.2914, abs=1e-3)
    assert volumes[both.pk] == pytest.approx(1010.2914, abs=1e-3)

    summary = ExerciseSummary.objects.get(user=owner, exercise_key="Deadlift")
    assert summary.bests["heaviest"]["value"] == pytest.approx(102.0583, abs=1e-3)
    # The best dates from the first session that reached it.
    assert summary.bests["heaviest"]["session"] == str(second.pk)
    assert summary.bests["e1rm"]["value"] == pytest.approx(119.0680, abs=1e-3)
    assert summary.workout_count == 3
    bests = bests_by_label(owner, "Deadlift")
    assert bests["Best estimated 1RM"].value == "119.1 kg"
    assert bests["Heaviest weight"].at == second.started_at


def test_mixed_units_in_lb(owner):
    # 100 kg = 220.4623 lb; e1RM 220.4623 × 35/30 = 257.2060 lb.
    owner.preferred_unit = "lb"
    owner.save()
    log_session(owner, DAY1, {"Deadlift": [(100, "kg", 5), (200, "lb", 5)]})
    session = selectors.completed_sessions(user=owner).get()
    assert session.volume == pytest.approx(1102.3113 + 1000, abs=1e-3)
    bests = bests_by_label(owner, "Deadlift")
    assert bests["Heaviest weight"].value == "220.5 lb"
    assert bests["Best estimated 1RM"].value == "257.2 lb"
    assert bests["Best set volume"].value == "1,102 lb"


def test_each_best_dated_by_its_own_session(owner):
    heavy = log_session(owner, DAY1, {"Row": [(120, "kg", 1)]})  # e1RM 124, set volume 120
    volume = log_session(owner, DAY2, {"Row": [(50, "kg", 20)]})  # e1RM 83.3, set volume 1000
    e1rm = log_session(owner, DAY3, {"Row": [(110, "kg", 5)]})  # e1RM 128.3, set volume 550
    bests = bests_by_label(owner, "Row")
    assert bests["Heaviest weight"].session_id == str(heavy.pk)
    assert bests["Best set volume"].session_id == str(volume.pk)
    assert bests["Best estimated 1RM"].session_id == str(e1rm.pk)
    assert bests["Best estimated 1RM"].value == "128.3 kg"


def test_records_broken_by_each_workout(owner):
    first = log_session(owner, DAY1, {"Bench Press": [(100, "kg", 5)]})
    heavier = log_session(owner, DAY2, {"Bench Press": [(105, "kg", 5)]})
    more_reps = log_session(owner, DAY3, {"Bench Press": [(100, "kg", 8)]})
    same = log_session(owner, DAY4, {"Bench Press": [(100, "kg", 8)]})
    assert records_of(first, "Bench Press") == []  # a first time breaks nothing
    assert {
        r["metric"]: (r["value"], r["previous"]) for r in records_of(heavier, "Bench Press")
    } == {
        "heaviest": (105, 100),
        "e1rm": (pytest.approx(122.5), pytest.approx(116.6667, abs=1e-3)),
        "set_volume": (525, 500),
    }
    metrics = {r["metric"]: r for r in records_of(more_reps, "Bench Press")}
    assert set(metrics) == {"e1rm", "set_volume", "reps_at"}
    assert (metrics["reps_at"]["weight"], metrics["reps_at"]["value"]) == (100, 8)
    assert metrics["reps_at"]["previous"] == 5
    assert records_of(same, "Bench Press") == []  # equalling a record breaks nothing
    rows = {s.pk: bool(s.has_records) for s in selectors.completed_sessions(user=owner)}
    assert rows == {first.pk: False, heavier.pk: True, more_reps.pk: True, same.pk: False}


def test_body_weight_timed_and_cardio_exercises_get_their_own_bests_and_records(owner):
    log_session(
        owner,
        DAY1,
        {
            "Pull-Up": [{"reps": 8}, {"reps": 6}],
            "Plank": [{"duration_s": 60}],
            "Run": [{"distance_m": 5000, "duration_s": 1500}],  # 5:00 /km
        },
    )
    later = log_session(
        owner,
        DAY2,
        {
            "Pull-Up": [{"reps": 10}],
            "Plank": [{"duration_s": 90}],
            "Run": [{"distance_m": 6000, "duration_s": 1740}],  # 4:50 /km
        },
    )
    assert bests_by_label(owner, "Pull-Up")["Most reps in a set"].value == "10 reps"
    assert bests_by_label(owner, "Plank")["Longest time"].value == "1 min 30 s"
    run = bests_by_label(owner, "Run")
    assert (run["Longest distance"].value, run["Best pace"].value) == ("6 km", "4:50 /km")
    assert [r["metric"] for r in records_of(later, "Pull-Up")] == ["most_reps"]
    assert [r["metric"] for r in records_of(later, "Plank")] == ["duration"]
    assert [r["metric"] for r in records_of(later, "Run")] == ["distance", "pace"]
    kinds = {row.name: row.kind for row in progress.progress_overview(user=owner)}
    assert kinds == {"Plank": "timed", "Pull-Up": "bodyweight", "Run": "cardio"}


def test_history_survives_exercise_deletion(owner):
    from fitness.workouts.summaries.refresh import history_summaries_refresh
    from fitness.workouts.tests.factories import ExerciseFactory, WorkoutSessionExerciseFactory

    exercise = ExerciseFactory(user=owner, name="Landmine Press")
    session = log_session(owner, DAY1, {})
    WorkoutSessionExerciseFactory(session=session, exercise=exercise, exercise_name=exercise.name)
    history_summaries_refresh(user=owner, exercise_keys=[exercise.name], since=DAY1)
    exercise.delete()
    assert [s.name for s in progress.progress_overview(user=owner)] == ["Landmine Press"]


def test_in_progress_and_other_members_sessions_are_left_out(owner, outsider):
    log_session(owner, DAY1, {"Squat": [(100, "kg", 5)]}, status="in_progress")
    log_session(outsider, DAY1, {"Squat": [(100, "kg", 5)]})
    assert progress.progress_overview(user=owner) == []
    assert progress.exercise_progress(user=owner, name="Squat", range_key="all") is None
    assert not selectors.completed_sessions(user=owner).exists()
