import csv
import io
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from fitness.accounts.tests.factories import UserFactory
from imports import services, tasks
from imports.models import ImportJob
from imports.parsers.native import COLUMNS
from imports.tests.helpers import counts, upload


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    return tmp_path


def native_file(sessions: int, sets_per_exercise: int = 5) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    start = datetime(2019, 1, 1, 7, tzinfo=UTC)
    for index in range(sessions):
        started = start + timedelta(days=index)
        for order, name in enumerate(["Back Squat", "Bench Press", "Barbell Row", "Hip Thrust"]):
            for number in range(1, sets_per_exercise + 1):
                writer.writerow(
                    [started.date(), "Strength A", name, number, "false", "82.5", "kg", 5, "8",
                     "steady", "55", started.isoformat(),
                     (started + timedelta(minutes=55)).isoformat(), "", order, "", "", ""]
                )  # fmt: skip
    return out.getvalue().encode()


@pytest.fixture
def no_enqueue(monkeypatch):
    monkeypatch.setattr(tasks, "enqueue_import_job", lambda job_id: True)


def test_task_claims_a_job_once(owner, private_root, no_enqueue):
    job = services.import_job_create(
        user=owner, fileobj=io.BytesIO(native_file(2)), file_name="h.csv"
    )
    assert tasks.import_job_process(str(job.pk)) == "completed"
    assert tasks.import_job_process(str(job.pk)) == "skipped"  # safe to run twice
    job.refresh_from_db()
    assert job.summary["sessions"] == 2 and job.finished_at and job.started_at
    assert counts(owner)[:3] == (2, 8, 40)


@pytest.mark.django_db(transaction=True)
def test_task_failing_midway_leaves_nothing_then_a_rerun_succeeds(
    private_root, no_enqueue, monkeypatch
):
    member = UserFactory()
    job = services.import_job_create(
        user=member, fileobj=io.BytesIO(native_file(20)), file_name="h.csv"
    )
    plan_insert = services._Plan.insert

    def insert_then_crash(plan):
        plan_insert(plan)  # sessions, exercises and sets are written...
        raise ConnectionError("database went away")  # ...then the task dies

    monkeypatch.setattr(services._Plan, "insert", insert_then_crash)
    assert tasks.import_job_process(str(job.pk)) == "failed"
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == "Unexpected error: database went away"
    assert counts(member) == (0, 0, 0, 0)  # no partial rows
    assert Path(job.file_path).exists()  # kept for the re-run

    monkeypatch.setattr(services._Plan, "insert", plan_insert)
    assert services.import_job_rerun(job=job)
    assert tasks.import_job_process(str(job.pk)) == "completed"
    job.refresh_from_db()
    assert job.status == "completed" and job.error is None
    assert counts(member)[:3] == (20, 80, 400)
    assert not Path(job.file_path).exists()


def test_bad_file_fails_the_job_with_the_line_and_deletes_the_file(owner, private_root, no_enqueue):
    bad = b"2019-01-02,X,Y,zero,false,1,kg,1,,,,,,,,,,\n"
    data = native_file(1) + bad * 2  # 2 invalid rows of 22: more than 5%
    job = services.import_job_create(user=owner, fileobj=io.BytesIO(data), file_name="h.csv")
    assert tasks.import_job_process(str(job.pk)) == "failed"
    job.refresh_from_db()
    assert job.error.endswith(
        "line 22: set_number: “zero” is not a number; line 23: set_number: “zero” is not a number."
    )
    assert not Path(job.file_path).exists()
    assert counts(owner) == (0, 0, 0, 0)


def test_daily_cleanup_deletes_old_finished_jobs_and_fails_stuck_ones(owner, private_root):
    now = timezone.now()
    old_file = private_root / "old.csv"
    old_file.write_text("x")
    old = ImportJob.objects.create(user=owner, status="completed", file_path=str(old_file))
    recent = ImportJob.objects.create(user=owner, status="failed")
    stuck = ImportJob.objects.create(
        user=owner, status="processing", started_at=now - timedelta(hours=3)
    )
    busy = ImportJob.objects.create(user=owner, status="processing", started_at=now)
    ImportJob.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=8))
    result = tasks.import_jobs_cleanup()
    assert result == {"deleted": 1, "stuck_failed": 1}
    assert not ImportJob.objects.filter(pk=old.pk).exists() and not old_file.exists()
    assert ImportJob.objects.filter(pk=recent.pk).exists()
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert stuck.status == "failed" and "not finished after 60 minutes" in stuck.error
    assert busy.status == "processing"


def test_cleanup_is_scheduled_daily():
    entry = django_settings.CELERY_BEAT_SCHEDULE["imports-cleanup"]
    assert entry == {"task": "imports.tasks.import_jobs_cleanup", "schedule": 86400}


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_real_celery_worker_imports_a_large_upload_end_to_end(client, settings, tmp_path):
    """A `celery worker` process, Redis as broker, this test database: > 1 MB file."""
    from fitness.celery import app

    settings.PRIVATE_STORAGE_ROOT = tmp_path
    member = UserFactory()
    data = native_file(450, sets_per_exercise=5)  # 9,000 sets, about 1.1 MB
    assert len(data) > django_settings.IMPORT_ASYNC_THRESHOLD_BYTES
    app.control.purge()
    env = os.environ | {
        "DATABASE_URL": _database_url(),
        "REDIS_URL": django_settings.REDIS_URL,
        "PRIVATE_STORAGE_ROOT": str(tmp_path),
        "DEBUG": "1",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "fitness", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        cwd=django_settings.BASE_DIR,
    )  # fmt: skip
    try:
        client.force_login(member)
        response = client.post(
            "/data/import/", {"file": upload("big.csv", data), "format": "auto", "unit": "kg"}
        )
        job = ImportJob.objects.get(user=member)
        assert response["Location"] == f"/data/import/jobs/{job.id}/"
        deadline = time.monotonic() + 90
        while job.status in ("pending", "processing") and time.monotonic() < deadline:
            time.sleep(0.5)
            job.refresh_from_db()
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode()
    assert job.status == "completed", (job.status, job.error, output[-2000:])
    assert job.summary["sets"] == 9000 and job.progress_done == job.progress_total
    assert counts(member)[:3] == (450, 1800, 9000)
    assert not Path(job.file_path).exists()
    html = client.get(f"/data/import/jobs/{job.id}/").content.decode()
    assert "Completed" in html and "9000" in html


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
