import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import override_settings

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


@pytest.mark.django_db
def test_health_reports_every_dependency(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["broker"] in {"ok", "in-process"}
    assert body["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


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
def test_health_reports_a_stopped_cache_without_failing(client):
    with override_settings(CACHES=STOPPED_REDIS_CACHE):
        response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["cache"] == "down"
    assert body["database"] == "ok"
    assert body["status"] == "degraded"


@pytest.mark.django_db
def test_health_is_503_when_the_database_is_down(client):
    with mock.patch(
        "fitness.views.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "down"
    assert body["status"] == "down"


def test_health_is_get_only(client):
    assert client.post("/health/").status_code == 405
