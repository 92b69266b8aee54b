import pytest

from fitness.workouts.models import Exercise
from fitness.workouts.system_exercises import SYSTEM_EXERCISES


@pytest.mark.django_db
def test_system_exercise_library_is_seeded_with_equipment():
    library = dict(Exercise.objects.filter(user=None).values_list("name", "equipment"))
    assert len(library) == len(SYSTEM_EXERCISES) > 100
    assert library["Back Squat"] == "barbell"
    assert library["Dumbbell Bench Press"] == "dumbbell"
    assert "" not in library.values()


def test_home_redirects_anonymous_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signed_in_member_sees_home(owner_client, owner):
    response = owner_client.get("/")
    assert response.status_code == 200
    assert "Hello, Alice" in response.text
