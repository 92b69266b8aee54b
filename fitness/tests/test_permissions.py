"""Every URL pattern, as the owner, a friend, an outsider, staff and an anonymous visitor,
for GET and POST, with the owner's real objects in the URL: each outcome must be the one in
TABLE (or, for the admin, ADMIN_SITE / the model-page rows). A new URL without a row fails.

Besides the status codes, every GET and every refused request (404, 403, 405, a redirect to
sign-in) must write nothing to the database (no INSERT/UPDATE/DELETE in the SQL it runs, the
session store apart).

Outcomes: a status code, LOGIN (302 to /accounts/login/?next=…) or ADMIN_LOGIN (302 to the
admin's sign-in page). Each request runs in a savepoint rolled back afterwards (and the caches
are cleared), so a POST that deletes the template does not change what the next role sees.
"""

import pytest
from django.conf import settings

from fitness.tests import urlwalk
from fitness.tests.permissions_probe import (
    ADMIN_LOGIN,
    LOGIN,
    ROLES,
    admin_model_of,
    request,
    url_for,
)
from fitness.tests.world import build_world

SIGNED_IN = ("owner", "friend", "outsider", "staff")


def own(code):
    """The owner's object: only the owner gets `code`; every other member a 404."""
    return {"owner": code, "friend": 404, "outsider": 404, "staff": 404, "anonymous": LOGIN}


def member(code):
    """A page about the signed-in member's own data: the same for every member."""
    return {**dict.fromkeys(SIGNED_IN, code), "anonymous": LOGIN}


def anyone(code):
    """Public: the same for everyone, signed in or not."""
    return dict.fromkeys(ROLES, code)


def row(get, post):
    return {"GET": get, "POST": post}


TABLE = {
    "home": row(member(200), member(405)),
    "health": row(anyone(200), anyone(405)),
    "manifest": row(anyone(200), anyone(405)),  # browsers fetch it without cookies
    # --- accounts
    "accounts:login": row(
        {**dict.fromkeys(SIGNED_IN, 302), "anonymous": 200},  # signed in: sent home
        {**dict.fromkeys(SIGNED_IN, 302), "anonymous": 200},  # empty form: errors
    ),
    "accounts:logout": row(anyone(405), anyone(302)),
    "accounts:magic_link_request": row(anyone(200), anyone(200)),
    "accounts:magic_link_sent": row(anyone(200), anyone(405)),
    # The token is the credential: GET only shows a button, POST signs in as its member.
    "accounts:magic_link_login": row(anyone(200), anyone(302)),
    "accounts:password_reset": row(anyone(200), anyone(200)),
    "accounts:password_reset_done": row(anyone(200), anyone(405)),
    # A valid token moves to Django's …/set-password/ URL (the token goes into the session).
    "accounts:password_reset_confirm": row(anyone(302), anyone(302)),
    "accounts:password_reset_complete": row(anyone(200), anyone(405)),
    "accounts:password_change": row(member(200), member(200)),
    "accounts:signup": row(anyone(404), anyone(404)),  # OPEN_SIGNUP is off by default
    "accounts:invite_accept": row(anyone(200), anyone(200)),  # signed in: "you already are"
    "accounts:account": row(member(200), member(405)),
    "accounts:profile_update": row(member(405), member(400)),
    "accounts:invite_create": row(member(405), member(302)),  # a new invite of one's own
    "accounts:invite_revoke": row(own(405), own(302)),
    "accounts:account_delete": row(member(405), member(400)),  # no password: refused
    # --- workouts: exercises, templates, live sessions
    "workouts:service_worker": row(anyone(200), anyone(405)),  # public: code only
    "workouts:exercise_list": row(member(200), member(405)),
    "workouts:exercise_create": row(member(200), member(200)),
    "workouts:exercise_edit": row(own(200), own(200)),
    "workouts:exercise_archive": row(own(405), own(302)),
    "workouts:exercise_unarchive": row(own(405), own(302)),
    # GET chooses and reviews; a POST without a choice shows the form again.
    "workouts:exercise_merge": row(own(200), own(200)),
    "workouts:template_list": row(member(200), member(405)),
    "workouts:template_create": row(member(200), member(200)),
    "workouts:template_detail": row(own(200), own(405)),
    "workouts:template_edit": row(own(200), own(200)),
    "workouts:template_duplicate": row(own(405), own(302)),
    "workouts:template_archive": row(own(405), own(302)),
    "workouts:template_unarchive": row(own(405), own(302)),
    "workouts:template_delete": row(own(200), own(302)),  # GET: the confirmation page
    "workouts:template_exercise_add": row(own(405), own(200)),
    "workouts:template_exercise_update": row(own(405), own(200)),
    "workouts:template_exercise_move": row(own(405), own(302)),
    "workouts:template_exercise_delete": row(own(405), own(302)),
    "workouts:template_exercise_superset": row(own(405), own(302)),
    "workouts:session_new": row(member(200), member(200)),
    "workouts:session_detail": row(own(200), own(405)),
    "workouts:session_edit": row(own(405), own(200)),
    "workouts:session_finish": row(own(405), own(302)),
    "workouts:session_discard": row(own(200), own(302)),  # GET: the confirmation page
    "workouts:session_exercise_add": row(own(405), own(302)),
    "workouts:session_exercise_move": row(own(405), own(302)),
    "workouts:session_exercise_delete": row(own(405), own(302)),
    "workouts:session_exercise_rest": row(own(405), own(400)),  # no rest_seconds: refused
    "workouts:session_exercise_superset": row(own(405), own(302)),
    "workouts:set_add": row(own(405), own(302)),
    "workouts:set_update": row(own(405), own(200)),
    "workouts:set_delete": row(own(405), own(302)),
    # --- history
    "history:list": row(member(200), member(405)),
    "history:session_detail": row(own(200), own(405)),
    "history:progress": row(member(200), member(405)),
    "history:exercise_progress": row(own(200), own(405)),  # others never did it: 404
    # --- calendar
    "calendar_app:index": row(member(302), member(405)),
    "calendar_app:month": row(member(200), member(405)),
    "calendar_app:day": row(member(200), member(400)),
    "calendar_app:repeat": row(member(200), member(400)),
    "calendar_app:entry_new": row(member(200), member(400)),
    "calendar_app:entry_edit": row(own(200), own(400)),
    "calendar_app:entry_move": row(own(405), own(302)),
    "calendar_app:entry_delete": row(own(200), own(302)),  # GET: the confirmation page
    "calendar_app:entry_start": row(own(405), own(302)),
    "calendar_app:entry_link": row(own(405), own(302)),
    "calendar_app:subscribe": row(member(200), member(405)),
    "calendar_app:feed_regenerate": row(member(405), member(302)),  # one's own feed
    "calendar_app:feed": row(anyone(200), anyone(405)),  # the secret token is the credential
    # --- import / export
    "imports:index": row(member(200), member(405)),
    "imports:export_csv": row(member(200), member(405)),  # one's own rows only
    "imports:import": row(member(200), member(200)),
    "imports:confirm": row(member(405), member(400)),  # no token: "upload the file again"
    "imports:summary": row(member(302), member(405)),
    "imports:staff_import": row(
        {**own(404), "staff": 200, "owner": 404}, {**own(404), "staff": 200, "owner": 404}
    ),
    "imports:job": row(own(200), own(405)),
    # --- sharing (the owner's template is shared with friends)
    "sharing:list": row(member(200), member(405)),
    "sharing:detail": row(
        {**own(404), "friend": 200, "owner": 404}, {**own(404), "friend": 405, "owner": 404}
    ),
    "sharing:copy": row(
        {**own(404), "friend": 405, "owner": 404}, {**own(404), "friend": 302, "owner": 404}
    ),
}


