"""A worker killed mid-import: Celery redelivers the message, the job fails, saying why."""

import io

from imports import services, tasks
from imports.models import ImportJob
from imports.tests.helpers import counts
from imports.tests.test_tasks import native_file, no_enqueue  # noqa: F401


def _run(job_id, *, redelivered: bool) -> str:
    task = tasks.import_job_process
    task.push_request(delivery_info={"redelivered": redelivered})
    try:
        return task.run(str(job_id))
    finally:
        task.pop_request()


def _processing_job(owner) -> ImportJob:
    job = services.import_job_create(
        user=owner, fileobj=io.BytesIO(native_file(2)), file_name="h.csv"
    )
    assert services.import_job_claim(job_id=job.pk)  # a worker took it, then died
    return job


def test_redelivered_job_of_a_lost_worker_fails_with_the_reason(owner, private_root, no_enqueue):  # noqa: F811
    job = _processing_job(owner)
    assert _run(job.pk, redelivered=True) == "skipped"
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "interrupted" in job.error and job.finished_at
    assert counts(owner)[0] == 0


def test_a_second_delivery_that_is_not_a_redelivery_leaves_the_job_alone(
    owner,
    private_root,
    no_enqueue,  # noqa: F811
):
    job = _processing_job(owner)
    assert _run(job.pk, redelivered=False) == "skipped"
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PROCESSING


def test_redelivery_of_a_finished_job_changes_nothing(owner, private_root, no_enqueue):  # noqa: F811
    job = services.import_job_create(
        user=owner, fileobj=io.BytesIO(native_file(2)), file_name="h.csv"
    )
    assert _run(job.pk, redelivered=False) == "completed"
    assert _run(job.pk, redelivered=True) == "skipped"
    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMPLETED
    assert counts(owner)[0] == 2
