"""One word for a finished workout on every calendar page, and a Start button only where there
is something to start (a free entry such as a rest day has none)."""

import re
from datetime import date

import pytest
import time_machine

from calendar_app.tests.conftest import utc
from fitness.workouts.tests.factories import WorkoutSessionFactory, WorkoutTemplateFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(utc(2025, 3, 20, 9), tick=False)
def test_logged_and_planned_workouts_both_say_completed(owner_client, owner, make_entry):
    WorkoutSessionFactory(user=owner, name="Unplanned pump", started_at=utc(2025, 3, 4, 8))
    planned = make_entry(scheduled_date=date(2025, 3, 11), title="Planned push")
    planned.completed_session = WorkoutSessionFactory(user=owner, started_at=utc(2025, 3, 11, 8))
    planned.save()

    html = owner_client.get("/calendar/2025/03/").content.decode()

    statuses = set(re.findall(r'<span class="cal-status">([^<]+)</span>', html))
    assert statuses == {"Completed"}
    assert ">Done<" not in html


def test_a_free_entry_offers_no_start_but_a_template_entry_does(owner_client, owner, make_entry):
    today = owner.local_today()
    rest = make_entry(scheduled_date=today, title="Rest day")
    push = make_entry(scheduled_date=today, template=WorkoutTemplateFactory(user=owner))

    html = owner_client.get(f"/calendar/{today:%Y/%m/%d}/").content.decode()

    assert f"/calendar/entries/{push.id}/start/" in html
    assert f"/calendar/entries/{rest.id}/start/" not in html
    assert html.count("Start workout") == 1
    assert "Rest day" in html
