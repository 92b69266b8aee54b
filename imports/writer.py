"""The set-based writer of an import: parsed sessions → rows, all or nothing.

It takes a fixed number of database statements whatever the file's size: on PostgreSQL
BEGIN, a per-member advisory lock, 3 reads (exercises, aliases, existing workouts), one
`INSERT ... SELECT FROM unnest(...)` per table with ids made in Python, the sets by one
binary COPY, COMMIT; on SQLite, bulk_create. Parsers hand over clean rows; the checks
(imports/checks.py) are the database's rules again, so that a parser's slip is a message,
never a broken row.
"""

import os
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from fitness.accounts.models import User
from fitness.workouts.models import (
    SUPERSET_MAX,
    Exercise,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
)
from fitness.workouts.summaries.metrics import SetValues
from fitness.workouts.summaries.refresh import history_summaries_refresh
from imports.checks import checked_session, has_value
from imports.matching import ExerciseMatcher, Match, load_matcher
from imports.parsers.base import ParsedSession, ParsedSet

NEW = "new"  # an exercise_map value: make the name a new exercise of the member
# How the binary COPY sends workout_sets' columns: the id, then _Plan.sets rows. The id goes
# as "bytea": binary COPY carries no type, the server reads the 16 raw bytes with the uuid
# column's own receive function, and random bytes made in one go cost a fraction of
# uuid.uuid4() per set (which was a fifth of the writer's time).
SET_COLUMN_TYPES = [
    "bytea", "uuid", "int2", "bool", "numeric", "varchar", "int4", "numeric", "text", "numeric",
    "int4", "varchar",
]  # fmt: skip

# File name → the exercise the member chose for it (its id), or NEW.
ExerciseMap = dict[str, uuid.UUID | str]


@dataclass(frozen=True)
class MatchedName:
    """An exercise name of the file that went to an existing exercise, and how."""

    file: str
    exercise: str
    how: str  # "alias", "exact", "similar" or "chosen" (picked by the member)


@dataclass
class WriteResult:
    sessions: int = 0
    sets: int = 0
    duplicates: int = 0
    matched: list[MatchedName] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    empty_sets: int = 0  # sets with no value at all, left out


def write_sessions(
    *, user: User, sessions: list[ParsedSession], exercise_map: ExerciseMap | None = None
) -> WriteResult:
    """Insert `sessions` for `user` in one transaction, skipping the ones already there.
    Raises ImportFormatError (writing nothing) when a row breaks the database's rules."""
    sessions = [checked_session(session, user) for session in sessions]
    with transaction.atomic():
        lock_member(user)
        matcher = load_matcher(user)
        fresh, duplicates = without_duplicates(user, sessions)
        plan = _Plan(user, matcher, exercise_map or {})
        for session in fresh:
            plan.add_session(session)
        plan.insert()
    return WriteResult(
        sessions=len(plan.sessions),
        sets=len(plan.sets),
        duplicates=duplicates,
        matched=plan.matched_summary(),
        created=sorted(plan.created, key=str.lower),
        empty_sets=plan.empty_sets,
    )


def lock_member(user: User) -> None:
    """Serialise imports of one member so that two uploads of a file cannot both insert."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"import:{user.pk}"]
            )


def without_duplicates(
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


def _new_exercise_type(sets: Iterable[ParsedSet]) -> str:
    sets = list(sets)
    if any(item.weight is not None for item in sets):
        return Exercise.Type.STRENGTH
    if any(item.distance_m for item in sets):
        return Exercise.Type.CARDIO
    if any(item.duration_s for item in sets) and not any(item.reps for item in sets):
        return Exercise.Type.TIMED
    return Exercise.Type.BODYWEIGHT


def _set_type(item: ParsedSet) -> str:
    """The set's type, with is_warmup and set_type equal (a CHECK on workout_sets)."""
    return "warmup" if item.is_warmup else (item.set_type or "normal")


def _superset_numbers(session: ParsedSession) -> dict[str, int]:
    """The file's superset keys of one workout → 1, 2… in order of appearance (a key of one
    exercise alone is no superset), the numbering the app keeps, so an export → import →
    export round trip is exact."""
    keys = [exercise.superset for exercise in session.exercises]
    shared = [key for key in dict.fromkeys(keys) if key is not None and keys.count(key) > 1]
    return {key: number for number, key in enumerate(shared[:SUPERSET_MAX], start=1)}


