"""On the gym floor, in Chromium at 375 px: the rest timer and the plate calculator."""

from decimal import Decimal
from pathlib import Path

import pytest

from fitness.accounts.tests.factories import UserFactory
from fitness.tests.axe import axe_problems
from fitness.workouts import services
from fitness.workouts.tests.factories import (
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
    system_exercise,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/floor")  # noqa: S108 (screenshots to look at, not secrets)


@pytest.fixture
def member(password):
    return UserFactory(email="lifter@example.com", display_name="Lee Lifter", password=password)


def _live_session(user, rest_seconds=120):
    template = WorkoutTemplateFactory(user=user, name="Push day")
    WorkoutTemplateExerciseFactory(
        template=template,
        exercise=system_exercise("Bench Press"),
        target_sets=3,
        target_reps=5,
        target_weight=Decimal("102.5"),
        rest_seconds=rest_seconds,
    )
    return services.session_start(user=user, template=template)


def _seconds_left(page) -> int:
    minutes, seconds = page.locator(".rest-time").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def test_ticking_a_set_starts_the_rest_timer_which_survives_a_reload(
    new_page, login_in_browser, member
):
    session = _live_session(member, rest_seconds=120)
    page = login_in_browser(new_page(375, 812), member)
    page.goto(f"{page.base_url}/sessions/{session.pk}/")
    bar = page.locator(".rest-bar")
    assert bar.count() == 0 or not bar.is_visible()

    page.get_by_role("button", name="Log set 1").click()
    bar.wait_for(state="visible")
    assert 117 <= _seconds_left(page) <= 120
    assert page.locator(".rest-name").inner_text() == "Bench Press"
    # The bar stays inside the screen, at the bottom, and the page does not scroll sideways.
    box = bar.bounding_box()
    assert box["y"] + box["height"] <= 812 and box["x"] >= 0 and box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "rest-timer-375.png"))

    page.get_by_role("button", name="15 seconds more rest").click()
    assert 132 <= _seconds_left(page) <= 135
    page.wait_for_timeout(1500)
    page.reload()
    bar.wait_for(state="visible")
    assert 128 <= _seconds_left(page) <= 134  # the end time came back from localStorage
    # The adjusted rest was saved for this exercise of the session (becomes "last used").
    se = session.session_exercises.get()
    se.refresh_from_db()
    assert se.rest_seconds == 135
    assert page.locator(f"#se-{se.pk}").get_attribute("data-rest-seconds") == "135"

    page.get_by_role("button", name="Skip").click()
    bar.wait_for(state="hidden")
    page.reload()
    page.wait_for_timeout(500)
    assert not page.locator(".rest-bar").is_visible()


def test_the_timer_ends_at_zero_and_hides(new_page, login_in_browser, member):
    session = _live_session(member, rest_seconds=30)
    page = login_in_browser(new_page(375, 812), member)
    page.goto(f"{page.base_url}/sessions/{session.pk}/")
    page.get_by_role("button", name="Log set 1").click()
    page.locator(".rest-bar").wait_for(state="visible")
    page.get_by_role("button", name="15 seconds less rest").click()
    assert _seconds_left(page) <= 15
    page.locator(".rest-bar").wait_for(state="hidden", timeout=20_000)
    assert page.locator(".rest-status").inner_text() == "Rest over"
    assert page.evaluate("window.localStorage.getItem('liftlog.restTimer')") is None


def test_lb_weights_are_rounded_fit_the_box_and_the_plate_calculator_loads_them(
    new_page, login_in_browser, member
):
    member.preferred_unit = "lb"
    member.save()
    session = _live_session(member)
    page = login_in_browser(new_page(375, 812), member)
    page.goto(f"{page.base_url}/sessions/{session.pk}/")
    weight = page.get_by_label("Set 1 weight in lb")
    assert weight.input_value() == "226"  # 102.5 kg, to the pound (225.97)

    weight.fill("1002.5")  # four digits and a decimal fit the box at 375 px
    assert weight.evaluate("el => el.scrollWidth <= el.clientWidth")

    page.get_by_role("button", name="Plates per side for Bench Press").click()
    panel = page.locator(".plates-panel")
    weight.fill("225")
    assert panel.inner_text() == "Per side: 2 × 45 lb (on a 45 lb bar, 225 lb in all)."
    weight.fill("226")
    assert "226 lb is not loadable exactly" in panel.inner_text()
    assert "closest below: 225 lb" in panel.inner_text()
    weight.fill("45")
    assert panel.inner_text() == "45 lb: just the 45 lb bar."
    page.screenshot(path=str(SHOTS / "plates-lb-375.png"))


@pytest.mark.parametrize(
    ("weight", "expected"),
    [
        ("102.5", "Per side: 25 + 15 + 1.25 kg (on a 20 kg bar, 102.5 kg in all)."),
        ("140", "Per side: 2 × 25 + 10 kg (on a 20 kg bar, 140 kg in all)."),
        ("21", "21 kg is not loadable exactly with these plates; closest below: 20 kg (the bar)."),
        ("15", "15 kg: lighter than the 20 kg bar."),
    ],
)
def test_plate_calculator_in_kg(new_page, login_in_browser, member, weight, expected):
    session = _live_session(member)
    page = login_in_browser(new_page(375, 812), member)
    page.goto(f"{page.base_url}/sessions/{session.pk}/")
    page.get_by_role("button", name="Plates per side for Bench Press").click()
    page.get_by_label("Set 2 weight in kg").fill(weight)
    assert page.locator(".plates-panel").inner_text() == expected


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_session_page_in_lb_at_both_widths_and_themes(
    new_page, login_in_browser, member, width, scheme
):
    member.preferred_unit = "lb"
    member.save()
    session = _live_session(member)
    page = new_page(width, 900)
    page.emulate_media(color_scheme=scheme)
    login_in_browser(page, member)
    page.goto(f"{page.base_url}/sessions/{session.pk}/")
    page.get_by_role("button", name="Log set 1").click()
    page.locator(".rest-bar").wait_for(state="visible")
    assert page.get_by_label("Set 2 weight in lb").input_value() == "226"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The page follows the theme: dark text on light, light text on dark.
    assert axe_problems(page, f"session-lb-{width}-{scheme}") == []  # the timer bar included
    text = page.evaluate("getComputedStyle(document.body).color")
    assert text == ("rgb(27, 31, 36)" if scheme == "light" else "rgb(230, 237, 243)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"session-lb-{width}-{scheme}.png"), full_page=True)
