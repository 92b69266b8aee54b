from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from imports import services
from imports.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "status", "file_name", "format", "progress", "created_at")
    list_filter = ("status", ("user", admin.RelatedOnlyFieldListFilter), "format")
    search_fields = ("user__email", "user__display_name", "file_name", "id")
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    readonly_fields = (
        "id",
        "user",
        "created_by",
        "status",
        "file_name",
        "file_path",
        "file_size",
        "format",
        "unit",
        "options",
        "progress_done",
        "progress_total",
        "summary",
        "error",
        "created_at",
        "updated_at",
        "started_at",
        "finished_at",
    )
    actions = ["rerun_failed"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # jobs come from uploads (the staff import form)

    @admin.display(description="Progress")
    def progress(self, job: ImportJob) -> str:
        return f"{job.percent}%"

    @admin.action(description="Re-run selected failed jobs")
    def rerun_failed(self, request: HttpRequest, queryset: QuerySet[ImportJob]) -> None:
        queued = sum(services.import_job_rerun(job=job) for job in queryset)
        skipped = queryset.count() - queued
        if queued:
            self.message_user(request, f"{queued} job(s) queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} job(s) not re-run: only failed jobs whose file is still kept can be.",
                messages.WARNING,
            )
