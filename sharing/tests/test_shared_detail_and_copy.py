from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.models import Exercise, WorkoutTemplate, WorkoutTemplateExercise
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
    system_exercise,
)
from sharing.services import copy_name, shared_template_copy

pytestmark = pytest.mark.django_db


def detail_url(template) -> str:
    return reverse("sharing:detail", args=[template.pk])


def copy_url(template) -> str:
    return reverse("sharing:copy", args=[template.pk])


def test_friend_sees_exercises_and_targets_read_only(friend_client, owner, make_shared):
    template = make_shared(owner, "Alice push", exercises=2, description="Heavy day")
    item = template.template_exercises.get(order_index=1)
    item.rest_seconds = 120
    item.notes = "Pause at the bottom"
    item.save()

    response = friend_client.get(detail_url(template))

    assert response.status_code == 200
    text = response.text
    assert "Alice push" in text and "Shared by Alice" in text and "Heavy day" in text
    assert "Bench Press" in text and "Back Squat" in text
    assert "3 sets × 5 reps" in text
    assert "@ 60 kg" in text and "@ 70 kg" in text
    assert "rest 2 min" in text and "Pause at the bottom" in text
    assert copy_url(template) in text
    main = text.split("<main", 1)[1]
    # Read-only: the copy form's CSRF token is the only input, nothing editable.
    assert main.count("<input") == 1 and 'name="csrfmiddlewaretoken"' in main
    assert "<textarea" not in main and "<select" not in main


def test_weights_are_shown_in_my_unit(friend, friend_client, owner, make_shared):
    template = make_shared(owner, exercises=1)  # 60 kg
    WorkoutTemplateExerciseFactory(
        template=template, target_weight=Decimal("135"), target_weight_unit="lb", order_index=5
    )
    friend.preferred_unit = "lb"
    friend.save()

    text = friend_client.get(detail_url(template)).text

    assert "@ 132 lb" in text  # 60 kg
    assert "@ 135 lb" in text
    assert "weights in lb" in text


def test_detail_is_a_fixed_number_of_queries(
    friend_client, owner, make_shared, django_assert_max_num_queries
):
    template = make_shared(owner, exercises=5)
    with django_assert_max_num_queries(4):  # session, user, template+owner, exercises
        assert friend_client.get(detail_url(template)).status_code == 200


@pytest.fixture
def hidden_templates(owner, friend, make_shared):
    """Templates Bob (owner's invitee) must not reach, by reason."""
    carol = UserFactory(display_name="Carol", invited_by=friend)
    dave = UserFactory(display_name="Dave", invited_by=carol)  # friend of Bob's friend
    return {
        "private": make_shared(owner, "P", visibility=WorkoutTemplate.Visibility.PRIVATE),
        "archived": make_shared(owner, "A", is_archived=True),
        "outsider": make_shared(UserFactory(display_name="Eve"), "E"),
        "friend of a friend": make_shared(dave, "D"),
        "own": make_shared(friend, "Mine"),
    }


@pytest.mark.parametrize("reason", ["private", "archived", "outsider", "friend of a friend", "own"])
def test_hidden_template_is_404_for_view_and_copy(friend, friend_client, hidden_templates, reason):
    template = hidden_templates[reason]
    before = WorkoutTemplate.objects.count()

    assert friend_client.get(detail_url(template)).status_code == 404
    assert friend_client.post(copy_url(template)).status_code == 404

    assert WorkoutTemplate.objects.count() == before


def test_unknown_id_is_404(friend_client):
    missing = "00000000-0000-0000-0000-000000000000"
    assert friend_client.get(f"/shared/{missing}/").status_code == 404
    assert friend_client.post(f"/shared/{missing}/copy/").status_code == 404


def test_copy_needs_post(friend_client, owner, make_shared):
    template = make_shared(owner)
    assert friend_client.get(copy_url(template)).status_code == 405
    assert not WorkoutTemplate.objects.filter(user__display_name="Bob").exists()


