"""The private iCalendar feed: one all-day event per scheduled entry."""

from collections.abc import Iterable
from datetime import date, timedelta

import icalendar

from calendar_app.models import ScheduledWorkout
from fitness.accounts.models import User

UID_DOMAIN = "liftlog"


def entry_uid(entry: ScheduledWorkout) -> str:
    """Stable across edits and moves, so phone calendars update events instead of duplicating."""
    return f"{entry.id}@{UID_DOMAIN}"


def feed_bytes(*, user: User, entries: Iterable[ScheduledWorkout], today: date) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Liftlog//Training calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Liftlog · {user.display_name or user.email}")
    cal.add("x-wr-timezone", user.tzinfo.key)
    for entry in entries:
        status = ScheduledWorkout.Status(entry.status_on(today)).label
        description = "\n\n".join(part for part in [entry.notes or "", f"Status: {status}"] if part)
        event = icalendar.Event()
        event.add("uid", entry_uid(entry))
        event.add("dtstamp", entry.updated_at)
        event.add("last-modified", entry.updated_at)
        event.add("created", entry.created_at)
        event.add("dtstart", entry.scheduled_date)
        if entry.scheduled_date < date.max:  # else DTSTART alone: an all-day event (RFC 5545)
            event.add("dtend", entry.scheduled_date + timedelta(days=1))
        event.add("summary", entry.display_title)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        event.add("categories", [status])
        cal.add_component(event)
    return cal.to_ical()
