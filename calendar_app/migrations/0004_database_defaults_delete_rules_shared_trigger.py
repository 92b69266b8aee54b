"""The schema's scheduled_workouts rules in the database itself: gen_random_uuid() id,
CURRENT_TIMESTAMP timestamps, ON DELETE CASCADE from the member and SET NULL from the
template and the completed session; calendar_feeds cascade from their member. The
update_scheduled_workouts_updated_at trigger now runs the schema's one shared function,
update_updated_at_column(), like import_jobs'."""

import uuid

from django.db import migrations, models

import fitness.dbrules
from fitness.dbrules import create_updated_at_trigger, delete_rules, drop_updated_at_trigger

# Migration 0003's own function, restored when this migration is rolled back.
OWN_FUNCTION = """
CREATE OR REPLACE FUNCTION scheduled_workouts_set_updated_at() RETURNS TRIGGER AS $$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at = clock_timestamp();
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def use_shared_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        create_updated_at_trigger(schema_editor, "scheduled_workouts")
        schema_editor.execute("DROP FUNCTION IF EXISTS scheduled_workouts_set_updated_at();")


def use_own_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        drop_updated_at_trigger(schema_editor, "scheduled_workouts")
        schema_editor.execute(OWN_FUNCTION)
        schema_editor.execute(
            "CREATE TRIGGER update_scheduled_workouts_updated_at BEFORE UPDATE ON "
            "scheduled_workouts FOR EACH ROW EXECUTE FUNCTION scheduled_workouts_set_updated_at();"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("calendar_app", "0003_scheduled_workouts_updated_at_trigger"),
    ]

    operations = [
        migrations.AlterField(
            model_name="calendarfeed",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        migrations.AlterField(
            model_name="scheduledworkout",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        migrations.AlterField(
            model_name="scheduledworkout",
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
            model_name="scheduledworkout",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, db_default=fitness.dbrules.CurrentTimestamp()
            ),
        ),
        delete_rules("calendar_app"),
        migrations.RunPython(use_shared_function, use_own_function),
    ]
