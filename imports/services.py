"""Writes of feature 7: importing a file (in one transaction) and background import jobs.

The insert is all or nothing and takes a fixed number of database statements whatever the
file's size: on PostgreSQL one `INSERT ... SELECT FROM unnest(...)` per table with ids made
in Python, the sets by one binary COPY (BEGIN, lock, 2 reads, ≤ 4 inserts, COMMIT); on
SQLite, bulk_create.
"""

import logging
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from fitness.accounts.models import User
from fitness.workouts.models import Exercise, WorkoutSession, WorkoutSessionExercise, WorkoutSet
from fitness.workouts.summaries.refresh import history_summaries_refresh
from imports.matching import ExerciseMatcher, Match
from imports.models import ImportJob
from imports.parsers.base import ImportFormatError, ParsedSession
from imports.reader import ReadResult, count_lines, file_size, read_sessions

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
HALF = Decimal("0.5")
NAME_MAX = 100
SKIPPED_SHOWN = 50  # reasons kept in a summary; the count is always complete
UNITS = ("kg", "lb")
# workout_sets' column types, in the order of _Plan.sets rows after the id (for binary COPY).
SET_COLUMN_TYPES = [
    "uuid", "uuid", "int2", "bool", "numeric", "varchar", "int4", "numeric", "text", "numeric",
    "int4",
]  # fmt: skip
JOB_KEEP_DAYS = 7  # finished jobs (and files) are deleted after this
JOB_STUCK_MINUTES = 60  # a job `processing` longer than this is marked failed


# --- Import ---------------------------------------------------------------------------------


def import_file(
    *,
    user: User,
    fileobj: BinaryIO,
    format: str = "auto",
    unit: str | None = None,
    on_line: Callable[[int], None] | None = None,
) -> dict:
    """Parse a file and import it for `user`. Raises ImportFormatError, writing nothing."""
    result = read_sessions(
        fileobj,
        format=format or "auto",
        unit=unit or user.preferred_unit,
        tz=user.tzinfo,
        on_line=on_line,
    )
    return import_sessions(user=user, result=result)


def import_sessions(*, user: User, result: ReadResult) -> dict:
    sessions = [_checked_session(session, user) for session in result.sessions]
    with transaction.atomic():
        _lock_member(user)
        matcher = ExerciseMatcher(_exercise_rows(user))
        fresh, duplicates = _without_duplicates(user, sessions)
        plan = _Plan(user, matcher)
        for session in fresh:
            plan.add_session(session)
        plan.insert()
    return {
        "format": result.parser.name,
        "format_label": result.parser.label,
        "rows": result.rows,
        "sessions": len(fresh),
        "sets": plan.set_count,
        "duplicates_skipped": duplicates,
        "exercises_matched": plan.matched_summary(),
        "exercises_created": sorted(plan.created, key=str.lower),
        "skipped_count": len(result.skipped),
        "skipped": result.skipped[:SKIPPED_SHOWN],
    }


def _where(session: ParsedSession, exercise_name: str | None = None) -> str:
    where = f"Workout “{session.name[:40]}” of {session.started_at:%Y-%m-%d %H:%M}"
    return f"{where}, exercise “{exercise_name[:40]}”" if exercise_name else where


def _checked_decimal(value, *, where: str, what: str, limit: int, places=CENT) -> Decimal | None:
    if value is None:
        return None
    value = Decimal(value).quantize(places, rounding=ROUND_HALF_UP)
    if value < 0:
        raise ImportFormatError(f"{where}: {what} {value} is negative.")
    if value >= limit:
        raise ImportFormatError(f"{where}: {what} {value} is too large.")
    return value


def _checked_session(session: ParsedSession, user: User) -> ParsedSession:
    """Enforce the database's rules on what a parser produced, with readable messages."""
    if timezone.is_naive(session.started_at):
        session.started_at = timezone.make_aware(session.started_at, user.tzinfo)
    if session.completed_at is None or session.completed_at < session.started_at:
        session.completed_at = session.started_at
    elif timezone.is_naive(session.completed_at):
        session.completed_at = timezone.make_aware(session.completed_at, user.tzinfo)
    session.name = (session.name or "Workout").strip()[:NAME_MAX] or "Workout"
    for exercise in session.exercises:
        exercise.name = (exercise.name or "").strip()[:NAME_MAX]
        where = _where(session, exercise.name)
        if not exercise.name:
            raise ImportFormatError(f"{_where(session)}: an exercise has no name.")
        for item in exercise.sets:
            if not 1 <= item.set_number <= 32767:
                raise ImportFormatError(f"{where}: set number {item.set_number} is out of range.")
            if item.weight_unit not in UNITS:
                raise ImportFormatError(f"{where}: unknown weight unit “{item.weight_unit}”.")
            item.weight = _checked_decimal(item.weight, where=where, what="weight", limit=10**5)
            item.distance_m = _checked_decimal(
                item.distance_m, where=where, what="distance", limit=10**7
            )
            for what in ("reps", "duration_s"):
                value = getattr(item, what)
                if value is not None and not 0 <= value < 2**31:
                    raise ImportFormatError(f"{where}: {what} {value} is out of range.")
            if item.rpe is not None:
                rpe = (Decimal(item.rpe) / HALF).quantize(Decimal(1), ROUND_HALF_UP) * HALF
                if not 1 <= rpe <= 10:
                    raise ImportFormatError(f"{where}: RPE {item.rpe} is not between 1 and 10.")
                item.rpe = rpe
    return session


