"""Keeping the per-exercise summaries in step with the sets, in the writer's transaction.

`history_summaries_refresh(user=, exercise_keys=, since=)` recomputes what a change of the
member's completed workouts from `since` on can have moved: the workouts' own figures (from
their sets), the running bests and records from there on, the chart periods that contain
them and the weekly workout counts with their streak. Finishing a workout is the common
case: `since` is its start, so the work is one workout's sets plus the periods around it.
Sessions in progress are not history: logging a set in one refreshes nothing.
"""

from __future__ import annotations

import gc
import json
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import itemgetter

from django.db import connection
from django.db.models import JSONField, Q

from fitness.accounts.models import User
from fitness.workouts.models import WorkoutSession, WorkoutSessionExercise, WorkoutSet
from fitness.workouts.summaries import metrics
from fitness.workouts.summaries.models import (
    ExercisePeriod,
    ExerciseSessionStats,
    ExerciseSummary,
    WorkoutWeek,
)

COMPLETED = WorkoutSession.Status.COMPLETED
COPY_FROM = 100  # rows: fewer go in by bulk_create
PERIOD_COLUMNS = (
    "workouts", "e1rm", "top_weight", "top_reps", "heaviest", "volume", "most_reps",
    "duration", "distance", "pace",
)  # fmt: skip


def history_summaries_refresh(
    *,
    user: User,
    exercise_keys: Iterable[str],
    since: datetime | None = None,
    written: Iterable[WrittenSet] = (),
) -> None:
    """Recompute the member's summaries of `exercise_keys` for workouts from `since` on
    (everything when None). Call inside the transaction that changed the sets.

    `written`: the sets the caller has just inserted, all those of their session exercises
    (a bulk writer's rows, still in memory): those exercises' sets are taken from here instead
    of being read back. Which workouts count, their dates and kinds still come from the
    tables, and the figures from the same functions, so the result is the same either way."""
    if connection.vendor == "postgresql":
        # One refresh of a member at a time (two workouts finished at once, an import during
        # a correction): each deletes and rewrites the member's rows. Released at commit.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"history:{user.pk}"]
            )
    _refresh_weeks(user, since)
    keys = sorted(set(exercise_keys))
    if keys:
        with _collector_paused():
            _refresh_exercises(user, keys, since, written)


