"""Derived status, title fallback and the data-integrity rules of the schema doc."""

from datetime import date, timedelta

import pytest
import time_machine

from calendar_app.models import ScheduledWorkout
from calendar_app.selectors import calendar_month
from calendar_app.services import scheduled_workout_move
from calendar_app.tests.conftest import utc
from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.tests.factories import WorkoutSessionFactory, WorkoutTemplateFactory

pytestmark = pytest.mark.django_db

# 2024-03-10 11:30 UTC is already Monday 11 March 00:30 in Auckland (UTC+13), but still
# Sunday 10 March 04:30 in Los Angeles (UTC-7, the day daylight saving time began).
INSTANT = utc(2024, 3, 10, 11, 30)


def _status_in_month(user, entry_id) -> str:
    month = calendar_month(user=user, year=2024, month=3)
    return next(e.status for w in month.weeks for d in w for e in d.entries if e.id == entry_id)


@time_machine.travel(INSTANT, tick=False)
def test_same_instant_entry_is_missed_in_auckland_and_planned_in_los_angeles(client):
    kiwi = UserFactory(timezone="Pacific/Auckland")
    angeleno = UserFactory(timezone="America/Los_Angeles")
    sunday = date(2024, 3, 10)
    kiwi_entry = ScheduledWorkout.objects.create(user=kiwi, scheduled_date=sunday, title="Legs")
    la_entry = ScheduledWorkout.objects.create(user=angeleno, scheduled_date=sunday, title="Legs")

    assert kiwi.local_today() == date(2024, 3, 11)
    assert angeleno.local_today() == sunday
    assert _status_in_month(kiwi, kiwi_entry.id) == "missed"
    assert _status_in_month(angeleno, la_entry.id) == "planned"

    client.force_login(kiwi)
    html = client.get("/calendar/2024/03/10/").content.decode()
    assert "Missed" in html and "Planned</span>" not in html
    client.force_login(angeleno)
    html = client.get("/calendar/2024/03/10/").content.decode()
    assert "badge-planned" in html and "Planned" in html and "badge-missed" not in html


@time_machine.travel(INSTANT, tick=False)
def test_session_date_is_its_start_in_the_members_time_zone():
    kiwi = UserFactory(timezone="Pacific/Auckland")
    angeleno = UserFactory(timezone="America/Los_Angeles")
    for user in (kiwi, angeleno):
        WorkoutSessionFactory(
            user=user, name="Dawn", started_at=INSTANT - timedelta(minutes=20)
        )  # 11:10 UTC

    def session_days(user):
        month = calendar_month(user=user, year=2024, month=3)
        return [d.date for w in month.weeks for d in w if d.sessions]

    assert session_days(kiwi) == [date(2024, 3, 11)]
    assert session_days(angeleno) == [date(2024, 3, 10)]


@time_machine.travel(INSTANT, tick=False)
def test_missed_entry_turns_missed_after_midnight_in_user_tz():
    angeleno = UserFactory(timezone="America/Los_Angeles")
    entry = ScheduledWorkout.objects.create(
        user=angeleno, scheduled_date=date(2024, 3, 10), title="Run"
    )
    assert entry.status_on(angeleno.local_today()) == "planned"
    # 23:59 local → still planned; 00:01 local next day → missed.
    with time_machine.travel(utc(2024, 3, 11, 6, 59), tick=False):
        assert entry.status_on(angeleno.local_today()) == "planned"
    with time_machine.travel(utc(2024, 3, 11, 7, 1), tick=False):
        assert entry.status_on(angeleno.local_today()) == "missed"


def test_title_falls_back_to_template_name_then_untitled(owner, make_entry):
    template = WorkoutTemplateFactory(user=owner, name="Heavy legs")
    titled = make_entry(template=template, title="Squat focus")
    from_template = make_entry(template=template)
    bare = make_entry()
    assert titled.display_title == "Squat focus"
    assert from_template.display_title == "Heavy legs"
    assert bare.display_title == "Untitled"


def test_template_deletion_keeps_the_entry_as_untitled(owner_client, owner, make_entry):
    template = WorkoutTemplateFactory(user=owner, name="Heavy legs")
    entry = make_entry(template=template, scheduled_date=date(2030, 5, 6))
    template.delete()
    entry.refresh_from_db()
    assert entry.template_id is None
    assert entry.display_title == "Untitled"
    html = owner_client.get("/calendar/2030/05/").content.decode()
    assert "Untitled" in html and "Heavy legs" not in html


def test_session_deletion_reverts_the_entry_to_planned_or_missed(owner, make_entry):
    today = owner.local_today()
    past = make_entry(scheduled_date=today - timedelta(days=3), title="Old")
    future = make_entry(scheduled_date=today + timedelta(days=3), title="New")
    session = WorkoutSessionFactory(user=owner)
    ScheduledWorkout.objects.filter(pk__in=[past.pk, future.pk]).update(completed_session=session)
    for entry in (past, future):
        entry.refresh_from_db()
        assert entry.status_on(today) == "completed"

    session.delete()

    past.refresh_from_db()
    future.refresh_from_db()
    assert past.completed_session_id is None and future.completed_session_id is None
    assert past.status_on(today) == "missed"
    assert future.status_on(today) == "planned"


def test_updated_at_changes_on_every_write(owner, make_entry, is_postgres):
    with time_machine.travel(utc(2020, 1, 1, 12), tick=False):
        entry = make_entry(title="Push")
    with time_machine.travel(utc(2020, 1, 2, 12), tick=False):
        scheduled_workout_move(entry=entry, scheduled_date=date(2030, 1, 9))
    entry.refresh_from_db()
    assert entry.updated_at == utc(2020, 1, 2, 12)
    if is_postgres:
        # A bare queryset update (no updated_at given) gets the database clock from the trigger.
        ScheduledWorkout.objects.filter(pk=entry.pk).update(notes="by hand")
        entry.refresh_from_db()
        assert entry.updated_at > utc(2025, 1, 1)
