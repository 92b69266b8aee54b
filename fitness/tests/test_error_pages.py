"""Error pages of the production stack: a database outage is a clean 503, never a traceback."""

import pytest
from django.db import OperationalError

from fitness import views


@pytest.fixture
def failing_home(monkeypatch):
    def fail_with(error: Exception) -> None:
        def raise_error(**kwargs):
            raise error

        monkeypatch.setattr(views.history_selectors, "dashboard", raise_error)

    return fail_with


def test_database_unreachable_is_a_503_with_retry_after(owner_client, failing_home):
    failing_home(OperationalError("connection refused"))
    owner_client.raise_request_exception = False
    response = owner_client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert "Temporarily unavailable" in body
    assert "Traceback" not in body and "connection refused" not in body


def test_other_errors_are_a_500_page_without_details(owner_client, failing_home):
    failing_home(RuntimeError("secret detail"))
    owner_client.raise_request_exception = False
    response = owner_client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret detail" not in body and "Traceback" not in body


def test_unknown_page_is_a_404_page_with_the_navigation(owner_client):
    response = owner_client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and "Sign out" in body


def test_signed_out_404_page_has_no_navigation(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and "Sign out" not in body
