"""Reads for history, progress and the home dashboard.

Every figure is aggregated in the database, in the member's preferred unit: each set's weight
is converted in SQL (`CASE WHEN weight_unit = preferred THEN weight ELSE weight * factor END`),
so a history that mixes kg and lb adds up correctly. Warm-up sets count in no volume, record
or estimated 1RM (the schema doc's `FILTER (WHERE NOT is_warmup)`).

Estimated 1RM uses Epley's formula: weight × (1 + reps / 30).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, RowNumber, TruncMonth, TruncWeek

from calendar_app.models import ScheduledWorkout
from fitness.accounts.models import User, WeightUnit
from fitness.history.cache import cached_for
from fitness.workouts.models import WorkoutSession, WorkoutSessionExercise, WorkoutSet
from fitness.workouts.units import factor

COMPLETED = WorkoutSession.Status.COMPLETED
EPLEY_FORMULA = "estimated 1RM = weight × (1 + reps ÷ 30)"

RANGES: dict[str, tuple[str, int | None]] = {
    # key: (label, days back; None = all time)
    "3m": ("3 months", 91),
    "6m": ("6 months", 182),
    "1y": ("1 year", 365),
    "all": ("All time", None),
}
DEFAULT_RANGE = "6m"


# --- SQL building blocks --------------------------------------------------------------------


def weight_in(unit: str, prefix: str = "") -> Case:
    """A set's weight converted to `unit`, as a float (NULL for sets without a weight)."""
    other = WeightUnit.LB if unit == WeightUnit.KG else WeightUnit.KG
    weight = Cast(F(f"{prefix}weight"), FloatField())
    return Case(
        When(**{f"{prefix}weight_unit": unit}, then=weight),
        default=weight * Value(float(factor(other, unit))),
        output_field=FloatField(),
    )


def e1rm_in(unit: str, prefix: str = ""):
    """Epley's estimated one-rep max of a set, in `unit`."""
    reps = Cast(F(f"{prefix}reps"), FloatField())
    return weight_in(unit, prefix) * (Value(1.0) + reps / Value(30.0))


def volume_in(unit: str, prefix: str = ""):
    """weight × reps of a set, in `unit`."""
    return weight_in(unit, prefix) * Cast(F(f"{prefix}reps"), FloatField())


def working_sets(prefix: str = "") -> Q:
    """Sets that count: not warm-ups."""
    return Q(**{f"{prefix}is_warmup": False})


def loaded_sets(prefix: str = "") -> Q:
    """Working sets with a weight and at least one rep: the ones records and e1RM use."""
    return Q(
        **{
            f"{prefix}is_warmup": False,
            f"{prefix}weight__isnull": False,
            f"{prefix}reps__gte": 1,
        }
    )


# --- Time helpers ---------------------------------------------------------------------------


def local_midnight(user: User, day: date) -> datetime:
    """The aware instant at which `day` starts in the member's time zone."""
    return datetime.combine(day, time.min, tzinfo=user.tzinfo)


def week_start(day: date) -> date:
    """Monday of the week of `day` (weeks start on Monday, as on the calendar)."""
    return day - timedelta(days=day.weekday())


def _week_key(value: datetime | date) -> date:
    # TruncWeek/TruncMonth(tzinfo=...) return an aware datetime in that zone on both backends.
    return value.date() if isinstance(value, datetime) else value


def range_start(user: User, range_key: str) -> datetime | None:
    days = RANGES[range_key][1]
    if days is None:
        return None
    return local_midnight(user, user.local_today() - timedelta(days=days))


# --- History list and session detail --------------------------------------------------------


def _session_volume(unit: str) -> Subquery:
    sets = (
        WorkoutSet.objects.filter(session_exercise__session=OuterRef("pk"), is_warmup=False)
        .order_by()
        .values("session_exercise__session")
        .annotate(total=Sum(volume_in(unit)))
        .values("total")
    )
    return Subquery(sets, output_field=FloatField())


def _exercise_count() -> Subquery:
    rows = (
        WorkoutSessionExercise.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), Value(0))


def completed_sessions(*, user: User) -> QuerySet[WorkoutSession]:
    """The member's completed sessions, newest first, each with `exercise_count` and `volume`.

    The figures are correlated subqueries, so a sliced page computes them for its rows only.
    """
    return (
        WorkoutSession.objects.filter(user=user, status=COMPLETED)
        .annotate(exercise_count=_exercise_count(), volume=_session_volume(user.preferred_unit))
        .order_by("-started_at", "-pk")
    )


