import hashlib
from dataclasses import replace
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fitness.history import charts, selectors
from fitness.history.cache import cached_for
from fitness.history.forms import HistoryFilterForm
from fitness.http import read_only
from fitness.workouts import selectors as workout_selectors

PAGE_SIZE = 20


@login_required
@require_safe
def session_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    names = cached_for(user, "exercise-names", lambda: selectors.exercise_names(user=user))
    form = HistoryFilterForm(request.GET or None, exercise_names=names)
    filters = form.filters() if form.is_bound else selectors.HistoryFilters()
    sessions = selectors.filter_sessions(
        selectors.completed_sessions(user=user), user=user, filters=filters
    )
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
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
    return render(request, "history/session_detail.html", {"session": session})


@login_required
@require_safe
def progress(request: HttpRequest) -> HttpResponse:
    user = request.user
    exercises = cached_for(user, "overview", lambda: selectors.progress_overview(user=user))
    return render(
        request,
        "history/progress.html",
        {"exercises": exercises, "formula": selectors.EPLEY_FORMULA},
    )


def _exercise_page(*, user, name: str, range_key: str) -> dict | None:
    """The per-exercise page's figures and rendered charts (cached as a whole: the charts of
    a long history are the costly part to rebuild)."""
    data = selectors.exercise_progress(user=user, name=name, range_key=range_key)
    if data is None:
        return None
    e1rm_points = [
        (point.started_at.astimezone(user.tzinfo).date(), point.best_e1rm)
        for point in data.sessions
        if point.best_e1rm is not None
    ]
    return {
        # The per-session points are in the charts now; keep the cached value small.
        "progress": replace(data, sessions=[], volume=[]),
        "e1rm_chart": charts.e1rm_chart(name=data.name, unit=data.unit, points=e1rm_points),
        "volume_chart": charts.volume_chart(
            name=data.name, unit=data.unit, period=data.volume_period, buckets=data.volume
        ),
    }


@login_required
def exercise_progress(request: HttpRequest, exercise_name: str) -> HttpResponse:
    user = request.user
    range_key = request.GET.get("range", selectors.DEFAULT_RANGE)
    if range_key not in selectors.RANGES:
        range_key = selectors.DEFAULT_RANGE
    digest = hashlib.sha256(exercise_name.encode()).hexdigest()
    page = cached_for(
        user,
        f"exercise-page:{digest}:{range_key}",
        lambda: _exercise_page(user=user, name=exercise_name, range_key=range_key),
    )
    if page is None:
        raise Http404("You have not done this exercise yet.")
    if response := read_only(request):
        return response
    context = {
        **page,
        "ranges": [(key, label) for key, (label, _days) in selectors.RANGES.items()],
        "range_label": selectors.RANGES[range_key][0],
    }
    return render(request, "history/exercise_progress.html", context)
