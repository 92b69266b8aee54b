"""Session fixation, CSRF on every POST, open redirects through next=."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from sesame.utils import get_token

from fitness.accounts.models import Invite, User
from fitness.tests import urlwalk
from fitness.tests.permissions_probe import signed_in_client, url_for, writes
from fitness.tests.world import build_world

SIGN_UP = {
    "display_name": "Dana",
    "email": "dana@example.com",
    "password1": "a-long-enough-passphrase-42",
    "password2": "a-long-enough-passphrase-42",
    "timezone": "Europe/Paris",
}


def _planted_session(client: Client) -> str:
    """An anonymous session an attacker could have planted in the victim's browser."""
    session = client.session
    session["planted"] = True
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return session.session_key


def _assert_new_session(client: Client, old_key: str, user: User):
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert client.session["_auth_user_id"] == str(user.pk)


# --- Session fixation ------------------------------------------------------------------------


@pytest.mark.django_db
def test_password_sign_in_changes_the_session_key(client, owner, password):
    old = _planted_session(client)
    response = client.post("/accounts/login/", {"username": owner.email, "password": password})
    assert response.status_code == 302
    _assert_new_session(client, old, owner)


@pytest.mark.django_db
def test_magic_link_sign_in_changes_the_session_key(client, owner):
    old = _planted_session(client)
    response = client.post(f"/accounts/login/link/{get_token(owner)}/")
    assert response.status_code == 302
    _assert_new_session(client, old, owner)


@pytest.mark.django_db
def test_sign_up_through_an_invite_changes_the_session_key(client, owner):
    invite = Invite.objects.create(inviter=owner, email="dana@example.com")
    old = _planted_session(client)
    response = client.post(f"/accounts/invite/{invite.token}/", SIGN_UP)
    assert response.status_code == 302, response.content
    _assert_new_session(client, old, User.objects.get(email="dana@example.com"))


@pytest.mark.django_db
def test_open_sign_up_changes_the_session_key(client, settings):
    settings.OPEN_SIGNUP = True
    old = _planted_session(client)
    response = client.post("/accounts/signup/", SIGN_UP)
    assert response.status_code == 302, response.content
    _assert_new_session(client, old, User.objects.get(email="dana@example.com"))


@pytest.mark.django_db
def test_sign_out_ends_the_session(owner_client):
    key = owner_client.cookies[settings.SESSION_COOKIE_NAME].value
    owner_client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert owner_client.get("/").status_code == 302


# --- CSRF on every POST ----------------------------------------------------------------------