@dataclass(frozen=True)
class HistoryFilters:
    exercise: str = ""
    date_from: date | None = None
    date_to: date | None = None


def filter_sessions(
    sessions: QuerySet[WorkoutSession], *, user: User, filters: HistoryFilters
) -> QuerySet[WorkoutSession]:
    """Narrow to sessions with an exercise and/or within local dates (both inclusive)."""
    if filters.exercise:
        sessions = sessions.filter(
            Exists(
                WorkoutSessionExercise.objects.filter(
                    session=OuterRef("pk"), exercise_name=filters.exercise
                )
            )
        )
    if filters.date_from:
        sessions = sessions.filter(started_at__gte=local_midnight(user, filters.date_from))
    if filters.date_to:
        end = local_midnight(user, filters.date_to + timedelta(days=1))
        sessions = sessions.filter(started_at__lt=end)
    return sessions


def exercise_names(*, user: User) -> list[str]:
    """Every exercise name in the member's completed history, alphabetically."""
    return list(
        WorkoutSessionExercise.objects.filter(session__user=user, session__status=COMPLETED)
        .order_by("exercise_name")
        .values_list("exercise_name", flat=True)
        .distinct()
    )


def session_for_user(*, user: User, session_id) -> WorkoutSession | None:
    """One of the member's sessions with its exercises, their volume and every set."""
    unit = user.preferred_unit
    exercises = WorkoutSessionExercise.objects.annotate(
        volume=Sum(volume_in(unit, "sets__"), filter=working_sets("sets__"))
    ).prefetch_related(
        # Each set carries its weight in the preferred unit, converted by the database.
        _sets_prefetch(unit)
    )
    return (
        WorkoutSession.objects.filter(user=user, pk=session_id)
        .annotate(exercise_count=_exercise_count(), volume=_session_volume(unit))
        .prefetch_related(Prefetch("session_exercises", queryset=exercises))
        .first()
    )


def _sets_prefetch(unit: str) -> Prefetch:
    return Prefetch(
        "sets",
        queryset=WorkoutSet.objects.annotate(
            weight_display=weight_in(unit), e1rm=e1rm_in(unit)
        ).order_by("set_number", "pk"),
    )


# --- Progress -------------------------------------------------------------------------------


@dataclass
class ExerciseSummary:
    name: str
    last_done: datetime
    session_count: int
    best_e1rm: float | None = None
    best_weight: float | None = None
    best_reps: int | None = None
    best_date: datetime | None = None


def progress_overview(*, user: User) -> list[ExerciseSummary]:
    """Every exercise the member has done: last done, number of sessions, best set (the set
    with the highest estimated 1RM) and that e1RM. Two queries whatever the history size."""
    unit = user.preferred_unit
    rows = (
        WorkoutSessionExercise.objects.filter(session__user=user, session__status=COMPLETED)
        .values("exercise_name")
        .annotate(
            last_done=Max("session__started_at"),
            session_count=Count("session", distinct=True),
        )
        .order_by("exercise_name")
    )
    summaries = {
        row["exercise_name"]: ExerciseSummary(
            name=row["exercise_name"],
            last_done=row["last_done"],
            session_count=row["session_count"],
        )
        for row in rows
    }
    best_sets = (
        WorkoutSet.objects.filter(
            loaded_sets(),
            session_exercise__session__user=user,
            session_exercise__session__status=COMPLETED,
        )
        .annotate(
            e1rm=e1rm_in(unit),
            weight_display=weight_in(unit),
            started_at=F("session_exercise__session__started_at"),
            rank=Window(
                RowNumber(),
                partition_by=[F("session_exercise__exercise_name")],
                order_by=[F("e1rm").desc(), F("started_at").asc()],
            ),
        )
        .filter(rank=1)
        .values("session_exercise__exercise_name", "e1rm", "weight_display", "reps", "started_at")
    )
    for row in best_sets:
        summary = summaries.get(row["session_exercise__exercise_name"])
        if summary is not None:
            summary.best_e1rm = row["e1rm"]
            summary.best_weight = row["weight_display"]
            summary.best_reps = row["reps"]
            summary.best_date = row["started_at"]
    return list(summaries.values())


@dataclass(frozen=True)
class SessionPoint:
    """One session's figures for one exercise."""

    session_id: Any
    started_at: datetime
    volume: float
    best_e1rm: float | None
    heaviest: float | None
    most_reps: int | None


