"""Browser: the dashboard and a progress page render with their charts, phone and desktop."""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fitness.history.tests.helpers import log_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots/history"))  # noqa: S108 (screenshots to look at)


def _history(user):
    now = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    for n in range(30):
        started = now - timedelta(days=3 * n + 1)
        unit = "lb" if n % 4 == 0 else "kg"
        load = 100 - n if unit == "kg" else round((100 - n) * 2.2)
        log_session(
            user,
            started,
            {
                "Bench Press": [(40, unit, 10, "warmup"), (load, unit, 5), (load, unit, 5)],
                "Back Squat": [(load + 20, "kg", 5)] * 3,
            },
            name="Upper & lower" if n % 2 else "Heavy <day>",
            minutes=55 + n % 20,
        )


@pytest.mark.parametrize("width", [375, 1280])
def test_dashboard_and_progress_page_show_charts(new_page, login_in_browser, owner, width):
    _history(owner)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page(width=width, height=900)
    login_in_browser(page, owner)

    page.goto(f"{page.base_url}/")
    chart = page.locator("svg.chart:visible")
    assert chart.count() == 1
    assert chart.get_attribute("role") == "img"
    assert page.get_by_text("weeks in a row").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SHOTS / f"home-{width}.png"), full_page=True)

    if width < 900:  # the navigation is behind the menu button on a phone
        page.locator("label.nav-toggle-label").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    page.wait_for_url("**/history/")
    assert page.get_by_text("Heavy <day>").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SHOTS / f"history-{width}.png"), full_page=True)

    page.get_by_role("link", name="Heavy <day>").first.click()
    assert page.get_by_role("heading", name="Heavy <day>").is_visible()
    assert page.get_by_text("Warm-up").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SHOTS / f"session-{width}.png"), full_page=True)
    page.go_back()

    page.get_by_role("link", name="Progress").click()
    page.get_by_role("link", name="Bench Press").click()
    page.wait_for_url("**/history/progress/Bench%20Press/")
    assert page.locator("svg.chart:visible").count() == 2
    assert page.get_by_text("weight × (1 + reps ÷ 30)").is_visible()
    page.get_by_role("link", name="All time").click()
    page.wait_for_url("**range=all")
    assert page.locator("svg.chart:visible").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # No axis label runs past its chart (the last one used to be cut at 375 px).
    clipped = page.evaluate(
        """[...document.querySelectorAll('svg.chart')]
        .filter(svg => svg.getBoundingClientRect().width)
        .flatMap(svg => [...svg.querySelectorAll('text')].filter(text => {
            const box = text.getBBox(), view = svg.viewBox.baseVal;
            return box.x < 0 || box.x + box.width > view.width;
        }).map(text => text.textContent))"""
    )
    assert clipped == []
    # A top set stays on one line ("122.5 kg × 5", not "122.5 kg ×" / "5").
    cell = page.locator("table.top-sets tbody td.num").first
    assert "×" in cell.inner_text()
    one_line = """c => { const r = document.createRange(); r.selectNodeContents(c);
        return r.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(c).fontSize); }"""
    assert cell.evaluate(one_line)
    page.screenshot(path=str(SHOTS / f"exercise-{width}.png"), full_page=True)

    page.goto(f"{page.base_url}/history/progress/")
    page.screenshot(path=str(SHOTS / f"progress-{width}.png"), full_page=True)
    first_row = page.locator(".progress-table tbody tr").first
    assert "Back Squat" in first_row.inner_text()
