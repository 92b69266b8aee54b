"""Browser flows of Sharing. The friendship and the shared template are set up in the database
here; the full flow (A invites B, B signs up, A shares, B copies) needs the accounts and
workouts pages and is added after merging."""

import re
import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.models import WorkoutTemplate
from fitness.workouts.tests.factories import ExerciseFactory, WorkoutTemplateExerciseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots" / "sharing"


def test_friend_finds_a_shared_template_opens_and_copies_it(
    new_page, login_in_browser, owner, friend, make_shared
):
    template = make_shared(owner, "Alice push", exercises=3, description="Heavy bench day")
    sled = ExerciseFactory(user=owner, name="Sled Push")
    WorkoutTemplateExerciseFactory(template=template, exercise=sled, order_index=3)
    page = new_page()  # phone-sized
    login_in_browser(page, friend)

    page.click("label.nav-toggle-label")
    page.get_by_role("link", name="Shared").click()
    page.wait_for_url(re.compile(r"/shared/$"))
    item = page.locator(".shared-item", has_text="Alice push")
    assert "4" in item.locator("dd.num").inner_text()
    item.get_by_role("link", name="Alice push").click()

    page.wait_for_url(re.compile(rf"/shared/{template.pk}/$"))
    assert page.get_by_role("heading", name="Alice push").is_visible()
    assert page.get_by_text("Sled Push").is_visible()
    page.get_by_role("button", name="Copy to my templates").click()

    page.wait_for_url(lambda url: "/shared/" not in url)
    assert page.get_by_text("“Alice push (from Alice)” is now one of your templates.").is_visible()
    copy = WorkoutTemplate.objects.get(user=friend)
    assert copy.name == "Alice push (from Alice)"
    assert copy.visibility == WorkoutTemplate.Visibility.PRIVATE
    assert copy.template_exercises.count() == 4
    assert copy.template_exercises.get(order_index=3).exercise.user == friend
    assert page.url.endswith((f"/templates/{copy.pk}/", "/templates/"))


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
    assert page.get_by_text("132.28 lb").first.is_visible()
    page.screenshot(path=str(SHOTS / f"detail-{width}.png"), full_page=True)

    other = new_page(width=width, height=900)
    login_in_browser(other, outsider)
    other.goto(f"{other.base_url}/shared/")
    assert other.get_by_text("No friends here yet").is_visible()
    assert _no_horizontal_scroll(other)
    other.screenshot(path=str(SHOTS / f"list-empty-{width}.png"), full_page=True)