def staff_only(code):
    """Admin pages: members and visitors go to the admin's sign-in; staff get `code`."""
    return {**dict.fromkeys(ROLES, ADMIN_LOGIN), "staff": code}


# The admin's own pages, by URL name. Staff in these tests have no model permissions.
ADMIN_SITE = {
    "index": row(staff_only(200), staff_only(200)),
    "login": row(
        {**anyone(200), "staff": 302},  # a member is told they are not staff
        anyone(200),
    ),
    "logout": row({**anyone(302), "staff": 405}, anyone(302)),
    "password_change": row(staff_only(200), staff_only(200)),
    "password_change_done": row(staff_only(200), staff_only(405)),
    "autocomplete": row(staff_only(403), staff_only(405)),
    "jsi18n": row(staff_only(200), staff_only(405)),
    "view_on_site": row(staff_only(404), staff_only(404)),
    "app_list": row(staff_only(404), staff_only(404)),  # no permission on any model
    "catch_all": row(staff_only(404), staff_only(404)),
}
# Every registered model's pages (changelist, add, change, delete, history, password).
ADMIN_MODEL_PAGE = row(staff_only(403), staff_only(403))
ADMIN_OBJECT_REDIRECT = row(staff_only(302), staff_only(302))  # <id>/ → <id>/change/


def expected_for(route: urlwalk.Route) -> dict | None:
    if not route.name.startswith("admin:"):
        return TABLE.get(route.name)
    name = route.name.removeprefix("admin:")
    if admin_model_of(route):
        return ADMIN_OBJECT_REDIRECT if "/" in name else ADMIN_MODEL_PAGE
    if route.route is None and name != "app_list":
        name = "catch_all"
    return ADMIN_SITE.get(name)


ROUTES = list(urlwalk.routes())


def test_every_url_pattern_has_a_row():
    missing = [route.name for route in ROUTES if expected_for(route) is None]
    assert not missing, f"add a row to TABLE for: {missing}"
    stale = set(TABLE) - {route.name for route in ROUTES}
    assert not stale, f"rows for URLs that no longer exist: {stale}"
    assert len(ROUTES) > len(TABLE) > 60
    assert settings.ADMIN_URL and all(
        route.route.startswith(settings.ADMIN_URL)
        for route in ROUTES
        if route.name.startswith("admin:") and route.route
    )


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_outcome_per_role_and_method(route, owner, friend, outsider, staff):
    expected = expected_for(route)
    assert expected is not None, f"no row for {route.name}"
    world = build_world(owner)
    users = {"owner": owner, "friend": friend, "outsider": outsider, "staff": staff}
    url = url_for(route, world)
    wrong, changed = [], []
    for method in ("GET", "POST"):
        for role in ROLES:
            got, tables = request(users.get(role), method, url)
            if got != expected[method][role]:
                wrong.append(f"{method} as {role}: {got!r}, expected {expected[method][role]!r}")
            refused = got in (LOGIN, ADMIN_LOGIN, 403, 404, 405)
            if tables and (method == "GET" or refused):
                changed.append(f"{method} as {role} ({got!r}) changed {tables}")
    assert not wrong, f"{url}:\n" + "\n".join(wrong)
    assert not changed, f"{url}:\n" + "\n".join(changed)


@pytest.mark.django_db
def test_the_probe_sees_writes_and_rolls_them_back(owner):
    world = build_world(owner)
    url = f"/templates/{world.template.pk}/archive/"
    assert request(owner, "POST", url) == (302, ["workout_templates"])
    world.template.refresh_from_db()
    assert world.template.is_archived is False  # rolled back
    assert request(owner, "GET", f"/templates/{world.template.pk}/") == (200, [])
