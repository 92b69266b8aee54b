"""Day view: schedule, edit, move, delete, repeat, link a finished session by hand."""

from datetime import date

import pytest

from calendar_app.models import ScheduledWorkout
from calendar_app.services import CalendarError, repeat_dates
from calendar_app.tests.conftest import utc
from fitness.workouts.tests.factories import WorkoutSessionFactory, WorkoutTemplateFactory

pytestmark = pytest.mark.django_db

DAY_URL = "/calendar/2030/05/06/"
MONDAY = date(2030, 5, 6)


def test_day_view_lists_entries_and_sessions_in_fixed_queries(
    owner_client, owner, make_entry, django_assert_max_num_queries
):
    template = WorkoutTemplateFactory(user=owner, name="Upper A")
    make_entry(scheduled_date=MONDAY, template=template, notes="Go heavy")
    make_entry(scheduled_date=MONDAY, title="Rest day", notes="Walk only")
    WorkoutSessionFactory(user=owner, name="Morning pump", started_at=utc(2030, 5, 6, 7))
    with django_assert_max_num_queries(8):
        response = owner_client.get(DAY_URL)
    html = response.content.decode()
    assert "Monday 6 May 2030" in html
    for text in ("Upper A", "Go heavy", "Rest day", "Walk only", "Morning pump", "1 h 00 min"):
        assert text in html


def test_schedule_a_template(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner, name="Legs")
    response = owner_client.post(DAY_URL, {"template": template.pk, "title": "", "notes": ""})
    assert response.status_code == 302 and response["Location"] == DAY_URL
    entry = ScheduledWorkout.objects.get(user=owner)
    assert (entry.scheduled_date, entry.template, entry.title, entry.notes) == (
        MONDAY,
        template,
        None,
        None,
    )
    assert "Scheduled “Legs”." in owner_client.get(DAY_URL).content.decode()


def test_schedule_a_free_title_rest_day_note(owner_client, owner):
    owner_client.post(DAY_URL, {"template": "", "title": " Rest day ", "notes": "Stretch 10 min"})
    entry = ScheduledWorkout.objects.get(user=owner)
    assert entry.template is None and entry.title == "Rest day" and entry.notes == "Stretch 10 min"