ROUTES = list(urlwalk.routes())


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [True, False], ids=["member", "anonymous"])
def test_every_post_without_a_csrf_token_is_refused(owner, staff, signed_in):
    """Every URL pattern, with real objects in it: a POST without the token is a 403 that
    writes nothing, signed in (as the owner and as staff) or not."""
    world = build_world(owner)
    users = [owner, staff] if signed_in else [None]
    failures = []
    for user in users:
        client = signed_in_client(user)
        client.handler.enforce_csrf_checks = True
        for route in ROUTES:
            url = url_for(route, world)
            with CaptureQueriesContext(connection) as queries:
                response = client.post(url, {"name": "x", "email": "x@example.com"})
            wrote = writes(queries.captured_queries)
            if response.status_code != 403 or wrote:
                failures.append(f"{route.name} {url}: {response.status_code} wrote {wrote}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_a_post_with_the_token_from_the_page_goes_through(owner):
    world = build_world(owner)
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    page = client.get(f"/templates/{world.template.pk}/")
    token = page.context["csrf_token"]
    response = client.post(
        f"/templates/{world.template.pk}/archive/", {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    world.template.refresh_from_db()
    assert world.template.is_archived


# --- Open redirects --------------------------------------------------------------------------

EVIL = [
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "http://evil.example@testserver/",
    " https://evil.example/",
    "javascript:alert(1)",
]


def _assert_stays_on_site(response):
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code != 302:
        return
    location = response["Location"]
    parts = urlsplit(location)
    assert not parts.scheme and not parts.netloc, location
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "evil" not in location


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_login_never_redirects_off_site(client, owner, password, target):
    response = client.post(
        f"/accounts/login/?next={target}",
        {"username": owner.email, "password": password, "next": target},
    )
    _assert_stays_on_site(response)
    assert response.status_code == 302
    # And when already signed in, the login page sends home, not to next=.
    _assert_stays_on_site(client.get("/accounts/login/", {"next": target}))


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_magic_link_and_logout_never_redirect_off_site(client, owner, target):
    response = client.post(f"/accounts/login/link/{get_token(owner)}/?next={target}")
    _assert_stays_on_site(response)
    assert response.status_code == 302
    _assert_stays_on_site(client.post("/accounts/logout/", {"next": target}))
    _assert_stays_on_site(client.post(f"/accounts/logout/?next={target}"))


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_feed_card_never_redirects_off_site(owner_client, target):
    response = owner_client.post("/calendar/feed/regenerate/", {"next": target})
    _assert_stays_on_site(response)
    assert response["Location"] == "/calendar/subscribe/"


@pytest.mark.django_db
def test_feed_card_keeps_a_local_next(owner_client):
    response = owner_client.post("/calendar/feed/regenerate/", {"next": "/accounts/#feed"})
    assert response["Location"] == "/accounts/#feed"


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL[:2])
def test_no_other_form_follows_next(owner, target):
    """Every POST of every URL pattern with next=evil: wherever it redirects, it stays here."""
    world = build_world(owner)
    client = signed_in_client(owner)
    failures = []
    for route in ROUTES:
        if route.name.startswith("admin:"):
            continue
        url = url_for(route, world)
        for response in (
            client.post(f"{url}?next={target}", {"next": target}),
            client.get(f"{url}?next={target}"),
        ):
            location = response.get("Location", "")
            if response.status_code in (301, 302, 303, 307, 308) and (
                "evil" in location or urlsplit(location).netloc
            ):
                failures.append(f"{route.name}: {location}")
        if route.name in ("accounts:logout", "accounts:magic_link_login"):
            client = signed_in_client(owner)  # signed out (or in as the link's member)
    assert not failures, failures


# --- One lockout for every way in -----------------------------------------------------------

ADMIN_LOGIN_URL = f"/{settings.ADMIN_URL}login/"


def _admin_login(client: Client, email: str, password: str):
    return client.post(
        ADMIN_LOGIN_URL, {"username": email, "password": password, "next": f"/{settings.ADMIN_URL}"}
    )


@pytest.mark.django_db
def test_an_account_locked_at_the_sign_in_page_cannot_sign_in_through_the_admin(
    client, staff, password
):
    for _ in range(5):
        client.post("/accounts/login/", {"username": staff.email, "password": "wrong"})
    response = _admin_login(client, staff.email, password)
    assert response.status_code == 200
    assert "Too many failed sign-in attempts" in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wrong_passwords_at_the_admin_login_lock_every_way_in(client, staff, password):
    for _ in range(4):
        response = _admin_login(client, staff.email, "wrong")
        assert "Please enter the correct" in response.text
    assert "Too many failed sign-in attempts" in _admin_login(client, staff.email, "wrong").text
    assert "Too many" in _admin_login(client, staff.email, password).text
    response = client.post("/accounts/login/", {"username": staff.email, "password": password})
    assert response.status_code == 200 and "Too many failed sign-in attempts" in response.text
    assert "_auth_user_id" not in client.session
    # The email link still works (the lockout is for passwords only).
    assert client.post(f"/accounts/login/link/{get_token(staff)}/").status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


@pytest.mark.django_db
def test_many_wrong_admin_passwords_from_one_address_lock_that_address(client, db):
    for index in range(30):
        _admin_login(client, f"guess{index}@example.com", "wrong")
    response = _admin_login(client, "guess99@example.com", "wrong")
    assert "Too many failed sign-in attempts" in response.text


@pytest.mark.django_db
def test_the_admin_login_still_signs_staff_in(client, staff, password):
    response = _admin_login(client, staff.email, password)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
