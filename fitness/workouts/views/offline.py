"""The service worker that keeps the session page and static files for a reload offline.

Served by Django (not from /static/) so that its scope can be the whole site: a worker only
controls pages under the folder its script comes from, unless `Service-Worker-Allowed` says
otherwise. The worker's own code is in templates/workouts/service_worker.js.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

# Shared by the worker and the page's script (logging.js reads it from the page): renaming
# it drops every copy kept by an older worker.
OFFLINE_CACHE = "liftlog-offline-v1"


@login_not_required
@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    response = render(
        request,
        "workouts/service_worker.js",
        {
            "cache_name": OFFLINE_CACHE,
            "static_prefix": static(""),
            "logout_path": reverse("accounts:logout"),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    # Browsers check for a new worker at most daily anyway; never serve a stale one.
    response["Cache-Control"] = "no-cache"
    return response
