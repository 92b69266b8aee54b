"""Hand-computed volume, e1RM and records, in kg, lb and mixed; warm-ups excluded."""

from datetime import UTC, datetime

import pytest

from fitness.history import selectors
from fitness.history.tests.helpers import log_session

pytestmark = pytest.mark.django_db

DAY1 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
DAY2 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
DAY3 = datetime(2025, 3, 17, 9, 0, tzinfo=UTC)

# 60×10 warm-up (ignored), 100×5, 100×5, 90×8:
#   volume = 500 + 500 + 720 = 1720; e1RM = max(100 × 35/30, 90 × 38/30) = 116.667;
#   heaviest 100; most reps 8 (the warm-up's 10 does not count).
BENCH_SETS = [(60, None, 10, "warmup"), (100, None, 5), (100, None, 5), (90, None, 8)]


def sets_in(unit):
    return [(w, unit, r, *rest) for w, _, r, *rest in BENCH_SETS]


def records_by_label(progress):
    return {record.label: record for record in progress.records}


@pytest.mark.parametrize("unit", ["kg", "lb"])
def test_single_unit_volume_e1rm_and_records(owner, unit):
    owner.preferred_unit = unit
    owner.save()
    session = log_session(owner, DAY1, {"Bench Press": sets_in(unit)})

    listed = selectors.completed_sessions(user=owner).get()
    assert listed.volume == pytest.approx(1720)
    assert listed.exercise_count == 1

    progress = selectors.exercise_progress(user=owner, name="Bench Press", range_key="all")
    assert progress.unit == unit
    (point,) = progress.sessions
    assert point.best_e1rm == pytest.approx(116.6667, abs=1e-3)
    assert point.volume == pytest.approx(1720)
    records = records_by_label(progress)
    assert records["Heaviest weight"].value == pytest.approx(100)
    assert records["Best estimated 1RM"].value == pytest.approx(116.6667, abs=1e-3)
    assert records["Most reps in a set"].value == 8
    assert records["Best session volume"].value == pytest.approx(1720)
    assert all(record.session_id == session.pk for record in records.values())
    top = progress.top_sets[0]
    assert (top["weight_display"], top["reps"]) == (pytest.approx(100), 5)


def test_warmups_count_in_no_figure(owner):
    log_session(owner, DAY1, {"Squat": [(200, "kg", 20, "warmup"), (100, "kg", 3)]})
    progress = selectors.exercise_progress(user=owner, name="Squat", range_key="all")
    records = records_by_label(progress)
    assert records["Heaviest weight"].value == pytest.approx(100)
    assert records["Most reps in a set"].value == 3
    assert records["Best estimated 1RM"].value == pytest.approx(110)  # 100 × (1 + 3/30)
    assert records["Best session volume"].value == pytest.approx(300)
    assert [s["reps"] for s in progress.top_sets] == [3]
    (summary,) = selectors.progress_overview(user=owner)
    assert (summary.best_weight, summary.best_reps) == (pytest.approx(100), 3)
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

    progress = selectors.exercise_progress(user=owner, name="Deadlift", range_key="all")
    records = records_by_label(progress)
    assert records["Heaviest weight"].value == pytest.approx(102.0583, abs=1e-3)
    # The record dates from the first session that reached it.
    assert records["Heaviest weight"].session_id == second.pk
    assert records["Best estimated 1RM"].value == pytest.approx(119.0680, abs=1e-3)
    assert records["Best session volume"].session_id == both.pk
    (summary,) = selectors.progress_overview(user=owner)
    assert summary.best_e1rm == pytest.approx(119.0680, abs=1e-3)
    assert summary.best_weight == pytest.approx(102.0583, abs=1e-3)
    assert summary.best_date == second.started_at


def test_mixed_units_in_lb(owner):
    # 100 kg = 220.4623 lb; 100 kg × 5 = 1102.3113 lb; e1RM 220.4623 × 35/30 = 257.2060 lb.
    owner.preferred_unit = "lb"
    owner.save()
    log_session(owner, DAY1, {"Deadlift": [(100, "kg", 5), (200, "lb", 5)]})
    session = selectors.completed_sessions(user=owner).get()
    assert session.volume == pytest.approx(1102.3113 + 1000, abs=1e-3)
    progress = selectors.exercise_progress(user=owner, name="Deadlift", range_key="all")
    records = records_by_label(progress)
    assert records["Heaviest weight"].value == pytest.approx(220.4623, abs=1e-3)
    assert records["Best estimated 1RM"].value == pytest.approx(257.2060, abs=1e-3)
    assert records["Best session volume"].value == pytest.approx(2102.3113, abs=1e-3)


def test_each_record_dated_by_its_own_session(owner):
    heavy = log_session(owner, DAY1, {"Row": [(120, "kg", 1)]})  # e1RM 124
    reps = log_session(owner, DAY2, {"Row": [(50, "kg", 20)]})  # e1RM 83.3, volume 1000
    e1rm = log_session(owner, DAY3, {"Row": [(110, "kg", 5)]})  # e1RM 128.3, volume 550
    records = records_by_label(selectors.exercise_progress(user=owner, name="Row", range_key="all"))
    assert records["Heaviest weight"].session_id == heavy.pk
    assert records["Most reps in a set"].session_id == reps.pk
    assert records["Best session volume"].session_id == reps.pk
    assert records["Best estimated 1RM"].session_id == e1rm.pk
    assert records["Best estimated 1RM"].value == pytest.approx(128.3333, abs=1e-3)


def test_history_survives_exercise_deletion(owner):
    from fitness.workouts.tests.factories import ExerciseFactory, WorkoutSessionExerciseFactory

    exercise = ExerciseFactory(user=owner, name="Landmine Press")
    session = log_session(owner, DAY1, {})
    WorkoutSessionExerciseFactory(session=session, exercise=exercise, exercise_name=exercise.name)
    exercise.delete()
    assert [s.name for s in selectors.progress_overview(user=owner)] == ["Landmine Press"]


def test_in_progress_and_other_members_sessions_are_left_out(owner, outsider):
    log_session(owner, DAY1, {"Squat": [(100, "kg", 5)]}, status="in_progress")
    log_session(outsider, DAY1, {"Squat": [(100, "kg", 5)]})
    assert selectors.progress_overview(user=owner) == []
    assert selectors.exercise_progress(user=owner, name="Squat", range_key="all") is None
    assert not selectors.completed_sessions(user=owner).exists()
