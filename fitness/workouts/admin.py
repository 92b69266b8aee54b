from django.contrib import admin
from django.db.models import Count

from fitness.workouts.models import (
    Exercise,
    ExerciseAlias,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
    WorkoutTemplate,
    WorkoutTemplateExercise,
)


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "category",
        "type",
        "equipment",
        "primary_muscle",
        "user",
        "is_archived",
    ]
    list_filter = [
        "category",
        "type",
        "equipment",
        "is_archived",
        ("user", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name", "primary_muscle", "user__email", "user__display_name"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]
    list_select_related = ["user"]


@admin.register(ExerciseAlias)
class ExerciseAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "exercise", "user", "created_at"]
    search_fields = ["name", "exercise__name", "user__email"]
    raw_id_fields = ["user", "exercise"]
    list_select_related = ["user", "exercise"]


class WorkoutTemplateExerciseInline(admin.TabularInline):
    model = WorkoutTemplateExercise
    extra = 0
    raw_id_fields = ["exercise"]
    fields = [
        "order_index",
        "exercise",
        "target_sets",
        "target_reps",
        "target_weight",
        "target_weight_unit",
        "rest_seconds",
        "notes",
    ]
    ordering = ["order_index"]


@admin.register(WorkoutTemplate)
class WorkoutTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "visibility", "is_archived", "exercise_count", "updated_at"]
    list_filter = ["visibility", "is_archived"]
    search_fields = ["name", "description", "user__email", "user__display_name"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]
    date_hierarchy = "updated_at"
    inlines = [WorkoutTemplateExerciseInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_exercise_count=Count("template_exercises"))

    @admin.display(description="Exercises", ordering="_exercise_count")
    def exercise_count(self, obj) -> int:
        return obj._exercise_count


class WorkoutSessionExerciseInline(admin.TabularInline):
    model = WorkoutSessionExercise
    extra = 0
    raw_id_fields = ["exercise"]
    fields = ["order_index", "exercise", "exercise_name", "notes", "edit_sets"]
    readonly_fields = ["edit_sets"]
    show_change_link = True
    ordering = ["order_index"]

    @admin.display(description="Sets")
    def edit_sets(self, obj) -> str:
        return "open the exercise (link) to edit its sets" if obj.pk else ""


@admin.register(WorkoutSession)
class WorkoutSessionAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "status", "started_at", "completed_at", "template"]
    list_filter = ["status", "started_at"]
    search_fields = ["name", "notes", "user__email", "user__display_name"]
    raw_id_fields = ["user", "template"]
    list_select_related = ["user", "template"]
    date_hierarchy = "started_at"
    inlines = [WorkoutSessionExerciseInline]


class WorkoutSetInline(admin.TabularInline):
    model = WorkoutSet
    extra = 0
    fields = [
        "set_number",
        "is_warmup",
        "weight",
        "weight_unit",
        "reps",
        "rpe",
        "distance_m",
        "duration_s",
        "is_planned",
        "notes",
    ]
    ordering = ["set_number"]


@admin.register(WorkoutSessionExercise)
class WorkoutSessionExerciseAdmin(admin.ModelAdmin):
    list_display = ["exercise_name", "session", "order_index"]
    search_fields = ["exercise_name", "session__name", "session__user__email"]
    list_filter = ["session__status"]
    raw_id_fields = ["session", "exercise"]
    list_select_related = ["session"]
    inlines = [WorkoutSetInline]


@admin.register(WorkoutSet)
class WorkoutSetAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "session_exercise",
        "weight",
        "weight_unit",
        "reps",
        "rpe",
        "is_warmup",
        "is_planned",
    ]
    list_filter = ["weight_unit", "is_warmup", "is_planned"]
    search_fields = ["session_exercise__exercise_name", "session_exercise__session__user__email"]
    raw_id_fields = ["session_exercise"]
    list_select_related = ["session_exercise"]
