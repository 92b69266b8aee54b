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


def test_schedule_next_monday_start_finish_and_see_it_completed(
    new_page, login_in_browser, owner, live_server
):
    template = WorkoutTemplateFactory(user=owner, name="Upper A")
    WorkoutTemplateExerciseFactory(
        template=template, target_sets=3, exercise=ExerciseFactory(user=owner, name="Bench")
    )
    today = owner.local_today()
    monday = today + timedelta(days=7 - today.weekday())
    month_url = f"{live_server.url}/calendar/{monday.year:04d}/{monday.month:02d}/"
    label = f"{monday:%A} {monday.day} {monday:%B %Y}"
    # Some history on today, so the screenshots show every kind of item.
    WorkoutSessionFactory(
        user=owner, name="Leg day", started_at=timezone.now() - timedelta(minutes=70)
    )
    ScheduledWorkout.objects.create(
        user=owner, scheduled_date=today - timedelta(days=2), title="Easy run"
    )

    page = new_page(1280, 900)
    login_in_browser(page, owner)
    page.goto(month_url)
    page.get_by_label(label, exact=True).click()
    page.wait_for_url(re.compile(r"/calendar/\d{4}/\d{2}/\d{2}/$"))
    page.get_by_label("Template").select_option(label="Upper A")
    page.get_by_role("button", name=re.compile(r"^Schedule on")).click()
    page.get_by_text("Scheduled “Upper A”.").wait_for()
    _shot(page, "day-1280")

    page.goto(month_url)
    cell = page.locator("td", has=page.get_by_label(label, exact=True))
    assert cell.locator(".cal-entry.is-planned").inner_text().split() == ["PLANNED", "Upper", "A"]
    _shot(page, "month-1280")

    page.get_by_label(label, exact=True).click()
    page.get_by_role("button", name="Start workout").click()
    page.wait_for_url(re.compile(r"/sessions/[0-9a-f-]{36}/$"))
    session = WorkoutSession.objects.get(user=owner, name="Upper A")
    assert page.url.endswith(f"/sessions/{session.id}/")
    assert ScheduledWorkout.objects.get(scheduled_date=monday).completed_session_id == session.id

    # The session page belongs to the workouts feature: log a set and finish there by service.
    first_set = WorkoutSet.objects.filter(session_exercise__session=session).first()
    first_set.weight, first_set.reps = Decimal("80"), 5
    first_set.save()
    session.status = WorkoutSession.Status.COMPLETED
    session.completed_at = session.started_at + timedelta(minutes=45)
    session.save()

    page.goto(month_url)
    cell = page.locator("td", has=page.get_by_label(label, exact=True))
    assert "COMPLETED" in cell.locator(".cal-entry").inner_text()
    assert cell.locator(".cal-entry.is-completed").count() == 1
    assert _no_horizontal_scroll(page)
    _shot(page, "month-1280-completed")

    phone = new_page(375, 812)
    login_in_browser(phone, owner)
    phone.goto(month_url)
    assert _no_horizontal_scroll(phone)
    agenda = phone.locator(".cal-agenda-day", has=phone.get_by_role("link", name=label))
    assert "COMPLETED\nUpper A" in agenda.inner_text()  # the status is shown in capitals
    _shot(phone, "month-375")
    phone.locator(".cal-agenda").get_by_role("link", name=label).click()
    phone.wait_for_url(re.compile(r"/calendar/\d{4}/\d{2}/\d{2}/$"))
    phone.get_by_role("heading", name=label).wait_for()
    assert _no_horizontal_scroll(phone)
    _shot(phone, "day-375")
    phone.goto(f"{live_server.url}/calendar/subscribe/")
    phone.get_by_role("button", name="Create my feed address").click()
    assert "/calendar/feed/" in phone.get_by_label("Your private feed address").input_value()
    _shot(phone, "subscribe-375")


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
