"""The private iCalendar feed and its card."""

from datetime import date, timedelta

import icalendar
import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory

from calendar_app.models import CalendarFeed, feed_token_digest
from calendar_app.services import calendar_feed_regenerate
from fitness.workouts.tests.factories import WorkoutSessionFactory, WorkoutTemplateFactory

pytestmark = pytest.mark.django_db


def _events(response) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def test_feed_parses_back_with_one_all_day_event_per_entry(client, owner, outsider, make_entry):
    today = owner.local_today()
    template = WorkoutTemplateFactory(user=owner, name="Upper A")
    planned = make_entry(scheduled_date=today + timedelta(days=2), template=template)
    missed = make_entry(scheduled_date=today - timedelta(days=2), title="Run", notes="5 km easy")
    done = make_entry(scheduled_date=today - timedelta(days=1), title="Legs")
    done.completed_session = WorkoutSessionFactory(user=owner)
    done.save()
    make_entry(user=outsider, title="Not in my feed")
    feed = calendar_feed_regenerate(user=owner)

    response = client.get(f"/calendar/feed/{feed.token}.ics")  # no login: the token is the key

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response)
    assert set(events) == {f"{e.id}@liftlog" for e in (planned, missed, done)}
    event = events[f"{planned.id}@liftlog"]
    assert str(event["SUMMARY"]) == "Upper A"
    assert event.decoded("DTSTART") == planned.scheduled_date
    assert event.decoded("DTEND") == planned.scheduled_date + timedelta(days=1)
    assert "Status: Planned" in str(event["DESCRIPTION"])
    missed_event = events[f"{missed.id}@liftlog"]
    assert str(missed_event["DESCRIPTION"]) == "5 km easy\n\nStatus: Missed"
    assert "Status: Completed" in str(events[f"{done.id}@liftlog"]["DESCRIPTION"])
    assert "Not in my feed" not in response.content.decode()


def test_feed_uids_are_stable_across_edits_and_moves(client, owner, make_entry):
    entry = make_entry(scheduled_date=date(2030, 5, 6), title="Push")
    feed = calendar_feed_regenerate(user=owner)
    before = _events(client.get(f"/calendar/feed/{feed.token}.ics"))
    entry.scheduled_date = date(2030, 5, 9)
    entry.title = "Push (moved)"
    entry.save()
    after = _events(client.get(f"/calendar/feed/{feed.token}.ics"))
    assert set(before) == set(after) == {f"{entry.id}@liftlog"}
    assert str(after[f"{entry.id}@liftlog"]["SUMMARY"]) == "Push (moved)"


def test_regenerating_revokes_the_old_token(client, owner, make_entry):
    make_entry(title="Push")
    old = calendar_feed_regenerate(user=owner).token
    new = calendar_feed_regenerate(user=owner).token
    assert old != new
    assert CalendarFeed.objects.filter(user=owner).count() == 1
    assert client.get(f"/calendar/feed/{old}.ics").status_code == 404
    assert client.get(f"/calendar/feed/{new}.ics").status_code == 200


@pytest.mark.parametrize("token", ["nope", "x" * 43, ""])
def test_unknown_tokens_are_404(client, owner, token):
    calendar_feed_regenerate(user=owner)
    assert client.get(f"/calendar/feed/{token}.ics").status_code == 404


def test_feed_is_looked_up_by_digest_and_compared(owner):
    feed = calendar_feed_regenerate(user=owner)
    assert feed.token_digest == feed_token_digest(feed.token)
    assert len(feed.token) >= 40


def test_regenerate_view_is_post_only_and_returns_to_next(owner_client, owner):
    assert owner_client.get("/calendar/feed/regenerate/").status_code == 405
    response = owner_client.post("/calendar/feed/regenerate/", {"next": "/accounts/"})
    assert response["Location"] == "/accounts/"
    first = CalendarFeed.objects.get(user=owner).token
    response = owner_client.post("/calendar/feed/regenerate/", {"next": "https://evil.example/"})
    assert response["Location"] == "/calendar/subscribe/"
    assert CalendarFeed.objects.get(user=owner).token != first


def test_subscribe_page_shows_the_card_with_the_absolute_url(owner_client, owner):
    html = owner_client.get("/calendar/subscribe/").content.decode()
    assert "Create my feed address" in html and 'action="/calendar/feed/regenerate/"' in html
    owner_client.post("/calendar/feed/regenerate/", {"next": "/calendar/subscribe/"})
    token = CalendarFeed.objects.get(user=owner).token
    html = owner_client.get("/calendar/subscribe/").content.decode()
    assert f'value="http://testserver/calendar/feed/{token}.ics"' in html
    assert "Make a new address" in html and "Your calendar feed address is ready." in html


def test_month_view_links_to_subscribe(owner_client):
    html = owner_client.get("/calendar/2030/05/").content.decode()
    assert 'href="/calendar/subscribe/"' in html


def test_feed_card_tag_renders_on_any_page(owner, rf: RequestFactory):
    request = rf.get("/accounts/")
    request.user = owner
    html = Template("{% load calendar_tags %}{% calendar_feed_card %}").render(
        RequestContext(request, {})
    )
    assert "Calendar feed" in html and 'name="next" value="/accounts/"' in html
