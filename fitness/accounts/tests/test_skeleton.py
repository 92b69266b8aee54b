import pytest

from fitness.workouts.models import Exercise


@pytest.mark.django_db
def test_fifteen_system_exercises_are_seeded():
    assert Exercise.objects.filter(user=None).count() == 15


def test_home_redirects_anonymous_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signed_in_member_sees_home(owner_client, owner):
    response = owner_client.get("/")
    assert response.status_code == 200
    assert "Hello, Alice" in response.text
