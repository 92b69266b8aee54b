from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fitness.http import post_only, read_only
from fitness.workouts import selectors, services
from fitness.workouts.access import (
    get_session_exercise_for_user,
    get_session_for_user,
    get_set_for_user,
)
from fitness.workouts.forms import (
    RPE_SUGGESTIONS,
    SessionExerciseAddForm,
    SessionForm,
    SessionStartForm,
    SetForm,
    first_errors,
)
from fitness.workouts.models import WorkoutSession, WorkoutSet
from fitness.workouts.selectors import ExerciseBlock, exercise_kind
from fitness.workouts.summaries.selectors import session_records


def _session_url(session_id, anchor: str = "") -> str:
    url = reverse("workouts:session_detail", args=[session_id])
    return f"{url}#{anchor}" if anchor else url


@login_required
def session_new(request: HttpRequest) -> HttpResponse:
    """Start a workout: empty, or from one of my templates (POST); the choices (GET)."""
    form = SessionStartForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            session = services.session_start(
                user=request.user,
                template=form.cleaned_data["template"],
                name=form.cleaned_data["name"],
            )
            return redirect(_session_url(session.pk))
        messages.error(request, " ".join(first_errors(form)))
    templates = (
        request.user.workout_templates.filter(is_archived=False)
        .annotate(exercise_count=Count("template_exercises"))
        .order_by("name")
    )
    return render(
        request,
        "workouts/session_new.html",
        {
            "form": form,
            "templates": templates,
            "in_progress": selectors.sessions_in_progress(user=request.user),
        },
    )


