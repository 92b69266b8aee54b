"""Writes of feature 7: importing a file, and the background import jobs.

The rows go in through `imports.writer` (one transaction, a fixed number of statements);
this module reads the file, hands the sessions over and says what happened in an
`ImportSummary`. Large files become an `ImportJob` that a Celery task runs to the end.
"""

import logging
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone

from fitness.accounts.models import User
from fitness.workouts.selectors import exercises_visible_to
from fitness.workouts.services import exercise_aliases_remember
from imports.checks import UnitRequired
from imports.models import ImportJob
from imports.parsers.base import ImportFormatError
from imports.preview import ExerciseChoices
from imports.reader import ReadResult, count_lines, read_sessions
from imports.summary import SKIPPED_SHOWN, ImportSummary
from imports.uploads import copy_to, private_dir, uploads_cleanup
from imports.writer import ExerciseMap, write_sessions

logger = logging.getLogger(__name__)

JOB_KEEP_DAYS = 7  # finished jobs (and files) are deleted after this
JOB_STUCK_MINUTES = 60  # a job `processing` longer than this is marked failed


# --- Import ---------------------------------------------------------------------------------


def import_file(
    *,
    user: User,
    fileobj: BinaryIO,
    format: str = "auto",
    unit: str | None = None,
    exercise_map: ExerciseMap | None = None,
    on_line: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Read a file and import it for `user`. Raises ImportFormatError, writing nothing;
    UnitRequired when the file does not say its weights' unit and `unit` is None (the
    member's preferred unit is never assumed: a lb history stored as kg is wrong data)."""
    result = read_sessions(
        fileobj, format=format or "auto", unit=unit or None, tz=user.tzinfo, on_line=on_line
    )
    return import_sessions(user=user, result=result, unit=unit, exercise_map=exercise_map)


def import_sessions(
    *,
    user: User,
    result: ReadResult,
    unit: str | None = None,
    exercise_map: ExerciseMap | None = None,
) -> ImportSummary:
    if not result.unit_stated and not unit:
        raise UnitRequired()
    written = write_sessions(user=user, sessions=result.sessions, exercise_map=exercise_map)
    remarks = list(result.remarks)
    if written.empty_sets:
        remarks.append(f"{written.empty_sets} sets without any value were left out.")
    return ImportSummary(
        format=result.parser.name,
        format_label=result.parser.label,
        layout=result.layout,
        unit="" if result.unit_stated else unit,
        rows=result.rows,
        sessions=written.sessions,
        sets=written.sets,
        duplicates_skipped=written.duplicates,
        exercises_matched=written.matched,
        exercises_created=written.created,
        skipped_count=len(result.skipped),
        skipped=result.skipped[:SKIPPED_SHOWN],
        remarks=remarks,
    )


def import_confirm(
    *, user: User, path: Path, format: str, unit: str | None, choices: ExerciseChoices
) -> ImportSummary:
    """Import a previewed file with what the member confirmed (unit, exercise choices) and
    remember their mappings as aliases; all in one transaction, or nothing."""
    with transaction.atomic():
        with open(path, "rb") as fileobj:
            summary = import_file(
                user=user,
                fileobj=fileobj,
                format=format,
                unit=unit,
                exercise_map=choices.overrides,
            )
        _remember_aliases(user, choices.aliases)
    return summary


def _remember_aliases(user: User, aliases: dict[str, uuid.UUID]) -> None:
    """Later imports of these names go where the member sent them this time."""
    if not aliases:
        return
    visible = exercises_visible_to(user)
    exercises = visible.in_bulk(set(aliases.values()))
    names = {name: exercises[pk] for name, pk in aliases.items() if pk in exercises}
    exercise_aliases_remember(user=user, names=names)


# --- Background jobs ------------------------------------------------------------------------


def import_job_create(
    *,
    user: User,
    fileobj: BinaryIO,
    file_name: str,
    format: str = "auto",
    unit: str | None = None,
    exercise_map: ExerciseMap | None = None,
    created_by: User | None = None,
) -> ImportJob:
    """Keep the upload in private storage and queue its import (after the commit), with the
    unit and exercise choices the member confirmed on the preview."""
    from imports.tasks import enqueue_import_job

    job_id = uuid.uuid4()
    path = private_dir() / f"{job_id}.csv"
    size = copy_to(fileobj, path)
    with transaction.atomic():
        job = ImportJob.objects.create(
            id=job_id,
            user=user,
            created_by=created_by,
            file_name=file_name[:255],
            file_path=str(path),
            file_size=size,
            format=format or "auto",
            unit=unit or "",
            options={"exercise_map": {name: str(v) for name, v in (exercise_map or {}).items()}},
        )
        transaction.on_commit(lambda: enqueue_import_job(job.pk))
    job.refresh_from_db()
    return job


def import_job_confirm(
    *,
    user: User,
    path: Path,
    file_name: str,
    format: str,
    unit: str | None,
    choices: ExerciseChoices,
    created_by: User,
) -> ImportJob:
    """A previewed large file goes to the worker with the member's choices; the mappings
    they confirmed are remembered now, with the job."""
    with transaction.atomic():
        _remember_aliases(user, choices.aliases)
        with open(path, "rb") as fileobj:
            job = import_job_create(
                user=user,
                fileobj=fileobj,
                file_name=file_name,
                format=format,
                unit=unit,
                exercise_map=choices.overrides,
                created_by=created_by,
            )
    job.refresh_from_db()  # the enqueue ran on commit, and may have failed the job
    return job


def import_job_claim(*, job_id: uuid.UUID) -> bool:
    """Take a pending job for this worker; False if someone else has it (or it is gone)."""
    return (
        ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PENDING).update(
            status=ImportJob.Status.PROCESSING,
            started_at=timezone.now(),
            updated_at=timezone.now(),
            progress_done=0,
            error=None,
        )
        == 1
    )


