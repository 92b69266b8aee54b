"""Reads for the history list, a workout's page and the home dashboard.

Every read is bounded by what the page shows, never by the size of the member's history: the
list pages by keyset (one row more than a page tells whether there is an older one), the
dashboard counts the workouts of its last 13 weeks in the member's zone of today and carries
the streak from before them from the derived weekly counts (fitness/workouts/summaries).
Figures are in the member's preferred unit (fitness/history/expressions.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from django.db.models import (
    Count,
    Exists,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.dateparse import parse_datetime

from fitness.accounts.models import User
from fitness.history.expressions import e1rm_in, volume_in, weight_in, working_sets
from fitness.workouts.models import (
    ExerciseSessionStats,
    ExerciseSummary,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
    WorkoutWeek,
)
from fitness.workouts.summaries.metrics import EPLEY_FORMULA, week_start

__all__ = ["EPLEY_FORMULA", "week_start"]

COMPLETED = WorkoutSession.Status.COMPLETED


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


def _exercise_count() -> Coalesce:
    rows = (
        WorkoutSessionExercise.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), Value(0))


@functools.cache
def _list_figures(unit: str) -> dict:
    """The annotations of a history row, built once per unit: Django copies an expression
    when a query uses it, and building these three subqueries was a fifth of /history/."""
    return {
        "exercise_count": _exercise_count(),
        "volume": _session_volume(unit),
        # A scalar subquery with LIMIT 1, not EXISTS: PostgreSQL may turn an EXISTS in the
        # select list into one hashed scan of every member's rows.
        "has_records": Subquery(
            ExerciseSessionStats.objects.filter(session=OuterRef("pk"), record_count__gt=0)
            .order_by()
            .values("record_count")[:1]
        ),
    }


def completed_sessions(*, user: User) -> QuerySet[WorkoutSession]:
    """The member's completed sessions, newest first, each with `exercise_count`, `volume` and
    `has_records` (truthy when it broke a record). The figures are correlated subqueries, so
    a sliced page computes them for its rows only."""
    return (
        WorkoutSession.objects.filter(user=user, status=COMPLETED)
        .annotate(**_list_figures(user.preferred_unit))
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
        sessions = sessions.filter(started_at__gte=user.local_midnight(filters.date_from))
    if filters.date_to:
        end = user.local_midnight(filters.date_to + timedelta(days=1))
        sessions = sessions.filter(started_at__lt=end)
    return sessions


def exercise_names(*, user: User) -> list[str]:
    """Every exercise in the member's completed history, alphabetically (one row each)."""
    return list(
        ExerciseSummary.objects.filter(user=user)
        .order_by("exercise_key")
        .values_list("exercise_key", flat=True)
    )


@dataclass(frozen=True)
class HistoryPage:
    sessions: list[WorkoutSession]
    newer: str | None  # cursor of the page before (newer workouts), None on the first page
    older: str | None  # cursor of the next page (older workouts), None on the last page


def cursor_of(session: WorkoutSession) -> str:
    return f"{session.started_at.isoformat()}~{session.pk}"


def _parse_cursor(value: str | None) -> tuple[datetime, UUID] | None:
    """(started_at, id) from a cursor; None when missing or not one of ours."""
    moment, _, pk = (value or "").partition("~")
    try:
        started_at, session_id = parse_datetime(moment), UUID(pk)
    except ValueError:
        return None
    if started_at is None or started_at.tzinfo is None:
        return None
    return started_at, session_id


