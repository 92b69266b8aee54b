import os
import tempfile
from pathlib import Path

import pytest

SHOTS = Path(os.environ.get("SHOTS_DIR", tempfile.gettempdir())) / "shots" / "accounts"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_invite_a_friend_who_signs_up_and_both_see_each_other(new_page, login_in_browser, owner):
    alice = new_page(width=1280, height=900)
    login_in_browser(alice, owner)
    alice.goto(f"{alice.base_url}/accounts/")
    alice.click("text=Create invite")
    alice.wait_for_selector("text=Invite created")
    link = alice.input_value("input.invite-link")
    assert "/accounts/invite/" in link

    dora = new_page(width=375, height=812)  # a separate browser context: no shared cookies
    dora.goto(link)
    assert "Alice" in dora.inner_text(".invite-note")
    _shot(dora, "invite-signup-375")
    assert _no_horizontal_scroll(dora)
    dora.fill("input[name=display_name]", "Dora New")
    dora.fill("input[name=email]", "dora@example.com")
    dora.fill("input[name=password1]", "lift-heavy-things-99")
    dora.fill("input[name=password2]", "lift-heavy-things-99")
    dora.click("button[type=submit]")
    dora.wait_for_url(f"{dora.base_url}/")
    assert "Welcome to Liftlog, Dora New" in dora.inner_text("main")

    dora.goto(f"{dora.base_url}/accounts/")
    friends = dora.inner_text("#friends")
    assert "Alice" in friends and "invited you" in friends
    assert _no_horizontal_scroll(dora)

    alice.reload()
    friends = alice.inner_text("#friends")
    assert "Dora New" in friends and "you invited" in friends
    assert "Used" in alice.inner_text("#invites")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_screenshots_of_sign_in_account_and_invite_pages(new_page, login_in_browser, owner, friend):
    from fitness.accounts.tests.factories import InviteFactory

    InviteFactory(inviter=owner, email="pending@example.com")
    invite = InviteFactory(inviter=owner)
    for width, height in ((375, 812), (1280, 900)):
        page = new_page(width=width, height=height)
        page.goto(f"{page.base_url}/accounts/login/")
        _shot(page, f"login-{width}")
        assert _no_horizontal_scroll(page)
        page.goto(f"{page.base_url}/accounts/invite/{invite.token}/")
        _shot(page, f"invite-signup-{width}")
        page.goto(f"{page.base_url}/accounts/login/link/")
        _shot(page, f"magic-link-{width}")
        login_in_browser(page, owner)
        page.goto(f"{page.base_url}/accounts/")
        _shot(page, f"account-{width}")
        assert _no_horizontal_scroll(page)
