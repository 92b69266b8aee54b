import hmac
import logging
import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

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


def _may_see_detail(request: HttpRequest) -> bool:
    """Staff, or a caller presenting HEALTH_TOKEN (a monitor): the state of each dependency
    says what runs where, so anonymous callers get only up or down."""
    token = settings.HEALTH_TOKEN
    if token:
        offered = request.headers.get("X-Health-Token", "")
        scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            offered = offered or credentials.strip()
        if offered and hmac.compare_digest(offered.encode(), token.encode()):
            return True
    return request.user.is_staff


@login_not_required
@never_cache
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """GET or HEAD (load balancers): 200 while the database answers, 503 when it does not."""
    database = _check_database()
    healthy = database == "ok"
    body: dict[str, str] = {"status": "ok" if healthy else "down"}
    if _may_see_detail(request):
        checks = {"database": database, "cache": _check_cache(), "broker": _check_broker()}
        if healthy and not all(v in ("ok", "in-process") for v in checks.values()):
            body["status"] = "degraded"
        body.update(checks)
    response = JsonResponse(body, status=200 if healthy else 503)
    if request.method == "HEAD":
        response.content = b""
    return response


# The web app manifest's colours: the brand blue of the icons and the light page background.
THEME_COLOR = "#1a63d6"
BACKGROUND_COLOR = "#f5f6f8"


@login_not_required  # browsers fetch the manifest without cookies
@cache_control(max_age=3600, public=True)
@require_safe
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: "Add to Home Screen" opens Liftlog full-screen at home. A view
    rather than a static file, so the icons' addresses are the collected (hashed) ones."""

    def icon(name: str, size: int, purpose: str = "any") -> dict:
        return {"src": static(f"img/{name}"), "sizes": f"{size}x{size}", "type": "image/png",
                "purpose": purpose}  # fmt: skip

    data = {
        "name": "Liftlog",
        "short_name": "Liftlog",
        "description": "Your strength-training log, on your own server.",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            icon("icon-192.png", 192),
            icon("icon-512.png", 512),
            icon("icon-maskable-192.png", 192, "maskable"),
            icon("icon-maskable-512.png", 512, "maskable"),
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


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
