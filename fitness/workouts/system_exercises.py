"""The 15 system exercises every member sees (seeded by migration 0002).

They are also restored after every `migrate` and `flush` (post_migrate), so a test database
flushed by a transactional test still has them, as a migrated database would.
"""

from django.apps import apps as global_apps
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


def ensure_system_exercises(exercise_model, using: str = "default") -> None:
    """Create whichever system exercises are missing (one query when none are)."""
    manager = exercise_model.objects.using(using)
    present = set(manager.filter(user=None).values_list("name", flat=True))
    manager.bulk_create(
        exercise_model(
            name=name, slug=slugify(name), type=type_, category=category, primary_muscle=muscle
        )
        for name, type_, category, muscle in SYSTEM_EXERCISES
        if name not in present
    )


def restore_after_migrate(sender, using, apps=global_apps, **kwargs) -> None:
    # `migrate` passes the migration state's apps; `flush` passes none.
    try:
        exercise_model = apps.get_model("workouts", "Exercise")
    except LookupError:  # migrating backwards past the exercises table
        return
    ensure_system_exercises(exercise_model, using)
