"""The shared-templates cache and its invalidation.

On the PostgreSQL pass (REDIS_URL set) every test here runs against the real Redis server;
the `redis`-marked ones check what lands in Redis itself and what happens when it is down.
"""

import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from fitness.accounts.models import User
from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.models import WorkoutTemplate
from fitness.workouts.tests.factories import WorkoutTemplateExerciseFactory
from sharing.cache import TTL_SECONDS, shared_templates_invalidate_for_owner, shared_templates_key

pytestmark = pytest.mark.django_db

URL = reverse("sharing:list")


def listed(client) -> list[tuple[str, str, int]]:
    response = client.get(URL)
    assert response.status_code == 200
    return [(t.name, t.owner_name, t.exercise_count) for t in response.context["page_obj"]]


def is_cached(user) -> bool:
    return caches["sharing"].get(shared_templates_key(user.pk)) is not None


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed (the test itself runs in one)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def shared(owner, make_shared, friend_client, friend):
    """Alice shares one template; Bob has viewed his list, so it is cached."""
    template = make_shared(owner, "Alice push", exercises=2)
    assert listed(friend_client) == [("Alice push", "Alice", 2)]
    assert is_cached(friend)
    return template


def test_cache_hit_runs_no_template_query(friend_client, friend, owner, make_shared):
    make_shared(owner, "Alice push", exercises=2)
    listed(friend_client)  # miss: fills the cache
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        assert listed(friend_client) == [("Alice push", "Alice", 2)]

    sql = [q["sql"] for q in queries.captured_queries]
    assert len(sql) == 2, sql  # the session and the signed-in user, nothing else
    assert "django_session" in sql[0] and '"users"' in sql[1]
    assert not any("workout_template" in s for s in sql)


def test_a_cached_list_is_served_until_invalidated(friend_client, shared):
    # A write that bypasses model signals and nobody reports: the cache still answers.
    WorkoutTemplate.objects.filter(pk=shared.pk).update(name="Renamed silently")
    assert listed(friend_client) == [("Alice push", "Alice", 2)]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("make private", []),
        ("rename", [("Bench focus", "Alice", 2)]),
        ("describe", [("Alice push", "Alice", 2)]),
        ("archive", []),
        ("delete", []),
        ("add exercise", [("Alice push", "Alice", 3)]),
        ("remove exercise", [("Alice push", "Alice", 1)]),
        ("change targets", [("Alice push", "Alice", 2)]),
    ],
)
def test_template_changes_invalidate_friends_lists(
    change, expected, shared, friend, friend_client, committed
):
    with committed():
        if change == "make private":
            shared.visibility = WorkoutTemplate.Visibility.PRIVATE
            shared.save()
        elif change == "rename":
            shared.name = "Bench focus"
            shared.save(update_fields=["name", "updated_at"])
        elif change == "describe":
            shared.description = "New description"
            shared.save()
        elif change == "archive":
            shared.is_archived = True
            shared.save()
        elif change == "delete":
            shared.delete()
        elif change == "add exercise":
            WorkoutTemplateExerciseFactory(template=shared, order_index=9)
        elif change == "remove exercise":
            shared.template_exercises.first().delete()
        elif change == "change targets":
            item = shared.template_exercises.first()
            item.target_sets = 5
            item.save()

    assert not is_cached(friend)
    assert listed(friend_client) == expected


def test_sharing_a_private_template_shows_it(owner, friend, friend_client, make_shared, committed):
    template = make_shared(owner, "Later", visibility=WorkoutTemplate.Visibility.PRIVATE)
    assert listed(friend_client) == []
    with committed():
        template.visibility = WorkoutTemplate.Visibility.FRIENDS
        template.save()
    assert listed(friend_client) == [("Later", "Alice", 2)]


def test_invalidation_reaches_the_inviter_too(owner, friend, client, make_shared, committed):
    template = make_shared(friend, "Bob legs")
    client.force_login(owner)
    assert listed(client) == [("Bob legs", "Bob", 2)]
    with committed():
        template.name = "Bob squats"
        template.save()
    assert listed(client) == [("Bob squats", "Bob", 2)]


def test_invite_accepted_new_member_appears(friend, friend_client, shared, committed):
    assert [f.name for f in friend_client.get(URL).context["friends"]] == ["Alice"]
    with committed():
        UserFactory(display_name="Dan", invited_by=friend)  # signs up with Bob's invite
    assert not is_cached(friend)
    assert [f.name for f in friend_client.get(URL).context["friends"]] == ["Alice", "Dan"]


def test_friendship_begins_on_existing_account(owner, outsider, client, make_shared, committed):
    make_shared(owner, "Alice push")
    client.force_login(outsider)
    assert listed(client) == []
    with committed():
        outsider.invited_by = owner
        outsider.save()
    assert listed(client) == [("Alice push", "Alice", 2)]


def test_friendship_ends_when_inviter_changes(owner, friend, friend_client, shared, committed):
    with committed():
        friend.invited_by = None
        friend.save(update_fields=["invited_by"])
    assert listed(friend_client) == []


def test_account_deleted_its_templates_leave_friends_lists(
    owner, friend, friend_client, shared, committed
):
    with committed():
        owner.delete()
    assert not is_cached(friend)
    response = friend_client.get(URL)
    assert list(response.context["page_obj"]) == []
    assert "No friends here yet" in response.text


