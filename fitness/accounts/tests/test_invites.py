import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from fitness.accounts import services
from fitness.accounts.models import Invite, User
from fitness.accounts.tests.factories import InviteFactory, UserFactory

NEW_PASSWORD = "lift-heavy-things-99"


def _signup_data(**overrides):
    return {
        "display_name": "Dora New",
        "email": "dora@example.com",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "timezone": "Europe/Paris",
        **overrides,
    }


# --- Creating, listing, revoking ----------------------------------------------------------


def test_member_creates_a_shareable_invite_and_sees_its_link(owner_client, owner):
    response = owner_client.post("/accounts/invites/", {"email": ""}, follow=True)
    invite = Invite.objects.get(inviter=owner)
    assert invite.email == ""
    assert invite.status == "open"
    assert "Invite created" in response.text
    assert f"http://testserver/accounts/invite/{invite.token}/" in response.text


def test_invite_for_an_email_sends_the_link_there(
    owner_client, owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post("/accounts/invites/", {"email": "Dora@Example.com"})
    assert response.status_code == 302
    invite = Invite.objects.get(inviter=owner)
    assert invite.email == "dora@example.com"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["dora@example.com"]
    assert mail.subject == "Your invitation to Liftlog"  # fixed: not chosen by the sender
    assert "Alice invited you to Liftlog" in mail.body
    assert f"http://testserver/accounts/invite/{invite.token}/" in mail.body


def test_invalid_invite_email_shows_an_error_and_creates_nothing(owner_client, owner):
    response = owner_client.post("/accounts/invites/", {"email": "not-an-email"})
    assert response.status_code == 400
    assert "Enter a valid email address" in response.text
    assert not Invite.objects.exists()


def test_invite_list_shows_every_status(owner_client, owner, friend):
    now = timezone.now()
    InviteFactory(inviter=owner, email="open@example.com")
    InviteFactory(inviter=owner, email="used@example.com", used_at=now, used_by=friend)
    InviteFactory(inviter=owner, email="old@example.com", expires_at=now - timedelta(days=1))
    InviteFactory(inviter=owner, email="gone@example.com", revoked_at=now)
    InviteFactory(email="someone-elses@example.com")
    response = owner_client.get("/accounts/")
    text = response.text
    for label in ("Open", "Used", "Expired", "Revoked"):
        assert f">{label}</span>" in text
    assert "joined as Bob" in text
    assert "someone-elses@example.com" not in text


def test_revoking_an_invite_makes_its_link_refused(owner_client, owner, client):
    invite = InviteFactory(inviter=owner)
    response = owner_client.post(f"/accounts/invites/{invite.pk}/revoke/")
    assert response.status_code == 302
    invite.refresh_from_db()
    assert invite.revoked_at is not None
    owner_client.logout()
    page = owner_client.get(f"/accounts/invite/{invite.token}/")
    assert page.status_code == 410
    assert "This invite was withdrawn" in page.text


def test_revoke_is_post_only(owner_client, owner):
    invite = InviteFactory(inviter=owner)
    assert owner_client.get(f"/accounts/invites/{invite.pk}/revoke/").status_code == 405
    invite.refresh_from_db()
    assert invite.revoked_at is None


def test_another_members_invite_cannot_be_revoked(owner_client, outsider):
    invite = InviteFactory(inviter=outsider)
    assert owner_client.post(f"/accounts/invites/{invite.pk}/revoke/").status_code == 404
    invite.refresh_from_db()
    assert invite.revoked_at is None


def test_a_used_invite_cannot_be_revoked(owner_client, owner, friend):
    invite = InviteFactory(inviter=owner, used_at=timezone.now(), used_by=friend)
    response = owner_client.post(f"/accounts/invites/{invite.pk}/revoke/", follow=True)
    assert "already used" in response.text
    invite.refresh_from_db()
    assert invite.revoked_at is None


# --- Accepting ----------------------------------------------------------------------------


def test_invite_page_shows_the_sign_up_form_with_the_inviter(client, owner):
    invite = InviteFactory(inviter=owner, email="dora@example.com")
    response = client.get(f"/accounts/invite/{invite.token}/")
    assert response.status_code == 200
    assert "Alice" in response.text
    assert "invited you" in response.text
    assert 'value="dora@example.com"' in response.text


def test_invite_accept_sets_invited_by_marks_the_invite_used_and_signs_in(client, owner):
    invite = InviteFactory(inviter=owner)
    response = client.post(f"/accounts/invite/{invite.token}/", _signup_data())
    assert response.status_code == 302
    assert response["Location"] == "/"
    dora = User.objects.get(email="dora@example.com")
    assert dora.invited_by == owner
    assert dora.display_name == "Dora New"
    assert dora.timezone == "Europe/Paris"
    assert dora.check_password(NEW_PASSWORD)
    invite.refresh_from_db()
    assert invite.status == "used"
    assert invite.used_by == dora
    assert client.session["_auth_user_id"] == str(dora.pk)
    assert "Welcome to Liftlog, Dora New" in client.get("/").text


def test_unknown_time_zone_from_the_browser_falls_back_to_utc(client, owner):
    invite = InviteFactory(inviter=owner)
    client.post(f"/accounts/invite/{invite.token}/", _signup_data(timezone="Mars/Olympus"))
    assert User.objects.get(email="dora@example.com").timezone == "UTC"


def test_invite_sign_up_errors_keep_the_input_and_the_invite_open(client, owner):
    invite = InviteFactory(inviter=owner)
    response = client.post(
        f"/accounts/invite/{invite.token}/",
        _signup_data(email="alice@example.com", password2="something-else-1"),
    )
    assert response.status_code == 200
    assert "already exists" not in response.text  # no oracle of who has an account
    assert "The two passwords do not match" in response.text
    assert 'value="Dora New"' in response.text
    invite.refresh_from_db()
    assert invite.status == "open"


def test_weak_password_is_refused(client, owner):
    invite = InviteFactory(inviter=owner)
    response = client.post(
        f"/accounts/invite/{invite.token}/",
        _signup_data(password1="12345678", password2="12345678"),
    )
    assert "This password is too common" in response.text
    assert not User.objects.filter(email="dora@example.com").exists()


@pytest.mark.parametrize(
    ("fields", "status_code", "message"),
    [
        ({"used_at": timezone.now()}, 410, "This invite has already been used"),
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, 410, "This invite has expired"),
        ({"revoked_at": timezone.now()}, 410, "This invite was withdrawn"),
    ],
    ids=["used", "expired", "revoked"],
)
def test_unusable_invite_is_refused_on_get_and_post(client, owner, fields, status_code, message):
    invite = InviteFactory(inviter=owner, **fields)
    page = client.get(f"/accounts/invite/{invite.token}/")
    assert page.status_code == status_code
    assert message in page.text
    post = client.post(f"/accounts/invite/{invite.token}/", _signup_data())
    assert post.status_code == status_code
    assert message in post.text
    assert not User.objects.filter(email="dora@example.com").exists()


