from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.models import WorkoutTemplate
from sharing.selectors import shared_templates_for

pytestmark = pytest.mark.django_db

URL = reverse("sharing:list")


def names(user) -> list[str]:
    return [t.name for t in shared_templates_for(user).templates]


def test_invitee_sees_inviters_shared_templates(friend, owner, make_shared):
    make_shared(owner, "Alice push")
    assert names(friend) == ["Alice push"]


def test_inviter_sees_invitees_shared_templates(friend, owner, make_shared):
    make_shared(friend, "Bob legs")
    assert names(owner) == ["Bob legs"]


def test_friend_of_a_friend_sees_nothing(friend, owner, make_shared):
    carol = UserFactory(display_name="Carol", invited_by=friend)  # Bob's invitee
    make_shared(owner, "Alice push")
    make_shared(carol, "Carol pull")
    assert names(carol) == []  # Alice is Bob's friend, not Carol's
    assert names(owner) == []
    assert names(friend) == ["Carol pull", "Alice push"]  # Bob: both his friends, newest first


def test_outsider_sees_nothing(outsider, owner, make_shared):
    make_shared(owner, "Alice push")
    assert names(outsider) == []


def test_private_archived_and_inactive_owners_are_left_out(friend, owner, make_shared):
    make_shared(owner, "Shared")
    make_shared(owner, "Private", visibility=WorkoutTemplate.Visibility.PRIVATE)
    make_shared(owner, "Archived", is_archived=True)
    gone = UserFactory(display_name="Gone", invited_by=friend, is_active=False)
    make_shared(gone, "From a deactivated account")
    make_shared(friend, "My own")
    assert names(friend) == ["Shared"]


def test_newest_update_first_with_owner_name_and_exercise_count(friend, owner, make_shared):
    carol = UserFactory(display_name="Carol", invited_by=friend)
    old = make_shared(owner, "Old", exercises=3)
    new = make_shared(carol, "New", exercises=0)
    WorkoutTemplate.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=3))
    WorkoutTemplate.objects.filter(pk=new.pk).update(updated_at=timezone.now() - timedelta(days=1))

    templates = shared_templates_for(friend).templates

    assert [(t.name, t.owner_name, t.exercise_count) for t in templates] == [
        ("New", "Carol", 0),
        ("Old", "Alice", 3),
    ]


def test_list_is_two_queries_however_many_templates(
    friend, owner, make_shared, django_assert_num_queries
):
    for index in range(8):
        make_shared(owner, f"T{index}", exercises=index % 3)
    with django_assert_num_queries(2):  # friends (for the filter) + templates with counts
        assert len(shared_templates_for(friend).templates) == 8


def test_page_shows_owner_count_and_date(friend_client, owner, make_shared):
    template = make_shared(owner, "Alice push", exercises=3, description="Heavy bench day")

    response = friend_client.get(URL)

    assert response.status_code == 200
    text = response.text
    assert "Alice push" in text
    assert "Heavy bench day" in text
    assert '<dd class="num">3</dd>' in text
    assert '<dd title="Alice">Alice</dd>' in text
    assert template.updated_at.strftime("%b") in text
    assert reverse("sharing:detail", args=[template.pk]) in text


def test_page_is_a_fixed_number_of_queries(
    friend_client, owner, make_shared, django_assert_max_num_queries
):
    for index in range(6):
        make_shared(owner, f"T{index}", exercises=2)
    with django_assert_max_num_queries(4):  # session, user, friends, templates
        response = friend_client.get(URL)
    assert response.text.count('class="card shared-item"') == 6


def test_empty_state_without_friends_explains_invites(outsider, client):
    client.force_login(outsider)
    response = client.get(URL)
    assert "No friends here yet" in response.text
    assert "the member who invited you and the members you invite" in response.text
    assert f'href="{reverse("accounts:account")}"' in response.text


def test_empty_state_with_friends_who_share_nothing(friend_client, owner, make_shared):
    make_shared(owner, "Private", visibility=WorkoutTemplate.Visibility.PRIVATE)
    response = friend_client.get(URL)
    assert "Nothing shared yet" in response.text
    assert "Private" not in response.text.split("<main", 1)[1]


def test_filter_by_friend(friend, friend_client, owner, make_shared):
    carol = UserFactory(display_name="Carol", invited_by=friend)
    make_shared(owner, "Alice push")
    make_shared(carol, "Carol pull")

    response = friend_client.get(URL, {"friend": str(carol.pk)})

    assert "Carol pull" in response.text
    assert "Alice push" not in response.text
    assert f'<option value="{carol.pk}" selected>Carol</option>' in response.text
    assert "1 template shared by Carol" in response.text


def test_filter_by_someone_else_shows_everything(friend_client, owner, outsider, make_shared):
    make_shared(owner, "Alice push")
    response = friend_client.get(URL, {"friend": str(outsider.pk)})
    assert "Alice push" in response.text
    assert "Charlie" not in response.text


def test_filter_by_friend_who_shares_nothing(friend, friend_client, owner, make_shared):
    carol = UserFactory(display_name="Carol", invited_by=friend)
    make_shared(owner, "Alice push")
    response = friend_client.get(URL, {"friend": str(carol.pk)})
    assert "Nothing from Carol yet" in response.text


def test_long_list_is_paginated(friend_client, owner):
    for index in range(35):
        WorkoutTemplate.objects.create(user=owner, name=f"T{index:02}", visibility="friends")
    first = friend_client.get(URL)
    second = friend_client.get(URL, {"page": 2})
    assert first.text.count('class="card shared-item"') == 20
    assert second.text.count('class="card shared-item"') == 15
    assert "Page 2 of 2" in second.text


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
