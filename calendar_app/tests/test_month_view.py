"""The month view: redirect, grid edges, statuses, session figures, queries."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from calendar_app.models import ScheduledWorkout
from calendar_app.selectors import calendar_month
from calendar_app.tests.conftest import utc
from fitness.workouts.tests.factories import (
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateFactory,
)

pytestmark = pytest.mark.django_db


@time_machine.travel(utc(2024, 12, 31, 20), tick=False)
def test_index_redirects_to_the_current_month_in_the_members_time_zone(client, owner):
    client.force_login(owner)
    assert client.get("/calendar/")["Location"] == "/calendar/2024/12/"
    owner.timezone = "Pacific/Auckland"  # already 1 January 2025 there
    owner.save()
    assert client.get("/calendar/")["Location"] == "/calendar/2025/01/"


def test_month_requires_login(client):
    response = client.get("/calendar/2025/03/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "url",
    [
        "/calendar/2025/13/",
        "/calendar/2025/00/",
        "/calendar/0/01/",
        "/calendar/0000/01/",
        "/calendar/10000/01/",
        "/calendar/abcd/01/",
        "/calendar/2025/xx/",
        "/calendar/2025/02/30/",
        "/calendar/2025/13/01/",
    ],
)
def test_invalid_months_and_days_are_404(owner_client, url):
    assert owner_client.get(url).status_code == 404


def test_grid_is_whole_weeks_starting_monday_with_leading_and_trailing_days(owner):
    month = calendar_month(user=owner, year=2025, month=3)  # 1 March 2025 is a Saturday
    days = [d for w in month.weeks for d in w]
    assert all(len(w) == 7 for w in month.weeks)
    assert days[0].date == date(2025, 2, 24) and days[0].date.weekday() == 0
    assert days[-1].date == date(2025, 4, 6) and days[-1].date.weekday() == 6
    assert [d.date.day for d in days if d.in_month] == list(range(1, 32))
    assert not days[0].in_month and not days[-1].in_month


def test_leap_february_and_december_to_january(owner_client, owner):
    leap = calendar_month(user=owner, year=2024, month=2)
    assert max(d.date.day for w in leap.weeks for d in w if d.in_month) == 29
    plain = calendar_month(user=owner, year=2023, month=2)
    assert max(d.date.day for w in plain.weeks for d in w if d.in_month) == 28

    html = owner_client.get("/calendar/2024/12/").content.decode()
    assert 'href="/calendar/2025/01/"' in html and 'href="/calendar/2024/11/"' in html
    html = owner_client.get("/calendar/2025/01/").content.decode()
    assert 'href="/calendar/2024/12/"' in html and "January 2025" in html


def test_entries_on_leading_and_trailing_days_are_shown(owner_client, make_entry):
    make_entry(scheduled_date=date(2025, 2, 24), title="Leading Monday")
    make_entry(scheduled_date=date(2025, 4, 6), title="Trailing Sunday")
    make_entry(scheduled_date=date(2025, 4, 7), title="Next week")
    html = owner_client.get("/calendar/2025/03/").content.decode()
    assert "Leading Monday" in html and "Trailing Sunday" in html
    assert "Next week" not in html


def test_first_and_last_year_have_no_link_out_of_range(owner_client):
    html = owner_client.get("/calendar/0001/01/").content.decode()
    assert 'rel="prev"' not in html and 'href="/calendar/0001/02/"' in html
    html = owner_client.get("/calendar/9999/12/").content.decode()
    assert 'rel="next"' not in html


@time_machine.travel(utc(2025, 3, 12, 9), tick=False)
def test_two_entries_on_one_day_with_statuses_by_text_and_colour(owner_client, owner, make_entry):
    template = WorkoutTemplateFactory(user=owner, name="Upper A")
    make_entry(scheduled_date=date(2025, 3, 14), template=template)
    make_entry(scheduled_date=date(2025, 3, 14), title="Evening run")
    make_entry(scheduled_date=date(2025, 3, 3), title="Skipped legs")
    done = make_entry(scheduled_date=date(2025, 3, 10), title="Done push")
    done.completed_session = WorkoutSessionFactory(user=owner, started_at=utc(2025, 3, 10, 8))
    done.save()

    html = owner_client.get("/calendar/2025/03/").content.decode()
    day14 = html[html.index('aria-label="Friday 14 March 2025"') :]
    day14 = day14[: day14.index("</td>")]
    assert "Upper A" in day14 and "Evening run" in day14
    assert day14.count('class="cal-item cal-entry is-planned"') == 2
    assert re.search(r'is-missed"><span class="cal-status">Missed</span> <span[^>]*>Skipped', html)
    completed = (
        r'is-completed"><span class="cal-status">Completed</span> '
        r'<a class="cal-title" href="/history/[0-9a-f-]+/">Done'
    )
    assert re.search(completed, html)
    assert 'aria-current="date" aria-label="Wednesday 12 March 2025 (today)"' in html


@time_machine.travel(utc(2025, 3, 12, 9), tick=False)
def test_sessions_show_name_duration_exercises_and_volume_in_preferred_unit(owner_client, owner):
    owner.preferred_unit = "lb"
    owner.save()
    session = WorkoutSessionFactory(
        user=owner,
        name="Bench day",
        started_at=utc(2025, 3, 11, 18),
        completed_at=utc(2025, 3, 11, 19, 15),
    )
    bench = WorkoutSessionExerciseFactory(session=session)
    WorkoutSetFactory(session_exercise=bench, weight=Decimal("100"), weight_unit="kg", reps=5)
    WorkoutSetFactory(session_exercise=bench, weight=Decimal("225"), weight_unit="lb", reps=2)
    WorkoutSetFactory(
        session_exercise=bench, weight=Decimal("40"), weight_unit="kg", reps=10, is_warmup=True
    )
    WorkoutSessionExerciseFactory(session=session)
    WorkoutSessionFactory(user=owner, name="Unfinished", status="in_progress")

    html = owner_client.get("/calendar/2025/03/").content.decode()
    # 100 kg × 5 = 1102.3 lb, + 225 lb × 2 = 450 lb; the warm-up does not count.
    assert "Bench day" in html
    assert "1 h 15 min · 2 exercises · 1,552 lb" in html
    assert "Unfinished" not in html


def test_another_members_data_never_shows(owner_client, outsider):
    ScheduledWorkout.objects.create(user=outsider, scheduled_date=date(2025, 3, 5), title="Secret")
    WorkoutSessionFactory(user=outsider, name="Hidden", started_at=utc(2025, 3, 5, 10))
    html = owner_client.get("/calendar/2025/03/").content.decode()
    assert "Secret" not in html and "Hidden" not in html


def test_month_view_query_count_is_constant_on_large_data(
    owner_client, owner, django_assert_max_num_queries
):
    from demo.workouts import create_synthetic_history

    create_synthetic_history(user=owner, sessions=120)
    today = owner.local_today()
    template = WorkoutTemplateFactory(user=owner)
    ScheduledWorkout.objects.bulk_create(
        ScheduledWorkout(
            user=owner,
            scheduled_date=today - timedelta(days=n % 70),
            template=template if n % 2 else None,
            title=None if n % 2 else f"Entry {n}",
        )
        for n in range(300)
    )
    url = f"/calendar/{today.year:04d}/{today.month:02d}/"
    with django_assert_max_num_queries(8):
        response = owner_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("cal-item cal-session") >= 2 * 10  # grid + agenda
    assert "Entry " in html and template.name in html


def test_sessions_and_started_entries_link_to_their_session_pages(owner, owner_client):
    """Finished sessions open in History; an entry started but not finished opens the
    logging page, so the member can carry on."""
    from calendar_app.models import ScheduledWorkout
    from fitness.workouts.tests.factories import WorkoutSessionFactory

    today = owner.local_today()
    from datetime import timedelta

    from django.utils import timezone

    midnight = timezone.localtime(timezone.now(), owner.tzinfo).replace(hour=0, minute=0)
    started = max(timezone.now() - timedelta(minutes=90), midnight)
    done = WorkoutSessionFactory(user=owner, name="Legs done", started_at=started)
    live = WorkoutSessionFactory(
        user=owner, name="Push live", status="in_progress", completed_at=None
    )
    ScheduledWorkout.objects.create(
        user=owner, scheduled_date=today, title="Legs", completed_session=done
    )
    ScheduledWorkout.objects.create(
        user=owner, scheduled_date=today, title="Push", completed_session=live
    )
    month = owner_client.get(f"/calendar/{today.year:04d}/{today.month:02d}/").text
    assert month.count(f'href="/history/{done.id}/"') >= 2  # the session and its entry
    assert f'href="/sessions/{live.id}/"' in month
    day = owner_client.get(f"/calendar/{today:%Y/%m/%d}/").text
    assert f'href="/history/{done.id}/"' in day and "View session" in day
    assert f'href="/sessions/{live.id}/"' in day and "Continue workout" in day
