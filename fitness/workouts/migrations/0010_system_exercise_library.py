"""Give the 15 seed exercises their equipment and add the rest of the system library."""

from django.db import migrations

from fitness.workouts.system_exercises import SEED_COUNT, SYSTEM_EXERCISES, ensure_system_exercises


def extend(apps, schema_editor):
    Exercise = apps.get_model("workouts", "Exercise")
    manager = Exercise.objects.using(schema_editor.connection.alias)
    for name, _type, _category, _muscle, equipment in SYSTEM_EXERCISES[:SEED_COUNT]:
        manager.filter(user=None, name=name, equipment="").update(equipment=equipment)
    ensure_system_exercises(Exercise, schema_editor.connection.alias)


def shrink(apps, schema_editor):
    """Back to the 15 seed exercises. Sessions that used a removed one keep its name
    (their exercise link is set to NULL); aliases and template rows pointing to it go."""
    Exercise = apps.get_model("workouts", "Exercise")
    added = [row[0] for row in SYSTEM_EXERCISES[SEED_COUNT:]]
    Exercise.objects.using(schema_editor.connection.alias).filter(
        user=None, name__in=added
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("workouts", "0009_exercise_equipment")]

    operations = [migrations.RunPython(extend, shrink)]
