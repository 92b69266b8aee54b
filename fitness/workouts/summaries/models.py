"""Per-exercise summaries: derived data, rebuilt from the schema's tables at will.

Every figure here is computed from `workout_sessions` / `workout_session_exercises` /
`workout_sets` by fitness/workouts/summaries/refresh.py, in the same transaction as the change
of sets, so that the history pages read a few rows instead of a member's whole history. None
of these rows is the only copy of a fact: `manage.py rebuild_history_summaries` recreates them.

Weights are kept in kilograms (converted on display), so a change of preferred unit needs no
rebuild. An exercise is keyed by the name logged with it, as the progress pages always were.
"""

from django.conf import settings
from django.db import models


class ExerciseSessionStats(models.Model):
    """One exercise in one completed workout: its bests, and the records it broke."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    exercise_key = models.CharField(max_length=100)
    session = models.ForeignKey(
        "workouts.WorkoutSession", on_delete=models.CASCADE, related_name="exercise_stats"
    )
    started_at = models.DateTimeField()
    kind = models.CharField(max_length=20)  # Exercise.Type of the exercise logged
    ordinal = models.PositiveIntegerField()  # 1 = the member's first workout with it
    # The kind's headline figure (e1RM, reps, seconds or metres): what "top workouts" rank by.
    score = models.FloatField(null=True)
    stats = models.JSONField(default=dict)  # this workout's figures (metrics.session_stats)
    records = models.JSONField(default=list)  # records this workout broke
    record_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "exercise_session_stats"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "exercise_key"], name="exercise_session_stats_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["user", "exercise_key", "started_at"], name="idx_ex_stats_started"
            ),
            models.Index(fields=["user", "exercise_key", "score"], name="idx_ex_stats_score"),
        ]

    def __str__(self) -> str:
        return f"{self.exercise_key} on {self.started_at:%Y-%m-%d}"


class ExerciseSummary(models.Model):
    """A member's all-time figures for one exercise: the progress overview's row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    exercise_key = models.CharField(max_length=100)
    kind = models.CharField(max_length=20)
    last_done = models.DateTimeField()
    last_session = models.ForeignKey(
        "workouts.WorkoutSession", on_delete=models.CASCADE, related_name="+"
    )
    workout_count = models.PositiveIntegerField()
    first_done = models.DateTimeField()
    bests = models.JSONField(default=dict)
    # Most reps ever done at each weight (kg, as text), for the "most reps at a weight" record.
    reps_at = models.JSONField(default=dict)

    class Meta:
        db_table = "exercise_summaries"
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise_key"], name="exercise_summary_unique")
        ]

    def __str__(self) -> str:
        return self.exercise_key


class ExercisePeriod(models.Model):
    """An exercise's bests and volume over one week, month or year: a chart's point."""

    class Grain(models.TextChoices):
        WEEK = "week", "Week"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    exercise_key = models.CharField(max_length=100)
    grain = models.CharField(max_length=5, choices=Grain.choices)
    start = models.DateField()  # local date the period starts (weeks start on Monday)
    workouts = models.PositiveIntegerField()
    e1rm = models.FloatField(null=True)
    top_weight = models.FloatField(null=True)  # the set behind the best e1RM
    top_reps = models.PositiveIntegerField(null=True)
    heaviest = models.FloatField(null=True)
    volume = models.FloatField(default=0)
    most_reps = models.PositiveIntegerField(null=True)
    duration = models.FloatField(null=True)
    distance = models.FloatField(null=True)
    pace = models.FloatField(null=True)  # seconds per km, lower is better

    class Meta:
        db_table = "exercise_periods"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "exercise_key", "grain", "start"], name="exercise_period_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.exercise_key} · {self.grain} of {self.start}"


class WorkoutWeek(models.Model):
    """Completed workouts in one local week, and the streak of weeks ending with it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    week = models.DateField()  # Monday, in the member's time zone
    workouts = models.PositiveIntegerField()
    streak = models.PositiveIntegerField()  # consecutive weeks with a workout, this one included

    class Meta:
        db_table = "workout_weeks"
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="workout_week_unique")]

    def __str__(self) -> str:
        return f"Week of {self.week}"
