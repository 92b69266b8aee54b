"""Click-through of the import pages, with screenshots (375 and 1280 px) for review."""

from pathlib import Path

import pytest

from fitness.workouts.models import (
    ExerciseAlias,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
)
from imports.models import ImportJob
from imports.tests.helpers import tricky_history
from imports.tests.test_preview import STRONG

SHOTS = Path("/tmp/shots/imports")  # noqa: S108 (review screenshots, not secrets)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [375, 1280])
def test_import_flow_with_screenshots(new_page, login_in_browser, owner, width, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    tricky_history(owner)
    done = ImportJob.objects.create(
        user=owner, status="completed", file_name="strong-2025.csv", progress_total=10,
        progress_done=10,
        summary={"format_label": "Strong", "layout": "Strong, 10 columns (Date … RPE)",
                 "rows": 9, "sessions": 3, "sets": 7, "duplicates_skipped": 0,
                 "exercises_matched": [], "exercises_created": [], "skipped_count": 2,
                 "skipped": [{"line": 4, "reason": "rest timer row"},
                             {"line": 8, "reason": "'877777' is too large in column Reps"}],
                 "remarks": ["Durations in 1 workout could not be read and were left out."]},
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
    bad.write_text("just,some\ncolumns,here\n")
    page.set_input_files("input[name=file]", str(bad))
    page.click("button:has-text('Preview')")
    page.wait_for_selector(".field-error")
    assert "bad.csv: Line 1: Unrecognised columns" in page.content()
    page.screenshot(path=SHOTS / f"import-error-{width}.png", full_page=True)

    # Upload → preview: nothing written yet; the unit must be chosen.
    strong = tmp_path / "strong.csv"
    strong.write_text(STRONG)
    page.set_input_files("input[name=file]", str(strong))
    page.click("button:has-text('Preview')")
    page.wait_for_selector("h1:has-text('Check before importing')")
    assert WorkoutSession.objects.filter(user=owner).count() == 3  # tricky_history only
    assert (
        page.locator(".imports-heaviest .imports-unit-label").first.evaluate(
            "el => getComputedStyle(el, '::after').content"
        )
        == '"kg or lb?"'
    )
    page.check("input[name=unit][value=lb]")
    label = page.locator(".imports-heaviest .imports-unit-label").first
    assert label.evaluate("el => getComputedStyle(el, '::after').content") == '"lb"'
    # Change a mapping: "Sumo Pull" (new by default) becomes the Deadlift.
    page.get_by_label("Sumo Pull").select_option(label="Deadlift")
    page.screenshot(path=SHOTS / f"preview-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.click("button:has-text('Import 2 workouts')")
    page.wait_for_url("**/data/import/done/")
    assert page.get_by_text("your choice").first.is_visible()
    page.screenshot(path=SHOTS / f"summary-{width}.png", full_page=True)
    sumo = WorkoutSessionExercise.objects.get(session__user=owner, exercise_name="Sumo Pull")
    assert sumo.exercise.name == "Deadlift"
    assert ExerciseAlias.objects.get(user=owner, name="Sumo Pull").exercise == sumo.exercise
    assert set(
        WorkoutSet.objects.filter(session_exercise=sumo).values_list("weight_unit", flat=True)
    ) == {"lb"}

    page.goto(f"{page.base_url}/data/import/jobs/{running.id}/")
    assert page.locator("progress").get_attribute("value") == "43"
    ImportJob.objects.filter(pk=running.pk).update(progress_done=30_000)
    # The htmx poll swaps the progress fragment in (no page-side eval: the CSP forbids it).
    page.wait_for_selector("progress[value='73']", timeout=6000)
    page.screenshot(path=SHOTS / f"job-{width}.png", full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width

    page.goto(f"{page.base_url}/data/import/jobs/{done.id}/")
    assert page.get_by_text("'877777' is too large in column Reps").is_visible()
    assert page.get_by_text("could not be read and were left out").is_visible()
    page.screenshot(path=SHOTS / f"job-done-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_large_file_preview_warns_when_the_unit_contradicts_the_weights(
    new_page, login_in_browser, owner, settings, monkeypatch, tmp_path
):
    from imports import preview

    SHOTS.mkdir(parents=True, exist_ok=True)
    settings.IMPORT_ASYNC_THRESHOLD_BYTES = 100  # "large": previewed from its first rows
    monkeypatch.setattr(preview, "PREVIEW_ROWS", 3)
    page = new_page(width=375)
    login_in_browser(page, owner)
    page.goto(f"{page.base_url}/data/import/")
    strong = tmp_path / "strong.csv"
    strong.write_text(STRONG)
    page.set_input_files("input[name=file]", str(strong))
    page.click("button:has-text('Preview')")
    page.wait_for_selector("text=This is a preview of the first")
    hint = page.locator(".imports-hint")
    calm = hint.evaluate("el => getComputedStyle(el).backgroundColor")
    page.check("input[name=unit][value=kg]")
    assert hint.evaluate("el => getComputedStyle(el).backgroundColor") != calm  # a warning now
    page.screenshot(path=SHOTS / "preview-large-kg-375.png", full_page=True)
    assert page.get_by_role("button", name="Import the whole file").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
