"""Logging on a phone with bad Wi-Fi: nothing lost, nothing doubled; set types and supersets."""

import re
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fitness.accounts.tests.factories import UserFactory
from fitness.workouts import services
from fitness.workouts.models import WorkoutSet
from fitness.workouts.tests.factories import (
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
    system_exercise,
)
from fitness.workouts.views.offline import OFFLINE_CACHE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/workouts")  # noqa: S108 (screenshots to look at, not secrets)
# What Chromium logs for a request that never got an answer: expected here, nothing else is.
NETWORK_FAILURE = re.compile(r"net::ERR_|Failed to load resource|Failed to fetch")


@pytest.fixture
def member(password):
    return UserFactory(email="lifter@example.com", display_name="Lee Lifter", password=password)


@pytest.fixture
def phone(browser, live_server):
    """Phone-sized pages whose console errors fail the test, network failures aside."""
    contexts = []
    errors: list[str] = []

    def make(width: int = 375, **options):
        context = browser.new_context(viewport={"width": width, "height": 812}, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda msg: (
                errors.append(msg.text)
                if msg.type == "error" and not NETWORK_FAILURE.search(msg.text)
                else None
            ),
        )
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.base_url = live_server.url
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"browser console errors: {errors}"


def _session(user, *exercises: tuple[str, int]):
    template = WorkoutTemplateFactory(user=user, name="Legs")
    for name, sets in exercises:
        WorkoutTemplateExerciseFactory(
            template=template,
            exercise=system_exercise(name),
            target_sets=sets,
            target_reps=5,
            target_weight=Decimal("100"),
        )
    return services.session_start(user=user, template=template)


def _log(row, weight: str, reps: str, number: int) -> None:
    row.locator("input[name=weight]").fill(weight)
    row.locator("input[name=reps]").fill(reps)
    row.get_by_role("button", name=f"Log set {number}").click()


def _wait_for_kept_page(page) -> None:
    """The service worker runs and the page is kept in its cache (done in the background)."""
    script = f"""async () => {{
        await navigator.serviceWorker.ready;
        const cache = await caches.open("{OFFLINE_CACHE}");
        return Boolean(await cache.match(location.pathname));
    }}"""
    for _ in range(50):
        if page.evaluate(script):
            return
        time.sleep(0.1)
    raise AssertionError("the session page was never kept for offline use")


def test_three_sets_logged_offline_survive_a_reload_and_are_saved_once(
    phone, login_in_browser, member
):
    session = _session(member, ("Back Squat", 1))
    squat = session.session_exercises.get()
    page = login_in_browser(phone(), member)
    page.goto(f"{page.base_url}/sessions/{session.id}/")
    _wait_for_kept_page(page)

    page.context.set_offline(True)
    rows = page.locator(f"#se-{squat.id} form.set-row")
    _log(rows.nth(0), "100", "5", 1)
    for number, weight in [(2, "105"), (3, "107.5")]:
        page.get_by_role("button", name="+ Add set").click()
        _log(rows.nth(number - 1), weight, "5", number)
    expect(page.get_by_text("Not saved yet — will retry")).to_have_count(3)
    expect(page.locator("[data-offline-banner]")).to_contain_text("3 sets not saved yet")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "session-offline-375.png"), full_page=True)
    assert not WorkoutSet.objects.filter(session_exercise=squat, is_planned=False).exists()
    row_ids = rows.evaluate_all("rows => rows.map(r => r.id.slice(4))")

    reloaded = page.reload()  # still offline: the service worker's copy, queue put back
    assert reloaded.from_service_worker
    expect(rows).to_have_count(3)
    expect(page.get_by_text("Not saved yet — will retry")).to_have_count(3)
    assert rows.nth(2).locator("input[name=weight]").input_value() == "107.5"
    assert rows.evaluate_all("rows => rows.map(r => r.id.slice(4))") == row_ids

    page.context.set_offline(False)
    expect(page.locator(".set-row.is-pending")).to_have_count(0, timeout=20_000)
    expect(page.get_by_text("Not saved yet")).to_have_count(0)
    logged = list(
        WorkoutSet.objects.filter(session_exercise__session=session)
        .order_by("set_number")
        .values_list("id", "set_number", "weight", "reps", "is_planned")
    )
    assert [str(row[0]) for row in logged] == row_ids
    assert [row[1:] for row in logged] == [
        (1, Decimal("100"), 5, False),
        (2, Decimal("105"), 5, False),
        (3, Decimal("107.5"), 5, False),
    ]


