"""The service worker script and what the session page gives the offline queue."""

from django.urls import reverse
from django.utils.html import escapejs

from fitness.workouts import services
from fitness.workouts.views.offline import OFFLINE_CACHE


def test_service_worker_is_served_at_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    text = response.text
    assert f'const CACHE = "{escapejs(OFFLINE_CACHE)}";' in text  # the same string in JS
    assert 'const STATIC_PREFIX = "/static/";' in text
    assert 'const LOGOUT_PATH = "/accounts/logout/";' in text
    assert client.post("/sw.js").status_code == 405


def test_session_page_wires_the_queue_without_inline_script(owner_client, owner):
    session = services.session_start(user=owner)
    response = owner_client.get(reverse("workouts:session_detail", args=[session.id]))
    text = response.text
    assert f'data-session-id="{session.id}"' in text
    assert 'data-service-worker="/sw.js"' in text
    assert f'data-offline-cache="{OFFLINE_CACHE}"' in text
    assert '<script src="/static/js/logging.js" defer></script>' in text
    assert "<script>" not in text
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