def random_uuids(count: int) -> list[bytes]:
    """`count` random version-4 UUIDs as their 16 bytes (RFC 4122: version and variant bits
    set), from one call to the system's random source."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(byte & 0x0F | 0x40 for byte in raw[6::16])
    raw[8::16] = bytes(byte & 0x3F | 0x80 for byte in raw[8::16])
    raw = bytes(raw)
    return [raw[start : start + 16] for start in range(0, 16 * count, 16)]


def _as_uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value is not None else None
    except ValueError:
        return None


class _Plan:
    """Rows to insert, as columns, with ids made here so that one statement per table works."""

    def __init__(self, user: User, matcher: ExerciseMatcher, exercise_map: ExerciseMap):
        self.user = user
        self.matcher = matcher
        self.exercise_map = exercise_map
        # The exercises the matcher knows (system and own), for the member's choices.
        self.known = {match.exercise_id: match.name for match in matcher.exact.values()}
        self.created: list[str] = []
        self.matches: dict[str, Match] = {}
        self.exercises: list[tuple] = []
        self.sessions: list[tuple] = []
        self.session_exercises: list[tuple] = []
        self.sets: list[tuple] = []
        self.empty_sets = 0

    def _chosen(self, name: str, sets: list[ParsedSet]) -> Match | None:
        """The member's choice for `name` on the preview, if it still stands."""
        choice = self.exercise_map.get(name)
        if choice == NEW:
            # A name that already is an exercise of that spelling cannot be created again.
            spelled = self.matcher.exact.get(" ".join(name.split()).lower())
            return spelled or self._create(name, sets)
        exercise_id = _as_uuid(choice)
        if exercise_id is not None and (exercise_name := self.known.get(exercise_id)):
            return Match(exercise_id, exercise_name, "chosen")
        return None  # no choice, or the exercise is gone since: match as usual

    def _create(self, name: str, sets: list[ParsedSet]) -> Match:
        exercise_type = _new_exercise_type(sets)
        match = self.matcher.add(uuid.uuid4(), name)
        category = "cardio" if exercise_type == Exercise.Type.CARDIO else "full_body"
        slug = slugify(name)[:120] or "exercise"
        self.exercises.append((match.exercise_id, name, slug, exercise_type, category))
        self.created.append(name)
        return match

    def _exercise_for(self, name: str, sets: list[ParsedSet]) -> uuid.UUID:
        match = self.matches.get(name)
        if match is None:
            match = self._chosen(name, sets) or self.matcher.find(name) or self._create(name, sets)
            self.matches[name] = match
        return match.exercise_id

    def add_session(self, session: ParsedSession) -> None:
        exercises = []
        for exercise in session.exercises:
            sets = [item for item in exercise.sets if has_value(item)]
            self.empty_sets += len(exercise.sets) - len(sets)
            if sets:
                exercises.append((exercise, sets))
        if not exercises:
            return
        session_id = uuid.uuid4()
        self.sessions.append(
            (session_id, session.name, session.started_at, session.completed_at, session.notes)
        )
        supersets = _superset_numbers(session)
        for position, (exercise, sets) in enumerate(exercises):
            order = getattr(exercise, "order_index", None)
            order = position if order is None else order
            exercise_id = self._exercise_for(exercise.name, sets)
            row_id = uuid.uuid4()
            self.session_exercises.append(
                (
                    row_id,
                    session_id,
                    exercise_id,
                    exercise.name,
                    order,
                    exercise.notes or "",
                    supersets.get(exercise.superset),
                )
            )
            for item in sets:
                set_type = _set_type(item)
                self.sets.append(
                    (
                        row_id,
                        item.set_number,
                        set_type == "warmup",
                        item.weight,
                        item.weight_unit,
                        item.reps,
                        item.rpe,
                        item.notes or "",
                        item.distance_m,
                        item.duration_s,
                        set_type,
                    )
                )

    def matched_summary(self) -> list[MatchedName]:
        return sorted(
            (
                MatchedName(name, match.name, match.how)
                for name, match in self.matches.items()
                if match.how != "created"
            ),
            key=lambda item: item.file.lower(),
        )

    def insert(self) -> None:
        if not self.sessions:
            return
        set_ids = random_uuids(len(self.sets))
        if connection.vendor == "postgresql":
            self._insert_unnest(set_ids)
        else:
            self._insert_bulk_create(set_ids)
        # Same transaction: records, charts and streak include the imported workouts, whose
        # sets the refresh takes from here rather than reading them back.
        history_summaries_refresh(
            user=self.user,
            exercise_keys={row[3] for row in self.session_exercises},
            since=min(row[2] for row in self.sessions),
            written=(
                (row[0], row[1], set_id, SetValues(*row[3:6], row[2], *row[8:10]))
                for set_id, row in zip(set_ids, self.sets, strict=True)
            ),
        )

    def _insert_unnest(self, set_ids: list[bytes]) -> None:
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
                    exercise_name, order_index, notes, superset_group)
                SELECT * FROM unnest(%b::uuid[], %b::uuid[], %b::uuid[], %b::text[],
                    %b::int[], %b::text[], %b::int[])
                """,
                _columns(self.session_exercises, 7),
            )
            # The biggest table goes in by COPY (binary): no arrays to build, and PostgreSQL
            # inserts the rows in batches. (Django's query log does not list COPY statements.)
            with cursor.copy(
                "COPY workout_sets (id, session_exercise_id, set_number, is_warmup, weight, "
                "weight_unit, reps, rpe, notes, distance_m, duration_s, set_type) "
                "FROM STDIN (FORMAT BINARY)"
            ) as copy:
                copy.set_types(SET_COLUMN_TYPES)
                for set_id, row in zip(set_ids, self.sets, strict=True):
                    copy.write_row((set_id, *row))

    def _insert_bulk_create(self, set_ids: list[bytes]) -> None:
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
                superset_group=group,
            )
            for pk, session_id, exercise_id, name, order, notes, group in self.session_exercises
        )
        fields = ("set_number", "is_warmup", "weight", "weight_unit", "reps", "rpe", "notes")
        WorkoutSet.objects.bulk_create(
            (
                WorkoutSet(
                    id=uuid.UUID(bytes=set_id),
                    session_exercise_id=row[0],
                    **dict(zip(fields, row[1:8], strict=True)),
                    distance_m=row[8],
                    duration_s=row[9],
                    set_type=row[10],
                )
                for set_id, row in zip(set_ids, self.sets, strict=True)
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
