"""The schema's rules in the database itself: gen_random_uuid() ids, CURRENT_TIMESTAMP
timestamps, and each foreign key's ON DELETE as its field's on_delete (templates and sessions
cascade from their member, sessions.template_id and session_exercises.exercise_id SET NULL,
exercises and sets cascade from their template or session)."""

import uuid

from django.db import migrations, models

import fitness.dbrules
from fitness.dbrules import delete_rules


class Migration(migrations.Migration):
    dependencies = [
        ("workouts", "0005_session_exercises_covering_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="exercise",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        migrations.AlterField(
            model_name="exercise",
            name="id",
            field=models.UUIDField(
                db_default=fitness.dbrules.GenRandomUUID(),
                default=uuid.uuid4,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.AlterField(
            model_name="exercise",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        migrations.AlterField(
            model_name="workoutsession",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        migrations.AlterField(
            model_name="workoutsession",
            name="id",
            field=models.UUIDField(
                db_default=fitness.dbrules.GenRandomUUID(),
                default=uuid.uuid4,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.AlterField(
            model_name="workoutsession",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        migrations.AlterField(
            model_name="workoutsessionexercise",
            name="id",
            field=models.UUIDField(
                db_default=fitness.dbrules.GenRandomUUID(),
                default=uuid.uuid4,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.AlterField(
            model_name="workoutset",
            name="id",
            field=models.UUIDField(
                db_default=fitness.dbrules.GenRandomUUID(),
                default=uuid.uuid4,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.AlterField(
            model_name="workouttemplate",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        migrations.AlterField(
            model_name="workouttemplate",
            name="id",
            field=models.UUIDField(
                db_default=fitness.dbrules.GenRandomUUID(),
                default=uuid.uuid4,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.AlterField(
            model_name="workouttemplate",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        migrations.AlterField(
            model_name="workouttemplateexercise",
            name="id",
            field=models.UUIDField(
                db_default=fitness.dbrules.GenRandomUUID(),
                default=uuid.uuid4,
                editable=False,
                primary_key=True,
                serialize=False,
            ),
        ),
        delete_rules("workouts"),
    ]
