from django.db import migrations

from fitness.workouts.system_exercises import SYSTEM_EXERCISES, ensure_system_exercises


def seed(apps, schema_editor):
    ensure_system_exercises(apps.get_model("workouts", "Exercise"), schema_editor.connection.alias)


def unseed(apps, schema_editor):
    Exercise = apps.get_model("workouts", "Exercise")
    Exercise.objects.filter(user=None, name__in=[row[0] for row in SYSTEM_EXERCISES]).delete()


class Migration(migrations.Migration):
    dependencies = [("workouts", "0001_create_exercises_templates_sessions")]

    operations = [migrations.RunPython(seed, unseed)]