def test_copy_needs_csrf(friend, owner, make_shared):
    template = make_shared(owner)
    client = Client(enforce_csrf_checks=True)
    client.force_login(friend)
    assert client.post(copy_url(template)).status_code == 403


def test_copy_makes_a_private_template_of_mine_and_opens_it(
    friend, friend_client, owner, make_shared
):
    template = make_shared(owner, "Alice push", exercises=3, description="Heavy day")

    response = friend_client.post(copy_url(template))

    copy = WorkoutTemplate.objects.get(user=friend)
    assert copy.name == "Alice push (from Alice)"
    assert copy.description == "Heavy day"
    assert copy.visibility == WorkoutTemplate.Visibility.PRIVATE
    assert not copy.is_archived
    assert response.status_code == 302
    assert response["Location"] in (
        f"/templates/{copy.pk}/",  # workouts:template_detail, once merged
        reverse("workouts:template_list"),
    )
    follow = friend_client.get(response["Location"])
    assert "“Alice push (from Alice)” is now one of your templates." in follow.text
    original = [
        (i.exercise_id, i.order_index, i.target_sets, i.target_reps, i.target_weight)
        for i in template.template_exercises.order_by("order_index")
    ]
    copied = [
        (i.exercise_id, i.order_index, i.target_sets, i.target_reps, i.target_weight)
        for i in copy.template_exercises.order_by("order_index")
    ]
    assert copied == original


def test_copy_is_deep_editing_it_leaves_the_original_alone(friend, owner, make_shared):
    template = make_shared(owner, "Alice push", exercises=2)

    copy = shared_template_copy(template_id=template.pk, user=friend)
    copy.name = "Mine now"
    copy.save()
    item = copy.template_exercises.get(order_index=0)
    item.target_weight = Decimal("100")
    item.save()
    copy.template_exercises.filter(order_index=1).delete()

    template.refresh_from_db()
    assert template.name == "Alice push"
    assert template.visibility == WorkoutTemplate.Visibility.FRIENDS
    assert [i.target_weight for i in template.template_exercises.order_by("order_index")] == [
        Decimal("60.00"),
        Decimal("70.00"),
    ]
    assert not set(copy.template_exercises.values_list("pk", flat=True)) & set(
        template.template_exercises.values_list("pk", flat=True)
    )


def test_copy_never_uses_the_owners_custom_exercises(friend, owner, make_shared):
    template = make_shared(owner, exercises=1)  # + Bench Press (system)
    sled = ExerciseFactory(user=owner, name="Sled Push", category="legs", primary_muscle="Quads")
    landmine = ExerciseFactory(user=owner, name="Landmine Press")
    curl = ExerciseFactory(user=owner, name="Dumbbell Curl")  # same name as a system one
    mine = ExerciseFactory(user=friend, name="landmine press")  # mine, other case
    for index, exercise in enumerate([sled, landmine, curl], start=1):
        WorkoutTemplateExerciseFactory(template=template, exercise=exercise, order_index=index)

    copy = shared_template_copy(template_id=template.pk, user=friend)

    used = [i.exercise for i in copy.template_exercises.order_by("order_index")]
    assert used[0] == system_exercise("Bench Press")
    assert used[1].user == friend and used[1].name == "Sled Push"
    assert (used[1].category, used[1].primary_muscle) == ("legs", "Quads")
    assert used[2] == mine
    assert used[3] == system_exercise("Dumbbell Curl")
    assert Exercise.objects.filter(user=friend).count() == 2
    # Their exercises can go away without touching my copy.
    Exercise.objects.filter(user=owner).delete()
    assert copy.template_exercises.count() == 4


