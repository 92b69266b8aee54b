from django.urls import path

from fitness.history import views

app_name = "history"

urlpatterns = [
    path("", views.list, name="list"),
]
