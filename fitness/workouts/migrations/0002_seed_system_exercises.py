from django.db import migrations
from django.utils.text import slugify

SYSTEM_EXERCISES = [
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
    for name, type_, category, muscle in SYSTEM_EXERCISES:
        Exercise.objects.get_or_create(
            user=None,
            name=name,
            defaults={
                "slug": slugify(name),
                "type": type_,
                "category": category,
                "primary_muscle": muscle,
            },
        )


def unseed(apps, schema_editor):
    Exercise = apps.get_model("workouts", "Exercise")
    Exercise.objects.filter(user=None, name__in=[row[0] for row in SYSTEM_EXERCISES]).delete()


class Migration(migrations.Migration):
    dependencies = [("workouts", "0001_create_exercises_templates_sessions")]

    operations = [migrations.RunPython(seed, unseed)]
