from datetime import timedelta

import pytest
from django.utils import timezone

from fitness.accounts.models import User
from fitness.accounts.tests.factories import InviteFactory, UserFactory


@pytest.fixture
def admin_client(client, db):
    admin = UserFactory(email="root@example.com", display_name="Root", is_staff=True)
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    client.force_login(admin)
    return client


def test_user_admin_searches_by_email_and_name_and_shows_inviter(admin_client, owner, friend):
    response = admin_client.get("/admin/accounts/user/", {"q": "bob"})
    assert response.status_code == 200
    assert "bob@example.com" in response.text
    assert '<td class="field-invited_by nowrap">Alice</td>' in response.text  # inviter
    assert "charlie@example.com" not in response.text
    by_name = admin_client.get("/admin/accounts/user/", {"q": "Alice"})
    assert "alice@example.com" in by_name.text


def test_user_admin_filters_by_unit(admin_client, owner):
    UserFactory(email="pounds@example.com", preferred_unit="lb")
    response = admin_client.get("/admin/accounts/user/", {"preferred_unit__exact": "lb"})
    assert "pounds@example.com" in response.text
    assert "alice@example.com" not in response.text


def test_user_admin_change_page_and_add_form(admin_client, owner):
    assert admin_client.get(f"/admin/accounts/user/{owner.pk}/change/").status_code == 200
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "New@Example.com",
            "display_name": "New Member",
            "usable_password": "true",
            "password1": "a-strong-admin-pass-1",
            "password2": "a-strong-admin-pass-1",
        },
    )
    assert response.status_code == 302, response.text
    user = User.objects.get(email="new@example.com")
    assert user.check_password("a-strong-admin-pass-1")


def test_invite_admin_shows_and_filters_status(admin_client, owner):
    InviteFactory(inviter=owner, email="open@example.com")
    InviteFactory(
        inviter=owner, email="old@example.com", expires_at=timezone.now() - timedelta(days=1)
    )
    response = admin_client.get("/admin/accounts/invite/")
    assert response.status_code == 200
    assert "open@example.com" in response.text and "old@example.com" in response.text
    expired = admin_client.get("/admin/accounts/invite/", {"status": "expired"})
    assert "old@example.com" in expired.text
    assert "open@example.com" not in expired.text