def _progress_writer(job: ImportJob) -> Callable[[int], None]:
    """A callback saving the lines read, at most once a second (outside the import's
    transaction, so the job page sees it while the import runs)."""
    last = {"at": 0.0}

    def write(lines: int) -> None:
        now = timezone.now().timestamp()
        if now - last["at"] >= 1:
            last["at"] = now
            ImportJob.objects.filter(pk=job.pk).update(
                progress_done=lines, updated_at=timezone.now()
            )

    return write


def import_job_run(*, job_id: uuid.UUID) -> ImportJob:
    """Run a claimed job to `completed` or `failed`. Bad input → failed with the reason."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    path = Path(job.file_path)
    try:
        with open(path, "rb") as fileobj:
            total = count_lines(fileobj)
            ImportJob.objects.filter(pk=job.pk).update(progress_total=total)
            summary = import_file(
                user=job.user,
                fileobj=fileobj,
                format=job.format,
                unit=job.unit or None,
                exercise_map=(job.options or {}).get("exercise_map"),
                on_line=_progress_writer(job),
            )
    except ImportFormatError as exc:
        _finish(job, status=ImportJob.Status.FAILED, error=str(exc))
        path.unlink(missing_ok=True)  # the member's file was bad: nothing to re-run
    except FileNotFoundError:
        _finish(job, status=ImportJob.Status.FAILED, error="The uploaded file is gone.")
    except Exception as exc:
        logger.exception("import job %s failed", job.pk)
        # Kept on disk so that an admin can re-run the job once the cause is fixed.
        _finish(job, status=ImportJob.Status.FAILED, error=f"Unexpected error: {exc}"[:500])
    else:
        _finish(job, status=ImportJob.Status.COMPLETED, summary=summary.to_json(), done=total)
        path.unlink(missing_ok=True)
    job.refresh_from_db()
    return job


def _finish(job: ImportJob, *, status: str, error: str | None = None, summary=None, done=None):
    changes = {"status": status, "error": error, "finished_at": timezone.now()}
    changes["updated_at"] = changes["finished_at"]
    if summary is not None:
        changes["summary"] = summary
    if done is not None:
        changes["progress_done"] = done
    ImportJob.objects.filter(pk=job.pk).update(**changes)


def import_job_mark_unavailable(*, job_id: uuid.UUID) -> None:
    """The queue could not be reached: the job fails now (an admin can re-run it later)."""
    ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PENDING).update(
        status=ImportJob.Status.FAILED,
        error="Background processing is unavailable (the task queue cannot be reached).",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def import_job_mark_interrupted(*, job_id: uuid.UUID) -> bool:
    """The worker running this job died (its message came back): the job fails, saying so.
    The import is one transaction, so the interrupted run wrote no workouts."""
    return bool(
        ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PROCESSING).update(
            status=ImportJob.Status.FAILED,
            error=(
                "The import was interrupted: the worker processing it stopped unexpectedly "
                "(for example it ran out of memory). No workouts were imported from this file. "
                "Upload it again, or split it into smaller files."
            ),
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    )


def import_job_rerun(*, job: ImportJob) -> bool:
    """Put a failed job whose file is still there back in the queue."""
    from imports.tasks import enqueue_import_job

    if job.status != ImportJob.Status.FAILED or not Path(job.file_path or "-").is_file():
        return False
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.FAILED).update(
        status=ImportJob.Status.PENDING,
        error=None,
        summary=None,
        progress_done=0,
        started_at=None,
        finished_at=None,
        updated_at=timezone.now(),
    )
    if updated:
        transaction.on_commit(lambda: enqueue_import_job(job.pk))
    return bool(updated)


def import_jobs_cleanup(*, now=None) -> dict:
    """Daily: delete finished jobs older than 7 days with their files, and uploads whose
    preview expired; fail stuck jobs."""
    now = now or timezone.now()
    old = ImportJob.objects.filter(
        status__in=[ImportJob.Status.COMPLETED, ImportJob.Status.FAILED],
        created_at__lt=now - timedelta(days=JOB_KEEP_DAYS),
    )
    for path in old.exclude(file_path="").values_list("file_path", flat=True):
        Path(path).unlink(missing_ok=True)
    deleted, _ = old.delete()
    stuck_before = now - timedelta(minutes=JOB_STUCK_MINUTES)
    stuck = ImportJob.objects.filter(
        status=ImportJob.Status.PROCESSING, started_at__lt=stuck_before
    ).update(
        status=ImportJob.Status.FAILED,
        error=f"Stopped: not finished after {JOB_STUCK_MINUTES} minutes.",
        finished_at=now,
        updated_at=now,
    )
    lost = ImportJob.objects.filter(
        status=ImportJob.Status.PENDING, created_at__lt=now - timedelta(days=1)
    ).update(
        status=ImportJob.Status.FAILED,
        error="Never picked up by a worker.",
        finished_at=now,
        updated_at=now,
    )
    uploads = uploads_cleanup(now=now.timestamp())
    return {"deleted": deleted, "stuck_failed": stuck + lost, "uploads_deleted": uploads}
