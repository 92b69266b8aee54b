from django.urls import path

from fitness.workouts import views

app_name = "workouts"

urlpatterns = [
    path("templates/", views.template_list, name="template_list"),
]
