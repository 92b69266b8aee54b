"""Click-through flows on a phone-sized viewport, and screenshots of the main pages."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.models import WorkoutSession, WorkoutSet
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
    system_exercise,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/workouts")  # noqa: S108 (screenshots to look at, not secrets)


@pytest.fixture
def member(password):
    return UserFactory(email="lifter@example.com", display_name="Lee Lifter", password=password)


def _push_template(user):
    template = WorkoutTemplateFactory(user=user, name="Push day", visibility="friends")
    WorkoutTemplateExerciseFactory(
        template=template, exercise=system_exercise("Bench Press"), target_sets=3, target_reps=5
    )
    WorkoutTemplateExerciseFactory(
        template=template,
        exercise=system_exercise("Overhead Press"),
        target_sets=3,
        target_reps=8,
        target_weight=Decimal("40"),
    )
    WorkoutTemplateExerciseFactory(
        template=template, exercise=system_exercise("Plank"), target_sets=2, target_reps=None
    )
    last = WorkoutSessionFactory(user=user, started_at=timezone.now() - timedelta(days=3))
    bench = WorkoutSessionExerciseFactory(session=last, exercise=system_exercise("Bench Press"))
    for number, weight in enumerate(["60", "80", "80"], start=1):
        WorkoutSetFactory(session_exercise=bench, set_number=number, weight=Decimal(weight))
    return template


def _wait_until_saved(page) -> None:
    """Ticked rows show as done at once; the server's answer clears `is-pending`."""
    expect(page.locator(".set-row.is-pending")).to_have_count(0)


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_log_three_sets_from_a_template_finish_and_find_it_in_history(
    new_page, login_in_browser, member
):
    """Issue 3's flow on a phone: home → Start a workout → template → three sets → finish →
    the workout is in the History list and opens with its sets."""
    template = _push_template(member)
    page = login_in_browser(new_page(375, 812), member)
    page.get_by_role("link", name="Start a workout").first.click()
    page.get_by_role("button", name="Start Push day").click()
    page.wait_for_url("**/sessions/**")
    assert page.get_by_text("last: 80 kg × 5").is_visible()
    assert _no_horizontal_scroll(page)

    for number, weight in [(1, "62.5"), (2, "82.5"), (3, "82.5")]:
        row = page.locator(".exercise-block").first.locator(".set-row").nth(number - 1)
        row.locator("input[name=weight]").fill(weight)
        row.locator("input[name=reps]").fill("5")
        row.get_by_role("button", name=f"Log set {number}").click()
        page.locator(".exercise-block").first.locator(".set-row.is-done").nth(number - 1).wait_for()
    _wait_until_saved(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "session-logging-375.png"), full_page=True)

    session = WorkoutSession.objects.get(user=member, template=template)
    done = WorkoutSet.objects.filter(session_exercise__session=session, is_planned=False)
    assert sorted((s.set_number, s.weight, s.reps) for s in done) == [
        (1, Decimal("62.5"), 5),
        (2, Decimal("82.5"), 5),
        (3, Decimal("82.5"), 5),
    ]

    page.get_by_role("button", name="Finish", exact=True).click()
    # Overhead Press and Plank were never ticked: Finish asks first.
    page.get_by_text("5 sets not ticked will be dropped:").wait_for()
    assert page.get_by_text("Overhead Press sets 1, 2, 3").is_visible()
    page.get_by_role("button", name="Finish anyway").click()
    page.get_by_text("Workout finished").wait_for()
    session.refresh_from_db()
    assert session.status == WorkoutSession.Status.COMPLETED
    assert session.completed_at is not None
    # Planned sets never done are dropped; only the three logged sets remain.
    assert WorkoutSet.objects.filter(session_exercise__session=session).count() == 3
    assert session.session_exercises.get().exercise_name == "Bench Press"
    assert page.get_by_text("Completed").first.is_visible()

    page.locator("label.nav-toggle-label").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    page.wait_for_url("**/history/")
    row = page.locator(".session-row").first  # newest first
    assert "Push day" in row.inner_text()
    row.get_by_role("link").click()
    page.wait_for_url(f"**/history/{session.id}/")
    sets = page.locator(".set-table tbody tr")
    assert sets.count() == 3 and "82.5 kg" in sets.nth(2).inner_text()
    assert _no_horizontal_scroll(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_main_pages(new_page, login_in_browser, member, width):
    template = _push_template(member)
    ExerciseFactory(user=member, name="Cable Fly", category="chest")
    ExerciseFactory(user=member, name="Hip Thrust", category="legs", is_archived=True)
    page = login_in_browser(new_page(width, 900), member)
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{page.base_url}/exercises/")
    assert _no_horizontal_scroll(page)
    page.screenshot(path=str(SHOTS / f"exercise-list-{width}.png"), full_page=True)

    page.goto(f"{page.base_url}/templates/")
    assert _no_horizontal_scroll(page)
    page.screenshot(path=str(SHOTS / f"template-list-{width}.png"), full_page=True)

    page.goto(f"{page.base_url}/templates/{template.id}/")
    page.get_by_role("button", name="Superset with next").first.click()
    expect(page.locator(".superset-label")).to_have_text(["Superset A", "Superset A"])
    assert _no_horizontal_scroll(page)
    page.screenshot(path=str(SHOTS / f"template-editor-{width}.png"), full_page=True)

    page.get_by_role("button", name="Start workout").click()
    page.wait_for_url("**/sessions/**")
    first = page.locator(".set-row").first
    first.get_by_role("button", name="Log set 1").click()
    page.locator(".set-row.is-done").first.wait_for()
    _wait_until_saved(page)
    page.locator(".set-row").nth(1).locator(".more-label").click()
    assert _no_horizontal_scroll(page)
    page.screenshot(path=str(SHOTS / f"session-{width}.png"), full_page=True)
