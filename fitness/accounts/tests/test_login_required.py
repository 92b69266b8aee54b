"""Every page requires sign-in, except a short allowlist of public ones.

The test walks the whole URLconf, so pages added later are covered without touching it.
A new public page (e.g. a token-protected feed) must be added to PUBLIC_URL_NAMES below.
"""

import re
import uuid

import pytest

from fitness.tests import urlwalk

PUBLIC_URL_NAMES = {
    "health",
    "manifest",  # browsers fetch the web app manifest without cookies
    "accounts:login",
    "accounts:logout",
    "accounts:magic_link_request",
    "accounts:magic_link_sent",
    "accounts:magic_link_login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:signup",
    "accounts:invite_accept",
    "calendar_app:feed",  # the secret token in the URL is the credential
}
# The admin has its own sign-in page; checked separately below.
SEPARATELY_CHECKED_NAMESPACES = {"admin"}

# Sample values for path converters, tried in order: the first the converter accepts wins.
SAMPLES = ["1", "2026", "01", str(uuid.uuid4()), "sample", "sample/path", "2026-01-05"]


def _sample(parameter: str, converter) -> str:
    for sample in SAMPLES:
        if re.fullmatch(converter.regex, sample):
            return converter.to_url(converter.to_python(sample))
    raise AssertionError(f"no sample value fits converter {converter!r} ({parameter})")


def _private_routes():
    routes = []
    for route in urlwalk.routes():
        namespace = route.name.split(":")[0]
        if namespace in SEPARATELY_CHECKED_NAMESPACES or route.name in PUBLIC_URL_NAMES:
            continue
        routes.append(pytest.param(route.fill(_sample), id=route.name))
    return routes


PRIVATE_ROUTES = _private_routes()


def test_the_walk_finds_pages_of_every_app():
    urls = [param.values[0] for param in PRIVATE_ROUTES]
    assert "/" in urls
    assert "/accounts/" in urls
    assert any(url.startswith("/accounts/invites/") and "/revoke/" in url for url in urls)
    assert len(urls) >= 8


@pytest.mark.django_db
@pytest.mark.parametrize("url", PRIVATE_ROUTES)
def test_anonymous_visitor_is_sent_to_sign_in(client, url):
    response = client.get(url)
    if response.status_code == 405:  # POST-only endpoint: the POST must be guarded too
        response = client.post(url)
    assert response.status_code == 302, f"{url} answered {response.status_code} to a visitor"
    assert response["Location"].startswith("/accounts/login/?next="), response["Location"]


@pytest.mark.django_db
def test_admin_sends_anonymous_visitors_to_its_sign_in(client, settings):
    response = client.get(f"/{settings.ADMIN_URL}")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    users = client.get(f"/{settings.ADMIN_URL}accounts/user/")
    assert users.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/health/",
        "/manifest.webmanifest",
        "/accounts/login/",
        "/accounts/login/link/",
        "/accounts/login/link/sent/",
        "/accounts/password/reset/",
        "/accounts/password/reset/sent/",
        "/accounts/password/reset/done/",
    ],
)
def test_public_pages_open_without_sign_in(client, url):
    assert client.get(url).status_code == 200
