"""The schema document's rules hold in the database itself: rows deleted, inserted and
updated with plain SQL (an operator's cleanup, a support script), not through Django."""

import uuid
from dataclasses import dataclass
from datetime import date

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group
from django.db import connection

from calendar_app.models import CalendarFeed, ScheduledWorkout
from fitness.accounts.models import Invite, User
from fitness.accounts.tests.factories import InviteFactory, UserFactory
from fitness.dbrules import ForeignKeyRule, foreign_key_rules
from fitness.workouts.models import (
    Exercise,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
    WorkoutTemplate,
    WorkoutTemplateExercise,
)
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
)
from imports.models import ImportJob

pytestmark = pytest.mark.django_db

# The rules the documents name (schema doc for features 6–8, product.md for features 1–5).
DOCUMENTED_RULES = {
    ("users", "invited_by_id"): "SET NULL",
    ("workout_templates", "user_id"): "CASCADE",
    ("workout_template_exercises", "template_id"): "CASCADE",
    ("workout_sessions", "user_id"): "CASCADE",
    ("workout_sessions", "template_id"): "SET NULL",
    ("workout_session_exercises", "session_id"): "CASCADE",
    ("workout_session_exercises", "exercise_id"): "SET NULL",
    ("workout_sets", "session_exercise_id"): "CASCADE",
    ("exercises", "user_id"): "CASCADE",
    ("scheduled_workouts", "user_id"): "CASCADE",
    ("scheduled_workouts", "template_id"): "SET NULL",
    ("scheduled_workouts", "completed_session_id"): "SET NULL",
    ("import_jobs", "user_id"): "CASCADE",
}

RULE_CODES = {
    "a": "NO ACTION",
    "r": "RESTRICT",
    "c": "CASCADE",
    "n": "SET NULL",
    "d": "SET DEFAULT",
}


