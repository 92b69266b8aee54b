"""Merging an imported exercise into the library one, clicked through at phone and desk widths."""

from pathlib import Path

import pytest

from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.models import Exercise, ExerciseAlias, WorkoutSessionExercise
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutSessionExerciseFactory,
    WorkoutSetFactory,
    system_exercise,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/workouts")  # noqa: S108 (screenshots to look at, not secrets)


def _text_inset(page) -> float:
    """Pixels between the library card's left border and its first exercise name."""
    return page.evaluate(
        """() => {
            const card = document.querySelector('.exercise-list').getBoundingClientRect();
            const name = document.querySelector('.exercise-item strong').getBoundingClientRect();
            return name.left - card.left;
        }"""
    )


@pytest.mark.parametrize("width", [375, 1280])
def test_merge_an_imported_exercise_into_the_library_one(
    new_page, login_in_browser, password, width
):
    member = UserFactory(email="lifter@example.com", display_name="Lee", password=password)
    custom = ExerciseFactory(user=member, name="Bench Press (Barbell) [import]", equipment="")
    row = WorkoutSessionExerciseFactory(
        session__user=member, exercise=custom, exercise_name=custom.name
    )
    WorkoutSetFactory(session_exercise=row)
    page = login_in_browser(new_page(width, 900), member)
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{page.base_url}/exercises/?q=bench")
    assert _text_inset(page) >= 12  # the names do not touch the card's border
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SHOTS / f"exercise-library-{width}.png"), full_page=True)

    page.get_by_role("link", name=f"Merge {custom.name} into another exercise").click()
    page.select_option("select[name=into]", label="Bench Press · Barbell")
    page.get_by_role("button", name="Review merge").click()
    page.get_by_role("heading", name=f"Merge “{custom.name}” into “Bench Press”?").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SHOTS / f"exercise-merge-{width}.png"), full_page=True)

    page.get_by_role("button", name="Merge into “Bench Press”").click()
    page.get_by_text("merged into “Bench Press”").wait_for()
    page.screenshot(path=str(SHOTS / f"exercise-merged-{width}.png"), full_page=True)
    assert not Exercise.objects.filter(pk=custom.pk).exists()
    row = WorkoutSessionExercise.objects.get(pk=row.pk)
    assert (row.exercise_id, row.exercise_name) == (
        system_exercise("Bench Press").pk,
        "Bench Press",
    )
    assert ExerciseAlias.objects.get(user=member).name == custom.name

    page.goto(f"{page.base_url}/exercises/new/")
    page.fill("input[name=name]", "Landmine Press")
    page.select_option("select[name=category]", "shoulders")
    page.select_option("select[name=equipment]", "barbell")
    page.screenshot(path=str(SHOTS / f"exercise-new-{width}.png"), full_page=True)
    page.get_by_role("button", name="Create exercise").click()
    page.get_by_text("Exercise “Landmine Press” created.").wait_for()
    assert Exercise.objects.get(user=member, name="Landmine Press").equipment == "barbell"
