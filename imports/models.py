import uuid

from django.conf import settings
from django.db import models

from fitness.dbrules import CurrentTimestamp, GenRandomUUID


class ImportJob(models.Model):
    """A background import of a large file (schema doc: `import_jobs`)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PROCESSING = "processing", "Processing"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=GenRandomUUID(), editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_jobs",
        db_index=False,
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_default=Status.PENDING
    )
    summary = models.JSONField(null=True, blank=True)
    error = models.TextField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_default=CurrentTimestamp())
    updated_at = models.DateTimeField(auto_now=True, db_default=CurrentTimestamp())
    # Beyond the schema doc (migration 0002): who uploaded what, and the progress bar.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who uploaded the file (a staff member importing for someone else).",
    )
    file_name = models.CharField(max_length=255, blank=True, db_default="")
    file_path = models.CharField(
        max_length=500,
        blank=True,
        db_default="",
        help_text="In private storage; deleted after processing.",
    )
    file_size = models.PositiveBigIntegerField(default=0, db_default=0)
    format = models.CharField(max_length=20, default="auto", db_default="auto")
    unit = models.CharField(max_length=2, blank=True, db_default="")
    progress_done = models.PositiveIntegerField(
        default=0, db_default=0, help_text="Lines read so far."
    )
    progress_total = models.PositiveIntegerField(
        default=0, db_default=0, help_text="Lines in the file."
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "import_jobs"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user"], name="idx_import_jobs_user_id"),
            models.Index(fields=["status"], name="idx_import_jobs_status"),
            models.Index(fields=["-created_at"], name="idx_import_jobs_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "processing", "completed", "failed"]),
                name="import_jobs_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Import {self.id} ({self.status})"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.PROCESSING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.COMPLETED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))
