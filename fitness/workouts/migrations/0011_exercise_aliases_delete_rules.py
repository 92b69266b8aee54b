"""exercise_aliases go with their member or exercise when deleted with plain SQL too. A
migration of its own: Django adds the foreign keys of a new table at the end of the
migration that creates it, after any step of that migration could alter them."""

from django.db import migrations

from fitness.dbrules import delete_rules


class Migration(migrations.Migration):
    dependencies = [("workouts", "0010_system_exercise_library")]

    operations = [delete_rules("workouts")]
