"""Every main page under the real Content-Security-Policy, in Chromium at 375 px: no console
error (CSP violations are reported there), no horizontal scroll; and one htmx set update
really performed on the live session page."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from fitness.tests.world import build_world
from fitness.workouts.models import WorkoutSet, WorkoutTemplate
from fitness.workouts.tests.factories import WorkoutTemplateExerciseFactory, WorkoutTemplateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/security")  # noqa: S108 (screenshots to look at, not secrets)


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_every_main_page_satisfies_the_csp_on_a_phone(new_page, login_in_browser, owner, friend):
    owner.is_staff = owner.is_superuser = True  # to reach the admin and the staff import
    owner.save()
    world = build_world(owner)
    shared = WorkoutTemplateFactory(
        user=friend, name="Bob's legs", visibility=WorkoutTemplate.Visibility.FRIENDS
    )
    WorkoutTemplateExerciseFactory(template=shared)
    today = owner.local_today()
    page = login_in_browser(new_page(375, 812), owner)
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: problems.append(f"{page.url}: {msg.text}") if msg.type == "error" else None,
    )
    page.on(
        "response",
        lambda r: (
            problems.append(f"{page.url}: {r.status} for {r.url}") if r.status >= 400 else None
        ),
    )
    pages = {
        "home": "/",
        "calendar-month": f"/calendar/{today.year}/{today.month:02d}/",
        "calendar-day": f"/calendar/{today.year}/{today.month:02d}/{today.day:02d}/",
        "calendar-subscribe": "/calendar/subscribe/",
        "calendar-repeat": "/calendar/repeat/",
        "history": "/history/",
        "history-detail": f"/history/{world.session.pk}/",
        "progress": "/history/progress/",
        "exercise-progress": "/history/progress/Bench%20Press/",
        "templates": "/templates/",
        "template-detail": f"/templates/{world.template.pk}/",
        "template-editor": f"/templates/{world.template.pk}/edit/",
        "session-new": "/sessions/new/",
        "exercises": "/exercises/",
        "shared": "/shared/",
        "shared-detail": f"/shared/{shared.pk}/",
        "data": "/data/",
        "import": "/data/import/",
        "import-job": f"/data/import/jobs/{world.job.pk}/",
        "staff-import": "/data/import/staff/",
        "account": "/accounts/",
        "admin": f"/{settings.ADMIN_URL}",
        "admin-templates": f"/{settings.ADMIN_URL}workouts/workouttemplate/",
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, url in pages.items():
        response = page.goto(f"{page.base_url}{url}")
        assert response.status == 200, (url, response.status)
        if not _no_horizontal_scroll(page):
            problems.append(f"{url}: scrolls sideways at 375 px")
        page.screenshot(path=str(SHOTS / f"{name}-375.png"), full_page=True)

    # The live session page, with an htmx set update really performed.
    live = world.live_session
    page.goto(f"{page.base_url}/sessions/{live.pk}/")
    if not _no_horizontal_scroll(page):
        problems.append("live session: scrolls sideways at 375 px")
    row = page.locator(".set-row").first
    row.locator("input[name=weight]").fill("87.5")
    row.locator("input[name=reps]").fill("6")
    with page.expect_response(lambda r: "/sets/" in r.url and r.request.method == "POST") as r:
        row.locator("button.set-done").click()
    assert r.value.status == 200
    assert r.value.request.headers.get("hx-request") == "true"  # swapped by htmx, no reload
    page.locator(".set-row.is-done").first.wait_for()
    done = WorkoutSet.objects.get(session_exercise__session=live)
    assert (done.weight, done.reps) == (Decimal("87.5"), 6)
    with page.expect_response(lambda r: "/sets/add/" in r.url):
        page.get_by_role("button", name="+ Add set").first.click()
    page.locator(".set-row").nth(1).wait_for()
    page.screenshot(path=str(SHOTS / "live-session-375.png"), full_page=True)
    assert not problems, "\n".join(problems)
