"""The system exercise library every member sees: the 15 seed exercises of migration 0002,
then the ~100 lifts, machines and cardio that lifters log most (migration 0008), each with
its equipment so that `Bench Press (Dumbbell)` from another app finds a dumbbell press.

Names follow this app's style ("Dumbbell Bench Press"); imports/matching.py reads the
"Name (Equipment)" style of Strong and Hevy onto them. The library is also restored after
every `migrate` and `flush` (post_migrate), so a test database flushed by a transactional
test still has it, as a migrated database would.
"""

from django.apps import apps as global_apps
from django.utils.text import slugify

B, D, C, M = "barbell", "dumbbell", "cable", "machine"
BW, KB, EZ, NO = "bodyweight", "kettlebell", "ez_bar", "none"
S, BWT, T, CA = "strength", "bodyweight", "timed", "cardio"

SYSTEM_EXERCISES = [
    # name, type, category, primary muscle, equipment
    # The 15 seed exercises (migration 0002), unchanged but for their equipment.
    ("Back Squat", S, "legs", "Quadriceps", B),
    ("Front Squat", S, "legs", "Quadriceps", B),
    ("Deadlift", S, "back", "Posterior chain", B),
    ("Romanian Deadlift", S, "legs", "Hamstrings", B),
    ("Bench Press", S, "chest", "Pectorals", B),
    ("Incline Bench Press", S, "chest", "Upper pectorals", B),
    ("Overhead Press", S, "shoulders", "Deltoids", B),
    ("Barbell Row", S, "back", "Lats", B),
    ("Pull-Up", BWT, "back", "Lats", BW),
    ("Lat Pulldown", S, "back", "Lats", C),
    ("Dumbbell Curl", S, "arms", "Biceps", D),
    ("Triceps Pushdown", S, "arms", "Triceps", C),
    ("Leg Press", S, "legs", "Quadriceps", M),
    ("Plank", T, "core", "Abdominals", BW),
    ("Running", CA, "cardio", "Cardiovascular", NO),
    # Legs
    ("Smith Machine Squat", S, "legs", "Quadriceps", "smith_machine"),
    ("Bodyweight Squat", BWT, "legs", "Quadriceps", BW),
    ("Goblet Squat", S, "legs", "Quadriceps", D),
    ("Hack Squat", S, "legs", "Quadriceps", M),
    ("Bulgarian Split Squat", S, "legs", "Quadriceps", D),
    ("Lunge", BWT, "legs", "Quadriceps", BW),
    ("Dumbbell Lunge", S, "legs", "Quadriceps", D),
    ("Walking Lunge", S, "legs", "Quadriceps", D),
    ("Dumbbell Step-Up", S, "legs", "Quadriceps", D),
    ("Leg Extension", S, "legs", "Quadriceps", M),
    ("Lying Leg Curl", S, "legs", "Hamstrings", M),
    ("Seated Leg Curl", S, "legs", "Hamstrings", M),
    ("Dumbbell Romanian Deadlift", S, "legs", "Hamstrings", D),
    ("Good Morning", S, "legs", "Hamstrings", B),
    ("Hip Thrust", S, "legs", "Glutes", B),
    ("Glute Bridge", BWT, "legs", "Glutes", BW),
    ("Hip Abduction", S, "legs", "Glutes", M),
    ("Hip Adduction", S, "legs", "Adductors", M),
    ("Standing Calf Raise", S, "legs", "Calves", M),
    ("Seated Calf Raise", S, "legs", "Calves", M),
    ("Box Jump", BWT, "legs", "Quadriceps", "other"),
    # Back
    ("Sumo Deadlift", S, "back", "Posterior chain", B),
    ("Trap Bar Deadlift", S, "back", "Posterior chain", "trap_bar"),
    ("Rack Pull", S, "back", "Posterior chain", B),
    ("Pendlay Row", S, "back", "Upper back", B),
    ("Dumbbell Row", S, "back", "Lats", D),
    ("T-Bar Row", S, "back", "Upper back", B),
    ("Seated Cable Row", S, "back", "Upper back", C),
    ("Machine Row", S, "back", "Upper back", M),
    ("Chin-Up", BWT, "back", "Lats", BW),
    ("Inverted Row", BWT, "back", "Upper back", BW),
    ("Straight-Arm Pulldown", S, "back", "Lats", C),
    ("Barbell Shrug", S, "back", "Trapezius", B),
    ("Dumbbell Shrug", S, "back", "Trapezius", D),
    ("Back Extension", BWT, "back", "Lower back", BW),
    # Chest
    ("Dumbbell Bench Press", S, "chest", "Pectorals", D),
    ("Incline Dumbbell Press", S, "chest", "Upper pectorals", D),
    ("Decline Bench Press", S, "chest", "Lower pectorals", B),
    ("Close-Grip Bench Press", S, "chest", "Triceps", B),
    ("Smith Machine Bench Press", S, "chest", "Pectorals", "smith_machine"),
    ("Machine Chest Press", S, "chest", "Pectorals", M),
    ("Dumbbell Fly", S, "chest", "Pectorals", D),
    ("Incline Dumbbell Fly", S, "chest", "Upper pectorals", D),
    ("Cable Crossover", S, "chest", "Pectorals", C),
    ("Pec Deck", S, "chest", "Pectorals", M),
    ("Push-Up", BWT, "chest", "Pectorals", BW),
    ("Chest Dip", BWT, "chest", "Lower pectorals", BW),
    # Shoulders
    ("Dumbbell Shoulder Press", S, "shoulders", "Deltoids", D),
    ("Machine Shoulder Press", S, "shoulders", "Deltoids", M),
    ("Arnold Press", S, "shoulders", "Deltoids", D),
    ("Push Press", S, "shoulders", "Deltoids", B),
    ("Lateral Raise", S, "shoulders", "Side deltoids", D),
    ("Cable Lateral Raise", S, "shoulders", "Side deltoids", C),
    ("Front Raise", S, "shoulders", "Front deltoids", D),
    ("Reverse Fly", S, "shoulders", "Rear deltoids", D),
    ("Reverse Pec Deck", S, "shoulders", "Rear deltoids", M),
    ("Face Pull", S, "shoulders", "Rear deltoids", C),
    ("Upright Row", S, "shoulders", "Side deltoids", B),
    # Arms
    ("Barbell Curl", S, "arms", "Biceps", B),
    ("EZ-Bar Curl", S, "arms", "Biceps", EZ),
    ("Cable Curl", S, "arms", "Biceps", C),
    ("Hammer Curl", S, "arms", "Brachialis", D),
    ("Preacher Curl", S, "arms", "Biceps", B),
    ("Incline Dumbbell Curl", S, "arms", "Biceps", D),
    ("Concentration Curl", S, "arms", "Biceps", D),
    ("Skull Crusher", S, "arms", "Triceps", B),
    ("Cable Overhead Triceps Extension", S, "arms", "Triceps", C),
    ("Dumbbell Overhead Triceps Extension", S, "arms", "Triceps", D),
    ("Triceps Dip", BWT, "arms", "Triceps", BW),
    ("Wrist Curl", S, "arms", "Forearms", D),
    # Core
    ("Side Plank", T, "core", "Obliques", BW),
    ("Crunch", BWT, "core", "Abdominals", BW),
    ("Sit-Up", BWT, "core", "Abdominals", BW),
    ("Cable Crunch", S, "core", "Abdominals", C),
    ("Hanging Leg Raise", BWT, "core", "Abdominals", BW),
    ("Lying Leg Raise", BWT, "core", "Abdominals", BW),
    ("Russian Twist", BWT, "core", "Obliques", BW),
    ("Bicycle Crunch", BWT, "core", "Obliques", BW),
    ("Ab Wheel Rollout", BWT, "core", "Abdominals", "other"),
    ("Pallof Press", S, "core", "Obliques", C),
    ("Dead Hang", T, "back", "Grip", BW),
    # Full body
    ("Power Clean", S, "full_body", "Posterior chain", B),
    ("Clean and Jerk", S, "full_body", "Full body", B),
    ("Snatch", S, "full_body", "Full body", B),
    ("Thruster", S, "full_body", "Full body", B),
    ("Kettlebell Swing", S, "full_body", "Glutes", KB),
    ("Turkish Get-Up", S, "full_body", "Full body", KB),
    ("Farmer's Walk", S, "full_body", "Grip", D),
    ("Burpee", BWT, "full_body", "Full body", BW),
    # Cardio
    ("Walking", CA, "cardio", "Cardiovascular", NO),
    ("Cycling", CA, "cardio", "Cardiovascular", NO),
    ("Stationary Bike", CA, "cardio", "Cardiovascular", M),
    ("Rowing Machine", CA, "cardio", "Cardiovascular", M),
    ("Elliptical Trainer", CA, "cardio", "Cardiovascular", M),
    ("Stair Climber", CA, "cardio", "Cardiovascular", M),
    ("Swimming", CA, "cardio", "Cardiovascular", NO),
    ("Hiking", CA, "cardio", "Cardiovascular", NO),
    ("Jump Rope", T, "cardio", "Cardiovascular", "other"),
]