def test_copy_twice_reuses_the_exercise_created_the_first_time(friend, owner, make_shared):
    template = make_shared(owner, exercises=0)
    WorkoutTemplateExerciseFactory(
        template=template, exercise=ExerciseFactory(user=owner, name="Sled Push")
    )
    shared_template_copy(template_id=template.pk, user=friend)
    shared_template_copy(template_id=template.pk, user=friend)
    assert Exercise.objects.filter(user=friend, name="Sled Push").count() == 1
    assert WorkoutTemplate.objects.filter(user=friend).count() == 2


def test_copy_is_a_fixed_number_of_queries(
    friend, owner, make_shared, django_assert_max_num_queries
):
    template = make_shared(owner, exercises=5)
    for index in range(4):
        WorkoutTemplateExerciseFactory(
            template=template, exercise=ExerciseFactory(user=owner), order_index=10 + index
        )
    with django_assert_max_num_queries(9):
        copy = shared_template_copy(template_id=template.pk, user=friend)
    assert copy.template_exercises.count() == 9


def test_copy_of_an_unshared_template_raises(friend, owner):
    template = WorkoutTemplateFactory(user=owner)
    with pytest.raises(WorkoutTemplate.DoesNotExist):
        shared_template_copy(template_id=template.pk, user=friend)
    assert not WorkoutTemplateExercise.objects.filter(template__user=friend).exists()


@pytest.mark.parametrize(
    ("name", "owner_name", "expected_length"),
    [("Push", "Alice", None), ("x" * 100, "Alice", 100), ("x" * 90, "A" * 100, 100)],
)
def test_copy_name_fits_the_column(name, owner_name, expected_length):
    result = copy_name(name, owner_name)
    if expected_length is None:
        assert result == "Push (from Alice)"
    else:
        assert len(result) == expected_length
        assert result.startswith("xxx") and "(from " in result and result.endswith(")")


@pytest.mark.parametrize(
    ("seconds", "text"), [(45, "45 s"), (60, "1 min"), (90, "1 min 30 s"), (180, "3 min")]
)
def test_rest_is_shown_in_minutes_and_seconds(seconds, text):
    from sharing.selectors import SharedTemplateItem

    item = SharedTemplateItem(1, "Plank", 3, None, "", "kg", seconds, "")
    assert item.rest_display == text


@pytest.mark.postgres
def test_copy_matches_names_the_way_the_databases_unique_index_does(friend, owner, make_shared):
    """PostgreSQL's lower('İsolation row') is 'isolation row'; Python's is 'i̇solation row'.
    The copy must compare like the unique (user, lower(name)) index, or it inserts a
    duplicate and fails with an IntegrityError."""
    template = make_shared(owner, exercises=0)
    theirs = ExerciseFactory(user=owner, name="İsolation row")
    WorkoutTemplateExerciseFactory(template=template, exercise=theirs)
    mine = ExerciseFactory(user=friend, name="isolation row")

    copy = shared_template_copy(template_id=template.pk, user=friend)

    assert [item.exercise for item in copy.template_exercises.all()] == [mine]
    assert list(Exercise.objects.filter(user=friend)) == [mine]


@pytest.mark.postgres
def test_copy_through_the_page_with_a_dotted_capital_i(friend, friend_client, owner, make_shared):
    template = make_shared(owner, exercises=1)
    WorkoutTemplateExerciseFactory(
        template=template, exercise=ExerciseFactory(user=owner, name="İsolation row"), order_index=1
    )
    ExerciseFactory(user=friend, name="isolation row")
    response = friend_client.post(copy_url(template))
    assert response.status_code == 302
    assert WorkoutTemplate.objects.filter(user=friend).count() == 1


def test_exercise_name_clash_is_found_like_the_unique_index_finds_it(friend, friend_client):
    ExerciseFactory(user=friend, name="isolation row")
    response = friend_client.post(
        "/exercises/new/", {"name": "İsolation row", "category": "back", "type": "strength"}
    )
    if connection.vendor == "postgresql":  # SQLite's lower() is ASCII-only: both fit there
        assert Exercise.objects.filter(user=friend).count() == 1
        assert response.status_code == 200
        assert "already" in response.text
