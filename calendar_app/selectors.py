"""Reads of the calendar: one query for the sessions of a date range, one for its entries."""

import calendar
import secrets
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import Q, QuerySet
from django.urls import reverse

from calendar_app.models import CalendarFeed, ScheduledWorkout, feed_token_digest
from fitness.accounts.models import User, WeightUnit
from fitness.formatting import format_minutes, format_volume
from fitness.links import url_filler
from fitness.units import factor
from fitness.workouts.models import WorkoutSession, WorkoutTemplate

STATUS_LABELS = dict(ScheduledWorkout.Status.choices)
# English names, independent of the process locale (calendar.day_name follows it).
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class SessionSummary:
    """A completed session as the calendar shows it (the schema doc's first calendar query)."""

    id: Any
    name: str
    started_at: datetime  # in the member's time zone
    duration_minutes: int | None
    exercise_count: int
    volume: Decimal | None
    unit: str
    url: str = ""  # the session's page in History

    @property
    def volume_display(self) -> str:
        return format_volume(self.volume, self.unit) if self.volume else ""

    @property
    def meta(self) -> str:
        """ "1 h 15 min · 5 exercises · 4,320 kg" for the calendar cells."""
        count = f"{self.exercise_count} exercise{'' if self.exercise_count == 1 else 's'}"
        parts = [self.duration_display, count, self.volume_display]
        return " · ".join(part for part in parts if part)

    @property
    def duration_display(self) -> str:
        return "" if self.duration_minutes is None else format_minutes(self.duration_minutes)


@dataclass(frozen=True)
class EntrySummary:
    """A scheduled entry with its display title and derived status."""

    id: Any
    scheduled_date: date
    title: str
    notes: str
    template_id: Any
    completed_session_id: Any
    status: str
    # The linked session's status and page: History once finished, logging while in progress.
    session_status: str | None = None
    session_url: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class CalendarDay:
    date: date
    in_month: bool
    is_today: bool
    sessions: list[SessionSummary] = field(default_factory=list)
    entries: list[EntrySummary] = field(default_factory=list)
    url: str = ""

    @property
    def has_items(self) -> bool:
        return bool(self.sessions or self.entries)

    @property
    def label(self) -> str:
        """ "Friday 14 March 2025": the accessible name of the day's link."""
        d = self.date
        return f"{DAY_NAMES[d.weekday()]} {d.day} {MONTH_NAMES[d.month]} {d.year}"

    @property
    def dots(self) -> list[str]:
        """One marker per item for the compact phone grid: "session" or the entry's status."""
        linked = {entry.completed_session_id for entry in self.entries}
        sessions = [s for s in self.sessions if s.id not in linked]  # shown as their entry
        return ["session"] * len(sessions) + [entry.status for entry in self.entries]


def _session_urls(name: str):
    """url(session_id) for a session view: one reverse() per page, not one per row (the month
    view is the hottest page, bench/bench_calendar.py)."""
    return url_filler(name, placeholder=uuid.UUID(int=0))


def day_url(day: date) -> str:
    return reverse("calendar_app:day", args=[day.year, day.month, day.day])


@dataclass
class CalendarMonth:
    first: date
    today: date
    weeks: list[list[CalendarDay]]
    previous: date | None
    next: date | None

    @property
    def days_with_items(self) -> list[CalendarDay]:
        return [day for week in self.weeks for day in week if day.in_month and day.has_items]


def _utc_range(first: date, last: date, user: User) -> tuple[datetime, datetime]:
    """[start, end) instants of the local days first..last, as UTC (clamped at year 1 / 9999)."""
    tz = user.tzinfo
    try:
        start = datetime.combine(first, time.min, tzinfo=tz).astimezone(UTC)
    except OverflowError:
        start = datetime.min.replace(tzinfo=UTC)
    try:
        end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz).astimezone(UTC)
    except OverflowError:
        end = datetime.max.replace(tzinfo=UTC)
    return start, end


