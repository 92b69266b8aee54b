"""Keep scheduled_workouts.updated_at current on every UPDATE, also for queryset .update()
calls that bypass auto_now (schema doc: "Trigger: Auto-update updated_at"). PostgreSQL only;
on SQLite auto_now and the services' explicit updated_at cover it."""

from django.db import migrations

CREATE_SQL = """
CREATE OR REPLACE FUNCTION scheduled_workouts_set_updated_at() RETURNS TRIGGER AS $$
BEGIN
    -- A value the application set (auto_now, the link query) wins; a bare UPDATE gets the clock.
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at = clock_timestamp();
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS update_scheduled_workouts_updated_at ON scheduled_workouts;
CREATE TRIGGER update_scheduled_workouts_updated_at
    BEFORE UPDATE ON scheduled_workouts
    FOR EACH ROW EXECUTE FUNCTION scheduled_workouts_set_updated_at();
"""

# An own function (not the doc's shared update_updated_at_column) so that no other app's
# migration can replace or drop it under this trigger.
DROP_SQL = """
DROP TRIGGER IF EXISTS update_scheduled_workouts_updated_at ON scheduled_workouts;
DROP FUNCTION IF EXISTS scheduled_workouts_set_updated_at();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_SQL)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [("calendar_app", "0002_create_calendar_feeds")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
