import logging
import sys

from django.contrib.auth.decorators import login_not_required, login_required
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from calendar_app import selectors as calendar_selectors
from fitness.history import selectors as history_selectors
from fitness.history.charts import workouts_per_week_chart
from fitness.workouts import selectors as workout_selectors

logger = logging.getLogger(__name__)


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: the history's own figures beside the calendar's coming week (the project
    level is where the two apps meet; neither imports the other)."""
    dashboard = history_selectors.dashboard(user=request.user)
    context = {
        "dashboard": dashboard,
        "coming": calendar_selectors.coming_week(user=request.user, today=dashboard.today),
        "chart": workouts_per_week_chart(dashboard.weeks),
        "has_history": bool(dashboard.recent),
        "in_progress": list(workout_selectors.sessions_in_progress(user=request.user)[:3]),
    }
    return render(request, "home.html", context)


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # any driver error means "down"
        logger.warning("health: database unavailable: %s", exc)
        return "down"


def _check_cache() -> str:
    try:
        # Bypass IGNORE_EXCEPTIONS: talk to the client directly when it is django-redis.
        client = getattr(cache, "client", None)
        if client is not None and hasattr(client, "get_client"):
            client.get_client(write=True).ping()
        else:
            cache.set("health:ping", "1", 5)
            if cache.get("health:ping") != "1":
                return "down"
        return "ok"
    except Exception as exc:
        logger.warning("health: cache unavailable: %s", exc)
        return "down"


def _check_broker() -> str:
    from fitness.celery import app

    if app.conf.task_always_eager:
        return "in-process"
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:
        logger.warning("health: broker unavailable: %s", exc)
        return "down"


@login_not_required
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks = {"database": _check_database(), "cache": _check_cache(), "broker": _check_broker()}
    healthy = checks["database"] == "ok"
    status = "ok" if all(v in ("ok", "in-process") for v in checks.values()) else "degraded"
    if not healthy:
        status = "down"
    return JsonResponse({"status": status, **checks}, status=200 if healthy else 503)


DATABASE_DOWN_RETRY_AFTER = 5  # seconds; a restart of PostgreSQL usually takes a few


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database that cannot be reached (restart, failover) is a 503 with
    Retry-After, any other error a 500; both pages are static (no request, no database)."""
    error = sys.exc_info()[1]  # still set: Django calls this inside its `except` block
    unavailable = isinstance(error, OperationalError | InterfaceError)
    template, status = ("503.html", 503) if unavailable else ("500.html", 500)
    try:
        body = loader.get_template(template).render()
    except Exception:  # a broken template must not hide the original error
        body = "<h1>Server error</h1>"
    response = HttpResponseServerError(body, status=status)
    if unavailable:
        response["Retry-After"] = str(DATABASE_DOWN_RETRY_AFTER)
    return response
