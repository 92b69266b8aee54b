"""The project's URLs, plus a stand-in `workouts:session_detail` while that page is built on
another branch (the real one wins as soon as it exists). Tests only: never in app code."""

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from fitness import urls as project_urls
from fitness.workouts import urls as workout_urls


def _session_stub(request: HttpRequest, session_id) -> HttpResponse:
    return HttpResponse(
        '<!doctype html><link rel="icon" href="data:,"><title>Session</title>'
        f"<h1>Session {session_id}</h1>"
    )


def _has_session_detail() -> bool:
    try:
        reverse(
            "workouts:session_detail",
            kwargs={"session_id": "00000000-0000-0000-0000-000000000000"},
            urlconf=project_urls,
        )
    except NoReverseMatch:
        return False
    return True


if _has_session_detail():
    urlpatterns = project_urls.urlpatterns
else:
    workout_patterns = [
        *workout_urls.urlpatterns,
        path("sessions/<uuid:session_id>/", _session_stub, name="session_detail"),
    ]
    urlpatterns = [
        pattern
        for pattern in project_urls.urlpatterns
        if getattr(pattern, "namespace", None) != "workouts"
    ] + [path("", include((workout_patterns, "workouts")))]