def _page_context(request, session: WorkoutSession, blocks=None, **extra) -> dict:
    unit = request.user.preferred_unit
    blocks = (
        blocks
        if blocks is not None
        else selectors.session_blocks(session=session, user=request.user)
    )
    end = session.completed_at or timezone.now()
    return {
        "session": session,
        "blocks": blocks,
        "summary": selectors.session_summary(session, blocks, unit),
        "elapsed_minutes": int((end - session.started_at).total_seconds() // 60),
        "exercise_choices": selectors.exercise_choices(request.user),
        "rpe_suggestions": RPE_SUGGESTIONS,
        "unit": unit,
        "session_form": SessionForm(initial={"name": session.name, "notes": session.notes}),
        **extra,
    }


@login_required
def session_detail(request: HttpRequest, session_id) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    if response := read_only(request):
        return response
    # Where "Finish" lands: the records the workout broke (none while in progress).
    records = session_records(user=request.user, session=session)
    return render(
        request, "workouts/session_detail.html", _page_context(request, session, records=records)
    )


@login_required
def session_edit(request: HttpRequest, session_id) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    if response := post_only(request):
        return response
    form = SessionForm(request.POST)
    if form.is_valid():
        services.session_update(session=session, **form.cleaned_data)
        messages.success(request, "Workout details saved.")
        return redirect(_session_url(session.pk))
    return render(
        request,
        "workouts/session_detail.html",
        _page_context(request, session, session_form=form),
    )


@login_required
def session_finish(request: HttpRequest, session_id) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    if response := post_only(request):
        return response
    try:
        session = services.session_finish(session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_session_url(session.pk))
    minutes = int((session.completed_at - session.started_at).total_seconds() // 60)
    messages.success(request, f"Workout finished in {minutes} min. Well done!")
    return redirect(_session_url(session.pk))


@login_required
def session_discard(request: HttpRequest, session_id) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    if request.method == "POST":
        services.session_discard(session=session)
        messages.success(request, f"Workout “{session.name}” discarded.")
        return redirect("workouts:session_new")
    set_count = WorkoutSet.objects.filter(
        session_exercise__session=session, is_planned=False
    ).count()
    return render(
        request,
        "workouts/session_confirm_discard.html",
        {"session": session, "set_count": set_count},
    )


def _exercises_changed(request, session: WorkoutSession, anchor: str = "") -> HttpResponse:
    if request.htmx:
        return render(request, "workouts/_session_exercises.html", _page_context(request, session))
    return redirect(_session_url(session.pk, anchor))


@login_required
def session_exercise_add(request: HttpRequest, session_id) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    if response := post_only(request):
        return response
    form = SessionExerciseAddForm(request.POST, user=request.user)
    if not form.is_valid():
        if request.htmx:
            return render(
                request,
                "workouts/_session_exercises.html",
                _page_context(request, session, add_errors=first_errors(form)),
            )
        messages.error(request, " ".join(first_errors(form)))
        return redirect(_session_url(session.pk, "add-exercise"))
    session_exercise = services.session_exercise_add(
        session=session, exercise=form.cleaned_data["exercise"]
    )
    return _exercises_changed(request, session, f"se-{session_exercise.pk}")


@login_required
def session_exercise_move(request: HttpRequest, session_id, session_exercise_id) -> HttpResponse:
    session_exercise = get_session_exercise_for_user(request.user, session_id, session_exercise_id)
    if response := post_only(request):
        return response
    direction = request.POST.get("direction")
    if direction in (services.UP, services.DOWN):
        services.session_exercise_move(session_exercise=session_exercise, direction=direction)
    return _exercises_changed(request, session_exercise.session, f"se-{session_exercise.pk}")


@login_required
def session_exercise_delete(request: HttpRequest, session_id, session_exercise_id) -> HttpResponse:
    session_exercise = get_session_exercise_for_user(request.user, session_id, session_exercise_id)
    if response := post_only(request):
        return response
    session = session_exercise.session
    services.session_exercise_delete(session_exercise=session_exercise)
    messages.success(request, f"{session_exercise.exercise_name} removed from this workout.")
    return _exercises_changed(request, session)


def _block_changed(request, session_exercise) -> HttpResponse:
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
    return redirect(_session_url(session.pk, f"se-{session_exercise.pk}"))


@login_required
def set_add(request: HttpRequest, session_id, session_exercise_id) -> HttpResponse:
    session_exercise = get_session_exercise_for_user(request.user, session_id, session_exercise_id)
    if response := post_only(request):
        return response
    services.set_add(session_exercise=session_exercise)
    return _block_changed(request, session_exercise)


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
            is_warmup=data["is_warmup"],
            notes=data["notes"],
            distance_m=data["distance_m"],
            duration_s=data["duration_s"],
        )
        if not request.htmx:
            return redirect(_session_url(session.pk, f"se-{session_exercise.pk}"))
        row = selectors.set_row(workout_set, unit, kind)
    else:
        row = selectors.set_row(workout_set, unit, kind)
        row.weight = request.POST.get("weight", "")
        row.reps = request.POST.get("reps", "")
        row.rpe = request.POST.get("rpe", "")
        row.notes = request.POST.get("notes", "")
        row.distance_km = request.POST.get("distance_km", "")
        row.duration = request.POST.get("duration", "")
        row.is_warmup = bool(request.POST.get("is_warmup"))
        row.errors = first_errors(form)
        if not request.htmx:
            blocks = selectors.session_blocks(session=session, user=request.user)
            for block in blocks:
                block.rows = [row if r.id == row.id else r for r in block.rows]
            return render(
                request, "workouts/session_detail.html", _page_context(request, session, blocks)
            )
    block = ExerciseBlock(session_exercise=session_exercise, kind=kind, rows=[row])
    return render(
        request,
        "workouts/_set_rows.html",
        {"block": block, "session": session},
    )


@login_required
def set_delete(request: HttpRequest, session_id, set_id) -> HttpResponse:
    workout_set = get_set_for_user(request.user, session_id, set_id)
    if response := post_only(request):
        return response
    session_exercise = workout_set.session_exercise
    services.set_delete(workout_set=workout_set)
    return _block_changed(request, session_exercise)