SEED_COUNT = 15  # the first rows: what migration 0002 seeded, before exercises had equipment


def ensure_system_exercises(exercise_model, using: str = "default") -> None:
    """Create whichever system exercises are missing (one query when none are).

    `exercise_model` may be a migration state's model from before the equipment column (a
    database migrated backwards): then only the 15 seed exercises of that time are made."""
    has_equipment = any(field.name == "equipment" for field in exercise_model._meta.fields)
    rows = SYSTEM_EXERCISES if has_equipment else SYSTEM_EXERCISES[:SEED_COUNT]
    manager = exercise_model.objects.using(using)
    present = {name.lower() for name in manager.filter(user=None).values_list("name", flat=True)}
    manager.bulk_create(
        exercise_model(
            name=name,
            slug=slugify(name),
            type=type_,
            category=category,
            primary_muscle=muscle,
            **({"equipment": equipment} if has_equipment else {}),
        )
        for name, type_, category, muscle, equipment in rows
        if name.lower() not in present
    )


def restore_after_migrate(sender, using, apps=global_apps, **kwargs) -> None:
    # `migrate` passes the migration state's apps; `flush` passes none.
    try:
        exercise_model = apps.get_model("workouts", "Exercise")
    except LookupError:  # migrating backwards past the exercises table
        return
    ensure_system_exercises(exercise_model, using)
