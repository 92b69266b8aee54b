"""Upload → preview (nothing written) → confirm (with the member's unit and mappings)."""

from decimal import Decimal
from pathlib import Path

import pytest

from fitness.workouts.models import Exercise, ExerciseAlias, WorkoutSessionExercise, WorkoutSet
from fitness.workouts.tests.factories import system_exercise
from imports import preview as preview_module
from imports import uploads
from imports.models import ImportJob
from imports.tests.helpers import (
    confirm_fields,
    counts,
    mapping_index,
    preview_then_confirm,
    upload,
)
from imports.uploads import private_dir

# Strong's comma export: no unit anywhere in the file; 135/225/315/405 say pounds.
STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    "2024-03-01 18:00:00,Push,1h 5m,Bench Press (Barbell),1,225,5,0,0,,,\n"
    "2024-03-01 18:00:00,Push,1h 5m,Bench Press (Barbell),2,315,3,0,0,,,\n"
    "2024-03-01 18:00:00,Push,1h 5m,Squat (Barbell),1,405,3,0,0,,,\n"
    "2024-03-04 18:00:00,Pull,50m,Sumo Pull,1,135,3,0,0,,,\n"
    "2024-03-04 18:00:00,Pull,50m,Sumo Pull,2,0,0,0,0,,,\n"
)
NATIVE = (
    "date,session_name,exercise_name,set_number,weight,weight_unit,reps\n"
    "2026-01-05,Legs,Back Squat (Barbell),1,100,kg,5\n"
    "2026-01-05,Legs,Nordic Curl,1,,kg,6\n"
)


def _preview(client, text=STRONG, name="strong.csv", **data):
    response = client.post("/data/import/", {"file": upload(name, text), **data})
    assert response.status_code == 200
    return response, response.content.decode()