@contextmanager
def _collector_paused():
    """No cyclic garbage collection meanwhile. A bulk refresh makes ~10 containers per set
    that all live to the end; each of the collector's full passes then walks them and all
    the caller holds (an import's parsed file): a third of the refresh's time, for no garbage
    (its rows hold no cycles). Collected as usual afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _refresh_exercises(
    user: User, keys: list[str], since: datetime | None, written: Iterable[WrittenSet]
) -> None:
    rows = _derive_rows(user, keys, since, written)
    stale = ExerciseSessionStats.objects.filter(user=user, exercise_key__in=keys)
    if since is not None:
        stale = stale.filter(started_at__gte=since)
    stale.delete()
    summaries = {
        summary.exercise_key: summary
        for summary in ExerciseSummary.objects.filter(user=user, exercise_key__in=keys)
    }
    priors = _priors(user, keys, since, summaries)
    fresh: list[_Row] = []
    new_summaries = []
    for key in keys:
        walked, summary = _walk(user, key, rows.get(key, []), priors.get(key))
        fresh.extend(walked)
        if summary is not None:
            new_summaries.append(summary)
    _insert(ExerciseSessionStats, user, [vars(row) for row in fresh])
    ExerciseSummary.objects.filter(user=user, exercise_key__in=keys).delete()
    ExerciseSummary.objects.bulk_create(new_summaries)
    _refresh_periods(user, keys, since, fresh)


def _fetch(queryset) -> Iterable[tuple]:
    """A values_list's rows; on PostgreSQL straight from the driver, whose types already are
    the model's for plain columns (a whole history's sets come through here on a rebuild)."""
    if connection.vendor != "postgresql":
        return list(queryset)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _insert(model, user: User, rows: list[dict]) -> None:
    """The member's `rows` ({field: value}) by bulk_create, or on PostgreSQL by one COPY: a
    rebuild writes ~170,000 rows per 20,000 workouts, where model instances and INSERT arrays
    cost minutes and COPY seconds."""
    if connection.vendor != "postgresql" or len(rows) < COPY_FROM:
        model.objects.bulk_create((model(user=user, **row) for row in rows), batch_size=2000)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.name != "user"]
    columns = ", ".join(["user_id", *(f.column for f in fields)])
    values_of = itemgetter(*(f.attname for f in fields))
    json_at = [at for at, f in enumerate(fields, start=1) if isinstance(f, JSONField)]
    copy_sql = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
        for row in rows:
            values = [user.pk, *values_of(row)]
            for at in json_at:
                values[at] = json.dumps(values[at])
            copy.write_row(values)


@dataclass
class _Row:
    """An ExerciseSessionStats row in the making (model instances are costly by the 100,000)."""

    exercise_key: str
    session_id: object
    started_at: datetime
    kind: str
    score: float | None
    stats: dict
    ordinal: int = 0
    records: list = field(default_factory=list)
    record_count: int = 0


# --- One row per (workout, exercise) --------------------------------------------------------


# A set just inserted by a bulk writer, as a plain tuple (100,000s are made): its session
# exercise's id, what orders it among that exercise's sets (the set number, then its id: bytes
# or UUID, as the tables compare them) and its metrics.SetValues.
WrittenSet = tuple


def _derive_rows(
    user: User, keys: list[str], since: datetime | None, written: Iterable[WrittenSet] = ()
) -> dict[str, list]:
    """{key: [ExerciseSessionStats without ordinal/records]} of the completed workouts from
    `since` on, oldest first (two queries: the logged exercises, then their sets, unless
    every one of them is in `written`)."""
    where = {"session__user": user, "session__status": COMPLETED, "exercise_name__in": keys}
    if since is not None:
        where["session__started_at__gte"] = since
    logged = _fetch(
        WorkoutSessionExercise.objects.filter(**where)
        .order_by("id")  # a fixed order: of two blocks of one exercise, whose set comes first
        .values_list("id", "session_id", "exercise_name", "session__started_at", "exercise__type")
    )
    sets_of = _written_sets(written)
    if any(pk not in sets_of for pk, *_ in logged):
        known = set(sets_of)
        read = defaultdict(list)
        set_where = {f"session_exercise__{field}": value for field, value in where.items()}
        for row in _fetch(
            WorkoutSet.objects.filter(**set_where, is_planned=False)
            .order_by("set_number", "id")
            .values_list(
                "session_exercise_id",
                "weight",
                "weight_unit",
                "reps",
                "is_warmup",
                "distance_m",
                "duration_s",
            )
        ):
            if row[0] not in known:
                read[row[0]].append(metrics.SetValues(*row[1:]))
        sets_of.update(read)
    grouped: dict[tuple, dict] = {}
    for pk, session_id, name, started_at, exercise_type in logged:
        entry = grouped.setdefault(
            (name, session_id),
            {"started_at": started_at, "type": exercise_type, "sets": []},
        )
        entry["sets"].extend(sets_of.get(pk, ()))
        entry["type"] = entry["type"] or exercise_type
    rows: dict[str, list] = defaultdict(list)
    for (name, session_id), entry in grouped.items():
        stats = metrics.session_stats(entry["sets"])
        kind = entry["type"] or metrics.infer_kind(stats)
        rows[name].append(
            _Row(
                exercise_key=name,
                session_id=session_id,
                started_at=entry["started_at"],
                kind=kind,
                score=metrics.score(kind, stats),
                stats=stats,
            )
        )
    for items in rows.values():
        items.sort(key=lambda r: (r.started_at, str(r.session_id)))
    return rows


def _written_sets(written: Iterable[WrittenSet]) -> dict:
    """{session exercise id: its sets' values in the table's order (set number, id)}."""
    sets_of: dict = {}
    block = items = None
    for item in written:
        if item[0] is not block:  # a writer's sets come exercise after exercise
            block = item[0]
            items = sets_of.setdefault(block, [])
        items.append(item)
    by_number_and_id = itemgetter(1, 2)
    for pk, items in sets_of.items():
        items.sort(key=by_number_and_id)
        sets_of[pk] = [item[3] for item in items]
    return sets_of


@dataclass
class _Prior:
    """The running state after the member's last workout with the exercise before `since`."""

    bests: dict
    reps_at: dict
    ordinal: int
    started_at: datetime
    session_id: object
    kind: str
    first_done: datetime