def sql(query: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def database_rules() -> set[ForeignKeyRule]:
    rows = sql(
        """
        SELECT c.conrelid::regclass::text, a.attname, c.confdeltype
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'f' AND n.nspname = current_schema()
        """
    )
    return {ForeignKeyRule(table, column, RULE_CODES[code]) for table, column, code in rows}


@pytest.mark.postgres
def test_every_foreign_key_in_postgresql_carries_its_fields_on_delete():
    expected = set(foreign_key_rules(apps.get_models(include_auto_created=True)))
    actual = database_rules()
    # A key created or altered by a migration without fitness.dbrules.delete_rules() after it
    # shows up here as NO ACTION.
    assert actual - expected == set(), "add delete_rules(<app>) to the migration"
    assert expected - actual == set()
    assert [rule for rule in actual if rule.rule == "NO ACTION"] == []


@pytest.mark.postgres
def test_postgresql_has_the_delete_rules_the_documents_name():
    actual = {(rule.table, rule.column): rule.rule for rule in database_rules()}
    assert {key: actual.get(key) for key in DOCUMENTED_RULES} == DOCUMENTED_RULES


@dataclass
class World:
    alice: User
    bob: User  # invited by Alice
    stella: User  # staff, uploads for Alice, and invited by no one
    exercise: Exercise  # Alice's custom exercise
    template: WorkoutTemplate
    template_row: WorkoutTemplateExercise
    session: WorkoutSession  # from the template, with the custom exercise
    session_row: WorkoutSessionExercise
    sets: list[WorkoutSet]
    entry: ScheduledWorkout  # the template, completed by the session


@pytest.fixture
def world() -> World:
    alice = UserFactory(display_name="Alice")
    bob = UserFactory(display_name="Bob", invited_by=alice)
    stella = UserFactory(display_name="Stella", is_staff=True)
    exercise = ExerciseFactory(user=alice, name="Zercher squat")
    template = WorkoutTemplateFactory(user=alice)
    template_row = WorkoutTemplateExerciseFactory(template=template, exercise=exercise)
    session = WorkoutSessionFactory(user=alice, template=template)
    session_row = WorkoutSessionExerciseFactory(session=session, exercise=exercise)
    sets = [WorkoutSetFactory(session_exercise=session_row) for _ in range(3)]
    entry = ScheduledWorkout.objects.create(
        user=alice, template=template, scheduled_date=date(2026, 3, 2), completed_session=session
    )
    return World(
        alice, bob, stella, exercise, template, template_row, session, session_row, sets, entry
    )


def exists(model, **lookup) -> bool:
    return model.objects.filter(**lookup).exists()


@pytest.mark.postgres
def test_deleting_a_member_with_sql_removes_what_they_own_and_unlinks_the_rest(world):
    alice, bob, stella = world.alice, world.bob, world.stella
    CalendarFeed.objects.create(user=alice, token="t", token_digest="d")
    own_job = ImportJob.objects.create(user=alice)
    job_for_stella = ImportJob.objects.create(user=stella, created_by=alice)
    sent = InviteFactory(inviter=alice)
    used = InviteFactory(inviter=stella, used_by=alice)
    LogEntry.objects.create(user=alice, action_flag=ADDITION, object_repr="x")
    alice.groups.add(Group.objects.create(name="coaches"))
    other_template = WorkoutTemplateFactory(user=bob)

    sql("DELETE FROM users WHERE id = %s", [alice.pk])

    for model in (
        Exercise,
        WorkoutTemplate,
        WorkoutSession,
        ScheduledWorkout,
        CalendarFeed,
        ImportJob,
        Invite,
    ):
        assert not exists(model, **{"inviter" if model is Invite else "user": alice.pk})
    assert not exists(WorkoutTemplateExercise, pk=world.template_row.pk)
    assert not exists(WorkoutSessionExercise, pk=world.session_row.pk)
    assert not exists(WorkoutSet, session_exercise=world.session_row.pk)
    assert not exists(ImportJob, pk=own_job.pk)
    assert not exists(Invite, pk=sent.pk)
    assert not LogEntry.objects.filter(user=alice.pk).exists()
    assert Group.objects.filter(name="coaches", user__isnull=True).exists()
    # SET NULL: the other members and their rows stay, without the link.
    bob.refresh_from_db()
    assert bob.invited_by_id is None
    job_for_stella.refresh_from_db()
    assert job_for_stella.created_by_id is None
    used.refresh_from_db()
    assert used.used_by_id is None
    assert exists(WorkoutTemplate, pk=other_template.pk)
    assert exists(Exercise, user=None, name="Bench Press")  # system exercises untouched


@pytest.mark.postgres
def test_deleting_a_template_with_sql_keeps_sessions_and_entries_unlinked(world):
    sql("DELETE FROM workout_templates WHERE id = %s", [world.template.pk])

    assert not exists(WorkoutTemplateExercise, pk=world.template_row.pk)
    world.session.refresh_from_db()
    world.entry.refresh_from_db()
    assert world.session.template_id is None
    assert world.entry.template_id is None
    assert world.entry.completed_session_id == world.session.pk
    assert WorkoutSet.objects.filter(session_exercise__session=world.session).count() == 3


@pytest.mark.postgres
def test_deleting_a_session_with_sql_removes_its_sets_and_reopens_the_entry(world):
    sql("DELETE FROM workout_sessions WHERE id = %s", [world.session.pk])

    assert not exists(WorkoutSessionExercise, pk=world.session_row.pk)
    assert not exists(WorkoutSet, pk__in=[s.pk for s in world.sets])
    world.entry.refresh_from_db()
    assert world.entry.completed_session_id is None
    assert world.entry.status_on(date(2026, 3, 1)) == ScheduledWorkout.Status.PLANNED
    assert exists(WorkoutTemplate, pk=world.template.pk)


@pytest.mark.postgres
def test_deleting_an_exercise_with_sql_keeps_history_under_its_name(world):
    sql("DELETE FROM exercises WHERE id = %s", [world.exercise.pk])

    world.session_row.refresh_from_db()
    assert world.session_row.exercise_id is None
    assert world.session_row.exercise_name == "Zercher squat"
    assert WorkoutSet.objects.filter(session_exercise=world.session_row).count() == 3
    assert not exists(WorkoutTemplateExercise, pk=world.template_row.pk)


@pytest.mark.postgres
def test_insert_with_sql_gets_the_schema_defaults(owner):
    ((job_id, status, created, updated, now),) = sql(
        "INSERT INTO import_jobs (user_id) VALUES (%s) "
        "RETURNING id, status, created_at, updated_at, CURRENT_TIMESTAMP",
        [owner.pk],
    )
    assert isinstance(job_id, uuid.UUID) and job_id.version == 4
    assert (status, created, updated) == ("pending", now, now)
    assert ImportJob.objects.get(pk=job_id).summary is None

    ((entry_id, created),) = sql(
        "INSERT INTO scheduled_workouts (user_id, scheduled_date) VALUES (%s, '2026-03-02') "
        "RETURNING id, created_at",
        [owner.pk],
    )
    assert entry_id.version == 4
    assert ScheduledWorkout.objects.get(pk=entry_id).display_title == "Untitled"

    template_id, visibility = sql(
        "INSERT INTO workout_templates (user_id, name, description, is_archived) "
        "VALUES (%s, 'Legs', '', false) RETURNING id, visibility",
        [owner.pk],
    )[0]
    assert visibility == "private"
    assert WorkoutTemplate.objects.get(pk=template_id).created_at == now


UPDATES = {
    "import_jobs": "UPDATE import_jobs SET status = 'processing'",
    "scheduled_workouts": "UPDATE scheduled_workouts SET notes = 'moved'",
}


@pytest.mark.postgres
@pytest.mark.parametrize("table", UPDATES)
def test_update_with_sql_moves_updated_at_unless_it_sets_it(owner, table):
    if table == "import_jobs":
        row = ImportJob.objects.create(user=owner)
    else:
        row = ScheduledWorkout.objects.create(user=owner, scheduled_date=date(2026, 3, 2))
    before = row.updated_at

    moved = sql(UPDATES[table] + " WHERE id = %s RETURNING updated_at", [row.pk])
    assert moved[0][0] > before

    chosen = sql(
        UPDATES[table] + ", updated_at = %s WHERE id = %s RETURNING updated_at", [before, row.pk]
    )
    assert chosen == [(before,)]


@pytest.mark.postgres
def test_both_updated_at_triggers_run_the_one_shared_function():
    rows = sql(
        "SELECT tgname, tgfoid::regproc::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"
    )
    assert rows == [
        ("update_import_jobs_updated_at", "update_updated_at_column"),
        ("update_scheduled_workouts_updated_at", "update_updated_at_column"),
    ]


def test_sqlite_and_postgresql_give_a_row_inserted_with_sql_a_uuid4_id(owner):
    # On SQLite, Django stores UUIDs as 32 hex digits; the default builds one there too.
    owner_id = owner.pk if connection.vendor == "postgresql" else owner.pk.hex
    sql("INSERT INTO import_jobs (user_id) VALUES (%s)", [owner_id])
    job = ImportJob.objects.get(user=owner)
    assert job.id.version == 4
    assert job.status == ImportJob.Status.PENDING
    assert job.created_at is not None and job.file_size == 0
