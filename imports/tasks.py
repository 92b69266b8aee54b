"""Celery tasks of feature 7. Tasks receive ids, claim their job, then call a service."""

import logging
import uuid

from celery import shared_task

from imports import services

logger = logging.getLogger(__name__)

TIME_LIMIT = 60 * 60  # matches services.JOB_STUCK_MINUTES


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=TIME_LIMIT + 60,
    soft_time_limit=TIME_LIMIT,
)
def import_job_process(self, job_id: str) -> str:
    """Safe to run twice: only the worker whose conditional update wins does the work.

    A worker process killed mid-import (out of memory, SIGKILL) rolls the import's transaction
    back; Celery puts the message back (acks_late + reject_on_worker_lost) marked
    `redelivered`, and this second delivery fails the job that is still `processing`, saying
    why, instead of leaving it stuck or running a file that may kill the worker again."""
    job_id = uuid.UUID(str(job_id))
    if not services.import_job_claim(job_id=job_id):
        if (self.request.delivery_info or {}).get("redelivered"):
            services.import_job_mark_interrupted(job_id=job_id)
        return "skipped"
    job = services.import_job_run(job_id=job_id)
    return job.status


@shared_task
def import_jobs_cleanup() -> dict:
    return services.import_jobs_cleanup()


def enqueue_import_job(job_id: uuid.UUID) -> bool:
    """Queue a job; when the broker cannot be reached the job fails at once, saying why."""
    try:
        import_job_process.apply_async(args=[str(job_id)], retry=False)
    except Exception as exc:  # any broker failure: the member gets a message, not a 500
        logger.warning("import job %s: broker unreachable (%s)", job_id, exc)
        services.import_job_mark_unavailable(job_id=job_id)
        return False
    return True