def test_schedule_needs_a_template_or_a_title_and_keeps_input(owner_client, owner):
    response = owner_client.post(DAY_URL, {"template": "", "title": "", "notes": "keep me"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a template or give the entry a title." in html and "keep me" in html
    assert not ScheduledWorkout.objects.exists()


def test_archived_and_other_members_templates_cannot_be_scheduled(owner_client, owner, outsider):
    archived = WorkoutTemplateFactory(user=owner, name="Old plan", is_archived=True)
    foreign = WorkoutTemplateFactory(user=outsider, name="Not mine")
    html = owner_client.get(DAY_URL).content.decode()
    assert "Old plan" not in html and "Not mine" not in html
    for template in (archived, foreign):
        response = owner_client.post(DAY_URL, {"template": template.pk, "title": "x"})
        assert response.status_code == 400
    assert not ScheduledWorkout.objects.exists()


def test_edit_entry_changes_fields_and_date(owner_client, owner, make_entry):
    entry = make_entry(scheduled_date=MONDAY, title="Push")
    template = WorkoutTemplateFactory(user=owner, name="Pull")
    url = f"/calendar/entries/{entry.id}/edit/"
    assert "Push" in owner_client.get(url).content.decode()
    response = owner_client.post(
        url, {"scheduled_date": "2030-05-08", "template": template.pk, "title": "", "notes": "n"}
    )
    assert response["Location"] == "/calendar/2030/05/08/"
    entry.refresh_from_db()
    assert entry.scheduled_date == date(2030, 5, 8)
    assert entry.template == template and entry.title is None and entry.notes == "n"


def test_edit_keeps_an_archived_template_selectable(owner_client, owner, make_entry):
    template = WorkoutTemplateFactory(user=owner, name="Retired", is_archived=True)
    entry = make_entry(scheduled_date=MONDAY, template=template)
    response = owner_client.post(
        f"/calendar/entries/{entry.id}/edit/",
        {"scheduled_date": "2030-05-06", "template": template.pk, "title": "", "notes": ""},
    )
    assert response.status_code == 302


def test_move_entry_to_another_date(owner_client, make_entry):
    entry = make_entry(scheduled_date=MONDAY, title="Push")
    response = owner_client.post(
        f"/calendar/entries/{entry.id}/move/", {"scheduled_date": "2030-06-01"}
    )
    assert response["Location"] == "/calendar/2030/06/01/"
    entry.refresh_from_db()
    assert entry.scheduled_date == date(2030, 6, 1)
    html = owner_client.get("/calendar/2030/06/01/").content.decode()
    assert "Moved “Push” to Saturday 1 June 2030." in html


def test_move_to_an_invalid_date_changes_nothing(owner_client, make_entry):
    entry = make_entry(scheduled_date=MONDAY, title="Push")
    owner_client.post(f"/calendar/entries/{entry.id}/move/", {"scheduled_date": "2030-02-31"})
    entry.refresh_from_db()
    assert entry.scheduled_date == MONDAY
    assert "Choose a valid date" in owner_client.get(DAY_URL).content.decode()


def test_delete_entry_asks_then_deletes(owner_client, make_entry):
    entry = make_entry(scheduled_date=MONDAY, title="Push")
    url = f"/calendar/entries/{entry.id}/delete/"
    assert "Delete “Push”?" in owner_client.get(url).content.decode()
    assert ScheduledWorkout.objects.filter(pk=entry.pk).exists()
    html = owner_client.get(DAY_URL).content.decode()
    assert 'data-confirm="Delete “Push” from 6 May?"' in html
    response = owner_client.post(url)
    assert response["Location"] == DAY_URL
    assert not ScheduledWorkout.objects.filter(pk=entry.pk).exists()


def test_repeat_dates_cover_n_weeks_of_chosen_weekdays():
    # Wednesday 8 May 2030; Monday and Wednesday for 3 weeks.
    dates = repeat_dates(start=date(2030, 5, 8), weekdays=[0, 2], weeks=3)
    assert dates == [
        date(2030, 5, 8),
        date(2030, 5, 13),
        date(2030, 5, 15),
        date(2030, 5, 20),
        date(2030, 5, 22),
        date(2030, 5, 27),
    ]
    with pytest.raises(CalendarError):
        repeat_dates(start=MONDAY, weekdays=[0], weeks=53)


def test_repeat_previews_the_count_then_creates_in_one_step(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner, name="5x5")
    data = {"template": template.pk, "start": "2030-05-06", "weekdays": [0, 2, 4], "weeks": 4}
    response = owner_client.post("/calendar/repeat/", {**data, "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "12 workouts</strong> will be scheduled" in html and "Schedule 12 workouts" in html
    assert not ScheduledWorkout.objects.exists()

    changed = {**data, "weeks": 5, "count": "12", "confirm": "1"}  # changed after the preview
    response = owner_client.post("/calendar/repeat/", changed)
    assert "15 workouts</strong> will be scheduled" in response.content.decode()
    assert not ScheduledWorkout.objects.exists()

    response = owner_client.post("/calendar/repeat/", {**data, "count": "12", "confirm": "1"})
    assert response["Location"] == "/calendar/2030/05/"
    entries = ScheduledWorkout.objects.filter(user=owner, template=template)
    assert entries.count() == 12
    assert {e.scheduled_date.weekday() for e in entries} == {0, 2, 4}
    assert max(e.scheduled_date for e in entries) == date(2030, 5, 31)


def test_repeat_refuses_more_than_52_weeks_and_no_weekday(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner)
    response = owner_client.post(
        "/calendar/repeat/",
        {
            "template": template.pk,
            "start": "2030-05-06",
            "weekdays": [0],
            "weeks": 53,
            "confirm": 1,
        },
    )
    assert response.status_code == 400
    assert "less than or equal to 52" in response.content.decode()
    response = owner_client.post(
        "/calendar/repeat/",
        {"template": template.pk, "start": "2030-05-06", "weeks": 4, "confirm": 1},
    )
    assert response.status_code == 400
    assert not ScheduledWorkout.objects.exists()


def test_repeat_of_52_weeks_creates_every_entry(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner)
    data = {"template": template.pk, "start": "2030-05-06", "weekdays": [1, 3], "weeks": 52}
    owner_client.post("/calendar/repeat/", {**data, "count": "104", "confirm": "1"})
    assert ScheduledWorkout.objects.count() == 104


def test_repeat_page_without_templates_shows_empty_state(owner_client):
    html = owner_client.get("/calendar/repeat/").content.decode()
    assert "You have no workout templates yet" in html


def test_link_a_finished_session_of_that_day_by_hand(owner_client, owner, make_entry):
    entry = make_entry(scheduled_date=MONDAY, title="Push")
    session = WorkoutSessionFactory(user=owner, name="Push", started_at=utc(2030, 5, 6, 17))
    other_day = WorkoutSessionFactory(user=owner, name="Other", started_at=utc(2030, 5, 7, 17))
    html = owner_client.get(DAY_URL).content.decode()
    assert "Done already? Link" in html and "Other" not in html

    response = owner_client.post(
        f"/calendar/entries/{entry.id}/link/", {"session": str(other_day.id)}
    )
    entry.refresh_from_db()
    assert entry.completed_session_id is None

    response = owner_client.post(
        f"/calendar/entries/{entry.id}/link/", {"session": str(session.id)}
    )
    assert response["Location"] == DAY_URL
    entry.refresh_from_db()
    assert entry.completed_session_id == session.id
    html = owner_client.get(DAY_URL).content.decode()
    assert "badge-completed" in html and "View session" in html
    assert f'href="/history/{session.id}/"' in html


def test_link_refuses_an_unfinished_or_already_linked_entry(owner, make_entry):
    from calendar_app.services import scheduled_workout_link

    entry = make_entry(scheduled_date=MONDAY, title="Push")
    running = WorkoutSessionFactory(
        user=owner, status="in_progress", started_at=utc(2030, 5, 6, 17)
    )
    with pytest.raises(CalendarError):
        scheduled_workout_link(entry_id=entry.id, user=owner, session_id=running.id)
    done = WorkoutSessionFactory(user=owner, started_at=utc(2030, 5, 6, 18))
    scheduled_workout_link(entry_id=entry.id, user=owner, session_id=done.id)
    with pytest.raises(CalendarError, match="already linked"):
        scheduled_workout_link(entry_id=entry.id, user=owner, session_id=done.id)


def test_another_members_session_cannot_be_linked(owner_client, owner, outsider, make_entry):
    entry = make_entry(scheduled_date=MONDAY, title="Push")
    theirs = WorkoutSessionFactory(user=outsider, started_at=utc(2030, 5, 6, 17))
    WorkoutSessionFactory(user=owner, started_at=utc(2030, 5, 6, 9))  # so the form is offered
    owner_client.post(f"/calendar/entries/{entry.id}/link/", {"session": str(theirs.id)})
    entry.refresh_from_db()
    assert entry.completed_session_id is None


def test_schedule_on_any_date_from_the_template_page_link(owner, owner_client):

    template = WorkoutTemplateFactory(user=owner, name="Legs")
    form = owner_client.get(f"/calendar/new/?template={template.id}&date=2025-03-17").text
    assert f'<option value="{template.id}" selected>Legs</option>' in form
    assert 'value="2025-03-17"' in form
    response = owner_client.post(
        "/calendar/new/", {"scheduled_date": "2025-03-17", "template": str(template.id)}
    )
    assert response.status_code == 302 and response["Location"] == "/calendar/2025/03/17/"
    entry = ScheduledWorkout.objects.get(user=owner)
    assert entry.template == template and str(entry.scheduled_date) == "2025-03-17"
    # Bad input: nothing written, the form says why.
    response = owner_client.post("/calendar/new/", {"scheduled_date": "", "template": ""})
    assert response.status_code == 400 and ScheduledWorkout.objects.count() == 1


def test_schedule_form_refuses_another_members_template(owner_client, outsider):

    theirs = WorkoutTemplateFactory(user=outsider)
    response = owner_client.post(
        "/calendar/new/", {"scheduled_date": "2025-03-17", "template": str(theirs.id)}
    )
    assert response.status_code == 400 and not ScheduledWorkout.objects.exists()
