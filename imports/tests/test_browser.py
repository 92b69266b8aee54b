"""Click-through of the import pages, with screenshots (375 and 1280 px) for review."""

from pathlib import Path

import pytest

from imports.models import ImportJob
from imports.tests.helpers import tricky_history

SHOTS = Path("/tmp/shots/imports")  # noqa: S108 (review screenshots, not secrets)
GOOD = (
    "date,session_name,exercise_name,set_number,weight,weight_unit,reps\n"
    "2026-01-05,Legs,Back Squat (Barbell),1,100,kg,5\n"
    "2026-01-05,Legs,Nordic Curl,1,,kg,6\n"
    "2026-01-05,Legs,Deadlifts,1,140,kg,3\n"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [375, 1280])
def test_import_flow_with_screenshots(new_page, login_in_browser, owner, width, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    tricky_history(owner)
    ImportJob.objects.create(
        user=owner, status="completed", file_name="strong-2025.csv", progress_total=10,
        progress_done=10,
        summary={"format_label": "Strong", "rows": 9, "sessions": 3, "sets": 9,
                 "duplicates_skipped": 0, "exercises_matched": [], "exercises_created": [],
                 "skipped_count": 0, "skipped": []},
    )  # fmt: skip
    running = ImportJob.objects.create(
        user=owner, status="processing", file_name="hevy-all.csv", file_size=3_400_000,
        progress_total=41_000, progress_done=17_500,
    )  # fmt: skip
    page = new_page(width=width)
    login_in_browser(page, owner)
    page.goto(f"{page.base_url}/data/")
    page.screenshot(path=SHOTS / f"hub-{width}.png", full_page=True)
    assert page.get_by_role("heading", name="Export your history").is_visible()

    page.click("text=Import a file")
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "2026-01-06,Legs,Back Squat,1,100,kg,-2\n")
    page.set_input_files("input[name=file]", str(bad))
    page.click("button:has-text('Import')")
    page.wait_for_selector(".field-error")
    assert "line 5: reps: -2 is negative." in page.content()
    page.screenshot(path=SHOTS / f"import-error-{width}.png", full_page=True)

    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    page.set_input_files("input[name=file]", str(good))
    page.select_option("select[name=unit]", "lb")
    page.click("button:has-text('Import')")
    page.wait_for_url("**/data/import/done/")
    assert page.get_by_text("Nordic Curl").is_visible()
    page.screenshot(path=SHOTS / f"summary-{width}.png", full_page=True)

    page.goto(f"{page.base_url}/data/import/jobs/{running.id}/")
    assert page.locator("progress").get_attribute("value") == "43"
    ImportJob.objects.filter(pk=running.pk).update(progress_done=30_000)
    # The htmx poll swaps the progress fragment in (no page-side eval: the CSP forbids it).
    page.wait_for_selector("progress[value='73']", timeout=6000)
    page.screenshot(path=SHOTS / f"job-{width}.png", full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width
