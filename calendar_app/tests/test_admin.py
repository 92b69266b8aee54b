import pytest

from calendar_app.services import calendar_feed_regenerate

pytestmark = pytest.mark.django_db


def test_admin_lists_entries_and_feeds_without_showing_the_token(admin_client, owner, make_entry):
    make_entry(title="Push")
    feed = calendar_feed_regenerate(user=owner)
    html = admin_client.get("/admin/calendar_app/scheduledworkout/").content.decode()
    assert "Push" in html
    html = admin_client.get("/admin/calendar_app/calendarfeed/").content.decode()
    assert "Alice" in html
    html = admin_client.get(f"/admin/calendar_app/calendarfeed/{feed.pk}/change/").content.decode()
    assert feed.token not in html
