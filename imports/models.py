import uuid

from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    """A background import of a large file (schema doc: `import_jobs`)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PROCESSING = "processing", "Processing"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_jobs",
        db_index=False,
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    summary = models.JSONField(null=True, blank=True)
    error = models.TextField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