def history_page(
    sessions: QuerySet[WorkoutSession],
    *,
    before: str | None = None,
    after: str | None = None,
    size: int = 20,
) -> HistoryPage:
    """One page of `sessions` (newest first) after a keyset cursor: no COUNT, no OFFSET.

    `before`: the workouts older than that one (the "Older" link); `after`: the ones newer
    (the "Newer" link). One query of `size + 1` rows tells whether another page follows.
    """
    if (key := _parse_cursor(after)) is not None:
        moment, pk = key
        rows = list(
            sessions.filter(Q(started_at__gt=moment) | Q(started_at=moment, pk__gt=pk)).order_by(
                "started_at", "pk"
            )[: size + 1]
        )
        more, rows = len(rows) > size, rows[:size][::-1]
        if rows:  # coming back from an older page: that page is still there
            return HistoryPage(rows, cursor_of(rows[0]) if more else None, cursor_of(rows[-1]))
    if (key := _parse_cursor(before)) is not None:
        moment, pk = key
        sessions = sessions.filter(Q(started_at__lt=moment) | Q(started_at=moment, pk__lt=pk))
    rows = list(sessions[: size + 1])
    more, rows = len(rows) > size, rows[:size]
    newer = cursor_of(rows[0]) if key is not None and rows else None
    return HistoryPage(rows, newer, cursor_of(rows[-1]) if more else None)


def session_for_user(*, user: User, session_id) -> WorkoutSession | None:
    """One of the member's sessions with its exercises in the order logged, their volume and
    every set (each with its weight and e1RM in the preferred unit, converted by the database)."""
    unit = user.preferred_unit
    exercises = (
        WorkoutSessionExercise.objects.annotate(
            volume=Sum(volume_in(unit, "sets__"), filter=working_sets("sets__"))
        )
        # Explicit: an aggregate query drops the model's default ordering (order_index).
        .order_by("order_index", "pk")
        .prefetch_related(
            Prefetch(
                "sets",
                queryset=WorkoutSet.objects.annotate(
                    weight_display=weight_in(unit), e1rm=e1rm_in(unit)
                ).order_by("set_number", "pk"),
            )
        )
    )
    return (
        WorkoutSession.objects.filter(user=user, pk=session_id)
        .annotate(exercise_count=_exercise_count(), volume=_session_volume(unit))
        .prefetch_related(Prefetch("session_exercises", queryset=exercises))
        .first()
    )


# --- Home dashboard -------------------------------------------------------------------------


@dataclass
class Dashboard:
    today: date
    recent: list[WorkoutSession]
    weeks: list[tuple[date, int]]  # the last 12 weeks, oldest first
    streak: int
    this_week: int


def current_streak(
    counts: dict[date, int], *, today: date, window_start: date | None = None, carried: int = 0
) -> int:
    """Consecutive weeks with at least one workout, up to now.

    The week in progress extends the streak when it has a workout but does not break it when
    it has none yet. `counts` covers the weeks from `window_start` on; when every one of them
    has a workout, the streak goes on with `carried`, the stored streak of the week before.
    """
    week = week_start(today)
    if not counts.get(week):
        week -= timedelta(weeks=1)
    streak = 0
    while counts.get(week):
        streak += 1
        week -= timedelta(weeks=1)
    if window_start is not None and week < window_start:
        streak += carried
    return streak


def dashboard(*, user: User, weeks: int = 12) -> Dashboard:
    """The home page's own figures: last five workouts, workouts per week over the last
    `weeks` weeks and the streak. Three queries, whatever the history: the sessions of those
    weeks only (counted in the member's time zone of today), and for a streak longer than
    that, the streak kept with the week before (fitness/workouts/summaries)."""
    today = user.local_today()
    current = week_start(today)
    first = current - timedelta(weeks=weeks)  # one more than shown: this week may be empty
    counts: dict[date, int] = {}
    for started_at in WorkoutSession.objects.filter(
        user=user, status=COMPLETED, started_at__gte=user.local_midnight(first)
    ).values_list("started_at", flat=True):
        week = week_start(started_at.astimezone(user.tzinfo).date())
        counts[week] = counts.get(week, 0) + 1
    before = WorkoutWeek.objects.filter(user=user, week=first - timedelta(weeks=1)).first()
    shown = [current - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    return Dashboard(
        today=today,
        recent=list(completed_sessions(user=user)[:5]),
        weeks=[(week, counts.get(week, 0)) for week in shown],
        streak=current_streak(
            counts, today=today, window_start=first, carried=before.streak if before else 0
        ),
        this_week=counts.get(current, 0),
    )
