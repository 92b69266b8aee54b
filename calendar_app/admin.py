from django.contrib import admin

from calendar_app.models import CalendarFeed, ScheduledWorkout


@admin.register(ScheduledWorkout)
class ScheduledWorkoutAdmin(admin.ModelAdmin):
    list_display = ["scheduled_date", "display_title", "user", "template", "is_completed"]
    list_filter = ["scheduled_date"]
    search_fields = ["title", "notes", "user__email", "user__display_name", "template__name"]
    date_hierarchy = "scheduled_date"
    list_select_related = ["user", "template"]
    raw_id_fields = ["user", "template", "completed_session"]
    readonly_fields = ["created_at", "updated_at"]

    @admin.display(boolean=True, description="Completed")
    def is_completed(self, obj: ScheduledWorkout) -> bool:
        return obj.completed_session_id is not None


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    search_fields = ["user__email", "user__display_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    # The token is a credential: never shown in the admin.
    exclude = ["token", "token_digest"]
    readonly_fields = ["created_at"]
