import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from fitness.accounts.models import WeightUnit
from fitness.dbrules import CurrentTimestamp, GenRandomUUID

RPE_VALUES = [Decimal(n) / 2 for n in range(2, 21)]  # 1, 1.5, ..., 10
# Exercises that share a superset number (1, 2, … in order of appearance) are done in turns.
SUPERSET_MAX = 26  # shown as letters: Superset A … Z


def superset_label(group: int | None) -> str:
    """ "Superset A" for group 1, … (empty when not in a superset)."""
    return f"Superset {chr(64 + group)}" if group else ""


class SetType(models.TextChoices):
    NORMAL = "normal", "Normal"
    WARMUP = "warmup", "Warm-up"
    DROP = "drop", "Drop set"
    FAILURE = "failure", "To failure"


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_default=CurrentTimestamp())
    updated_at = models.DateTimeField(auto_now=True, db_default=CurrentTimestamp())

    class Meta:
        abstract = True


class Exercise(TimestampedModel):
    class Type(models.TextChoices):
        STRENGTH = "strength", "Strength"
        BODYWEIGHT = "bodyweight", "Bodyweight"
        CARDIO = "cardio", "Cardio"
        TIMED = "timed", "Timed"

    class Category(models.TextChoices):
        CHEST = "chest", "Chest"
        BACK = "back", "Back"
        LEGS = "legs", "Legs"
        SHOULDERS = "shoulders", "Shoulders"
        ARMS = "arms", "Arms"
        CORE = "core", "Core"
        FULL_BODY = "full_body", "Full body"
        CARDIO = "cardio", "Cardio"

    class Equipment(models.TextChoices):
        BARBELL = "barbell", "Barbell"
        DUMBBELL = "dumbbell", "Dumbbell"
        CABLE = "cable", "Cable"
        MACHINE = "machine", "Machine"
        SMITH_MACHINE = "smith_machine", "Smith machine"
        KETTLEBELL = "kettlebell", "Kettlebell"
        EZ_BAR = "ez_bar", "EZ bar"
        TRAP_BAR = "trap_bar", "Trap bar"
        BAND = "band", "Band"
        BODYWEIGHT = "bodyweight", "Bodyweight"
        OTHER = "other", "Other"
        NONE = "none", "No equipment"

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=GenRandomUUID(), editable=False
    )
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=120)
    type = models.CharField(max_length=20, choices=Type.choices, default=Type.STRENGTH)
    category = models.CharField(max_length=20, choices=Category.choices)
    primary_muscle = models.CharField(max_length=50, blank=True)
    # Blank = not stated (a custom exercise whose member did not say). The database default
    # keeps raw inserts (the import's unnest statement) valid without naming the column.
    equipment = models.CharField(
        max_length=20, choices=Equipment.choices, blank=True, default="", db_default=""
    )
    media_url = models.URLField(blank=True)
    instructions = models.TextField(blank=True)
    # NULL = a system exercise, visible to everyone.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exercises",
    )
    is_archived = models.BooleanField(default=False)

    class Meta:
        db_table = "exercises"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "user",
                name="exercises_user_name_ci_unique",
                condition=Q(user__isnull=False),
            ),
            models.UniqueConstraint(
                Lower("name"),
                name="exercises_system_name_ci_unique",
                condition=Q(user__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_system(self) -> bool:
        return self.user_id is None


class ExerciseAlias(models.Model):
    """A member's own name for an exercise: a name from an imported file they mapped, or the
    name of a custom exercise they merged away. Imports look aliases up first."""

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=GenRandomUUID(), editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exercise_aliases",
        db_index=False,  # covered by the unique (user, lower(name)) index
    )
    name = models.CharField(max_length=100)
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="aliases")
    created_at = models.DateTimeField(auto_now_add=True, db_default=CurrentTimestamp())

    class Meta:
        db_table = "exercise_aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "user", Lower("name"), name="exercise_aliases_user_name_ci_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class WorkoutTemplate(TimestampedModel):
    class Visibility(models.TextChoices):
        PRIVATE = "private", "Private"
        FRIENDS = "friends", "Friends"

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=GenRandomUUID(), editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workout_templates"
    )
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    is_archived = models.BooleanField(default=False)
    visibility = models.CharField(
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
        db_default=Visibility.PRIVATE,  # existing rows stay private (schema doc)
    )

    class Meta:
        db_table = "workout_templates"
        ordering = ["name"]
        indexes = [models.Index(fields=["visibility"], name="idx_templates_visibility")]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=["private", "friends"]),
                name="workout_templates_visibility_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class WorkoutTemplateExercise(models.Model):
    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=GenRandomUUID(), editable=False
    )
    template = models.ForeignKey(
        WorkoutTemplate, on_delete=models.CASCADE, related_name="template_exercises"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    order_index = models.PositiveIntegerField(default=0)
    target_sets = models.PositiveSmallIntegerField(default=3)
    target_reps = models.PositiveSmallIntegerField(null=True, blank=True)
    target_weight = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    target_weight_unit = models.CharField(
        max_length=2, choices=WeightUnit.choices, default=WeightUnit.KG
    )
    rest_seconds = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    superset_group = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        db_table = "workout_template_exercises"
        ordering = ["order_index"]
        constraints = [
            models.CheckConstraint(
                condition=Q(superset_group__isnull=True)
                | Q(superset_group__gte=1, superset_group__lte=SUPERSET_MAX),
                name="template_exercise_superset_range",
            ),
            models.CheckConstraint(
                condition=Q(target_weight__isnull=True) | Q(target_weight__gte=0),
                name="template_exercise_weight_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(target_sets__gte=1) & Q(target_sets__lte=50),
                name="template_exercise_sets_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} · {self.exercise}"


class WorkoutSession(TimestampedModel):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=GenRandomUUID(), editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="workout_sessions",
        db_index=False,  # covered by idx_sessions_user_started_at
    )
    template = models.ForeignKey(
        WorkoutTemplate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    name = models.CharField(max_length=100)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "workout_sessions"
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["user", "started_at"], name="idx_sessions_user_started_at"),
            models.Index(fields=["-started_at"], name="idx_sessions_started_at"),
            # The workouts in progress (home, history, resume): a handful of rows, where the
            # index above would read every workout the member ever finished.
            models.Index(
                fields=["user", "-started_at"],
                name="idx_sessions_in_progress",
                condition=Q(status="in_progress"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="in_progress") | Q(completed_at__isnull=False),
                name="session_completed_has_completed_at",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | Q(completed_at__gte=models.F("started_at")),
                name="session_completed_after_started",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class WorkoutSessionExercise(models.Model):
    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=GenRandomUUID(), editable=False
    )
    session = models.ForeignKey(
        WorkoutSession,
        on_delete=models.CASCADE,
        related_name="session_exercises",
        db_index=False,  # covered by idx_session_exercises_covering
    )
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept so that history survives renames and deletions of the exercise.
    exercise_name = models.CharField(max_length=100)
    order_index = models.PositiveIntegerField(default=0)
    notes = models.TextField(blank=True)
    # Rest between sets for the session page's timer: copied from the template when the
    # session starts from one, then whatever the member last adjusted it to (null: not set,
    # the page falls back to the member's last used rest for the exercise, then 90 s).
    rest_seconds = models.PositiveIntegerField(null=True, blank=True)
    superset_group = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        db_table = "workout_session_exercises"
        ordering = ["order_index"]
        constraints = [
            models.CheckConstraint(
                condition=Q(superset_group__isnull=True)
                | Q(superset_group__gte=1, superset_group__lte=SUPERSET_MAX),
                name="session_exercise_superset_range",
            ),
        ]
        indexes = [
            # Every history read walks a member's sessions, then their exercises: by name
            # (progress), by exercise (last time on the session page) and on to the sets (id).
            # With those columns in the key, PostgreSQL answers from the index alone.
            models.Index(
                fields=["session", "exercise_name", "exercise", "id"],
                name="idx_session_exercises_covering",
            ),
            # The rest timer's "last used rest": only the rows with a rest set, which are few
            # (imports carry none), so the session page never walks a whole history for it.
            models.Index(
                fields=["exercise", "rest_seconds"],
                name="idx_session_exercises_rest",
                condition=models.Q(rest_seconds__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.exercise_name


class WorkoutSet(models.Model):
    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=GenRandomUUID(), editable=False
    )
    session_exercise = models.ForeignKey(
        WorkoutSessionExercise, on_delete=models.CASCADE, related_name="sets"
    )
    set_number = models.PositiveSmallIntegerField()
    # The schema's flag, kept because every volume/record query reads it; always equal to
    # set_type == "warmup" (CHECK below). Write both through services.set_type_values().
    is_warmup = models.BooleanField(default=False)
    set_type = models.CharField(
        max_length=10, choices=SetType.choices, default=SetType.NORMAL, db_default=SetType.NORMAL
    )
    weight = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    weight_unit = models.CharField(max_length=2, choices=WeightUnit.choices, default=WeightUnit.KG)
    reps = models.PositiveIntegerField(null=True, blank=True)
    rpe = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    notes = models.TextField(blank=True)
    distance_m = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    duration_s = models.PositiveIntegerField(null=True, blank=True)
    # A target set pre-filled from a template, not yet performed. Finishing a session deletes
    # the planned sets left over, so history, calendar and export only ever read real sets.
    is_planned = models.BooleanField(default=False, db_default=False)

    class Meta:
        db_table = "workout_sets"
        ordering = ["set_number"]
        constraints = [
            models.CheckConstraint(condition=Q(set_number__gte=1), name="set_number_positive"),
            models.CheckConstraint(condition=Q(set_type__in=SetType.values), name="set_type_valid"),
            models.CheckConstraint(
                condition=Q(is_warmup=True, set_type=SetType.WARMUP)
                | (Q(is_warmup=False) & ~Q(set_type=SetType.WARMUP)),
                name="set_is_warmup_matches_set_type",
            ),
            models.CheckConstraint(
                condition=Q(weight_unit__in=WeightUnit.values), name="set_weight_unit_valid"
            ),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gte=0), name="set_weight_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(reps__isnull=True) | Q(reps__gte=0), name="set_reps_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(rpe__isnull=True) | Q(rpe__in=RPE_VALUES), name="set_rpe_half_steps"
            ),
            models.CheckConstraint(
                condition=Q(distance_m__isnull=True) | Q(distance_m__gte=0),
                name="set_distance_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(duration_s__isnull=True) | Q(duration_s__gte=0),
                name="set_duration_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Set {self.set_number}"


# Derived summaries of the sets above (records, chart periods), in their own module; imported
# here so that Django finds them among this app's models.
from fitness.workouts.summaries.models import (  # noqa: E402, F401
    ExercisePeriod,
    ExerciseSessionStats,
    ExerciseSummary,
    WorkoutWeek,
)
