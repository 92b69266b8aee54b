import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.utils import OperationalError
from django.test import override_settings

from fitness.views import health

BASE_DIR = Path(__file__).resolve().parents[3]
START_UP = "import django; django.setup(); print('started')"


def _start(**env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="fitness.settings", **env_overrides)
    return subprocess.run(
        [sys.executable, "-c", START_UP],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif((BASE_DIR / ".env").exists(), reason="a local .env may set SECRET_KEY")
def test_start_up_refuses_a_missing_secret_key_with_debug_off():
    result = _start(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert "started" not in result.stdout


def test_start_up_refuses_a_short_secret_key_with_debug_off():
    result = _start(DEBUG="0", SECRET_KEY="too-short")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_start_up_accepts_a_real_secret_key_with_debug_off():
    result = _start(DEBUG="0", SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


# --- /health/ -----------------------------------------------------------------------------


TOKEN = "h3alth-t0ken-for-the-monitor"


@pytest.fixture
def health_token(settings):
    settings.HEALTH_TOKEN = TOKEN
    return TOKEN


@pytest.mark.django_db
def test_health_tells_an_anonymous_caller_only_that_the_app_is_up(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_shows_every_dependency_to_staff(client, staff):
    client.force_login(staff)
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["broker"] in {"ok", "in-process"}
    assert body["status"] == "ok"


@pytest.mark.django_db
def test_health_shows_a_member_who_is_not_staff_only_up_or_down(client, owner):
    client.force_login(owner)
    assert client.get("/health/").json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [{"Authorization": f"Bearer {TOKEN}"}, {"X-Health-Token": TOKEN}],
    ids=["bearer", "x-health-token"],
)
def test_health_shows_every_dependency_to_a_caller_with_the_token(client, health_token, headers):
    body = client.get("/health/", headers=headers).json()
    assert set(body) == {"status", "database", "cache", "broker"}
    assert body["database"] == "ok"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Basic {TOKEN}"},
        {"X-Health-Token": TOKEN[:-1]},
        {"X-Health-Token": ""},
    ],
    ids=["longer", "not-bearer", "shorter", "empty"],
)
def test_health_hides_the_detail_from_a_wrong_token(client, health_token, headers):
    response = client.get("/health/", headers=headers)
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


@pytest.mark.django_db
def test_health_accepts_no_token_when_none_is_configured(client, settings):
    settings.HEALTH_TOKEN = ""
    for headers in ({"X-Health-Token": ""}, {"Authorization": "Bearer "}):
        assert client.get("/health/", headers=headers).json() == {"status": "ok"}


def _head(rf):
    # The view itself, not the test client: the client drops HEAD bodies on its own.
    request = rf.head("/health/")
    request.user = AnonymousUser()
    return health(request)


@pytest.mark.django_db
def test_health_answers_head_without_a_body(client, rf):
    assert client.head("/health/").status_code == 200
    response = _head(rf)
    assert (response.status_code, response.content) == (200, b"")


@pytest.mark.django_db
def test_health_answers_head_with_503_when_the_database_is_down(rf):
    with mock.patch(
        "fitness.views.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = _head(rf)
    assert (response.status_code, response.content) == (503, b"")


STOPPED_REDIS_CACHE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
}


@pytest.mark.django_db
def test_health_reports_a_stopped_cache_without_failing(client, health_token):
    with override_settings(CACHES=STOPPED_REDIS_CACHE):
        response = client.get("/health/", headers={"X-Health-Token": health_token})
        anonymous = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["cache"] == "down"
    assert body["database"] == "ok"
    assert body["status"] == "degraded"
    assert (anonymous.status_code, anonymous.json()) == (200, {"status": "ok"})


@pytest.mark.django_db
def test_health_is_503_when_the_database_is_down(client, health_token):
    with mock.patch(
        "fitness.views.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        detailed = client.get("/health/", headers={"Authorization": f"Bearer {health_token}"})
        anonymous = client.get("/health/")
    assert detailed.status_code == 503
    body = detailed.json()
    assert body["database"] == "down"
    assert body["status"] == "down"
    assert (anonymous.status_code, anonymous.json()) == (503, {"status": "down"})


@pytest.mark.django_db
def test_health_is_503_for_signed_in_staff_when_the_database_is_down(client, staff):
    # The session cannot be read: the error handler's 503 answers (never a 500).
    client.force_login(staff)
    client.raise_request_exception = False
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_health_is_get_only(client):
    assert client.post("/health/").status_code == 405
