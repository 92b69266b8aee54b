"""Set rows of the session page: add (with the id the browser made), save, delete.

The browser's script sends each change once it can (an offline queue, static/js/workouts.js)
and may send it again after a lost response: adding with the same id and saving the same
values again both leave one set, so a retry never doubles anything.
"""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render

from fitness.http import post_only
from fitness.workouts import selectors, services
from fitness.workouts.access import get_session_exercise_for_user, get_set_for_user
from fitness.workouts.forms import SetForm, first_errors
from fitness.workouts.models import WorkoutSessionExercise, WorkoutSet
from fitness.workouts.selectors import ExerciseBlock, SetRow, exercise_kind
from fitness.workouts.views.sessions import page_context, session_url

# The browser's script asks for the one row back (it already shows the row it added).
ROW_ONLY = "row"


def _block_changed(request, session_exercise: WorkoutSessionExercise) -> HttpResponse:
    session = session_exercise.session
    if request.htmx:
        blocks = selectors.session_blocks(
            session=session, user=request.user, only_id=session_exercise.pk
        )
        return render(
            request,
            "workouts/_exercise_blocks.html",
            {"blocks": blocks, "session": session},
        )
    return redirect(session_url(session.pk, f"se-{session_exercise.pk}"))


def _one_row(request, session_exercise: WorkoutSessionExercise, row: SetRow) -> HttpResponse:
    kind = exercise_kind(session_exercise.exercise.type if session_exercise.exercise else None)
    block = ExerciseBlock(session_exercise=session_exercise, kind=kind, rows=[row])
    return render(
        request,
        "workouts/_set_rows.html",
        {
            "block": block,
            "session": session_exercise.session,
        },
    )


@login_required
def set_add(request: HttpRequest, session_id, session_exercise_id) -> HttpResponse:
    session_exercise = get_session_exercise_for_user(request.user, session_id, session_exercise_id)
    if response := post_only(request):
        return response
    set_id = None
    if raw := request.POST.get("set_id", "").strip():
        try:
            set_id = uuid.UUID(raw)
        except ValueError:
            return HttpResponseBadRequest("set_id is not a UUID.")
    try:
        workout_set = services.set_add(session_exercise=session_exercise, set_id=set_id)
    except services.SetElsewhere:
        raise Http404("No such set in this workout.") from None
    if request.POST.get("fragment") == ROW_ONLY:
        workout_set.session_exercise = session_exercise
        row = selectors.set_row_for_page(
            workout_set, session_exercise.session, request.user.preferred_unit
        )
        return _one_row(request, session_exercise, row)
    return _block_changed(request, session_exercise)


def _row_as_typed(workout_set: WorkoutSet, request, unit: str, kind: str, form) -> SetRow:
    row = selectors.set_row(workout_set, unit, kind)
    row.weight = request.POST.get("weight", "")
    row.reps = request.POST.get("reps", "")
    row.rpe = request.POST.get("rpe", "")
    row.notes = request.POST.get("notes", "")
    row.distance_km = request.POST.get("distance_km", "")
    row.duration = request.POST.get("duration", "")
    row.set_type = form.cleaned_data.get("set_type") or row.set_type
    row.errors = first_errors(form)
    return row


@login_required
def set_update(request: HttpRequest, session_id, set_id) -> HttpResponse:
    workout_set = get_set_for_user(request.user, session_id, set_id)
    if response := post_only(request):
        return response
    session_exercise = workout_set.session_exercise
    session = session_exercise.session
    kind = exercise_kind(session_exercise.exercise.type if session_exercise.exercise else None)
    form = SetForm(request.POST, kind=kind)
    unit = request.user.preferred_unit
    if form.is_valid():
        data = form.cleaned_data
        services.set_update(
            workout_set=workout_set,
            weight=data["weight"],
            weight_unit=unit,
            reps=data["reps"],
            rpe=data["rpe"],
            set_type=data["set_type"],
            notes=data["notes"],
            distance_m=data["distance_m"],
            duration_s=data["duration_s"],
        )
        if not request.htmx:
            return redirect(session_url(session.pk, f"se-{session_exercise.pk}"))
        row = selectors.set_row_for_page(workout_set, session, unit)
    else:
        row = _row_as_typed(workout_set, request, unit, kind, form)
        if not request.htmx:
            blocks = selectors.session_blocks(session=session, user=request.user)
            for block in blocks:
                block.rows = [row if r.id == row.id else r for r in block.rows]
            return render(
                request, "workouts/session_detail.html", page_context(request, session, blocks)
            )
    return _one_row(request, session_exercise, row)


@login_required
def set_delete(request: HttpRequest, session_id, set_id) -> HttpResponse:
    workout_set = get_set_for_user(request.user, session_id, set_id)
    if response := post_only(request):
        return response
    session_exercise = workout_set.session_exercise
    services.set_delete(workout_set=workout_set)
    return _block_changed(request, session_exercise)