def test_unknown_invite_gets_a_clear_page(client, db):
    response = client.get("/accounts/invite/no-such-token/")
    assert response.status_code == 404
    assert "We don’t recognise this invite" in response.text


def test_invite_expires_after_fourteen_days_by_default(owner):
    invite = services.invite_create(inviter=owner, base_url="http://testserver/")
    assert invite.expires_at - invite.created_at == pytest.approx(
        timedelta(days=14), abs=timedelta(seconds=5)
    )


def test_an_invite_is_single_use(client, owner):
    invite = InviteFactory(inviter=owner)
    client.post(f"/accounts/invite/{invite.token}/", _signup_data())
    client.logout()
    second = client.post(f"/accounts/invite/{invite.token}/", _signup_data(email="eve@example.com"))
    assert second.status_code == 410
    assert not User.objects.filter(email="eve@example.com").exists()


def test_signed_in_member_opening_an_invite_does_not_use_it(owner_client, outsider):
    invite = InviteFactory(inviter=outsider)
    response = owner_client.get(f"/accounts/invite/{invite.token}/")
    assert "You’re already signed in" in response.text
    invite.refresh_from_db()
    assert invite.status == "open"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sign_ups_through_one_invite_create_one_member():
    owner = UserFactory(email="alice@example.com", display_name="Alice")
    invite = InviteFactory(inviter=owner)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def sign_up(email: str) -> None:
        try:
            barrier.wait()
            services.user_signup(
                email=email, password=NEW_PASSWORD, display_name=email, invite_token=invite.token
            )
            outcomes.append("created")
        except services.InviteUnavailable as error:
            outcomes.append(error.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(f"t{i}@example.com",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "used"]
    assert User.objects.filter(invited_by=owner).count() == 1
    invite.refresh_from_db()
    assert invite.used_by.invited_by == owner


# --- Open sign-up -------------------------------------------------------------------------


def test_open_sign_up_is_off_by_default(client, db):
    response = client.get("/accounts/signup/")
    assert response.status_code == 404
    assert "invite-only" in response.text
    client.post("/accounts/signup/", _signup_data())
    assert not User.objects.filter(email="dora@example.com").exists()


@override_settings(OPEN_SIGNUP=True)
def test_open_sign_up_creates_a_member_without_inviter(client, db):
    assert "Create an account" in client.get("/accounts/login/").text
    response = client.post("/accounts/signup/", _signup_data())
    assert response.status_code == 302
    dora = User.objects.get(email="dora@example.com")
    assert dora.invited_by is None
    assert client.session["_auth_user_id"] == str(dora.pk)


def test_sign_ups_are_rate_limited_per_ip(client, owner):
    for index in range(10):
        invite = InviteFactory(inviter=owner)
        client.post(f"/accounts/invite/{invite.token}/", _signup_data(email=f"n{index}@x.com"))
        client.logout()
    invite = InviteFactory(inviter=owner)
    response = client.post(f"/accounts/invite/{invite.token}/", _signup_data())
    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert not User.objects.filter(email="dora@example.com").exists()


def test_a_taken_email_gets_check_your_email_and_its_owner_a_mail(client, owner, mailoutbox):
    """No "already exists": the visitor cannot tell a registered address from a new one by
    the page; the address's owner is told how to sign in."""
    invite = InviteFactory(inviter=owner)
    response = client.post(
        f"/accounts/invite/{invite.token}/", _signup_data(email="ALICE@example.com")
    )
    assert response.status_code == 200
    assert "Check your email" in response.text and "alice@example.com" in response.text
    assert "already exists" not in response.text
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1
    invite.refresh_from_db()
    assert invite.status == "open"
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]
    assert mailoutbox[0].subject == "Your Liftlog account"
    assert "You already have one" in mailoutbox[0].body
    assert "http://testserver/accounts/password/reset/" in mailoutbox[0].body


