import re

import pytest
import time_machine
from django.urls import reverse

from fitness.accounts.tests.factories import UserFactory

LOGIN = "/accounts/login/"
UNKNOWN = "nobody@example.com"


def _login(client, email, password, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def _link_from(mail) -> str:
    return re.search(r"https?://\S+", mail.body).group(0)


# --- Password sign-in & lockout ------------------------------------------------------------


def test_member_signs_in_with_email_and_password_in_any_case(client, owner, password):
    response = _login(client, "ALICE@example.com", password)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").context["user"] == owner


def test_wrong_password_shows_a_clear_error(client, owner):
    response = _login(client, owner.email, "wrong")
    assert response.status_code == 200
    assert "That email and password do not match" in response.text
    assert "_auth_user_id" not in client.session


def test_login_page_links_to_magic_link_and_reset(client, db):
    response = client.get(LOGIN)
    assert reverse("accounts:magic_link_request") in response.text
    assert reverse("accounts:password_reset") in response.text
    assert 'name="username"' in response.text
    assert 'name="password"' in response.text


def test_five_failures_lock_the_account_even_for_the_right_password(client, owner, password):
    for _ in range(4):
        assert "do not match" in _login(client, owner.email, "wrong").text
    response = _login(client, owner.email, "wrong")
    assert "Too many failed sign-in attempts" in response.text
    assert "15 minutes" in response.text

    response = _login(client, owner.email, password)
    assert response.status_code == 200
    assert "Too many failed sign-in attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_lockout_ends_after_fifteen_minutes(client, owner, password):
    with time_machine.travel("2026-03-02 09:00:00", tick=False) as clock:
        for _ in range(5):
            _login(client, owner.email, "wrong")
        clock.shift(14 * 60)
        assert "Too many" in _login(client, owner.email, password).text
        clock.shift(61)
        assert _login(client, owner.email, password).status_code == 302


def test_lockout_of_one_email_does_not_block_another(client, owner, outsider, password):
    for _ in range(5):
        _login(client, owner.email, "wrong")
    assert _login(client, outsider.email, password).status_code == 302


def test_successful_sign_in_resets_the_failure_count(client, owner, password):
    for _ in range(4):
        _login(client, owner.email, "wrong")
    assert _login(client, owner.email, password).status_code == 302
    client.logout()
    for _ in range(4):
        assert "do not match" in _login(client, owner.email, "wrong").text


def test_one_ip_is_locked_after_many_failures_across_emails(client, db):
    for index in range(30):
        _login(client, f"guess{index}@example.com", "wrong", REMOTE_ADDR="203.0.113.9")
    response = _login(client, "guess99@example.com", "wrong", REMOTE_ADDR="203.0.113.9")
    assert "Too many failed sign-in attempts" in response.text
    other_ip = _login(client, "guess99@example.com", "wrong", REMOTE_ADDR="203.0.113.10")
    assert "do not match" in other_ip.text


def test_lockout_message_is_the_same_for_unknown_emails(client, owner):
    for _ in range(5):
        known = _login(client, owner.email, "wrong")
        unknown = _login(client, UNKNOWN, "wrong")
    assert "Too many failed sign-in attempts" in known.text
    assert "Too many failed sign-in attempts" in unknown.text


def test_signed_in_member_visiting_login_is_sent_home(owner_client):
    response = owner_client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_logout_is_post_only(owner_client):
    assert owner_client.get("/accounts/logout/").status_code == 405
    response = owner_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert owner_client.get("/").status_code == 302


# --- Magic link ---------------------------------------------------------------------------


def test_magic_link_signs_in_once(client, owner, mailoutbox):
    response = client.post("/accounts/login/link/", {"email": "Alice@Example.com"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [owner.email]
    assert "15 minutes" in mailoutbox[0].body
    link = _link_from(mailoutbox[0])

    confirm = client.get(link)  # a GET (e.g. a mail scanner) does not use the link up
    assert confirm.status_code == 200
    assert "alice@example.com" in confirm.text
    assert "_auth_user_id" not in client.session

    response = client.post(link)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)

    client.logout()
    reused = client.post(link)
    assert reused.status_code == 400
    assert "no longer works" in reused.text
    assert "_auth_user_id" not in client.session


def test_magic_link_expires_after_fifteen_minutes(client, owner, mailoutbox):
    with time_machine.travel("2026-03-02 09:00:00", tick=False) as clock:
        client.post("/accounts/login/link/", {"email": owner.email})
        link = _link_from(mailoutbox[0])
        clock.shift(15 * 60 + 5)
        response = client.post(link)
    assert response.status_code == 400
    assert "no longer works" in response.text
    assert "_auth_user_id" not in client.session


def test_magic_link_still_works_within_fifteen_minutes(client, owner, mailoutbox):
    with time_machine.travel("2026-03-02 09:00:00", tick=False) as clock:
        client.post("/accounts/login/link/", {"email": owner.email})
        clock.shift(14 * 60)
        response = client.post(_link_from(mailoutbox[0]))
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(owner.pk)


def test_garbage_magic_link_is_refused(client, db):
    response = client.get("/accounts/login/link/not-a-token/")
    assert response.status_code == 400
    assert "Send me a new link" in response.text


def test_magic_link_is_not_sent_to_inactive_members(client, mailoutbox, db):
    UserFactory(email="gone@example.com", is_active=False)
    client.post("/accounts/login/link/", {"email": "gone@example.com"})
    assert mailoutbox == []


def test_magic_link_request_does_not_reveal_whether_an_email_exists(client, owner, mailoutbox):
    known = client.post("/accounts/login/link/", {"email": owner.email}, follow=True)
    known_text = known.text.replace(owner.email, "EMAIL")
    unknown = client.post("/accounts/login/link/", {"email": UNKNOWN}, follow=True)
    unknown_text = unknown.text.replace(UNKNOWN, "EMAIL")
    assert known.redirect_chain == [("/accounts/login/link/sent/", 302)]
    assert unknown.redirect_chain == known.redirect_chain
    assert _strip_csrf(known_text) == _strip_csrf(unknown_text)
    assert "If an account exists" in known.text
    assert len(mailoutbox) == 1  # only the real member got an email


def test_magic_link_requests_are_rate_limited_per_email(client, owner, mailoutbox):
    for _ in range(3):
        client.post("/accounts/login/link/", {"email": owner.email})
    response = client.post("/accounts/login/link/", {"email": owner.email})
    assert response.status_code == 200
    assert "Too many email requests" in response.text
    assert len(mailoutbox) == 3


def test_magic_link_rate_limit_message_is_the_same_for_unknown_emails(client, owner):
    for email in (owner.email, UNKNOWN):
        for _ in range(3):
            client.post(
                "/accounts/login/link/", {"email": email}, REMOTE_ADDR=f"10.1.1.{len(email)}"
            )
    known = client.post("/accounts/login/link/", {"email": owner.email}, REMOTE_ADDR="10.9.9.9")
    unknown = client.post("/accounts/login/link/", {"email": UNKNOWN}, REMOTE_ADDR="10.9.9.9")
    assert "Too many email requests" in known.text
    assert "Too many email requests" in unknown.text


def test_magic_link_requests_are_rate_limited_per_ip(client, db, mailoutbox):
    for index in range(10):
        client.post("/accounts/login/link/", {"email": f"x{index}@example.com"})
    response = client.post("/accounts/login/link/", {"email": "x99@example.com"})
    assert "Too many email requests" in response.text


def _strip_csrf(text: str) -> str:
    """The CSRF token (form field and htmx header) differs per request: mask it."""
    return re.sub(r"[A-Za-z0-9]{64}", "CSRF", text)


# --- Password reset -----------------------------------------------------------------------


def test_password_reset_by_email_sets_a_new_password(client, owner, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "alice@EXAMPLE.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mailoutbox) == 1
    assert "Reset your Liftlog password" in mailoutbox[0].subject
    link = _link_from(mailoutbox[0])

    form = client.get(link, follow=True)
    assert "Choose a new password" in form.text
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-secret-42", "new_password2": "a-brand-new-secret-42"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    owner.refresh_from_db()
    assert owner.check_password("a-brand-new-secret-42")
    assert _login(client, owner.email, "a-brand-new-secret-42").status_code == 302

    client.logout()
    used_again = client.get(link, follow=True)
    assert "This reset link no longer works" in used_again.text


def test_password_reset_does_not_reveal_whether_an_email_exists(client, owner, mailoutbox):
    known = client.post("/accounts/password/reset/", {"email": owner.email}, follow=True)
    unknown = client.post("/accounts/password/reset/", {"email": UNKNOWN}, follow=True)
    assert known.redirect_chain == [("/accounts/password/reset/sent/", 302)]
    assert unknown.redirect_chain == known.redirect_chain
    assert _strip_csrf(known.text) == _strip_csrf(unknown.text)
    assert len(mailoutbox) == 1


def test_password_reset_requests_are_rate_limited(client, owner, mailoutbox):
    for _ in range(3):
        client.post("/accounts/password/reset/", {"email": owner.email})
    response = client.post("/accounts/password/reset/", {"email": owner.email})
    assert response.status_code == 200
    assert "Too many email requests" in response.text
    assert len(mailoutbox) == 3


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/login/link/", "/accounts/password/reset/"]
)
def test_public_auth_pages_render_for_anonymous_visitors(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Liftlog" in response.text
    assert "csrfmiddlewaretoken" in response.text