def test_a_connection_lost_mid_request_is_retried_without_a_duplicate(
    phone, login_in_browser, member
):
    session = _session(member, ("Back Squat", 1))
    squat = session.session_exercises.get()
    # No service worker here: Playwright's routes do not see requests a worker answers.
    page = login_in_browser(phone(service_workers="block"), member)
    page.goto(f"{page.base_url}/sessions/{session.id}/")
    reached_server: list[str] = []

    def lose_the_first_answer(route):
        kind = "add" if route.request.url.endswith("/add/") else "save"
        reached_server.append(kind)
        if reached_server.count(kind) == 1:
            route.fetch()  # the server does the work...
            route.abort("connectionreset")  # ...and its answer never arrives
        else:
            route.continue_()

    page.route(re.compile(r"/sets/(add|[0-9a-f-]{36})/$"), lose_the_first_answer)
    page.get_by_role("button", name="+ Add set").click()
    row = page.locator(f"#se-{squat.id} form.set-row").nth(1)
    expect(row.get_by_text("Not saved yet — will retry")).to_be_visible()
    expect(page.locator(".set-row.is-pending")).to_have_count(0, timeout=20_000)
    _log(row, "110", "3", 2)
    expect(page.locator(".set-row.is-pending")).to_have_count(0, timeout=20_000)

    assert reached_server == ["add", "add", "save", "save"]
    set_id = row.get_attribute("id").removeprefix("set-")
    sets = WorkoutSet.objects.filter(session_exercise=squat).order_by("set_number")
    assert [(str(s.id), s.set_number) for s in sets][1:] == [(set_id, 2)]
    assert sets.count() == 2
    added = sets.get(pk=set_id)
    assert (added.weight, added.reps, added.is_planned) == (Decimal("110"), 3, False)


def test_set_type_is_one_tap_and_a_superset_is_logged_in_turns(phone, login_in_browser, member):
    session = _session(member, ("Bench Press", 2), ("Barbell Row", 2))
    bench, row_exercise = session.session_exercises.order_by("order_index")
    page = login_in_browser(phone(), member)
    page.goto(f"{page.base_url}/sessions/{session.id}/")
    page.get_by_role("button", name="Superset with next").first.click()
    expect(page.locator(".superset-label")).to_have_text(["Superset A", "Superset A"])
    page.evaluate(
        """() => { window.setsDone = [];
        document.addEventListener("liftlog:set-done", (e) => window.setsDone.push(e.detail)); }"""
    )

    bench_rows = page.locator(f"#se-{bench.id} form.set-row")
    row_rows = page.locator(f"#se-{row_exercise.id} form.set-row")
    first = bench_rows.nth(0)
    first.get_by_role("button", name="Set 1, normal: change set type").click()
    expect(first.get_by_role("button", name="Set 1, warm-up: change set type")).to_have_text("W")
    first.get_by_role("button", name="Log set 1").click()
    # In turns: the row's first set is next.
    expect(row_rows.nth(0).locator("input[name=weight]")).to_be_focused()
    row_rows.nth(0).get_by_role("button", name="Log set 1").click()
    expect(bench_rows.nth(1).locator("input[name=weight]")).to_be_focused()
    expect(page.locator(".set-row.is-pending")).to_have_count(0)

    warmup = bench.sets.get(set_number=1)
    assert (warmup.set_type, warmup.is_warmup, warmup.is_planned) == ("warmup", True, False)
    assert page.evaluate("window.setsDone") == [
        {"sessionExerciseId": str(bench.id), "setId": str(warmup.id)},
        {
            "sessionExerciseId": str(row_exercise.id),
            "setId": str(row_exercise.sets.get(set_number=1).id),
        },
    ]
    page.screenshot(path=str(SHOTS / "session-superset-375.png"), full_page=True)


