"""Home dashboard: coming week, last workouts, workouts per week and the streak."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from calendar_app.models import ScheduledWorkout
from fitness.history import selectors
from fitness.history.tests.helpers import log_session, svgs
from fitness.workouts.tests.factories import WorkoutSessionFactory, WorkoutTemplateFactory

pytestmark = pytest.mark.django_db


def at(*args, tz=UTC):
    return datetime(*args, tzinfo=tz)


def test_streak_counts_consecutive_weeks_and_tolerates_an_empty_current_week():
    monday = date(2025, 1, 6)
    counts = {monday - timedelta(weeks=1): 2, monday - timedelta(weeks=2): 1}
    assert selectors.current_streak(counts, today=monday + timedelta(days=3)) == 2
    counts[monday] = 1
    assert selectors.current_streak(counts, today=monday) == 3
    # A gap before last week ends the streak; two empty weeks break it.
    assert selectors.current_streak({monday - timedelta(weeks=2): 1}, today=monday) == 0


def test_streak_across_a_year_boundary(owner):
    # Weeks starting Mon 23 Dec 2024, Mon 30 Dec 2024 (spans New Year) and Mon 6 Jan 2025.
    log_session(owner, at(2024, 12, 24, 18))
    log_session(owner, at(2025, 1, 1, 10))
    log_session(owner, at(2025, 1, 7, 18))
    log_session(owner, at(2024, 12, 9, 18))  # two weeks before: not part of the streak
    with time_machine.travel(at(2025, 1, 8, 12), tick=False):
        board = selectors.dashboard(user=owner)
    assert board.streak == 3
    assert board.weeks[-1] == (date(2025, 1, 6), 1)
    assert board.weeks[-2] == (date(2024, 12, 30), 1)
    assert len(board.weeks) == 12


def test_week_boundaries_follow_the_members_time_zone(owner):
    # Sunday 29 Dec 2024 20:00 UTC is already Monday 30 Dec 09:00 in Auckland (UTC+13).
    owner.timezone = "Pacific/Auckland"
    owner.save()
    log_session(owner, at(2024, 12, 29, 20))
    log_session(owner, at(2024, 12, 24, 1))  # Tue 24 Dec local
    with time_machine.travel(at(2025, 1, 1, 0), tick=False):  # Wed 1 Jan 13:00 local
        board = selectors.dashboard(user=owner)
    assert board.this_week == 1
    assert board.streak == 2
    # In UTC both sessions fall in the week of 23 Dec: this week would be empty.
    owner.timezone = "UTC"
    with time_machine.travel(at(2025, 1, 1, 0), tick=False):
        board = selectors.dashboard(user=owner)
    assert board.this_week == 0
    assert board.streak == 1


def test_late_evening_session_west_of_utc_counts_in_the_previous_local_week(owner):
    owner.timezone = "America/Los_Angeles"
    owner.save()
    log_session(owner, at(2024, 12, 30, 3))  # Sunday 29 Dec, 19:00 in Los Angeles
    with time_machine.travel(at(2024, 12, 31, 20), tick=False):
        board = selectors.dashboard(user=owner)
    assert board.this_week == 0
    assert board.weeks[-2] == (date(2024, 12, 23), 1)
    assert board.streak == 1


def test_home_shows_coming_week_last_workouts_and_chart(owner_client, owner, outsider):
    template = WorkoutTemplateFactory(user=owner, name="Leg day")
    with time_machine.travel(at(2025, 5, 14, 12), tick=False):
        today = date(2025, 5, 14)
        ScheduledWorkout.objects.create(user=owner, template=template, scheduled_date=today)
        ScheduledWorkout.objects.create(
            user=owner, title="Easy <b>run</b>", scheduled_date=today + timedelta(days=6)
        )
        ScheduledWorkout.objects.create(
            user=owner, title="Too far", scheduled_date=today + timedelta(days=7)
        )
        ScheduledWorkout.objects.create(user=outsider, title="Not mine", scheduled_date=today)
        for days in range(7):
            log_session(
                owner,
                at(2025, 5, 13, 9) - timedelta(days=days * 3),
                {"Squat": [(100, "kg", 5)]},
                name=f"Session {days}",
            )
        response = owner_client.get("/")
    text = response.text
    assert response.status_code == 200
    assert "Leg day" in text and "Easy &lt;b&gt;run&lt;/b&gt;" in text
    assert "Too far" not in text and "Not mine" not in text
    assert "badge-planned" in text
    assert [f"Session {n}" in text for n in range(7)] == [True] * 5 + [False] * 2
    assert "500 kg" in text
    narrow, root = svgs(text)
    assert "chart-narrow" in narrow.get("class") and "chart-wide" in root.get("class")
    assert root.find("title").text == "Workouts per week"
    assert len(root.findall("rect")) == 12


def test_new_member_sees_how_to_start(owner_client):
    response = owner_client.get("/")
    assert "Ready for your first workout?" in response.text
    assert 'href="/templates/"' in response.text
    assert 'href="/data/"' in response.text
    assert "Nothing planned" in response.text


def test_home_runs_a_fixed_number_of_queries(owner_client, owner, django_assert_max_num_queries):
    from demo.workouts import create_synthetic_history

    create_synthetic_history(user=owner, sessions=150)
    for _ in range(3):  # in progress, each with a Resume link
        WorkoutSessionFactory(user=owner, status="in_progress")
    for day in range(7):
        ScheduledWorkout.objects.create(
            user=owner, scheduled_date=owner.local_today() + timedelta(days=day), title="Run"
        )
    # session, user, history version, coming week, workouts in progress (+ cache misses)
    with django_assert_max_num_queries(7):
        response = owner_client.get("/")
    assert response.status_code == 200
    assert response.text.count("Resume") == 3
    assert response.text.count('class="coming-title" href="/calendar/') == 7


def test_home_offers_to_start_a_workout_and_links_the_week_to_the_calendar(owner, owner_client):
    today = owner.local_today()
    ScheduledWorkout.objects.create(user=owner, scheduled_date=today, title="Easy run")
    text = owner_client.get("/").text
    assert 'href="/sessions/new/">Start a workout' in text
    assert f'href="/calendar/{today:%Y/%m/%d}/">Easy run</a>' in text


def test_a_new_time_zone_moves_the_weekly_counts_into_its_weeks(
    owner_client, owner, monkeypatch, django_capture_on_commit_callbacks
):
    from fitness.workouts.summaries.models import ExercisePeriod, WorkoutWeek
    from fitness.workouts.tasks import history_summaries_rebuild_task

    def weeks():  # the member's weekly counts, and one exercise's weekly chart periods
        return (
            list(WorkoutWeek.objects.filter(user=owner).values_list("week", flat=True)),
            list(
                ExercisePeriod.objects.filter(user=owner, grain="week").values_list(
                    "start", flat=True
                )
            ),
        )

    # Sunday 23:30 in UTC is Monday 08:30 in Tokyo: the next week.
    log_session(owner, at(2025, 3, 9, 23, 30), {"Squat": [(100, "kg", 5)]})
    assert weeks() == ([date(2025, 3, 3)], [date(2025, 3, 3)])
    # Run by a worker in production; here in the test, as soon as it is queued.
    monkeypatch.setattr(
        history_summaries_rebuild_task,
        "apply_async",
        lambda args=(), **kw: history_summaries_rebuild_task.apply(args=args),
    )
    form = {"display_name": "Owner", "timezone": "Asia/Tokyo", "preferred_unit": "kg"}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        owner_client.post("/accounts/profile/", form)
    assert len(callbacks) == 1
    assert weeks() == ([date(2025, 3, 10)], [date(2025, 3, 10)])
    # Saving the profile again in the same zone queues nothing.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        owner_client.post("/accounts/profile/", form)
    assert callbacks == []
