from django.urls import path

import fitness.converters  # noqa: F401 (registers <token:…> and <text:…>)
from fitness.history import views

app_name = "history"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("<uuid:session_id>/", views.session_detail, name="session_detail"),
    path("progress/", views.progress_overview, name="progress"),
    # Keyed by the name kept on each logged exercise, so progress survives deleted exercises.
    path("progress/<text:exercise_name>/", views.exercise_progress, name="exercise_progress"),
]
