"""Dates at the ends of Python's range (0001-01-01, 9999-12-31) in query strings and forms
are refused with a message (fitness/dates.py), never an OverflowError; the pages that show
those dates keep answering."""

from datetime import UTC, date, datetime

import icalendar
import pytest

from calendar_app.models import ScheduledWorkout
from calendar_app.services import calendar_feed_regenerate
from fitness.dates import MAX_DATE, MIN_DATE, instant_in_range, parse_query_date
from fitness.workouts.models import WorkoutSession
from fitness.workouts.tests.factories import (
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateFactory,
)
from imports.tests.helpers import preview_then_confirm, upload

pytestmark = pytest.mark.django_db

EDGES = ["9999-12-31", "0001-01-01"]
MESSAGE = "Choose a date between 1 January 1900 and 31 December 2999."


def test_query_dates_outside_the_range_are_ignored():
    assert parse_query_date("9999-12-31") is None
    assert parse_query_date("0001-01-01") is None
    assert parse_query_date("2025-03-\x0014") is None
    assert parse_query_date(MAX_DATE.isoformat()) == MAX_DATE
    assert parse_query_date(MIN_DATE.isoformat()) == MIN_DATE


def test_instants_at_the_ends_of_time_are_out_of_range():
    """The importer's check (D4): these read back as year 10000 / year 0 in UTC."""
    assert not instant_in_range(datetime.fromisoformat("9999-12-31T23:00:00-12:00"))
    assert not instant_in_range(datetime.fromisoformat("0001-01-01T00:00:00+14:00"))
    assert instant_in_range(datetime.fromisoformat("2999-12-31T10:00:00-12:00"))
    assert instant_in_range(datetime(1900, 1, 1, tzinfo=UTC))
    assert not instant_in_range(datetime(1899, 12, 31, 23, tzinfo=UTC))


@pytest.mark.parametrize("value", EDGES)
@pytest.mark.parametrize("parameter", ["date_to", "date_from"])
def test_history_filter_refuses_a_date_out_of_range(owner_client, owner, parameter, value):
    WorkoutSessionFactory(user=owner, name="Kept visible")
    response = owner_client.get("/history/", {parameter: value})
    assert response.status_code == 200
    text = response.content.decode()
    assert MESSAGE in text
    assert "Kept visible" in text  # an invalid filter filters nothing
    assert 'min="1900-01-01"' in text and 'max="2999-12-31"' in text


@pytest.mark.parametrize("value", EDGES)
@pytest.mark.parametrize("parameter", ["to", "from"])
def test_export_refuses_a_date_out_of_range(owner_client, parameter, value):
    response = owner_client.get("/data/export.csv", {parameter: value})
    assert response.status_code == 400
    assert not response.streaming
    assert MESSAGE in response.content.decode()


def test_export_up_to_the_last_accepted_day_streams(owner_client, owner):
    session = WorkoutSessionFactory(user=owner, name="In range")
    WorkoutSetFactory(session_exercise=WorkoutSessionExerciseFactory(session=session))
    response = owner_client.get("/data/export.csv", {"from": "1900-01-01", "to": "2999-12-31"})
    assert response.status_code == 200
    assert "In range" in b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("value", EDGES)
def test_calendar_entry_forms_refuse_a_date_out_of_range(owner_client, owner, value):
    response = owner_client.post("/calendar/new/", {"scheduled_date": value, "title": "Far"})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    entry = ScheduledWorkout.objects.create(user=owner, scheduled_date=date(2025, 3, 14))
    owner_client.post(f"/calendar/entries/{entry.pk}/move/", {"scheduled_date": value})
    response = owner_client.post(
        f"/calendar/entries/{entry.pk}/edit/", {"scheduled_date": value, "title": "Far"}
    )
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.scheduled_date == date(2025, 3, 14)
    assert ScheduledWorkout.objects.count() == 1


