"""Deployment checks, security headers, the admin's configurable path, private uploads."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

from fitness.tests import urlwalk

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7Gq-very-long-random-production-secret-key-1234567890abcdef",
    "ALLOWED_HOSTS": "fitness.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
    "DATABASE_URL": "sqlite:///:memory:",
    "REDIS_URL": "",
}


def _production_env() -> dict:
    # conftest.py sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright: never in production.
    skip = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    return {**env, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "fitness.settings"}


def test_check_deploy_is_clean_under_production_settings():
    env = _production_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output, output
    assert "WARNINGS" not in output


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/", "/health/"])
def test_security_headers_on_every_kind_of_response(client, owner, url):
    client.force_login(owner)
    response = client.get(url, follow=False)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_content_security_policy_forbids_inline_code_and_framing(client, owner):
    client.force_login(owner)
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_hsts_on_https_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_session_and_csrf_cookies_are_secure_by_default_without_debug():
    env = _production_env()
    for key in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        env.pop(key)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["True", "True", "True"], result.stderr


# --- The admin at a configurable path --------------------------------------------------------


def test_admin_url_comes_from_the_environment():
    env = {k: v for k, v in os.environ.items() if k != "ADMIN_URL"}
    env.update(ADMIN_URL="staff-only-7f3a/", DJANGO_SETTINGS_MODULE="fitness.settings")
    code = (
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "/staff-only-7f3a/", result.stderr


@pytest.mark.django_db
def test_admin_lives_only_under_admin_url(client, staff):
    assert settings.ADMIN_URL.endswith("/")
    admin_routes = [r for r in urlwalk.routes() if r.name.startswith("admin:") and r.route]
    assert admin_routes
    assert all(r.route.startswith(settings.ADMIN_URL) for r in admin_routes)
    client.force_login(staff)
    assert client.get(f"/{settings.ADMIN_URL}").status_code == 200


# --- Uploaded import files are never reachable by URL --------------------------------------


def _inside(path: Path, root) -> bool:
    try:
        path.resolve().relative_to(Path(root).resolve())
    except ValueError:
        return False
    return True


def test_private_storage_is_outside_every_served_directory():
    private = Path(settings.PRIVATE_STORAGE_ROOT)
    served = [settings.STATIC_ROOT, *settings.STATICFILES_DIRS]
    if getattr(settings, "MEDIA_ROOT", ""):
        served.append(settings.MEDIA_ROOT)
    for root in served:
        assert not _inside(private, root), f"{private} is inside served {root}"
        assert not _inside(Path(root), private)
    # No URL pattern serves files from disk (static() / serve views).
    for route in urlwalk.routes():
        assert "serve" not in route.raw.lower()
        assert not (route.route or "").startswith(("media", "private", "var"))


@pytest.mark.django_db
def test_an_uploaded_import_file_cannot_be_fetched(client, owner, settings, tmp_path):
    from imports import services

    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    job = services.import_job_create(
        user=owner, fileobj=_file(b"Date,Exercise\n"), file_name="mine.csv"
    )
    stored = Path(job.file_path)
    assert stored.exists() and _inside(stored, settings.PRIVATE_STORAGE_ROOT)
    client.force_login(owner)
    relative = stored.relative_to(settings.PRIVATE_STORAGE_ROOT).as_posix()
    guesses = [
        f"/{relative}",
        f"/private/{relative}",
        f"/var/private/{relative}",
        f"/media/{relative}",
        f"/static/{relative}",
        f"/static/../var/private/{relative}",
        f"/data/{relative}",
        f"/data/import/{stored.name}",
        f"/data/import/jobs/{job.pk}/file/",
        f"/imports/{stored.name}",
    ]
    for url in guesses:
        response = client.get(url)
        assert response.status_code == 404, f"{url} answered {response.status_code}"
        try:
            match = resolve(url)
        except Resolver404:
            continue
        assert match.url_name not in {"serve"}, url


def _file(content: bytes):
    import io

    return io.BytesIO(content)
