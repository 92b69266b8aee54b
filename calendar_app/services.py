"""Writes of the calendar: scheduled entries, starting and linking sessions, the feed token."""

import secrets
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from calendar_app.models import CalendarFeed, ScheduledWorkout, feed_token_digest
from fitness.accounts.models import User
from fitness.dates import OUT_OF_RANGE, in_range
from fitness.workouts.models import WorkoutSession, WorkoutTemplate
from fitness.workouts.services import session_start

MAX_REPEAT_WEEKS = 52


class CalendarError(Exception):
    """A calendar action that cannot be done; the message is shown to the member."""


def scheduled_workout_create(
    *,
    user: User,
    scheduled_date: date,
    template: WorkoutTemplate | None = None,
    title: str = "",
    notes: str = "",
) -> ScheduledWorkout:
    return ScheduledWorkout.objects.create(
        user=user,
        scheduled_date=scheduled_date,
        template=template,
        title=title or None,
        notes=notes or None,
    )


def scheduled_workout_update(
    *,
    entry: ScheduledWorkout,
    scheduled_date: date,
    template: WorkoutTemplate | None,
    title: str,
    notes: str,
) -> ScheduledWorkout:
    entry.scheduled_date = scheduled_date
    entry.template = template
    entry.title = title or None
    entry.notes = notes or None
    entry.save()  # auto_now refreshes updated_at
    return entry


def scheduled_workout_move(*, entry: ScheduledWorkout, scheduled_date: date) -> ScheduledWorkout:
    entry.scheduled_date = scheduled_date
    entry.save(update_fields=["scheduled_date", "updated_at"])
    return entry


def scheduled_workout_delete(*, entry: ScheduledWorkout) -> None:
    entry.delete()


def repeat_dates(*, start: date, weekdays: Iterable[int], weeks: int) -> list[date]:
    """The dates of `weeks` weeks of the chosen weekdays (0 = Monday), from `start` on."""
    if not 1 <= weeks <= MAX_REPEAT_WEEKS:
        raise CalendarError(f"Choose between 1 and {MAX_REPEAT_WEEKS} weeks.")
    if not in_range(start):  # checked before any arithmetic: date.max + 1 day overflows
        raise CalendarError(OUT_OF_RANGE)
    offsets = sorted({(int(day) - start.weekday()) % 7 for day in weekdays})
    days = [
        start + timedelta(days=7 * week + offset) for week in range(weeks) for offset in offsets
    ]
    if days and not in_range(days[-1]):
        raise CalendarError(OUT_OF_RANGE)
    return days


@transaction.atomic
def scheduled_workout_repeat(
    *, user: User, template: WorkoutTemplate, start: date, weekdays: Iterable[int], weeks: int
) -> list[ScheduledWorkout]:
    """Schedule `template` on the chosen weekdays for `weeks` weeks, all or nothing."""
    if template.user_id != user.pk:
        raise CalendarError("Choose one of your own templates.")
    entries = [
        ScheduledWorkout(user=user, template=template, scheduled_date=day)
        for day in repeat_dates(start=start, weekdays=weekdays, weeks=weeks)
    ]
    return ScheduledWorkout.objects.bulk_create(entries)


def _link(*, entry_id, user: User, session: WorkoutSession) -> bool:
    """The schema doc's link query: only an entry that is not linked yet gets the session."""
    updated = ScheduledWorkout.objects.filter(
        pk=entry_id, user=user, completed_session__isnull=True
    ).update(completed_session=session, updated_at=timezone.now())
    return updated == 1


@transaction.atomic
def scheduled_workout_start(*, entry_id, user: User) -> WorkoutSession:
    """Start the session of a scheduled entry, or return the one already started.

    The entry row is locked first, so two concurrent starts make exactly one session: the
    second waits for the first to commit, then sees the link and returns that session.
    Raises ScheduledWorkout.DoesNotExist for another member's entry, and CalendarError for a
    free entry (no template: a rest day, a note), which the day page offers no Start for.
    """
    entry = ScheduledWorkout.objects.select_for_update().get(pk=entry_id, user=user)
    if entry.completed_session_id is not None:
        return WorkoutSession.objects.get(pk=entry.completed_session_id)
    if entry.template_id is None:
        raise CalendarError(f"“{entry.display_title}” has no template: there is nothing to start.")
    template = WorkoutTemplate.objects.get(pk=entry.template_id)
    entry.template = template
    session = session_start(user=user, template=template, name=entry.display_title)
    if not _link(entry_id=entry.pk, user=user, session=session):  # pragma: no cover (locked)
        raise CalendarError("This workout was started elsewhere.")
    return session


@transaction.atomic
def scheduled_workout_link(*, entry_id, user: User, session_id) -> ScheduledWorkout:
    """Link a finished session of the entry's day (in the member's time zone) by hand."""
    entry = ScheduledWorkout.objects.select_for_update().get(pk=entry_id, user=user)
    if entry.completed_session_id is not None:
        raise CalendarError("This entry is already linked to a session.")
    session = WorkoutSession.objects.filter(
        pk=session_id, user=user, status=WorkoutSession.Status.COMPLETED
    ).first()
    if session is None or session.started_at.astimezone(user.tzinfo).date() != (
        entry.scheduled_date
    ):
        raise CalendarError("Choose one of your finished sessions of that day.")
    _link(entry_id=entry.pk, user=user, session=session)
    entry.refresh_from_db()
    return entry


def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """Create the member's feed token, or replace it: the old URL stops working at once."""
    token = secrets.token_urlsafe(32)
    feed, _ = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": token, "token_digest": feed_token_digest(token)}
    )
    return feed