@pytest.mark.parametrize("path", ["/calendar/9999/12/31/", "/calendar/0001/01/01/"])
def test_day_view_at_the_ends_of_time_shows_but_does_not_schedule(owner_client, path):
    assert owner_client.get(path).status_code == 200
    response = owner_client.post(path, {"title": "Far"})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not ScheduledWorkout.objects.exists()


@pytest.mark.parametrize("value", EDGES)
def test_repeat_form_refuses_a_start_out_of_range(owner_client, owner, value):
    template = WorkoutTemplateFactory(user=owner)
    assert owner_client.get("/calendar/repeat/", {"date": value}).status_code == 200
    data = {"template": template.pk, "start": value, "weekdays": [0, 3], "weeks": 52}
    response = owner_client.post("/calendar/repeat/", {**data, "confirm": "1", "count": "104"})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not ScheduledWorkout.objects.exists()


def test_repeat_that_would_run_past_the_last_day_is_refused(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner)
    data = {"template": template.pk, "start": "2999-12-01", "weekdays": [0], "weeks": 10}
    response = owner_client.post("/calendar/repeat/", data)
    assert MESSAGE in response.content.decode()
    assert not ScheduledWorkout.objects.exists()


def test_feed_still_renders_entries_at_the_ends_of_time(client, owner):
    """Rows written before this check (or by SQL) must not make the feed unreadable."""
    for day in (date.max, date.min, date(2025, 3, 14)):
        ScheduledWorkout.objects.create(user=owner, scheduled_date=day, title=f"On {day}")
    feed = calendar_feed_regenerate(user=owner)
    response = client.get(f"/calendar/feed/{feed.token}.ics")
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted(str(event["SUMMARY"]) for event in events) == [
        "On 0001-01-01",
        "On 2025-03-14",
        "On 9999-12-31",
    ]


# --- The importer (D4): staff import for a member -------------------------------------------

HEADER = "date,session_name,exercise_name,set_number,weight,weight_unit,reps,started_at\n"
KEPT = "".join(
    f"2026-01-05,Kept,Back Squat (Barbell),{n},100,kg,5,2026-01-05T10:00:00+00:00\n"
    for n in range(1, 61)  # enough good rows that two bad ones are skipped, not fatal
)
EDGE_ROWS = (
    "9999-12-31,Far future,Back Squat (Barbell),1,100,kg,5,9999-12-31T23:00:00-12:00\n"
    "0001-01-01,Far past,Back Squat (Barbell),1,100,kg,5,0001-01-01T00:00:00+14:00\n"
)


def test_staff_import_skips_instants_at_the_ends_of_time_and_every_page_renders(
    client, staff, owner, settings, tmp_path
):
    """An import with 9999-12-31T23:00-12:00 (year 10000 in UTC) or 0001-01-01T00:00+14:00
    (year 0) used to be stored, and from then on psycopg could not read the member's
    sessions back: home, history, progress and the admin's session list answered 500."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    owner.timezone = "Pacific/Kiritimati"  # +14:00: the far end of every local date
    owner.save()
    client.force_login(staff)
    preview, response = preview_then_confirm(
        client,
        {
            "member": owner.pk,
            "file": upload("edges.csv", HEADER + KEPT + EDGE_ROWS),
            "format": "native",
            "unit": "kg",
        },
        url="/data/import/staff/",
    )
    assert "is not a plausible date" in preview.content.decode()  # listed before confirming
    assert response.status_code == 302
    summary = client.get(response["Location"]).content.decode()
    assert summary.count("is not a plausible date") == 2  # reported as skipped rows
    assert list(WorkoutSession.objects.values_list("name", flat=True)) == ["Kept"]
    assert all(instant_in_range(s.started_at) for s in WorkoutSession.objects.all())

    staff.is_superuser = True
    staff.save()
    assert client.get(f"/{settings.ADMIN_URL}workouts/workoutsession/").status_code == 200
    client.force_login(owner)
    for url in ("/", "/history/", "/history/progress/", "/calendar/", "/data/export.csv"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        if response.streaming:
            assert b"Kept" in b"".join(response.streaming_content)
