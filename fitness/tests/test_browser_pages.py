"""The main page of every feature with the demo data, at phone and desktop widths, in the light
and the dark theme: nothing scrolls sideways, no console error (CSP included), axe-core finds
no serious or critical accessibility problem, and screenshots to look at side by side."""

import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from demo.management.commands.seed_demo import DEMO_EMAIL, DEMO_PASSWORD
from fitness.accounts.models import User
from fitness.tests.axe import axe_problems
from fitness.workouts import services
from fitness.workouts.models import WorkoutSession, WorkoutTemplate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots" / "integration"


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_main_pages_of_the_demo(new_page, login_in_browser, width, scheme):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    demo = User.objects.get(email=DEMO_EMAIL)
    push = WorkoutTemplate.objects.get(user=demo, name="Push")
    live = services.session_start(user=demo, template=push)
    done = WorkoutSession.objects.filter(user=demo, status="completed").latest("started_at")
    today = demo.local_today()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page(width, 900)
    page.emulate_media(color_scheme=scheme)
    page = login_in_browser(page, demo, password=DEMO_PASSWORD)
    pages = {
        "home": "/",
        "calendar": "/calendar/",
        "calendar-day": f"/calendar/{today.year}/{today.month:02d}/{today.day:02d}/",
        "history": "/history/",
        "history-detail": f"/history/{done.pk}/",
        "progress": "/history/progress/",
        "exercise-progress": "/history/progress/Bench%20Press/",
        "templates": "/templates/",
        "template": f"/templates/{push.pk}/",
        "exercises": "/exercises/",
        "session": f"/sessions/{live.pk}/",
        "shared": "/shared/",
        "data": "/data/",
        "account": "/accounts/",
    }
    problems: list[str] = []
    for name, url in pages.items():
        page.goto(f"{page.base_url}{url}")
        assert page.locator("h1").count() == 1, name
        assert _no_horizontal_scroll(page), name
        problems += axe_problems(page, name)
        page.screenshot(path=str(SHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sign_in_page_is_accessible(new_page, live_server, scheme):
    page = new_page(375, 812)
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{live_server.url}/accounts/login/")
    assert axe_problems(page, "login") == []
