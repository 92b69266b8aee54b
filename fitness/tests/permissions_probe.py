"""Shared machinery of test_permissions.py: roles, requests in rolled-back savepoints,
outcome names, and the tables a request wrote to (from the SQL it ran)."""

import re
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, update_last_login
from django.contrib.auth.signals import user_logged_in
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fitness.tests import urlwalk
from fitness.tests.world import World, token_for

ROLES = ("owner", "friend", "outsider", "staff", "anonymous")
LOGIN = "login"  # 302 to /accounts/login/?next=…
ADMIN_LOGIN = "admin-login"  # 302 to the admin's sign-in page


class _Rollback(Exception):
    pass


def outcome(response) -> str | int:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/?next="):
            return LOGIN
        if location.startswith(f"/{settings.ADMIN_URL}login/"):
            return ADMIN_LOGIN
    return response.status_code


WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|COPY|TRUNCATE)\b", re.IGNORECASE)
TABLE_NAME = re.compile(r'(?:INTO|UPDATE|FROM|COPY|TRUNCATE)\s+"?(\w+)"?', re.IGNORECASE)


def writes(queries) -> list[str]:
    """The tables the captured SQL wrote to, apart from the session store."""
    tables = []
    for query in queries:
        sql = query["sql"]
        if WRITE.match(sql):
            match = TABLE_NAME.search(sql)
            table = match.group(1) if match else sql[:60]
            if table != "django_session" and table not in tables:
                tables.append(table)
    return tables


def signed_in_client(user) -> Client:
    """A client signed in as a fresh copy of `user`, without touching `last_login` (which
    would use up the owner's one-time magic link and password-reset token in the URLs)."""
    client = Client()
    if user is not None:
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        try:
            client.force_login(type(user).objects.get(pk=user.pk))
        finally:
            user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")
    return client


def request(user, method: str, url: str) -> tuple:
    """One request by `user` (None: anonymous) in a savepoint rolled back afterwards.

    Returns (outcome, labels of the tables it changed)."""
    changed: list[str] = []
    result = None
    try:
        with transaction.atomic():
            client = signed_in_client(user)
            with CaptureQueriesContext(connection) as queries:
                response = getattr(client, method.lower())(url)
            result = outcome(response)
            changed = writes(queries.captured_queries)
            raise _Rollback
    except _Rollback:
        pass
    for alias in settings.CACHES:
        caches[alias].clear()
    return result, changed


def admin_objects(world: World) -> dict:
    from calendar_app.models import CalendarFeed
    from fitness.workouts.models import ExerciseAlias

    return {
        "accounts.user": world.owner,
        "accounts.invite": world.invite,
        "auth.group": Group.objects.get_or_create(name="Coaches")[0],
        "workouts.exercise": world.exercise,
        "workouts.exercisealias": ExerciseAlias.objects.get_or_create(
            user=world.owner, name="Owner's alias", defaults={"exercise": world.exercise}
        )[0],
        "workouts.workouttemplate": world.template,
        "workouts.workoutsession": world.session,
        "workouts.workoutsessionexercise": world.session_exercise,
        "workouts.workoutset": world.workout_set,
        "calendar_app.scheduledworkout": world.entry,
        "calendar_app.calendarfeed": CalendarFeed.objects.get(user=world.owner),
        "imports.importjob": world.job,
    }


def admin_model_of(route: urlwalk.Route) -> str | None:
    """ "accounts.user" for admin/accounts/user/… routes."""
    parts = (route.route or "").removeprefix(settings.ADMIN_URL).split("/")
    if len(parts) >= 3 and not parts[0].startswith("<") and not parts[1].startswith("<"):
        label = f"{parts[0]}.{parts[1]}"
        try:
            apps.get_model(label)
        except (LookupError, ValueError):
            return None
        return label
    return None


def url_for(route: urlwalk.Route, world: World) -> str:
    """The route with the owner's real objects in its parameters."""
    if route.route is None:  # the admin's two regex routes
        if route.name == "admin:app_list" or "app_label" in route.raw:
            return f"/{settings.ADMIN_URL}workouts/"
        return f"/{settings.ADMIN_URL}no-such-page/"
    model_label = admin_model_of(route)

    def value(parameter: str, converter) -> str:
        if parameter == "token":
            return token_for(world, route.name)
        if parameter in ("object_id", "id") and model_label:
            return str(admin_objects(world)[model_label].pk)
        if route.name == "admin:view_on_site":
            if parameter == "content_type_id":
                return str(ContentType.objects.get_for_model(world.template).pk)
            return str(world.template.pk)
        return quote(converter.to_url(world.params[parameter]), safe="/")

    return route.fill(value)
