import io
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.models import Exercise, WorkoutSession, WorkoutSet
from fitness.workouts.tests.factories import ExerciseFactory
from imports.matching import ExerciseMatcher
from imports.parsers.base import ImportFormatError
from imports.parsers.native import COLUMNS
from imports.services import import_file
from imports.summary import ImportSummary
from imports.tests.helpers import counts, csv_rows, export_text, tricky_history


def _import(user, text: str, **kwargs) -> ImportSummary:
    return import_file(user=user, fileobj=io.BytesIO(text.encode()), **kwargs)


def _native(rows: list[dict]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_round_trip_export_import_export_gives_the_same_rows(owner, friend, client):
    tricky_history(owner)
    client.force_login(owner)
    first = export_text(client)
    summary = _import(friend, first)
    assert (summary.sessions, summary.sets) == (2, 4)
    assert summary.exercises_created == ['=HYPERLINK("x") Row']  # owner's custom one
    client.force_login(friend)
    assert export_text(client) == first
    # Exact values came back (neutralising apostrophes stripped again).
    session = WorkoutSession.objects.get(user=friend, name="+Cardio ünïcødé")
    assert session.started_at == datetime(2026, 3, 4, 6, 0, tzinfo=UTC)
    pushed = WorkoutSession.objects.get(user=friend, name="Push, heavy")
    assert pushed.notes == 'Felt "great"\nsecond line'
    assert pushed.session_exercises.get(order_index=0).notes == "-grip"


def test_reimporting_the_same_file_adds_nothing(owner, client):
    tricky_history(owner)
    client.force_login(owner)
    text = export_text(client)
    before = counts(owner)
    summary = _import(owner, text)
    assert summary.sessions == 0 and summary.sets == 0
    assert summary.duplicates_skipped == 2
    assert counts(owner) == before


def test_duplicate_sessions_inside_one_file_are_imported_once(owner):
    row = {
        "date": "2026-01-05", "session_name": "Legs", "exercise_name": "Back Squat",
        "set_number": "1", "weight": "100", "weight_unit": "kg", "reps": "5",
        "started_at": "2026-01-05T10:00:00+00:00",
    }  # fmt: skip
    text = _native([row]) + _native([row]).split("\n", 1)[1]  # same rows again, no header
    summary = _import(owner, text)
    assert summary.sessions == 1
    assert WorkoutSession.objects.filter(user=owner).count() == 1


def test_exercise_names_match_case_insensitively_then_fuzzily_else_are_created(owner):
    mine = ExerciseFactory(user=owner, name="Cable Fly")
    rows = []
    for name in ["bench press", "Bench Press (Barbell)", "Deadlifts", "cable fly", "Zercher Squat"]:
        rows.append(
            {"date": "2026-01-05", "session_name": "Mix", "exercise_name": name,
             "set_number": "1", "weight": "50", "weight_unit": "kg", "reps": "5"}
        )  # fmt: skip
    summary = _import(owner, _native(rows))
    matched = {item.file: (item.exercise, item.how) for item in summary.exercises_matched}
    assert matched == {
        "bench press": ("Bench Press", "exact"),
        "Bench Press (Barbell)": ("Bench Press", "equipment"),
        "Deadlifts": ("Deadlift", "similar"),
        "cable fly": ("Cable Fly", "exact"),
    }
    assert summary.exercises_created == ["Zercher Squat"]
    created = Exercise.objects.get(user=owner, name="Zercher Squat")
    assert created.type == Exercise.Type.STRENGTH
    session = WorkoutSession.objects.get(user=owner)
    linked = {row.exercise_name: row.exercise_id for row in session.session_exercises.all()}
    assert linked["cable fly"] == mine.id
    assert linked["Zercher Squat"] == created.id


def test_fuzzy_matching_keeps_distinct_exercises_apart():
    system = [(i, name, False) for i, name in enumerate(["Incline Bench Press", "Leg Press"])]
    matcher = ExerciseMatcher(system)
    assert matcher.find("Decline Bench Press (Barbell)") is None  # 89 < 90
    assert matcher.find("Leg Press (Machine)").name == "Leg Press"
    assert matcher.find("Press") is None


def test_bad_row_writes_nothing_and_names_the_line(owner):
    rows = [
        {"date": "2026-01-05", "session_name": "A", "exercise_name": "Plank", "set_number": "1",
         "reps": "30"},
        {"date": "2026-01-06", "session_name": "B", "exercise_name": "Plank", "set_number": "1",
         "reps": "-3"},
    ]  # fmt: skip
    with pytest.raises(ImportFormatError) as caught:
        _import(owner, _native(rows))  # 1 row of 2 invalid: more than 5%, the file is refused
    assert str(caught.value).endswith("nothing was imported: line 3: reps: -3 is negative.")
    assert counts(owner) == (0, 0, 0, 0)


def test_unit_from_the_form_applies_when_the_file_has_none(owner):
    rows = [{"date": "2026-01-05", "session_name": "A", "exercise_name": "Bench Press",
             "set_number": "1", "weight": "225", "reps": "3"}]  # fmt: skip
    _import(owner, _native(rows), unit="lb")
    assert WorkoutSet.objects.get().weight_unit == "lb"


@pytest.mark.postgres
def test_ten_thousand_set_import_takes_a_fixed_number_of_queries(owner):
    start = datetime(2020, 1, 1, 8, tzinfo=UTC)
    rows = []
    for session in range(500):  # 500 sessions × 4 exercises × 5 sets = 10,000 sets
        started = (start + timedelta(days=session)).isoformat()
        for order, name in enumerate(
            ["Back Squat", "Bench Press", "Barbell Row", f"Odd {session % 7}"]
        ):
            for number in range(1, 6):
                rows.append(
                    {"date": started[:10], "session_name": "Full body", "exercise_name": name,
                     "set_number": number, "weight": "60.5", "weight_unit": "kg", "reps": 5,
                     "rpe": "8", "started_at": started, "exercise_order": order}
                )  # fmt: skip
    text = _native(rows)
    with CaptureQueriesContext(connection) as queries:
        summary = _import(owner, text)
    assert summary.sets == 10_000 and summary.sessions == 500
    assert len(summary.exercises_created) == 7
    sql = [q["sql"] for q in queries]
    # The import itself: ≤ 10 statements. Then, in the same transaction, the history
    # summaries' refresh: a fixed number more (fitness/workouts/summaries/refresh.py).
    refresh = next(i for i, q in enumerate(sql) if "'history:" in q)
    assert refresh <= 10, "\n".join(q[:150] for q in sql[:refresh])
    assert len(sql) <= 24, "\n".join(q[:150] for q in sql)
    assert WorkoutSet.objects.filter(session_exercise__session__user=owner).count() == 10_000
    ids = list(WorkoutSet.objects.values_list("id", flat=True))
    assert len(set(ids)) == 10_000 and {pk.version for pk in ids} == {4}
    assert {pk.variant for pk in ids} == {uuid.RFC_4122}


def test_import_into_a_fresh_member_matches_their_tz_for_zoneless_times(db):
    member = UserFactory(timezone="Europe/Berlin")
    rows = [{"date": "2026-07-01", "session_name": "A", "exercise_name": "Plank",
             "set_number": "1", "duration_s": "60",
             "started_at": "2026-07-01T18:00:00"}]  # fmt: skip
    _import(member, _native(rows))
    session = WorkoutSession.objects.get(user=member)
    assert session.started_at == datetime(2026, 7, 1, 16, 0, tzinfo=UTC)


def test_exported_rows_of_another_member_are_never_shown(owner, outsider, client):
    tricky_history(owner)
    client.force_login(outsider)
    assert csv_rows(export_text(client)) == [COLUMNS]


MANGLE_BASE = _native(
    [
        {"date": "2026-01-05", "session_name": "Legs", "exercise_name": "Back Squat",
         "set_number": "1", "weight": "100", "weight_unit": "kg", "reps": "5", "rpe": "8",
         "notes": "deep", "started_at": "2026-01-05T10:00:00+00:00"},
        {"date": "2026-01-06", "session_name": "Push", "exercise_name": "Incline Thing",
         "set_number": "2", "weight": "60.25", "weight_unit": "lb", "reps": "8",
         "started_at": "2026-01-06T10:00:00+01:00", "distance_m": "12"},
    ]
).encode()  # fmt: skip


@hsettings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    position=st.integers(min_value=0, max_value=len(MANGLE_BASE)),
    length=st.integers(min_value=0, max_value=6),
    junk=st.binary(max_size=6) | st.sampled_from([b"-", b",", b'"', b"\n", b"\xff", b"9e9"]),
)
def test_mangled_imports_either_succeed_or_explain_and_write_nothing(owner, position, length, junk):
    data = MANGLE_BASE[:position] + junk + MANGLE_BASE[position + length :]
    before = counts(owner)
    try:
        summary = import_file(user=owner, fileobj=io.BytesIO(data))
    except ImportFormatError as exc:
        assert str(exc)
        assert counts(owner) == before
    else:
        assert summary.sessions + summary.duplicates_skipped >= 1
