from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from fitness import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("accounts/", include("fitness.accounts.urls")),
    path("", include("fitness.workouts.urls")),
    path("history/", include("fitness.history.urls")),
    path("calendar/", include("calendar_app.urls")),
    path("data/", include("imports.urls")),
    path("shared/", include("sharing.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler500 = "fitness.views.server_error"
