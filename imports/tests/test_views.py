import io
from pathlib import Path

import pytest

from fitness.workouts.models import WorkoutSession
from imports.models import ImportJob
from imports.tests.helpers import counts, export_text, tricky_history, upload

GOOD = (
    "date,session_name,exercise_name,set_number,weight,weight_unit,reps\n"
    "2026-01-05,Legs,Back Squat (Barbell),1,100,kg,5\n"
    "2026-01-05,Legs,Nordic Curl,1,,kg,6\n"
)


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def run_tasks_inline(monkeypatch):
    """Stand in for the worker: run the queued task at once, in this process."""
    from imports import tasks

    monkeypatch.setattr(
        tasks.import_job_process, "apply_async", lambda args, **kw: tasks.import_job_process(*args)
    )


@pytest.mark.parametrize("url", ["/data/", "/data/import/", "/data/import/done/"])
def test_pages_require_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_hub_shows_export_form_import_link_and_my_jobs(owner, outsider, owner_client):
    ImportJob.objects.create(user=owner, file_name="strong.csv", status="completed")
    ImportJob.objects.create(user=outsider, file_name="secret.csv")
    response = owner_client.get("/data/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'action="/data/export.csv"' in html and 'name="from"' in html and 'name="to"' in html
    assert 'href="/data/import/"' in html
    assert "strong.csv" in html and "secret.csv" not in html


def test_small_upload_is_imported_at_once_and_summarised(owner, owner_client):
    response = owner_client.post(
        "/data/import/", {"file": upload("mine.csv", GOOD), "format": "auto", "unit": "kg"}
    )
    assert response.status_code == 302 and response["Location"] == "/data/import/done/"
    assert ImportJob.objects.count() == 0  # under 1 MB: no job row
    assert counts(owner)[:3] == (1, 2, 2)
    html = owner_client.get("/data/import/done/").content.decode()
    assert "mine.csv" in html and "workouts added" in html
    # "Squat (Barbell)" is read as the barbell back squat: a sure match, no "similar" badge.
    assert "Back Squat (Barbell)" in html and "Back Squat" in html and "similar name" not in html
    assert "Nordic Curl" in html  # created


def test_bad_upload_names_the_line_and_writes_nothing(owner, owner_client):
    bad = GOOD + "2026-01-06,Legs,Back Squat,1,100,kg,-2\n"
    response = owner_client.post("/data/import/", {"file": upload("bad.csv", bad), "unit": "kg"})
    assert response.status_code == 200  # the form again, with the error
    assert "line 4: reps: -2 is negative." in response.content.decode()
    assert counts(owner) == (0, 0, 0, 0)


def test_binary_upload_is_explained(owner, owner_client):
    response = owner_client.post(
        "/data/import/", {"file": upload("x.csv", b"\x00\x01\x02binary"), "unit": "kg"}
    )
    assert response.status_code == 200  # the form again, with the error
    assert "This is a binary file, not a CSV text file." in response.content.decode()


def test_oversized_upload_is_refused(owner_client, settings):
    settings.IMPORT_MAX_BYTES = 50
    response = owner_client.post("/data/import/", {"file": upload("big.csv", GOOD), "unit": "kg"})
    assert response.status_code == 200  # the form again, with the error
    assert "the limit is 0.0 MB" in response.content.decode()


def test_large_upload_becomes_a_job_with_progress_and_summary(
    owner,
    owner_client,
    settings,
    private_root,
    run_tasks_inline,
    django_capture_on_commit_callbacks,
):
    settings.IMPORT_ASYNC_THRESHOLD_BYTES = 100
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            "/data/import/", {"file": upload("big.csv", GOOD), "unit": "kg"}
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/data/import/jobs/{job.id}/"
    assert job.status == "completed" and job.user == owner and job.created_by == owner
    assert job.summary["sessions"] == 1 and job.progress_done == job.progress_total == 3
    assert not Path(job.file_path).exists()  # deleted after processing
    html = owner_client.get(response["Location"]).content.decode()
    assert "Completed" in html and "workouts added" in html and "hx-trigger" not in html


@pytest.mark.django_db(transaction=True)
def test_broker_down_says_background_processing_is_unavailable(
    owner, owner_client, settings, private_root, monkeypatch
):
    """Outside a test transaction the on_commit enqueue runs before the view answers."""
    from kombu.exceptions import OperationalError

    from imports import tasks

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6399. Connection refused.")

    monkeypatch.setattr(tasks.import_job_process, "apply_async", refuse)
    settings.IMPORT_ASYNC_THRESHOLD_BYTES = 100
    response = owner_client.post("/data/import/", {"file": upload("big.csv", GOOD), "unit": "kg"})
    assert response.status_code == 503
    assert "Background processing is unavailable right now" in response.content.decode()
    assert ImportJob.objects.get().status == "failed"
    assert counts(owner) == (0, 0, 0, 0)


def test_running_job_page_polls_and_others_get_404(owner, outsider, client):
    job = ImportJob.objects.create(
        user=owner, status="processing", file_name="h.csv", progress_done=250, progress_total=1000
    )
    client.force_login(owner)
    html = client.get(f"/data/import/jobs/{job.id}/").content.decode()
    assert 'hx-trigger="every 1500ms"' in html and 'value="25"' in html
    assert '250</span> of <span class="num">1000' in html
    partial = client.get(f"/data/import/jobs/{job.id}/", HTTP_HX_REQUEST="true")
    assert partial.content.decode().lstrip().startswith('<div id="job-status"')
    client.force_login(outsider)
    assert client.get(f"/data/import/jobs/{job.id}/").status_code == 404


def test_failed_job_page_shows_the_reason(owner, owner_client):
    job = ImportJob.objects.create(user=owner, status="failed", error="Line 7: reps: bad")
    html = owner_client.get(f"/data/import/jobs/{job.id}/").content.decode()
    assert "Line 7: reps: bad" in html and "hx-get" not in html


def test_staff_form_is_404_for_members(owner_client):
    assert owner_client.get("/data/import/staff/").status_code == 404
    assert owner_client.post("/data/import/staff/", {}).status_code == 404


def test_staff_imports_for_a_chosen_member(staff, owner, client):
    client.force_login(staff)
    assert "alice@example.com" in client.get("/data/import/staff/").content.decode()
    response = client.post(
        "/data/import/staff/",
        {"member": owner.pk, "file": upload("s.csv", GOOD), "format": "native", "unit": "kg"},
    )
    assert response.status_code == 302
    assert WorkoutSession.objects.get().user == owner
    assert "for Alice" in client.get("/data/import/done/").content.decode()


def test_import_page_lists_supported_apps_and_choices(owner_client):
    html = owner_client.get("/data/import/").content.decode()
    for text in ("Strong", "Hevy", "FitNotes", 'value="auto"', 'value="native"', 'value="lb"'):
        assert text in html
    assert 'enctype="multipart/form-data"' in html


def test_export_then_upload_round_trip_through_the_pages(owner, friend, client):
    tricky_history(owner)
    client.force_login(owner)
    text = export_text(client)
    client.force_login(friend)
    response = client.post("/data/import/", {"file": upload("e.csv", text), "unit": "kg"})
    assert response.status_code == 302
    assert export_text(client) == text
    again = client.post(
        "/data/import/", {"file": upload("e.csv", io.BytesIO(text.encode()).read())}
    )
    assert again.status_code == 200  # unit missing → form error, nothing written
    assert counts(friend)[:3] == (2, 3, 4)