# The schema doc's first calendar query. Written out rather than built with the ORM because
# building and compiling the conditional aggregate cost about three times running it, on the
# hottest page (bench/bench_calendar.py). Working sets only; each set's weight × reps is
# converted to the member's unit (there are two units: the other one gets the factor).
SESSIONS_SQL = """
SELECT ws.id, ws.name, ws.started_at, ws.completed_at,
       COUNT(DISTINCT wse.id) AS exercise_count,
       SUM(CASE WHEN wset.is_warmup THEN NULL
                WHEN wset.weight_unit = %s THEN wset.weight * wset.reps
                ELSE wset.weight * wset.reps * %s END) AS total_volume
FROM workout_sessions ws
LEFT JOIN workout_session_exercises wse ON wse.session_id = ws.id
LEFT JOIN workout_sets wset ON wset.session_exercise_id = wse.id
WHERE ws.user_id = %s AND ws.status = %s AND ws.started_at >= %s AND ws.started_at < %s
GROUP BY ws.id, ws.name, ws.started_at, ws.completed_at
ORDER BY ws.started_at
"""


def _decimal(value) -> Decimal | None:
    """PostgreSQL returns numeric as Decimal, SQLite as float or int."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def completed_sessions_by_day(
    *, user: User, first: date, last: date
) -> dict[date, list[SessionSummary]]:
    """Completed sessions whose start falls on [first, last] in the member's time zone.

    One aggregate query over a UTC instant range computed from the local midnights; the
    sessions are then bucketed by their local date.
    """
    tz = user.tzinfo
    unit = user.preferred_unit
    (other_unit,) = (u for u in WeightUnit.values if u != unit)
    start, end = _utc_range(first, last, user)
    connection = connections[WorkoutSession.objects.db]
    fields = WorkoutSession._meta
    params = [
        unit,
        factor(other_unit, unit),
        fields.get_field("user").get_db_prep_value(user.pk, connection),
        WorkoutSession.Status.COMPLETED.value,
        fields.get_field("started_at").get_db_prep_value(start, connection),
        fields.get_field("started_at").get_db_prep_value(end, connection),
    ]
    # raw() applies the model fields' converters (UUIDs and datetimes on SQLite).
    rows = WorkoutSession.objects.raw(SESSIONS_SQL, params)
    url = _session_urls("history:session_detail")
    days: dict[date, list[SessionSummary]] = defaultdict(list)
    for row in rows:
        started_at = row.started_at.astimezone(tz)
        duration = None
        if row.completed_at is not None:
            duration = int((row.completed_at - row.started_at).total_seconds() // 60)
        days[started_at.date()].append(
            SessionSummary(
                id=row.id,
                name=row.name,
                started_at=started_at,
                duration_minutes=duration,
                exercise_count=row.exercise_count,
                volume=_decimal(row.total_volume),
                unit=unit,
                url=url(row.id),
            )
        )
    return days


# The schema doc's second calendar query ("Scheduled workouts in range"), written out for the
# same reason as SESSIONS_SQL.
ENTRIES_SQL = """
SELECT sw.id, sw.scheduled_date, sw.title, sw.notes, sw.template_id, sw.completed_session_id,
       wt.name AS template_name, ws.status AS session_status
FROM scheduled_workouts sw
LEFT JOIN workout_templates wt ON wt.id = sw.template_id
LEFT JOIN workout_sessions ws ON ws.id = sw.completed_session_id
WHERE sw.user_id = %s AND sw.scheduled_date BETWEEN %s AND %s
ORDER BY sw.scheduled_date ASC, sw.created_at ASC
"""


def scheduled_entries_by_day(
    *, user: User, first: date, last: date, today: date
) -> dict[date, list[EntrySummary]]:
    """The member's entries on [first, last] with the template's name and the linked session's
    status (one query)."""
    connection = connections[ScheduledWorkout.objects.db]
    fields = ScheduledWorkout._meta
    date_field = fields.get_field("scheduled_date")
    params = [
        fields.get_field("user").get_db_prep_value(user.pk, connection),
        date_field.get_db_prep_value(first, connection),
        date_field.get_db_prep_value(last, connection),
    ]
    urls = {
        WorkoutSession.Status.COMPLETED: _session_urls("history:session_detail"),
        WorkoutSession.Status.IN_PROGRESS: _session_urls("workouts:session_detail"),
    }
    days: dict[date, list[EntrySummary]] = defaultdict(list)
    for row in ScheduledWorkout.objects.raw(ENTRIES_SQL, params):
        days[row.scheduled_date].append(
            EntrySummary(
                id=row.id,
                scheduled_date=row.scheduled_date,
                # The schema doc's fallback: title, else the template's name, else "Untitled".
                title=row.title or row.template_name or "Untitled",
                notes=row.notes or "",
                template_id=row.template_id,
                completed_session_id=row.completed_session_id,
                status=row.status_on(today),
                session_status=row.session_status,
                session_url=(
                    urls[row.session_status](row.completed_session_id)
                    if row.session_status in urls
                    else ""
                ),
            )
        )
    return days


def month_is_valid(year: int, month: int) -> bool:
    return 1 <= year <= 9999 and 1 <= month <= 12


def _shift_month(first: date, delta: int) -> date | None:
    index = first.year * 12 + first.month - 1 + delta
    year, month = divmod(index, 12)
    return date(year, month + 1, 1) if month_is_valid(year, month + 1) else None


def month_grid_dates(year: int, month: int) -> list[list[date]]:
    """Whole Monday-first weeks around the month (the last week of 9999 stops at date.max)."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    start = first - timedelta(days=first.weekday())
    days_after = min(6 - last.weekday(), (date.max - last).days)
    count = (last - start).days + 1 + days_after
    days = [start + timedelta(days=n) for n in range(count)]
    return [days[n : n + 7] for n in range(0, count, 7)]


