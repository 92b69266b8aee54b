from django.db import migrations
from django.utils.text import slugify

# Frozen here (not imported) so that this migration keeps creating exactly what it did,
# whatever the library in fitness/workouts/system_exercises.py becomes later.
SEED_EXERCISES = [
    # name, type, category, primary muscle
    ("Back Squat", "strength", "legs", "Quadriceps"),
    ("Front Squat", "strength", "legs", "Quadriceps"),
    ("Deadlift", "strength", "back", "Posterior chain"),
    ("Romanian Deadlift", "strength", "legs", "Hamstrings"),
    ("Bench Press", "strength", "chest", "Pectorals"),
    ("Incline Bench Press", "strength", "chest", "Upper pectorals"),
    ("Overhead Press", "strength", "shoulders", "Deltoids"),
    ("Barbell Row", "strength", "back", "Lats"),
    ("Pull-Up", "bodyweight", "back", "Lats"),
    ("Lat Pulldown", "strength", "back", "Lats"),
    ("Dumbbell Curl", "strength", "arms", "Biceps"),
    ("Triceps Pushdown", "strength", "arms", "Triceps"),
    ("Leg Press", "strength", "legs", "Quadriceps"),
    ("Plank", "timed", "core", "Abdominals"),
    ("Running", "cardio", "cardio", "Cardiovascular"),
]


def seed(apps, schema_editor):
    Exercise = apps.get_model("workouts", "Exercise")
    manager = Exercise.objects.using(schema_editor.connection.alias)
    present = set(manager.filter(user=None).values_list("name", flat=True))
    manager.bulk_create(
        Exercise(
            name=name, slug=slugify(name), type=type_, category=category, primary_muscle=muscle
        )
        for name, type_, category, muscle in SEED_EXERCISES
        if name not in present
    )


def unseed(apps, schema_editor):
    Exercise = apps.get_model("workouts", "Exercise")
    Exercise.objects.filter(user=None, name__in=[row[0] for row in SEED_EXERCISES]).delete()


class Migration(migrations.Migration):
    dependencies = [("workouts", "0001_create_exercises_templates_sessions")]

    operations = [migrations.RunPython(seed, unseed)]
