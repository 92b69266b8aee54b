"""Reads for the progress pages, from the derived per-exercise summaries.

The overview reads one summary row per exercise; an exercise's page reads its summary, at
most ~150 chart periods (weeks, months over long ranges, years over decades) and its ten best
workouts of the range: a bounded amount whatever the size of the history. The rows are kept by
fitness/workouts/summaries/refresh.py in the transaction of every change of sets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import OuterRef, Subquery
from django.template.defaultfilters import pluralize

from fitness.accounts.models import User
from fitness.formatting import short_date
from fitness.links import url_filler
from fitness.workouts.models import ExercisePeriod, ExerciseSessionStats, ExerciseSummary
from fitness.workouts.summaries import metrics
from fitness.workouts.summaries.display import LABELS, format_metric, set_text

RANGES: dict[str, tuple[str, int | None]] = {
    # key: (label, days back; None = all time)
    "3m": ("3 months", 91),
    "6m": ("6 months", 182),
    "1y": ("1 year", 365),
    "all": ("All time", None),
}
DEFAULT_RANGE = "6m"
MAX_WEEKS, MAX_MONTHS = 60, 150  # beyond: months, then years (a chart draws <= ~150 points)
# The bests an exercise's page lists, per kind (its records first).
BESTS = {
    metrics.STRENGTH: ("e1rm", "heaviest", "set_volume"),
    metrics.BODYWEIGHT: ("most_reps",),
    metrics.TIMED: ("duration",),
    metrics.CARDIO: ("distance", "pace", "duration"),
}


@dataclass(frozen=True)
class Best:
    metric: str
    label: str
    value: str
    detail: str  # the set behind it ("90 kg × 5")
    at: datetime
    session_id: Any


def _bests(kind: str, bests: dict, unit: str) -> Iterator[Best]:
    """The kind's bests that the member has, in BESTS order, made as they are taken."""
    return (
        Best(
            metric=metric,
            label=LABELS[metric],
            value=format_metric(metric, bests[metric]["value"], unit),
            detail=set_text(bests[metric], unit) if metric != "heaviest" else "",
            at=datetime.fromisoformat(bests[metric]["at"]),
            session_id=bests[metric]["session"],
        )
        for metric in BESTS.get(kind, BESTS[metrics.STRENGTH])
        if metric in bests
    )


@dataclass(frozen=True)
class OverviewRow:
    """One exercise of the overview with its text ready: the page lists every exercise the
    member has done (a hundred for some), and a template filter per figure (dates, plurals)
    was most of its time."""

    name: str
    kind: str
    url: str
    workouts: str  # "12 workouts"
    last_done: datetime
    last_done_text: str  # "3 Nov 26" in the member's zone
    best: Best | None  # the kind's headline best
    best_label: str  # "e1RM " before an estimated 1RM
    best_at_text: str
    pr: bool  # the latest workout with it set a record


def progress_overview(*, user: User) -> list[OverviewRow]:
    """Every exercise the member has done, alphabetically: one query, one row each."""
    last_records = ExerciseSessionStats.objects.filter(
        session=OuterRef("last_session"), exercise_key=OuterRef("exercise_key")
    ).values("record_count")[:1]
    rows = (
        ExerciseSummary.objects.filter(user=user)
        .annotate(last_records=Subquery(last_records))
        .order_by("exercise_key")
        .values_list("exercise_key", "kind", "last_done", "workout_count", "bests", "last_records")
    )
    unit, zone = user.preferred_unit, user.tzinfo
    exercise_url = url_filler("history:exercise_progress", placeholder="-")
    overview = []
    for name, kind, last_done, workout_count, bests, last_records in rows:
        best = next(_bests(kind, bests, unit), None)
        overview.append(
            OverviewRow(
                name=name,
                kind=kind,
                url=exercise_url(name),
                workouts=f"{workout_count} workout{pluralize(workout_count)}",
                last_done=last_done,
                last_done_text=short_date(last_done, zone),
                best=best,
                best_label="e1RM " if best and best.metric == "e1rm" else "",
                best_at_text=short_date(best.at, zone) if best else "",
                pr=bool(last_records),
            )
        )
    return overview


@dataclass(frozen=True)
class TopWorkout:
    started_at: datetime
    session_id: Any
    value: str
    detail: str
    has_records: bool


@dataclass
class ExerciseProgress:
    name: str
    unit: str
    kind: str
    headline: str  # the figure the kind is ranked by: "e1rm", "most_reps", "duration", ...
    range_key: str
    grain: str  # "week", "month" or "year": what a chart point stands for
    periods: list[ExercisePeriod]  # every period of the range that has workouts, oldest first
    period_starts: list[date]  # every period of the range, oldest first (for bar charts)
    bests: list[Best]
    top: list[TopWorkout]
    workout_count: int
    first_done: datetime
    formula: str = metrics.EPLEY_FORMULA


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def grain_for(first: date, last: date) -> str:
    """The finest period that keeps a chart of first..last under ~150 points."""
    if (last - first).days // 7 + 1 <= MAX_WEEKS:
        return "week"
    if _months_between(first, last) <= MAX_MONTHS:
        return "month"
    return "year"


def period_starts(grain: str, first: date, last: date) -> list[date]:
    starts, day = [], metrics.period_start(grain, first)
    while day <= last:
        starts.append(day)
        if grain == "week":
            day += timedelta(days=7)
        elif grain == "month":
            day = (day + timedelta(days=32)).replace(day=1)
        else:
            day = day.replace(year=day.year + 1)
    return starts


def exercise_progress(*, user: User, name: str, range_key: str) -> ExerciseProgress | None:
    """Everything an exercise's page shows; None when the member never did `name`.

    Three queries: the summary (all-time bests), the chart periods of the range, and the ten
    best workouts of the range (by the kind's headline figure: e1RM, reps, time, distance).
    """
    summary = ExerciseSummary.objects.filter(user=user, exercise_key=name).first()
    if summary is None:
        return None
    today = user.local_today()
    first_day = summary.first_done.astimezone(user.tzinfo).date()
    days = RANGES[range_key][1]
    start = first_day if days is None else max(first_day, today - timedelta(days=days))
    start = min(start, today)
    grain = grain_for(start, today)
    starts = period_starts(grain, start, today)
    periods = list(
        ExercisePeriod.objects.filter(
            user=user, exercise_key=name, grain=grain, start__gte=starts[0]
        ).order_by("start")
    )
    since = None if days is None else user.local_midnight(today - timedelta(days=days))
    top = ExerciseSessionStats.objects.filter(user=user, exercise_key=name, score__isnull=False)
    if since is not None:
        top = top.filter(started_at__gte=since)
    headline = metrics.HEADLINE.get(summary.kind, "e1rm")
    unit = user.preferred_unit
    return ExerciseProgress(
        name=name,
        unit=unit,
        kind=summary.kind,
        headline=headline,
        range_key=range_key,
        grain=grain,
        periods=periods,
        period_starts=starts,
        bests=list(_bests(summary.kind, summary.bests, unit)),
        top=[
            TopWorkout(
                started_at=row.started_at,
                session_id=row.session_id,
                value=format_metric(headline, row.stats[headline]["value"], unit),
                detail=set_text(row.stats[headline], unit),
                has_records=row.record_count > 0,
            )
            for row in top.order_by("-score", "started_at")[:10]
            if headline in row.stats
        ],
        workout_count=summary.workout_count,
        first_done=summary.first_done,
    )