def _lock_member(user: User) -> None:
    """Serialise imports of one member so that two uploads of a file cannot both insert."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"import:{user.pk}"]
            )


def _exercise_rows(user: User) -> list[tuple[uuid.UUID, str, bool]]:
    rows = Exercise.objects.filter(user__isnull=True) | Exercise.objects.filter(user=user)
    values = rows.values_list("id", "name", "user")
    return [(pk, name, owner is not None) for pk, name, owner in values]


def _without_duplicates(
    user: User, sessions: list[ParsedSession]
) -> tuple[list[ParsedSession], int]:
    """Drop sessions the member already has (same start and name), and repeats in the file."""
    if not sessions:
        return [], 0
    starts = [session.started_at for session in sessions]
    seen = set(
        WorkoutSession.objects.filter(
            user=user, started_at__gte=min(starts), started_at__lte=max(starts)
        ).values_list("started_at", "name")
    )
    fresh = []
    for session in sessions:
        key = (session.started_at, session.name)
        if key not in seen:
            seen.add(key)
            fresh.append(session)
    return fresh, len(sessions) - len(fresh)


def _new_exercise_type(sets) -> str:
    if any(item.weight is not None for item in sets):
        return Exercise.Type.STRENGTH
    if any(item.distance_m for item in sets):
        return Exercise.Type.CARDIO
    if any(item.duration_s for item in sets) and not any(item.reps for item in sets):
        return Exercise.Type.TIMED
    return Exercise.Type.BODYWEIGHT


class _Plan:
    """Rows to insert, as columns, with ids made here so that one statement per table works."""

    def __init__(self, user: User, matcher: ExerciseMatcher):
        self.user = user
        self.matcher = matcher
        self.created: list[str] = []
        self.matches: dict[str, Match] = {}
        self.exercises: list[tuple] = []
        self.sessions: list[tuple] = []
        self.session_exercises: list[tuple] = []
        self.sets: list[tuple] = []
        self.set_count = 0

    def _exercise_for(self, name: str, sets) -> uuid.UUID:
        match = self.matcher.find(name)
        if match is None:
            exercise_type = _new_exercise_type(sets)
            match = self.matcher.add(uuid.uuid4(), name)
            category = "cardio" if exercise_type == Exercise.Type.CARDIO else "full_body"
            slug = slugify(name)[:120] or "exercise"
            self.exercises.append((match.exercise_id, name, slug, exercise_type, category))
            self.created.append(name)
        self.matches.setdefault(name, match)
        return match.exercise_id

    def add_session(self, session: ParsedSession) -> None:
        session_id = uuid.uuid4()
        self.sessions.append(
            (session_id, session.name, session.started_at, session.completed_at, session.notes)
        )
        for position, exercise in enumerate(session.exercises):
            order = getattr(exercise, "order_index", None)
            order = position if order is None else order
            exercise_id = self._exercise_for(exercise.name, exercise.sets)
            row_id = uuid.uuid4()
            self.session_exercises.append(
                (row_id, session_id, exercise_id, exercise.name, order, exercise.notes or "")
            )
            for item in exercise.sets:
                self.sets.append(
                    (
                        row_id,
                        item.set_number,
                        bool(item.is_warmup),
                        item.weight,
                        item.weight_unit,
                        item.reps,
                        item.rpe,
                        item.notes or "",
                        item.distance_m,
                        item.duration_s,
                    )
                )
            self.set_count += len(exercise.sets)

    def matched_summary(self) -> list[dict]:
        return sorted(
            (
                {"file": name, "exercise": match.name, "how": match.how}
                for name, match in self.matches.items()
                if match.how != "created"
            ),
            key=lambda item: item["file"].lower(),
        )

    def insert(self) -> None:
        if not self.sessions:
            return
        if connection.vendor == "postgresql":
            self._insert_unnest()
        else:
            self._insert_bulk_create()
        # Same transaction: records, charts and streak include the imported workouts.
        history_summaries_refresh(
            user=self.user,
            exercise_keys={row[3] for row in self.session_exercises},
            since=min(row[2] for row in self.sessions),
        )

    def _insert_unnest(self) -> None:
        now = timezone.now()
        with _array_cursor() as cursor:
            if self.exercises:
                cursor.execute(
                    """
                    INSERT INTO exercises (id, name, slug, type, category, primary_muscle,
                        media_url, instructions, user_id, is_archived, created_at, updated_at)
                    SELECT u.id, u.name, u.slug, u.type, u.category, '', '', '', %s, false, %s, %s
                    FROM unnest(%b::uuid[], %b::text[], %b::text[], %b::text[], %b::text[])
                        AS u(id, name, slug, type, category)
                    """,
                    [self.user.pk, now, now, *_columns(self.exercises, 5)],
                )
            cursor.execute(
                """
                INSERT INTO workout_sessions (id, user_id, template_id, name, status,
                    started_at, completed_at, notes, created_at, updated_at)
                SELECT u.id, %s, NULL, u.name, 'completed', u.started_at, u.completed_at,
                    u.notes, %s, %s
                FROM unnest(%b::uuid[], %b::text[], %b::timestamptz[], %b::timestamptz[],
                    %b::text[]) AS u(id, name, started_at, completed_at, notes)
                """,
                [self.user.pk, now, now, *_columns(self.sessions, 5)],
            )
            cursor.execute(
                """
                INSERT INTO workout_session_exercises (id, session_id, exercise_id,
                    exercise_name, order_index, notes)
                SELECT * FROM unnest(%b::uuid[], %b::uuid[], %b::uuid[], %b::text[],
                    %b::int[], %b::text[])
                """,
                _columns(self.session_exercises, 6),
            )
            # The biggest table goes in by COPY (binary): no arrays to build, and PostgreSQL
            # inserts the rows in batches. (Django's query log does not list COPY statements.)
            with cursor.copy(
                "COPY workout_sets (id, session_exercise_id, set_number, is_warmup, weight, "
                "weight_unit, reps, rpe, notes, distance_m, duration_s) FROM STDIN (FORMAT BINARY)"
            ) as copy:
                copy.set_types(SET_COLUMN_TYPES)
                for row in self.sets:
                    copy.write_row((uuid.uuid4(), *row))

    def _insert_bulk_create(self) -> None:
        Exercise.objects.bulk_create(
            Exercise(id=pk, name=name, slug=slug, type=kind, category=category, user=self.user)
            for pk, name, slug, kind, category in self.exercises
        )
        WorkoutSession.objects.bulk_create(
            WorkoutSession(
                id=pk,
                user=self.user,
                name=name,
                status=WorkoutSession.Status.COMPLETED,
                started_at=started,
                completed_at=completed,
                notes=notes,
            )
            for pk, name, started, completed, notes in self.sessions
        )
        WorkoutSessionExercise.objects.bulk_create(
            WorkoutSessionExercise(
                id=pk,
                session_id=session_id,
                exercise_id=exercise_id,
                exercise_name=name,
                order_index=order,
                notes=notes,
            )
            for pk, session_id, exercise_id, name, order, notes in self.session_exercises
        )
        fields = ("set_number", "is_warmup", "weight", "weight_unit", "reps", "rpe", "notes")
        WorkoutSet.objects.bulk_create(
            (
                WorkoutSet(
                    session_exercise_id=row[0],
                    **dict(zip(fields, row[1:8], strict=True)),
                    distance_m=row[8],
                    duration_s=row[9],
                )
                for row in self.sets
            ),
            batch_size=2000,
        )


@contextmanager
def _array_cursor():
    """A psycopg cursor with server-side binding, wrapped by Django like any cursor (so it is
    logged and counted). Django's own cursors bind on the client, which would turn each array
    of 100,000 values into one huge SQL literal for the server to parse."""
    import psycopg

    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    with wrap(raw) as cursor:
        yield cursor


def _columns(rows: list[tuple], width: int) -> list[list]:
    """Row tuples → one list per column (the arrays unnest() takes)."""
    if not rows:
        return [[] for _ in range(width)]
    return [list(column) for column in zip(*rows, strict=True)]


# --- Background jobs ------------------------------------------------------------------------


def _private_dir() -> Path:
    path = Path(settings.PRIVATE_STORAGE_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def import_job_create(
    *,
    user: User,
    fileobj: BinaryIO,
    file_name: str,
    format: str = "auto",
    unit: str | None = None,
    created_by: User | None = None,
) -> ImportJob:
    """Keep the upload in private storage and queue its import (after the commit)."""
    from imports.tasks import enqueue_import_job

    job_id = uuid.uuid4()
    path = _private_dir() / f"{job_id}.csv"
    source = getattr(fileobj, "file", fileobj)
    source.seek(0)
    with open(path, "wb") as target:
        while chunk := source.read(1024 * 1024):
            target.write(chunk)
    with transaction.atomic():
        job = ImportJob.objects.create(
            id=job_id,
            user=user,
            created_by=created_by,
            file_name=file_name[:255],
            file_path=str(path),
            file_size=file_size(source),
            format=format or "auto",
            unit=unit or "",
        )
        transaction.on_commit(lambda: enqueue_import_job(job.pk))
    job.refresh_from_db()
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
        _finish(job, status=ImportJob.Status.COMPLETED, summary=summary, done=total)
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
    """Daily: delete finished jobs older than 7 days with their files; fail stuck jobs."""
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
    return {"deleted": deleted, "stuck_failed": stuck + lost}