@dataclass(frozen=True)
class Record:
    label: str
    value: float | int
    kind: str  # "weight", "reps" or "volume": how the value is shown
    started_at: datetime
    session_id: Any


@dataclass
class ExerciseProgress:
    name: str
    unit: str
    range_key: str
    sessions: list[SessionPoint]  # within the range, oldest first
    volume_period: str  # "week", or "month" over long ranges
    volume: list[tuple[date, float]]  # every period of the range, oldest first
    top_sets: list[dict]
    records: list[Record]
    total_sessions: int = 0
    formula: str = EPLEY_FORMULA


def _exercise_sessions(*, user: User, name: str) -> list[SessionPoint]:
    unit = user.preferred_unit
    rows = (
        WorkoutSessionExercise.objects.filter(
            session__user=user, session__status=COMPLETED, exercise_name=name
        )
        .values("session_id", "session__started_at")
        .annotate(
            volume=Sum(volume_in(unit, "sets__"), filter=working_sets("sets__")),
            best_e1rm=Max(e1rm_in(unit, "sets__"), filter=loaded_sets("sets__")),
            heaviest=Max(weight_in(unit, "sets__"), filter=loaded_sets("sets__")),
            most_reps=Max("sets__reps", filter=working_sets("sets__") & Q(sets__reps__gte=1)),
        )
        .order_by("session__started_at", "session_id")
    )
    return [
        SessionPoint(
            session_id=row["session_id"],
            started_at=row["session__started_at"],
            volume=row["volume"] or 0.0,
            best_e1rm=row["best_e1rm"],
            heaviest=row["heaviest"],
            most_reps=row["most_reps"],
        )
        for row in rows
    ]


def personal_records(points: Iterable[SessionPoint]) -> list[Record]:
    """Heaviest weight, best e1RM, most reps and best session volume, each with the first
    session that reached it (`points` are per-session aggregates, oldest first)."""
    specs = [
        ("Heaviest weight", "heaviest", "weight"),
        ("Best estimated 1RM", "best_e1rm", "weight"),
        ("Most reps in a set", "most_reps", "reps"),
        ("Best session volume", "volume", "volume"),
    ]
    best: dict[str, SessionPoint] = {}
    for point in points:
        for _label, attr, _kind in specs:
            value = getattr(point, attr)
            # Strictly greater: the record is dated by the first session that set it.
            if value and (attr not in best or value > getattr(best[attr], attr) + 1e-9):
                best[attr] = point
    return [
        Record(label, getattr(best[attr], attr), kind, best[attr].started_at, best[attr].session_id)
        for label, attr, kind in specs
        if attr in best
    ]


MAX_WEEKLY_BARS = 60


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _volume_buckets(
    *, user: User, name: str, since: datetime | None, first: datetime
) -> tuple[str, list[tuple[date, float]]]:
    """Volume per week of the range (per month when that would be over 60 bars), oldest
    first, empty periods included. Returns ("week" | "month", [(period start, volume)])."""
    unit = user.preferred_unit
    today = user.local_today()
    start_day = (since or first).astimezone(user.tzinfo).date()
    by_month = (today - start_day).days > MAX_WEEKLY_BARS * 7
    sets = WorkoutSet.objects.filter(
        working_sets(),
        session_exercise__session__user=user,
        session_exercise__session__status=COMPLETED,
        session_exercise__exercise_name=name,
    )
    if since is not None:
        sets = sets.filter(session_exercise__session__started_at__gte=since)
    trunc = TruncMonth if by_month else TruncWeek
    rows = (
        sets.annotate(period=trunc("session_exercise__session__started_at", tzinfo=user.tzinfo))
        .values("period")
        .annotate(total=Sum(volume_in(unit)))
        .order_by("period")
    )
    totals = {_week_key(row["period"]): row["total"] or 0.0 for row in rows}
    if by_month:
        periods, day = [], _month_start(start_day)
        while day <= today:
            periods.append(day)
            day = (day + timedelta(days=32)).replace(day=1)
    else:
        periods, day = [], week_start(start_day)
        while day <= today:
            periods.append(day)
            day += timedelta(days=7)
    return ("month" if by_month else "week"), [(p, totals.get(p, 0.0)) for p in periods]


