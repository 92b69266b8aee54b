"""Browser flows of Sharing, through the accounts and workouts pages they depend on."""

import re
import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from fitness.accounts.models import User
from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.models import WorkoutTemplate
from fitness.workouts.tests.factories import ExerciseFactory, WorkoutTemplateExerciseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots" / "sharing"


def test_invite_sign_up_share_find_and_copy(new_page, login_in_browser, owner, make_shared):
    """Issue 7's flow: A invites B on the account page, B signs up through the link in
    another browser, A shares a template on its form, B finds it under Shared, copies it and
    lands on the copy."""
    template = make_shared(
        owner, "Alice push", exercises=3, description="Heavy bench day", visibility="private"
    )
    sled = ExerciseFactory(user=owner, name="Sled Push")
    WorkoutTemplateExerciseFactory(template=template, exercise=sled, order_index=3)

    alice = login_in_browser(new_page(1280, 900), owner)
    alice.goto(f"{alice.base_url}/accounts/")
    alice.get_by_role("button", name="Create invite").click()
    alice.get_by_text("Invite created").wait_for()
    link = alice.locator("input.invite-link").first.input_value()

    bob = new_page()  # phone-sized, its own cookies
    bob.goto(link)
    bob.fill("input[name=display_name]", "Bob Builder")
    bob.fill("input[name=email]", "bob.builder@example.com")
    bob.fill("input[name=password1]", "lift-heavy-things-99")
    bob.fill("input[name=password2]", "lift-heavy-things-99")
    bob.get_by_role("button", name="Create account").click()
    bob.wait_for_url(f"{bob.base_url}/")
    bob_user = User.objects.get(email="bob.builder@example.com")
    assert bob_user.invited_by == owner

    alice.goto(f"{alice.base_url}/templates/{template.pk}/")
    alice.get_by_role("link", name="Edit details").click()
    alice.get_by_label("Friends — share it read-only").check()
    alice.get_by_role("button", name=re.compile("^Save")).click()
    alice.get_by_text("Bob Builder can see it under Shared and copy it.").wait_for()
    template.refresh_from_db()
    assert template.visibility == WorkoutTemplate.Visibility.FRIENDS

    bob.locator("label.nav-toggle-label").click()
    bob.get_by_role("link", name="Shared").click()
    bob.wait_for_url(re.compile(r"/shared/$"))
    item = bob.locator(".shared-item", has_text="Alice push")
    assert "4" in item.locator("dd.num").inner_text()
    item.get_by_role("link", name="Alice push").click()
    bob.wait_for_url(re.compile(rf"/shared/{template.pk}/$"))
    assert bob.get_by_text("Sled Push").is_visible()
    bob.get_by_role("button", name="Copy to my templates").click()

    copy = WorkoutTemplate.objects.get(user=bob_user)
    bob.wait_for_url(f"**/templates/{copy.pk}/")
    bob.get_by_role("heading", name="Alice push (from Alice)").wait_for()
    assert bob.get_by_text("“Alice push (from Alice)” is now one of your templates.").is_visible()
    assert copy.visibility == WorkoutTemplate.Visibility.PRIVATE
    assert copy.template_exercises.count() == 4
    assert copy.template_exercises.get(order_index=3).exercise.user == bob_user
    assert _no_horizontal_scroll(bob)


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots(new_page, login_in_browser, owner, friend, outsider, make_shared, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    friend.preferred_unit = "lb"
    friend.save()
    carol = UserFactory(display_name="Carol Jiménez-Longname", invited_by=friend)
    main = make_shared(
        owner,
        "Upper body strength — week A",
        exercises=5,
        description="Heavy compound lifts first, accessories after. Add 2.5 kg when all sets "
        "hit the top of the rep range.",
    )
    item = main.template_exercises.get(order_index=0)
    item.rest_seconds = 180
    item.notes = "Pause one second on the chest."
    item.save()
    WorkoutTemplateExerciseFactory(
        template=main,
        exercise=ExerciseFactory(user=owner, name="Face Pull"),
        order_index=5,
        target_weight=None,
        target_reps=15,
    )
    make_shared(carol, "Leg day", exercises=4, description="Squat-centred.")
    make_shared(carol, "Conditioning", exercises=0)
    old = make_shared(owner, "Deload", exercises=3)
    WorkoutTemplate.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=40))
    WorkoutTemplateExerciseFactory(
        template=old, target_weight=Decimal("102.5"), target_weight_unit="kg", order_index=9
    )

    page = new_page(width=width, height=900)
    login_in_browser(page, friend)
    page.goto(f"{page.base_url}/shared/")
    assert page.locator(".shared-item").count() == 4
    assert _no_horizontal_scroll(page)
    page.screenshot(path=str(SHOTS / f"list-full-{width}.png"), full_page=True)

    page.goto(f"{page.base_url}/shared/?friend={carol.pk}")
    assert page.locator(".shared-item").count() == 2
    page.screenshot(path=str(SHOTS / f"list-filtered-{width}.png"), full_page=True)

    page.goto(f"{page.base_url}/shared/{main.pk}/")
    assert _no_horizontal_scroll(page)
    assert page.get_by_text("132 lb").first.is_visible()
    page.screenshot(path=str(SHOTS / f"detail-{width}.png"), full_page=True)

    other = new_page(width=width, height=900)
    login_in_browser(other, outsider)
    other.goto(f"{other.base_url}/shared/")
    assert other.get_by_text("No friends here yet").is_visible()
    assert _no_horizontal_scroll(other)
    other.screenshot(path=str(SHOTS / f"list-empty-{width}.png"), full_page=True)