def test_every_sign_up_attempt_counts_toward_the_ip_limit(client, owner, mailoutbox):
    invite = InviteFactory(inviter=owner)
    url = f"/accounts/invite/{invite.token}/"
    for index in range(10):  # probing addresses with invalid or taken sign-ups
        data = _signup_data(email=f"probe{index}@example.com", password2="mismatch-123")
        assert client.post(url, data).status_code == 200
    response = client.post(url, _signup_data(email="alice@example.com"))
    assert response.status_code == 429
    assert not mailoutbox
    # Other addresses (IPs) are not affected.
    assert client.post(url, _signup_data(), REMOTE_ADDR="198.51.100.7").status_code == 302


# --- Limits ---------------------------------------------------------------------------------


def test_ten_invites_a_day_then_a_clear_message(owner_client, owner, mailoutbox):
    for index in range(10):
        response = owner_client.post("/accounts/invites/", {"email": f"f{index}@example.com"})
        assert response.status_code == 302
    response = owner_client.post("/accounts/invites/", {"email": "spam@example.com"})
    assert response.status_code == 429
    assert "You created 10 invites in the last 24 hours" in response.text
    assert Invite.objects.filter(inviter=owner).count() == 10
    assert len(mailoutbox) == 10
    # A day later the member may invite again.
    Invite.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    assert (
        owner_client.post("/accounts/invites/", {"email": "later@example.com"}).status_code == 302
    )


@override_settings(INVITES_OPEN_MAX=3)
def test_open_invites_are_capped_until_one_is_revoked(owner_client, owner, friend):
    long_ago = timezone.now() - timedelta(days=3)
    open_ones = [InviteFactory(inviter=owner) for _ in range(3)]
    InviteFactory(inviter=owner, used_at=long_ago, used_by=friend)  # not open: not counted
    InviteFactory(inviter=owner, expires_at=long_ago)
    Invite.objects.update(created_at=long_ago)
    response = owner_client.post("/accounts/invites/", {"email": ""})
    assert response.status_code == 429
    assert "You have 3 open invites" in response.text and "Revoke one" in response.text
    owner_client.post(f"/accounts/invites/{open_ones[0].pk}/revoke/")
    assert owner_client.post("/accounts/invites/", {"email": ""}).status_code == 302
    assert Invite.objects.filter(inviter=owner).count() == 6


def test_another_members_invites_do_not_count(owner_client, owner, outsider):
    for _ in range(10):
        InviteFactory(inviter=outsider)
    assert owner_client.post("/accounts/invites/", {"email": ""}).status_code == 302
