import pytest
from django.core.management import call_command
from django.db import connection

from fitness.workouts.tests.factories import WorkoutSessionFactory
from imports.parsers.native import COLUMNS
from imports.tests.helpers import csv_rows, export_text, tricky_history

SCHEMA_COLUMNS = [
    "date", "session_name", "exercise_name", "set_number", "is_warmup", "weight",
    "weight_unit", "reps", "rpe", "notes", "session_duration_min",
]  # fmt: skip


def test_export_requires_login(client):
    response = client.get("/data/export.csv")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_export_streams_schema_columns_first_then_extras(owner, owner_client):
    tricky_history(owner)
    response = owner_client.get("/data/export.csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="liftlog-export.csv"'
    rows = csv_rows(b"".join(response.streaming_content).decode())
    assert rows[0][: len(SCHEMA_COLUMNS)] == SCHEMA_COLUMNS
    assert rows[0] == COLUMNS
    assert len(rows) == 1 + 4  # three strength sets + one run; the unfinished session is out
    bench_warmup = dict(zip(COLUMNS, rows[1], strict=True))
    assert bench_warmup == {
        "date": "2026-03-02",
        "session_name": "Push, heavy",
        "exercise_name": "Bench Press",
        "set_number": "1",
        "is_warmup": "true",
        "weight": "40",
        "weight_unit": "kg",
        "reps": "10",
        "rpe": "",
        "notes": "",
        "session_duration_min": "62.5",
        "started_at": "2026-03-02T17:30:15.123456+00:00",
        "completed_at": "2026-03-02T18:32:45.123456+00:00",
        "session_notes": 'Felt "great"\nsecond line',
        "exercise_order": "0",
        "exercise_notes": "'-grip",
        "distance_m": "",
        "duration_s": "",
        "set_type": "warmup",
        "superset": "A",
    }
    assert rows[2][5] == "102.5" and rows[2][8] == "8.5" and rows[2][-2:] == ["failure", "A"]
    assert rows[2][9] == "'@home; 'paused'"  # formula neutralised, inner quotes untouched
    assert rows[3][2] == '\'=HYPERLINK("x") Row' and rows[3][6] == "lb"
    run = dict(zip(COLUMNS, rows[4], strict=True))
    assert run["session_name"] == "'+Cardio ünïcødé"
    assert (run["distance_m"], run["duration_s"], run["weight"]) == ("5000", "1500", "")


def test_export_uses_the_members_time_zone_for_dates(owner, owner_client):
    owner.timezone = "America/Los_Angeles"
    owner.save()
    tricky_history(owner)
    rows = csv_rows(export_text(owner_client))
    assert rows[1][0] == "2026-03-02"
    assert rows[1][11] == "2026-03-02T09:30:15.123456-08:00"
    assert rows[4][0] == "2026-03-03"  # 06:00 UTC is the evening before in Los Angeles


def test_export_date_range_is_inclusive(owner, owner_client):
    tricky_history(owner)
    only_first = csv_rows(export_text(owner_client, "?from=2026-03-01&to=2026-03-02"))
    assert {row[1] for row in only_first[1:]} == {"Push, heavy"}
    only_second = csv_rows(export_text(owner_client, "?from=2026-03-04"))
    assert [row[1] for row in only_second[1:]] == ["'+Cardio ünïcødé"]


def test_export_bad_range_is_explained_not_streamed(owner_client):
    response = owner_client.get("/data/export.csv?from=2026-03-05&to=2026-03-01")
    assert response.status_code == 400
    assert "“From” must be on or before “To”." in response.content.decode()
    response = owner_client.get("/data/export.csv?from=yesterday")
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_export_contains_only_my_sessions(owner, outsider, owner_client):
    tricky_history(outsider)
    rows = csv_rows(export_text(owner_client))
    assert rows == [COLUMNS]


def test_cli_export_is_identical_to_web_export(owner, owner_client, tmp_path):
    tricky_history(owner)
    target = tmp_path / "out.csv"
    call_command("export_workouts", "--user", owner.email, "--output", str(target))
    assert target.read_bytes().decode() == export_text(owner_client)
    call_command(
        "export_workouts", "--user", owner.email, "--from", "2026-03-03", "--output", str(target)
    )
    assert target.read_bytes().decode() == export_text(owner_client, "?from=2026-03-03")


@pytest.mark.postgres
def test_export_reads_through_a_named_server_side_cursor(owner, owner_client, settings):
    """While the response streams, PostgreSQL lists our cursor in pg_cursors."""
    from imports import export

    tricky_history(owner)
    for index in range(30):
        WorkoutSessionFactory(user=owner, name=f"Extra {index}")  # no sets: not exported
    original = export.EXPORT_BATCH
    export.EXPORT_BATCH = 1  # one row per FETCH, so the cursor is still open after row 1
    try:
        response = owner_client.get("/data/export.csv")
        chunks = iter(response.streaming_content)
        next(chunks)  # header
        next(chunks)  # first FETCH
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, statement, is_holdable FROM pg_cursors")
            cursors = cursor.fetchall()
            cursor.execute("SHOW statement_timeout")
            timeout = cursor.fetchone()[0]
        rest = list(chunks)
    finally:
        export.EXPORT_BATCH = original
    assert len(cursors) == 1
    name, statement, holdable = cursors[0]
    assert name.startswith("_django_curs_")
    assert "DECLARE" in statement.upper() and "workout_sets" in statement
    assert holdable is False  # lives inside the export's transaction
    assert timeout == "30s"
    assert len(rest) == 3  # three more single-row batches (4 rows in all)


def test_export_does_not_query_per_row(owner, owner_client, django_assert_max_num_queries):
    tricky_history(owner)
    with django_assert_max_num_queries(6):
        export_text(owner_client)