def test_invitee_deleted_leaves_the_inviters_list(owner, friend, client, make_shared, committed):
    make_shared(friend, "Bob legs")
    client.force_login(owner)
    assert listed(client) == [("Bob legs", "Bob", 2)]
    with committed():
        friend.delete()
    assert listed(client) == []


def test_account_deactivated_its_templates_leave(owner, friend, friend_client, shared, committed):
    with committed():
        owner.is_active = False
        owner.save()
    assert listed(friend_client) == []


def test_owner_renamed_shows_new_name(owner, friend_client, shared, committed):
    with committed():
        owner.display_name = "Alicia"
        owner.save()
    assert listed(friend_client) == [("Alice push", "Alicia", 2)]


def test_sign_in_does_not_invalidate(owner, friend, shared, client, committed):
    with committed():
        client.force_login(owner)  # saves last_login only
    assert is_cached(friend)


def test_bulk_update_with_the_public_invalidation(owner, friend, friend_client, shared, committed):
    with committed():
        WorkoutTemplate.objects.filter(user=owner).update(is_archived=True)
        shared_templates_invalidate_for_owner(owner.pk)
    assert listed(friend_client) == []


def test_invalidation_waits_for_commit_and_runs_once(
    owner, friend, shared, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            shared.name = "Renamed"
            shared.save()
            for item in shared.template_exercises.all():
                item.target_reps = 8
                item.save()
            WorkoutTemplateExerciseFactory(template=shared, order_index=7)
        # Not committed yet: a reader still gets the cached list, never the open transaction's.
        assert is_cached(friend)
    assert len(callbacks) == 4  # one per changed row...
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    # ...but the work runs once per owner and once per template: 3 small queries in all.
    assert len(queries.captured_queries) == 3
    assert not is_cached(friend)


def test_rolled_back_change_invalidates_nothing(owner, friend, shared, committed):
    with committed():
        try:
            with transaction.atomic():
                shared.name = "Never"
                shared.save()
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
    assert is_cached(friend)


# --- What lands in Redis, and Redis down ---------------------------------------------------


@pytest.mark.redis
def test_key_lands_in_redis_as_the_schema_names_it_with_5_minute_ttl(friend, friend_client, shared):
    from django_redis import get_redis_connection

    redis = get_redis_connection("sharing")
    key = f"shared-templates:{friend.pk}"
    assert redis.exists(key) == 1
    assert TTL_SECONDS == 300
    assert 290 <= redis.ttl(key) <= 300


def _sharing_cache_at(location: str) -> dict:
    return {**settings.CACHES, "sharing": {**settings.CACHES["sharing"], "LOCATION": location}}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.redis
def test_redis_unreachable_page_still_correct_and_warning_logged(
    owner, friend, friend_client, make_shared, caplog, committed
):
    make_shared(owner, "Alice push", exercises=2)
    closed = f"redis://127.0.0.1:{_free_port()}/0"
    with override_settings(CACHES=_sharing_cache_at(closed)), caplog.at_level(logging.WARNING):
        assert listed(friend_client) == [("Alice push", "Alice", 2)]
        with committed():  # a change while Redis is down must not fail the request
            make_shared(owner, "Second", exercises=1)
        assert listed(friend_client)[0] == ("Second", "Alice", 1)
    warnings = [r for r in caplog.records if r.name == "sharing.cache"]
    assert warnings and all(r.levelno == logging.WARNING for r in warnings)
    assert "reading the database" in warnings[0].getMessage()


@pytest.mark.redis
@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server not installed")
def test_redis_stopped_while_serving(owner, friend, friend_client, make_shared, caplog, committed):
    """A real Redis that dies with a cached value and pooled connections in hand."""
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        from redis import Redis

        probe = Redis(port=port)
        for _ in range(50):
            try:
                probe.ping()
                break
            except Exception:
                time.sleep(0.1)
        make_shared(owner, "Alice push", exercises=2)
        with override_settings(CACHES=_sharing_cache_at(f"redis://127.0.0.1:{port}/0")):
            assert listed(friend_client) == [("Alice push", "Alice", 2)]
            assert probe.exists(f"shared-templates:{friend.pk}") == 1
            probe.shutdown(nosave=True)
            server.wait(timeout=10)
            with committed():
                make_shared(owner, "While down", exercises=1)
            with caplog.at_level(logging.WARNING):
                assert [t[0] for t in listed(friend_client)] == ["While down", "Alice push"]
        assert any(r.name == "sharing.cache" for r in caplog.records)
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)


def test_user_model_change_without_relevant_fields_skips_lookup(owner, django_assert_num_queries):
    owner.preferred_unit = "lb"
    with django_assert_num_queries(1):
        owner.save(update_fields=["preferred_unit"])
    assert User.objects.get(pk=owner.pk).preferred_unit == "lb"


def test_an_entry_of_another_format_is_replaced(owner, friend, friend_client, make_shared):
    make_shared(owner, "Alice push")
    key = shared_templates_key(friend.pk)
    caches["sharing"].set(key, [{"written by": "an older release"}])
    assert listed(friend_client) == [("Alice push", "Alice", 2)]
    assert caches["sharing"].get(key)["format"] == 1
