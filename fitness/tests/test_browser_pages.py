"""The main page of every feature with the demo data, at phone and desktop widths: nothing
scrolls sideways, no console error (CSP included), and screenshots to look at side by side."""

import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from demo.management.commands.seed_demo import DEMO_EMAIL, DEMO_PASSWORD
from fitness.accounts.models import User
from fitness.workouts import services
from fitness.workouts.models import WorkoutTemplate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots" / "integration"


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [375, 1280])
def test_main_pages_of_the_demo(new_page, login_in_browser, width):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    demo = User.objects.get(email=DEMO_EMAIL)
    push = WorkoutTemplate.objects.get(user=demo, name="Push")
    live = services.session_start(user=demo, template=push)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = login_in_browser(new_page(width, 900), demo, password=DEMO_PASSWORD)
    pages = {
        "home": "/",
        "calendar": "/calendar/",
        "history": "/history/",
        "templates": "/templates/",
        "template": f"/templates/{push.pk}/",
        "session": f"/sessions/{live.pk}/",
        "shared": "/shared/",
        "data": "/data/",
        "account": "/accounts/",
    }
    for name, url in pages.items():
        page.goto(f"{page.base_url}{url}")
        assert page.locator("h1").count() == 1, name
        assert _no_horizontal_scroll(page), name
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