def _history(user) -> None:
    """Last week's Bench Press (a warm-up, then 80 × 5, 80 × 5, 77.5 × 6) and Barbell Row."""
    last = WorkoutSessionFactory(user=user, started_at=timezone.now() - timedelta(days=7))
    bench = WorkoutSessionExerciseFactory(session=last, exercise=system_exercise("Bench Press"))
    for number, weight, reps, warmup in [(1, "40", 10, True), (2, "80", 5, False),
                                         (3, "80", 5, False), (4, "77.5", 6, False)]:  # fmt: skip
        WorkoutSetFactory(
            session_exercise=bench,
            set_number=number,
            weight=Decimal(weight),
            reps=reps,
            is_warmup=warmup,
        )
    row = WorkoutSessionExerciseFactory(
        session=last, exercise=system_exercise("Barbell Row"), order_index=1
    )
    WorkoutSetFactory(session_exercise=row, set_number=1, weight=Decimal("70"), reps=8)


@pytest.mark.parametrize(("width", "unit"), [(375, "kg"), (375, "lb"), (1280, "kg")])
def test_screenshots_of_the_session_page_with_last_time_and_a_queued_set(
    phone, login_in_browser, member, width, unit
):
    member.preferred_unit = unit
    member.save(update_fields=["preferred_unit"])
    _history(member)
    session = _session(member, ("Bench Press", 4), ("Barbell Row", 2), ("Plank", 2))
    bench, row_exercise, _plank = session.session_exercises.order_by("order_index")
    services.session_exercise_superset(session_exercise=bench, join=True)
    page = login_in_browser(phone(width), member)
    page.goto(f"{page.base_url}/sessions/{session.id}/")
    bench_rows = page.locator(f"#se-{bench.id} form.set-row")
    # Each set shows the same set last time, in the member's unit.
    # (lb: 80 kg is 176.37 lb, shown as stored or rounded to the unit's step.)
    expected = {
        "kg": [r"40", r"80", r"80", r"77\.5"],
        "lb": [r"88(\.18)?", r"176(\.37)?", r"176(\.37)?", r"171|170\.86"],
    }[unit]
    reps = [10, 5, 5, 6]
    expect(bench_rows.locator("[data-set-last]")).to_have_text(
        [
            re.compile(rf"^Set {n} last ({weight}) × {reps[n - 1]}$")
            for n, weight in enumerate(expected, start=1)
        ]
    )
    bench_rows.nth(0).get_by_role("button", name="Log set 1").click()
    expect(page.locator(".set-row.is-pending")).to_have_count(0)
    page.context.set_offline(True)
    page.locator(f"#se-{row_exercise.id} form.set-row").nth(0).get_by_role(
        "button", name="Log set 1"
    ).click()
    expect(page.get_by_text("Not saved yet — will retry")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"session-last-time-{unit}-{width}.png"), full_page=True)
    page.context.set_offline(False)
    expect(page.locator(".set-row.is-pending")).to_have_count(0, timeout=20_000)


def test_finish_sends_the_queued_sets_first(phone, login_in_browser, member):
    session = _session(member, ("Back Squat", 2))
    squat = session.session_exercises.get()
    page = login_in_browser(phone(service_workers="block"), member)
    page.goto(f"{page.base_url}/sessions/{session.id}/")
    answers: list[str] = []

    def first_save_fails(route):
        answers.append("lost" if not answers else "sent")
        if answers[-1] == "lost":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route(re.compile(r"/sets/[0-9a-f-]{36}/$"), first_save_fails)
    _log(page.locator("form.set-row").nth(0), "120", "3", 1)
    expect(page.get_by_text("Not saved yet — will retry")).to_be_visible()
    page.get_by_role("button", name="Finish", exact=True).click()
    # The set was sent before finishing, so only set 2 is "not ticked".
    page.get_by_text("1 set not ticked will be dropped:").wait_for()
    assert page.get_by_text("Back Squat set 2").is_visible()
    page.get_by_role("button", name="Finish anyway").click()
    page.get_by_text("Workout finished").wait_for()
    logged = squat.sets.get()
    assert (logged.weight, logged.reps, logged.is_planned) == (Decimal("120"), 3, False)
    assert answers == ["lost", "sent"]