def test_preview_shows_app_layout_dates_counts_and_mappings_and_writes_nothing(
    owner, owner_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        _response, html = _preview(owner_client)
    assert "<dt>App</dt><dd>Strong</dd>" in html
    assert "<dt>Layout</dt><dd>12 columns (Date … RPE)</dd>" in html
    assert "1 Mar 2024 – 4 Mar 2024" in html
    assert '<span class="value">2</span><span class="label">workouts to add' in html
    assert '<span class="value">4</span><span class="label">sets to add' in html
    # Each name, what it becomes, and how it was matched.
    assert 'for="id_map_0">Bench Press (Barbell) <span class="muted small num">2 sets' in html
    assert "same lift and equipment" in html and "no match found" in html
    fields = confirm_fields(html)
    bench = system_exercise("Bench Press")
    assert fields[mapping_index(html, "Bench Press (Barbell)")] == str(bench.pk)
    assert fields[mapping_index(html, "Sumo Pull")] == "new"
    # The unit must be chosen: no radio is checked, and the weights look like pounds.
    assert "unit" not in fields
    assert "Kilograms or pounds?" in html and "These look like pounds." in html
    assert '405 <span class="imports-unit-label"></span> × 3' in html
    # Nothing written: no rows, no aliases, no job; the file waits in private storage.
    assert counts(owner) == (0, 0, 0, 0)
    assert ExerciseAlias.objects.count() == 0 and ImportJob.objects.count() == 0
    assert len(list(private_dir().glob("upload-*.csv"))) == 1


def test_confirm_without_a_unit_is_refused_and_writes_nothing(owner, owner_client):
    _preview_response, response = preview_then_confirm(
        owner_client, {"file": upload("strong.csv", STRONG)}
    )
    assert response.status_code == 200  # the preview again, with the error
    html = response.content.decode()
    assert "Choose whether the weights in this file are kg or lb." in html
    assert counts(owner) == (0, 0, 0, 0)


def test_confirm_imports_in_the_chosen_unit_never_the_preferred_one(owner, owner_client):
    owner.preferred_unit = "kg"
    owner.save()
    _preview_response, response = preview_then_confirm(
        owner_client, {"file": upload("strong.csv", STRONG)}, unit="lb"
    )
    assert response.status_code == 302 and response["Location"] == "/data/import/done/"
    weights = WorkoutSet.objects.filter(weight__isnull=False)
    assert {row.weight_unit for row in weights} == {"lb"}
    assert sorted(row.weight for row in weights) == [135, 225, 315, 405]
    assert counts(owner)[:3] == (2, 3, 4)
    html = owner_client.get("/data/import/done/").content.decode()
    assert "Weights read as <strong>lb</strong>" in html and "strong.csv" in html
    assert not list(private_dir().glob("upload-*.csv"))  # cleaned up after confirm


def test_changing_a_mapping_changes_the_rows_and_is_remembered_for_next_time(owner, owner_client):
    deadlift = system_exercise("Deadlift")
    _response, html = _preview(owner_client)
    sumo = mapping_index(html, "Sumo Pull")
    keep_new = mapping_index(html, "Bench Press (Barbell)")
    fields = confirm_fields(html) | {"unit": "lb", sumo: str(deadlift.pk), keep_new: "new"}
    response = owner_client.post("/data/import/confirm/", fields)
    assert response.status_code == 302
    rows = {row.exercise_name: row.exercise for row in WorkoutSessionExercise.objects.all()}
    assert rows["Sumo Pull"] == deadlift
    assert rows["Bench Press (Barbell)"].user == owner  # kept as a new exercise of hers
    assert not Exercise.objects.filter(user=owner, name="Sumo Pull").exists()
    aliases = {alias.name: alias.exercise for alias in ExerciseAlias.objects.filter(user=owner)}
    # Confirmed names that differ from their exercise's are remembered (not "keep new").
    assert aliases == {"Sumo Pull": deadlift, "Squat (Barbell)": system_exercise("Back Squat")}
    summary = owner_client.get("/data/import/done/").content.decode()
    assert "your choice" in summary

    # Next upload: the remembered name goes to Deadlift by itself.
    again = STRONG.replace("2024-03-04", "2024-04-04")
    _response, html = _preview(owner_client, again)
    index = mapping_index(html, "Sumo Pull")
    assert confirm_fields(html)[index] == str(deadlift.pk)
    assert "your earlier choice" in html


def test_another_members_token_is_a_404_and_the_file_stays(owner, outsider, client):
    client.force_login(owner)
    _response, html = _preview(client)
    fields = confirm_fields(html) | {"unit": "kg"}
    client.force_login(outsider)
    assert client.post("/data/import/confirm/", fields).status_code == 404
    assert counts(owner) == (0, 0, 0, 0) and counts(outsider) == (0, 0, 0, 0)
    assert len(list(private_dir().glob("upload-*.csv"))) == 1


def test_confirm_is_post_only(owner_client):
    assert owner_client.get("/data/import/confirm/").status_code == 405


def test_altered_or_expired_token_asks_for_the_file_again(owner, owner_client, monkeypatch):
    _response, html = _preview(owner_client)
    fields = confirm_fields(html) | {"unit": "kg"}
    altered = owner_client.post("/data/import/confirm/", fields | {"token": "x" + fields["token"]})
    assert altered.status_code == 400
    assert "This preview has expired: upload the file again." in altered.content.decode()
    monkeypatch.setattr(uploads, "UPLOAD_MAX_AGE", -1)
    expired = owner_client.post("/data/import/confirm/", fields)
    assert expired.status_code == 400 and counts(owner) == (0, 0, 0, 0)


def test_double_confirm_imports_once_and_shows_the_first_result(owner, owner_client):
    _response, html = _preview(owner_client)
    fields = confirm_fields(html) | {"unit": "lb"}
    first = owner_client.post("/data/import/confirm/", fields)
    second = owner_client.post("/data/import/confirm/", fields)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/data/import/done/"
    assert counts(owner)[:3] == (2, 3, 4)


def test_confirm_when_the_file_is_gone_says_so(owner, owner_client):
    _response, html = _preview(owner_client)
    for path in private_dir().glob("upload-*.csv"):
        path.unlink()  # the daily cleanup got there first
    response = owner_client.post("/data/import/confirm/", confirm_fields(html) | {"unit": "kg"})
    assert response.status_code == 410
    assert "This upload is no longer here" in response.content.decode()
    assert counts(owner) == (0, 0, 0, 0)


def test_file_stating_its_unit_needs_no_choice(owner, owner_client):
    _response, html = _preview(owner_client, NATIVE, "mine.csv")
    assert "Kilograms or pounds?" not in html
    response = owner_client.post("/data/import/confirm/", confirm_fields(html))
    assert response.status_code == 302
    assert WorkoutSet.objects.get(weight__isnull=False).weight_unit == "kg"


def test_unit_chosen_on_the_upload_form_is_preselected(owner_client):
    _response, html = _preview(owner_client, unit="lb")
    assert confirm_fields(html)["unit"] == "lb"


def test_large_file_is_previewed_from_its_first_rows_then_imported_by_the_worker(
    owner, owner_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from imports import tasks

    monkeypatch.setattr(
        tasks.import_job_process, "apply_async", lambda args, **kw: tasks.import_job_process(*args)
    )
    monkeypatch.setattr(preview_module, "PREVIEW_ROWS", 3)
    settings.IMPORT_ASYNC_THRESHOLD_BYTES = 100
    deadlift = system_exercise("Deadlift")
    _response, html = _preview(owner_client)
    assert 'This is a preview of the first <span class="num">3</span> rows' in html
    assert "Sumo Pull" not in html  # beyond the rows read
    squat = mapping_index(html, "Squat (Barbell)")
    fields = confirm_fields(html) | {"unit": "lb", squat: str(deadlift.pk)}
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post("/data/import/confirm/", fields)
    job = ImportJob.objects.get()
    assert response["Location"] == f"/data/import/jobs/{job.id}/"
    assert job.unit == "lb" and job.options == {
        "exercise_map": {"Squat (Barbell)": str(deadlift.pk)}
    }
    assert job.status == "completed" and counts(owner)[:3] == (2, 3, 4)
    assert WorkoutSessionExercise.objects.get(exercise_name="Squat (Barbell)").exercise == deadlift
    # Both confirmed names that differ from their exercise's are remembered.
    aliases = {alias.name: alias.exercise for alias in ExerciseAlias.objects.filter(user=owner)}
    assert aliases == {
        "Squat (Barbell)": deadlift,
        "Bench Press (Barbell)": system_exercise("Bench Press"),
    }
    assert not Path(job.file_path).exists() and not list(private_dir().glob("upload-*.csv"))
    again = owner_client.post("/data/import/confirm/", fields)  # a double click
    assert again["Location"] == f"/data/import/jobs/{job.id}/" and ImportJob.objects.count() == 1


def test_staff_preview_and_confirm_for_a_member(staff, owner, client):
    client.force_login(staff)
    data = {"member": owner.pk, "file": upload("s.csv", STRONG)}
    preview, response = preview_then_confirm(client, data, url="/data/import/staff/", unit="kg")
    assert "for <strong>Alice</strong>" in preview.content.decode()
    assert response.status_code == 302
    assert counts(owner)[:3] == (2, 3, 4) and counts(staff) == (0, 0, 0, 0)
    assert WorkoutSet.objects.filter(weight=Decimal("405"), weight_unit="kg").exists()


def test_a_staff_token_is_useless_to_the_member_it_was_for(staff, owner, client):
    client.force_login(staff)
    response = client.post(
        "/data/import/staff/", {"member": owner.pk, "file": upload("s.csv", STRONG)}
    )
    fields = confirm_fields(response.content.decode()) | {"unit": "kg"}
    client.force_login(owner)
    assert client.post("/data/import/confirm/", fields).status_code == 404
    assert counts(owner) == (0, 0, 0, 0)


def test_refused_file_is_not_kept(owner_client):
    response = owner_client.post("/data/import/", {"file": upload("x.csv", "a,b\n1,2\n")})
    assert "Unrecognised columns" in response.content.decode()
    assert not list(private_dir().glob("upload-*.csv"))


def test_daily_cleanup_deletes_uploads_whose_preview_expired(owner_client):
    import os
    import time

    from imports import services

    _preview(owner_client)
    _preview(owner_client)
    old, recent = sorted(private_dir().glob("upload-*.csv"))
    day_ago = time.time() - 24 * 3600
    os.utime(old, (day_ago, day_ago))
    assert services.import_jobs_cleanup()["uploads_deleted"] == 1
    assert not old.exists() and recent.exists()


@pytest.mark.parametrize(
    ("weights", "likely"),
    [
        ([135, 225, 315, 405, 100], "lb"),
        ([60, 100, 140, 142.5, 80], "kg"),
        ([52.5, 57.5, 77.5], None),
    ],
)
def test_unit_hint_reads_plate_totals(weights, likely):
    from datetime import UTC, datetime

    from imports.parsers.base import ParsedExercise, ParsedSession, ParsedSet

    sets = [
        ParsedSet(n, weight=Decimal(str(w)), weight_unit="", reps=5)
        for n, w in enumerate(weights, 1)
    ]
    session = ParsedSession(
        "A", datetime(2024, 1, 1, tzinfo=UTC), exercises=[ParsedExercise("Row", sets=sets)]
    )
    hint = preview_module.unit_hint([session])
    assert (hint.likely if hint else None) == likely


def test_a_press_beyond_any_kg_record_says_pounds():
    from datetime import UTC, datetime

    from imports.parsers.base import ParsedExercise, ParsedSession, ParsedSet

    bench = ParsedExercise("Bench Press", sets=[ParsedSet(1, weight=Decimal(420), weight_unit="")])
    leg = ParsedExercise("Leg Press", sets=[ParsedSet(1, weight=Decimal(450), weight_unit="")])
    session = ParsedSession("A", datetime(2024, 1, 1, tzinfo=UTC), exercises=[bench])
    assert preview_module.unit_hint([session]).likely == "lb"
    assert "Bench Press at 420" in preview_module.unit_hint([session]).reason
    session.exercises = [leg]
    assert preview_module.unit_hint([session]) is None  # 450 kg on a leg press happens


def test_a_file_already_imported_offers_nothing_to_confirm(owner, owner_client):
    preview_then_confirm(owner_client, {"file": upload("mine.csv", NATIVE)})
    _response, html = _preview(owner_client, NATIVE, "mine.csv")
    assert "importing it would add nothing" in html and "Import 0" not in html


def test_a_forged_choice_is_a_form_error_not_a_500(owner, owner_client):
    _response, html = _preview(owner_client)
    fields = confirm_fields(html) | {"unit": "kg", "map_0": "not-an-exercise"}
    response = owner_client.post("/data/import/confirm/", fields)
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    mine_only = confirm_fields(html) | {"unit": "kg"}
    assert owner_client.post("/data/import/confirm/", mine_only | {"token": ""}).status_code == 400
    assert counts(owner) == (0, 0, 0, 0)


@pytest.mark.postgres  # SQLite's bulk_create splits by its variable limit: size-dependent
def test_confirm_takes_a_fixed_number_of_queries(
    owner, owner_client, django_assert_max_num_queries
):
    rows = "".join(
        f"2024-03-{day:02d} 18:00:00,Push,1h,Move {name},1,100,5,0,0,,,\n"
        for day in range(1, 29)
        for name in range(6)
    )
    _response, html = _preview(owner_client, STRONG.split("\n", 1)[0] + "\n" + rows)
    fields = confirm_fields(html) | {"unit": "kg"}
    fields[mapping_index(html, "Move 1")] = str(system_exercise("Deadlift").pk)
    # 26 for the confirm and the import, 15 for the history summaries' refresh in the same
    # transaction (a fixed number: fitness/workouts/summaries/refresh.py).
    with django_assert_max_num_queries(41):
        response = owner_client.post("/data/import/confirm/", fields)
    assert response.status_code == 302 and counts(owner)[:3] == (28, 168, 168)
    with django_assert_max_num_queries(4):
        owner_client.get("/data/import/done/")
