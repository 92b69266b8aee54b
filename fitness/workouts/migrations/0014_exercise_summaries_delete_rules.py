"""The history summaries go with their member, session or exercise row when deleted with
plain SQL too (a migration of its own: a new table's keys exist only after its migration)."""

from django.db import migrations

from fitness.dbrules import delete_rules


class Migration(migrations.Migration):
    dependencies = [("workouts", "0013_exercise_summaries")]

    operations = [delete_rules("workouts")]
