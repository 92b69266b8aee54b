from dataclasses import dataclass
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fitness.formatting import format_weight
from fitness.history import charts, progress, selectors
from fitness.history.forms import HistoryFilterForm
from fitness.http import read_only
from fitness.workouts import selectors as workout_selectors
from fitness.workouts.summaries import display, metrics
from fitness.workouts.summaries.selectors import session_records

PAGE_SIZE = 20


@login_required
@require_safe
def session_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = HistoryFilterForm(
        request.GET or None, exercise_names=selectors.exercise_names(user=user)
    )
    filters = form.filters() if form.is_bound else selectors.HistoryFilters()
    sessions = selectors.filter_sessions(
        selectors.completed_sessions(user=user), user=user, filters=filters
    )
    page = selectors.history_page(
        sessions, before=request.GET.get("before"), after=request.GET.get("after"), size=PAGE_SIZE
    )
    return render(
        request,
        "history/list.html",
        {
            "form": form,
            "page": page,
            "filtered": filters != selectors.HistoryFilters(),
            "in_progress": list(workout_selectors.sessions_in_progress(user=user)[:3]),
        },
    )


@login_required
def session_detail(request: HttpRequest, session_id: UUID) -> HttpResponse:
    session = selectors.session_for_user(user=request.user, session_id=session_id)
    if session is None:
        raise Http404("No such workout.")
    if response := read_only(request):
        return response
    records = session_records(user=request.user, session=session)
    return render(request, "history/session_detail.html", {"session": session, "records": records})


@login_required
@require_safe
def progress_overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "history/progress.html",
        {
            "exercises": progress.progress_overview(user=request.user),
            "formula": metrics.EPLEY_FORMULA,
        },
    )


@dataclass(frozen=True)
class ChartSection:
    heading: str
    intro: str
    chart: charts.Chart | None


def _line(data: progress.ExerciseProgress, column: str, what: str, y_title: str, fmt, scale=1.0):
    points = [
        (period.start, getattr(period, column) * scale)
        for period in data.periods
        if getattr(period, column) is not None
    ]
    return charts.metric_chart(
        chart_id=column,
        name=data.name,
        what=what,
        y_title=y_title,
        period=data.grain,
        points=points,
        fmt=fmt,
    )


def _chart_sections(data: progress.ExerciseProgress) -> list[ChartSection]:
    """The charts that suit the kind of exercise: e1RM and volume for a lift, reps for a
    body-weight exercise, time for a timed one, distance and pace for cardio."""
    unit, per = data.unit, data.grain
    if data.kind == metrics.BODYWEIGHT:
        return [
            ChartSection(
                f"Most reps per {per}",
                "The most reps in one working set.",
                _line(data, "most_reps", "reps in a set", "Reps", lambda v: f"{v:g} reps"),
            )
        ]
    if data.kind == metrics.TIMED:
        return [
            ChartSection(
                f"Longest time per {per}",
                "The longest working set, in minutes.",
                _line(
                    data,
                    "duration",
                    "time",
                    "Minutes",
                    lambda v: display.format_seconds(v * 60),
                    scale=1 / 60,
                ),
            )
        ]
    if data.kind == metrics.CARDIO:
        return [
            ChartSection(
                f"Longest distance per {per}",
                "The longest working set, in km.",
                _line(
                    data,
                    "distance",
                    "distance",
                    "km",
                    lambda v: display.format_distance(v * 1000),
                    scale=1 / 1000,
                ),
            ),
            ChartSection(
                f"Best pace per {per}",
                "Minutes per km of the fastest set with a distance and a time (lower is faster).",
                _line(
                    data,
                    "pace",
                    "pace",
                    "min/km",
                    lambda v: display.format_pace(v * 60),
                    scale=1 / 60,
                ),
            ),
        ]
    to_unit = display.in_unit(1.0, unit)
    volumes = {period.start: period.volume * to_unit for period in data.periods}
    return [
        ChartSection(
            f"Estimated 1RM, best per {per}",
            f"Epley formula: {data.formula}, from the best working set (warm-ups excluded), "
            f"in {unit}.",
            _line(
                data,
                "e1rm",
                "estimated 1RM",
                f"e1RM ({unit})",
                lambda v: format_weight(v, unit),
                scale=to_unit,
            ),
        ),
        ChartSection(
            f"Volume per {per}",
            f"Weight × reps of working sets, in {unit}; weeks start on Monday.",
            charts.volume_chart(
                name=data.name,
                unit=unit,
                period=data.grain,
                buckets=[(start, volumes.get(start, 0.0)) for start in data.period_starts],
            ),
        ),
    ]


@login_required
def exercise_progress(request: HttpRequest, exercise_name: str) -> HttpResponse:
    range_key = request.GET.get("range", progress.DEFAULT_RANGE)
    if range_key not in progress.RANGES:
        range_key = progress.DEFAULT_RANGE
    data = progress.exercise_progress(user=request.user, name=exercise_name, range_key=range_key)
    if data is None:
        raise Http404("You have not done this exercise yet.")
    if response := read_only(request):
        return response
    context = {
        "progress": data,
        "sections": _chart_sections(data),
        # "best estimated 1RM", in a sentence
        "headline": display.LABELS[data.headline][:1].lower() + display.LABELS[data.headline][1:],
        "headline_short": display.SHORT_LABELS[data.headline],
        "with_sets": any(top.detail for top in data.top),
        "ranges": [(key, label) for key, (label, _days) in progress.RANGES.items()],
        "range_label": progress.RANGES[range_key][0],
    }
    return render(request, "history/exercise_progress.html", context)
