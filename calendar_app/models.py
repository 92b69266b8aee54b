import hashlib
import uuid
from datetime import date

from django.conf import settings
from django.db import models

from fitness.dbrules import CurrentTimestamp, GenRandomUUID
from fitness.workouts.models import WorkoutSession


class ScheduledWorkout(models.Model):
    """A workout planned on a date (schema doc: `scheduled_workouts`)."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        # One word for a finished workout everywhere: the session's own label.
        COMPLETED = "completed", WorkoutSession.Status.COMPLETED.label
        MISSED = "missed", "Missed"

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=GenRandomUUID(), editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="scheduled_workouts",
        db_index=False,
    )
    template = models.ForeignKey(
        "workouts.WorkoutTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scheduled_workouts",
        db_index=False,
    )
    scheduled_date = models.DateField()
    title = models.CharField(max_length=100, null=True, blank=True)
    notes = models.TextField(null=True, blank=True)
    completed_session = models.ForeignKey(
        "workouts.WorkoutSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scheduled_workouts",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True, db_default=CurrentTimestamp())
    updated_at = models.DateTimeField(auto_now=True, db_default=CurrentTimestamp())

    class Meta:
        db_table = "scheduled_workouts"
        ordering = ["scheduled_date", "created_at"]
        indexes = [
            models.Index(fields=["user"], name="idx_scheduled_user_id"),
            models.Index(fields=["scheduled_date"], name="idx_scheduled_date"),
            models.Index(fields=["template"], name="idx_scheduled_template_id"),
            models.Index(fields=["completed_session"], name="idx_scheduled_session_id"),
            models.Index(fields=["user", "scheduled_date"], name="idx_scheduled_user_date"),
        ]

    def __str__(self) -> str:
        return f"{self.display_title} on {self.scheduled_date}"

    @property
    def display_title(self) -> str:
        """Title, else the template's name, else "Untitled" (schema doc's fallback)."""
        if self.title:
            return self.title
        if self.template_id is not None:
            return self.template.name
        return "Untitled"

    def status_on(self, today: date) -> str:
        """Derived status against `today` in the member's time zone (schema doc)."""
        return self.derive_status(self.scheduled_date, self.completed_session_id, today)

    @classmethod
    def derive_status(cls, scheduled_date: date, completed_session_id, today: date) -> str:
        """The schema doc's table, also for rows read with .values() (no model instance)."""
        if completed_session_id is not None:
            return cls.Status.COMPLETED
        if scheduled_date >= today:
            return cls.Status.PLANNED
        return cls.Status.MISSED


def feed_token_digest(token: str) -> str:
    """SHA-256 of a feed token: the lookup key, so lookup time says nothing about the secret."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A member's private iCalendar feed: the token in the URL is the only credential."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    # Kept in clear so the account page can show the URL again; looked up by its digest.
    token = models.CharField(max_length=64, unique=True, editable=False)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_default=CurrentTimestamp())

    class Meta:
        db_table = "calendar_feeds"

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
