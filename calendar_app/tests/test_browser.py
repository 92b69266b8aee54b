"""Click-through: schedule a template for next Monday, start it, finish it, see it completed."""

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from calendar_app.models import ScheduledWorkout
from fitness.workouts.models import WorkoutSession, WorkoutSet
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutSessionFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SHOTS = Path("/tmp/shots/calendar")  # noqa: S108 (screenshots to look at, by the brief)


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def _month_page(page, day):
    """The calendar through the nav, moved on to `day`'s month with the next-month link."""
    page.locator("label.nav-toggle-label").click()  # the phone menu
    page.get_by_role("link", name="Calendar").click()
    page.wait_for_url(re.compile(r"/calendar/\d{4}/\d{2}/$"))
    if not page.url.endswith(f"/calendar/{day.year:04d}/{day.month:02d}/"):
        page.get_by_role("link", name=re.compile("→")).click()
        page.wait_for_url(f"**/calendar/{day.year:04d}/{day.month:02d}/")


def test_schedule_next_monday_start_log_finish_and_see_it_completed(
    new_page, login_in_browser, owner
):
    """Issue 5's flow, on a phone, through the real pages of every feature it crosses:
    template page → Schedule → month (planned) → day → Start → session page (log a set,
    finish) → month (completed, linked to the session in History)."""
    template = WorkoutTemplateFactory(user=owner, name="Upper A")
    WorkoutTemplateExerciseFactory(
        template=template,
        exercise=ExerciseFactory(user=owner, name="Bench"),
        target_sets=3,
        target_reps=5,
        target_weight=Decimal("60"),
    )
    today = owner.local_today()
    monday = today + timedelta(days=7 - today.weekday())
    label = f"{monday:%A} {monday.day} {monday:%B %Y}"
    # Some history, so the screenshots show every kind of item.
    WorkoutSessionFactory(
        user=owner, name="Leg day", started_at=timezone.now() - timedelta(minutes=70)
    )
    ScheduledWorkout.objects.create(
        user=owner, scheduled_date=today - timedelta(days=2), title="Easy run"
    )

    page = login_in_browser(new_page(375, 812), owner)
    page.goto(f"{page.base_url}/templates/{template.id}/")
    page.get_by_role("link", name="Schedule", exact=True).click()
    page.get_by_label("Date").fill(monday.isoformat())
    assert page.get_by_label("Template").input_value() == str(template.id)
    page.get_by_role("button", name="Schedule", exact=True).click()
    page.get_by_text("Scheduled “Upper A”").wait_for()
    page.get_by_role("heading", name=label).wait_for()
    entry = ScheduledWorkout.objects.get(user=owner, scheduled_date=monday)
    assert entry.template == template and entry.completed_session_id is None

    _month_page(page, monday)
    agenda = page.locator(".cal-agenda-day", has=page.get_by_role("link", name=label))
    assert agenda.locator(".cal-entry.is-planned").inner_text().split() == ["PLANNED", "Upper", "A"]
    assert _no_horizontal_scroll(page)
    _shot(page, "month-375-planned")

    agenda.get_by_role("link", name=label).click()
    page.get_by_role("button", name="Start workout").click()
    page.wait_for_url(re.compile(r"/sessions/[0-9a-f-]{36}/$"))
    session = WorkoutSession.objects.get(user=owner, name="Upper A")
    entry.refresh_from_db()
    assert entry.completed_session_id == session.id

    row = page.locator(".exercise-block").first.locator(".set-row").first
    row.locator("input[name=weight]").fill("62.5")
    row.locator("input[name=reps]").fill("5")
    row.get_by_role("button", name="Log set 1").click()
    page.locator(".set-row.is-done").first.wait_for()
    page.get_by_role("button", name="Finish", exact=True).click()
    # The two sets not ticked: Finish asks before dropping them.
    page.get_by_role("button", name="Finish anyway").click()
    page.get_by_text("Workout finished").wait_for()
    session.refresh_from_db()
    assert session.status == WorkoutSession.Status.COMPLETED
    done = WorkoutSet.objects.get(session_exercise__session=session)
    assert (done.weight, done.reps) == (Decimal("62.5"), 5)

    _month_page(page, monday)
    agenda = page.locator(".cal-agenda-day", has=page.get_by_role("link", name=label))
    completed = agenda.locator(".cal-entry.is-completed")
    assert completed.inner_text().split() == ["COMPLETED", "Upper", "A"]
    assert _no_horizontal_scroll(page)
    _shot(page, "month-375-completed")
    completed.get_by_role("link", name="Upper A").click()
    page.wait_for_url(f"**/history/{session.id}/")
    page.get_by_role("heading", name="Upper A").wait_for()

    wide = login_in_browser(new_page(1280, 900), owner)
    wide.goto(f"{wide.base_url}/calendar/{monday.year:04d}/{monday.month:02d}/")
    cell = wide.locator("td", has=wide.get_by_label(label, exact=True))
    assert cell.locator(".cal-entry.is-completed").count() == 1
    assert _no_horizontal_scroll(wide)
    _shot(wide, "month-1280-completed")


def test_repeat_preview_then_confirm_in_the_browser(new_page, login_in_browser, owner):
    WorkoutTemplateFactory(user=owner, name="5x5")
    page = new_page(375, 812)
    login_in_browser(page, owner)
    page.goto(f"{page.base_url}/calendar/repeat/")
    page.get_by_label("Template").select_option(label="5x5")
    page.get_by_label("Monday").check()
    page.get_by_label("Thursday").check()
    page.get_by_label("For how many weeks").fill("6")
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("12 workouts will be scheduled").wait_for()
    assert not ScheduledWorkout.objects.exists()
    _shot(page, "repeat-preview-375")
    page.get_by_role("button", name="Schedule 12 workouts").click()
    page.get_by_text("Scheduled “5x5” 12 times.").wait_for()
    assert ScheduledWorkout.objects.filter(user=owner).count() == 12