def _priors(
    user: User, keys: list[str], since: datetime | None, summaries: dict
) -> dict[str, _Prior]:
    """{key: the state to continue from at `since`} (keys without earlier workouts left out)."""
    if since is None:
        return {}  # everything is recomputed
    priors, replay = {}, []
    for key in keys:
        summary = summaries.get(key)
        if summary is not None and summary.last_done < since:
            # Every workout so far came before `since` (finishing a workout, the common
            # case): the summary is the state to continue from, no query needed.
            priors[key] = _Prior(
                summary.bests, summary.reps_at, summary.workout_count, summary.last_done,
                summary.last_session_id, summary.kind, summary.first_done,
            )  # fmt: skip
        else:
            replay.append(key)
    if not replay:
        return priors
    # An earlier workout changed (an edit, a deletion, an import of older workouts), or the
    # summary went with the workout it pointed to (deleting a session cascades to it): replay
    # the workouts before `since` with the same fold, so the state is exactly a rebuild's.
    earlier = ExerciseSessionStats.objects.filter(
        user=user, exercise_key__in=replay, started_at__lt=since
    ).order_by("exercise_key", "started_at", "session_id")
    for key, session_id, started_at, kind, stats in earlier.values_list(
        "exercise_key", "session_id", "started_at", "kind", "stats"
    ):
        prior = priors.get(key)
        if prior is None:
            prior = priors[key] = _Prior({}, {}, 0, started_at, session_id, kind, started_at)
        metrics.advance(
            prior.bests, prior.reps_at, kind=kind, stats=stats, session_id=str(session_id),
            at=started_at,
        )  # fmt: skip
        prior.ordinal += 1
        prior.started_at, prior.session_id, prior.kind = started_at, session_id, kind
    return priors


def _walk(
    user: User, key: str, rows: list[_Row], prior: _Prior | None
) -> tuple[list[_Row], ExerciseSummary | None]:
    """Running bests and records over `rows` (the workouts from `since` on), continuing from
    the last workout before `since`; and the exercise's new summary row (None: no history)."""
    bests = {metric: dict(best) for metric, best in prior.bests.items()} if prior else {}
    reps_at = dict(prior.reps_at) if prior else {}
    ordinal = prior.ordinal if prior else 0
    for row in rows:
        ordinal += 1
        row.ordinal = ordinal
        row.records = metrics.advance(
            bests,
            reps_at,
            kind=row.kind,
            stats=row.stats,
            session_id=str(row.session_id),
            at=row.started_at,
        )
        row.record_count = len(row.records)
    if rows:
        last, first_done = rows[-1], (prior.first_done if prior else rows[0].started_at)
        latest = (last.started_at, last.session_id, last.kind)
    elif prior:
        first_done, latest = prior.first_done, (prior.started_at, prior.session_id, prior.kind)
    else:
        return rows, None
    return rows, ExerciseSummary(
        user=user,
        exercise_key=key,
        kind=latest[2],
        last_done=latest[0],
        last_session_id=latest[1],
        workout_count=ordinal,
        first_done=first_done,
        bests=bests,
        reps_at=reps_at,
    )