def _top_sets(*, user: User, name: str, since: datetime | None, limit: int = 10) -> list[dict]:
    """The best set (highest e1RM) of each of the `limit` best workouts in the range."""
    unit = user.preferred_unit
    sets = WorkoutSet.objects.filter(
        loaded_sets(),
        session_exercise__session__user=user,
        session_exercise__session__status=COMPLETED,
        session_exercise__exercise_name=name,
    )
    if since is not None:
        sets = sets.filter(session_exercise__session__started_at__gte=since)
    return list(
        sets.annotate(
            e1rm=e1rm_in(unit),
            weight_display=weight_in(unit),
            started_at=F("session_exercise__session__started_at"),
            session_id=F("session_exercise__session_id"),
            rank=Window(
                RowNumber(),
                partition_by=[F("session_exercise__session_id")],
                order_by=[F("e1rm").desc(), F("set_number").asc(), F("pk").asc()],
            ),
        )
        .filter(rank=1)
        .order_by("-e1rm", "started_at", "pk")
        .values("e1rm", "weight_display", "reps", "rpe", "started_at", "session_id")[:limit]
    )


def exercise_progress(*, user: User, name: str, range_key: str) -> ExerciseProgress | None:
    """Everything the per-exercise page shows; None when the member never did `name`.

    Three queries: per-session aggregates (all time: records are all-time), volume per week
    and top sets (both within the range).
    """
    all_sessions = _exercise_sessions(user=user, name=name)
    if not all_sessions:
        return None
    since = range_start(user, range_key)
    in_range = [p for p in all_sessions if since is None or p.started_at >= since]
    volume_period, volume = _volume_buckets(
        user=user, name=name, since=since, first=all_sessions[0].started_at
    )
    return ExerciseProgress(
        name=name,
        unit=user.preferred_unit,
        range_key=range_key,
        sessions=in_range,
        volume_period=volume_period,
        volume=volume,
        top_sets=_top_sets(user=user, name=name, since=since),
        records=personal_records(all_sessions),
        total_sessions=len(all_sessions),
    )


# --- Home dashboard -------------------------------------------------------------------------


def workouts_per_week(*, user: User) -> dict[date, int]:
    """Completed sessions per local week (Monday), over the member's whole history."""
    rows = (
        WorkoutSession.objects.filter(user=user, status=COMPLETED)
        .annotate(week=TruncWeek("started_at", tzinfo=user.tzinfo))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {_week_key(row["week"]): row["n"] for row in rows}


def last_weeks(counts: dict[date, int], *, today: date, weeks: int = 12) -> list[tuple[date, int]]:
    """The last `weeks` weeks ending with the current one, oldest first, with their counts."""
    current = week_start(today)
    return [
        (current - timedelta(weeks=n), counts.get(current - timedelta(weeks=n), 0))
        for n in range(weeks - 1, -1, -1)
    ]


def current_streak(counts: dict[date, int], *, today: date) -> int:
    """Consecutive weeks with at least one workout, up to now.

    The week in progress extends the streak when it has a workout but does not break it when
    it has none yet.
    """
    week = week_start(today)
    if not counts.get(week):
        week -= timedelta(weeks=1)
    streak = 0
    while counts.get(week):
        streak += 1
        week -= timedelta(weeks=1)
    return streak


def coming_week(*, user: User, today: date) -> list[tuple[ScheduledWorkout, str]]:
    """Scheduled entries from today to today + 6 days, each with its derived status."""
    entries = (
        ScheduledWorkout.objects.filter(
            user=user, scheduled_date__range=(today, today + timedelta(days=6))
        )
        .select_related("template")
        .order_by("scheduled_date", "created_at")
    )
    return [(entry, entry.status_on(today)) for entry in entries]


@dataclass
class Dashboard:
    today: date
    coming: list[tuple[ScheduledWorkout, str]]
    recent: list[WorkoutSession]
    weeks: list[tuple[date, int]]  # the last 12 weeks, oldest first
    streak: int
    this_week: int


def dashboard(*, user: User) -> Dashboard:
    """The home page: coming week, last five workouts, workouts per week and streak.

    Two queries: the weekly counts of the whole history (for the streak) and the last five
    workouts come from the cache while the history is unchanged (a one-row check of its
    version); the coming week is read fresh.
    """
    today = user.local_today()
    counts, recent = cached_for(
        user,
        "dashboard",
        lambda: (workouts_per_week(user=user), list(completed_sessions(user=user)[:5])),
    )
    return Dashboard(
        today=today,
        coming=coming_week(user=user, today=today),
        recent=recent,
        weeks=last_weeks(counts, today=today),
        streak=current_streak(counts, today=today),
        this_week=counts.get(week_start(today), 0),
    )