def calendar_month(*, user: User, year: int, month: int) -> CalendarMonth:
    """The Monday-first grid of whole weeks around a month, filled in two queries."""
    today = user.local_today()
    weeks_of_dates = month_grid_dates(year, month)
    first_day, last_day = weeks_of_dates[0][0], weeks_of_dates[-1][-1]
    sessions = completed_sessions_by_day(user=user, first=first_day, last=last_day)
    entries = scheduled_entries_by_day(user=user, first=first_day, last=last_day, today=today)
    # One reverse() for the whole grid: the day URLs differ only by their date part.
    url_prefix = reverse("calendar_app:index")
    weeks = [
        [
            CalendarDay(
                date=day,
                in_month=day.month == month,
                is_today=day == today,
                sessions=sessions.get(day, []),
                entries=entries.get(day, []),
                url=f"{url_prefix}{day.year:04d}/{day.month:02d}/{day.day:02d}/",
            )
            for day in week
        ]
        for week in weeks_of_dates
    ]
    first = date(year, month, 1)
    return CalendarMonth(
        first=first,
        today=today,
        weeks=weeks,
        previous=_shift_month(first, -1),
        next=_shift_month(first, 1),
    )


def calendar_day(*, user: User, day: date) -> CalendarDay:
    today = user.local_today()
    return CalendarDay(
        date=day,
        url=day_url(day),
        in_month=True,
        is_today=day == today,
        sessions=completed_sessions_by_day(user=user, first=day, last=day).get(day, []),
        entries=scheduled_entries_by_day(user=user, first=day, last=day, today=today).get(day, []),
    )


def schedulable_templates(*, user: User, include_id=None) -> QuerySet[WorkoutTemplate]:
    """The member's own non-archived templates (plus the one an entry already uses)."""
    condition = Q(is_archived=False)
    if include_id is not None:
        condition |= Q(pk=include_id)
    return WorkoutTemplate.objects.filter(condition, user=user).order_by("name")


def calendar_feed_for_user(*, user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_by_token(*, token: str) -> CalendarFeed | None:
    """The feed whose token is `token`, looked up by digest and compared in constant time."""
    feed = (
        CalendarFeed.objects.filter(token_digest=feed_token_digest(token))
        .select_related("user")
        .first()
    )
    if feed is None or not secrets.compare_digest(feed.token, token):
        return None
    return feed


def feed_entries(*, user: User) -> QuerySet[ScheduledWorkout]:
    return (
        ScheduledWorkout.objects.filter(user=user)
        .select_related("template")
        .only(
            "id",
            "scheduled_date",
            "title",
            "notes",
            "template__name",
            "completed_session_id",
            "created_at",
            "updated_at",
        )
        .order_by("scheduled_date", "created_at")
    )


def coming_week(*, user: User, today: date) -> list[tuple[ScheduledWorkout, str]]:
    """Scheduled entries from today to today + 6 days, each with its derived status (home)."""
    entries = (
        ScheduledWorkout.objects.filter(
            user=user, scheduled_date__range=(today, today + timedelta(days=6))
        )
        .select_related("template")
        .order_by("scheduled_date", "created_at")
    )
    return [(entry, entry.status_on(today)) for entry in entries]