# --- Chart periods and weekly counts --------------------------------------------------------


def _refresh_periods(
    user: User, keys: list[str], since: datetime | None, fresh: list[_Row]
) -> None:
    """Recompute the week, month and year rows that contain workouts from `since` on: from
    the rows just derived (`fresh`) and, for the start of those periods, the stored ones."""
    stale = ExercisePeriod.objects.filter(user=user, exercise_key__in=keys)
    workouts = [(row.exercise_key, row.started_at, str(row.session_id), row.stats) for row in fresh]
    if since is not None:
        year = metrics.period_start("year", user.local_date(since))
        first_week = metrics.week_start(year)  # the week holding 1 January starts before it
        stale = stale.filter(
            Q(grain="week", start__gte=first_week) | Q(~Q(grain="week"), start__gte=year)
        )
        workouts += [
            (key, started_at, str(session_id), stats)
            for key, started_at, session_id, stats in ExerciseSessionStats.objects.filter(
                user=user,
                exercise_key__in=keys,
                started_at__gte=user.local_midnight(first_week),
                started_at__lt=since,
            ).values_list("exercise_key", "started_at", "session_id", "stats")
        ]
    stale.delete()
    workouts.sort(key=lambda w: (w[1], w[2]))  # a fixed order: sums add up the same
    by_key, zone = defaultdict(list), user.tzinfo
    for key, started_at, _session_id, stats in workouts:
        by_key[key].append((started_at.astimezone(zone).date(), stats))
    rows = []
    for key, days in by_key.items():
        for (grain, start), figures in metrics.period_rows(days).items():
            if since is not None and grain != "week" and start < year:
                continue  # the days before 1 January: their month and year were not deleted
            rows.append(
                dict(
                    exercise_key=key,
                    grain=grain,
                    start=start,
                    **{column: figures.get(column) for column in PERIOD_COLUMNS},
                )
            )
    _insert(ExercisePeriod, user, rows)


def _refresh_weeks(user: User, since: datetime | None) -> None:
    """Workouts per local week from the week of `since` on, and the streak ending each week."""
    weeks = WorkoutWeek.objects.filter(user=user)
    sessions = WorkoutSession.objects.filter(user=user, status=COMPLETED)
    streak, first = 0, None
    if since is not None:
        first = metrics.week_start(user.local_date(since))
        weeks = weeks.filter(week__gte=first)
        sessions = sessions.filter(started_at__gte=user.local_midnight(first))
        before = WorkoutWeek.objects.filter(user=user, week=first - timedelta(weeks=1)).first()
        streak = before.streak if before else 0
    weeks.delete()
    counts: dict[date, int] = defaultdict(int)
    for started_at in sessions.values_list("started_at", flat=True):
        counts[metrics.week_start(user.local_date(started_at))] += 1
    fresh, previous = [], None
    for week in sorted(counts):
        follows = week - previous == timedelta(weeks=1) if previous is not None else week == first
        if not follows:
            streak = 0
        streak += 1
        fresh.append(WorkoutWeek(user=user, week=week, workouts=counts[week], streak=streak))
        previous = week
    WorkoutWeek.objects.bulk_create(fresh, batch_size=2000)


def history_summaries_rebuild(*, user: User) -> None:
    """Drop the member's summaries and derive them again from the schema's tables."""
    for model in (ExerciseSessionStats, ExerciseSummary, ExercisePeriod, WorkoutWeek):
        model.objects.filter(user=user).delete()
    keys = (
        WorkoutSessionExercise.objects.filter(session__user=user, session__status=COMPLETED)
        .order_by()
        .values_list("exercise_name", flat=True)
        .distinct()
    )
    history_summaries_refresh(user=user, exercise_keys=list(keys), since=None)
