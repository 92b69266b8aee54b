from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fitness.http import post_only, read_only
from fitness.workouts import selectors, services
from fitness.workouts.access import get_session_exercise_for_user, get_session_for_user
from fitness.workouts.forms import (
    RPE_SUGGESTIONS,
    SessionExerciseAddForm,
    SessionForm,
    SessionStartForm,
    first_errors,
)
from fitness.workouts.models import WorkoutSession
from fitness.workouts.summaries.selectors import session_records
from fitness.workouts.views.offline import OFFLINE_CACHE


def session_url(session_id, anchor: str = "") -> str:
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
            return redirect(session_url(session.pk))
        messages.error(request, " ".join(first_errors(form)))
    return render(
        request,
        "workouts/session_new.html",
        {
            "form": form,
            "templates": selectors.templates_to_start(user=request.user),
            "in_progress": selectors.sessions_in_progress(user=request.user),
        },
    )


def page_context(request, session: WorkoutSession, blocks=None, **extra) -> dict:
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
        "exercise_options": selectors.exercise_options(request.user),
        "rpe_suggestions": RPE_SUGGESTIONS,
        "offline_cache": OFFLINE_CACHE,
        "blank_blocks": selectors.blank_blocks(session),
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
        request, "workouts/session_detail.html", page_context(request, session, records=records)
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
        return redirect(session_url(session.pk))
    return render(
        request,
        "workouts/session_detail.html",
        page_context(request, session, session_form=form),
    )


@login_required
def session_finish(request: HttpRequest, session_id) -> HttpResponse:
    """Finish; when planned sets were never ticked, first ask (they are dropped)."""
    session = get_session_for_user(request.user, session_id)
    if response := post_only(request):
        return response
    if session.status != WorkoutSession.Status.COMPLETED and not request.POST.get("confirm"):
        unticked = selectors.unticked_sets(session)
        if unticked:
            return render(
                request,
                "workouts/session_confirm_finish.html",
                {
                    "session": session,
                    "unticked": unticked,
                    "count": sum(len(item.numbers) for item in unticked),
                },
            )
    try:
        session = services.session_finish(session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(session_url(session.pk))
    minutes = int((session.completed_at - session.started_at).total_seconds() // 60)
    messages.success(request, f"Workout finished in {minutes} min. Well done!")
    return redirect(session_url(session.pk))


@login_required
def session_discard(request: HttpRequest, session_id) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    if request.method == "POST":
        services.session_discard(session=session)
        messages.success(request, f"Workout “{session.name}” discarded.")
        return redirect("workouts:session_new")
    return render(
        request,
        "workouts/session_confirm_discard.html",
        {"session": session, "set_count": selectors.logged_set_count(session)},
    )


def _exercises_changed(request, session: WorkoutSession, anchor: str = "") -> HttpResponse:
    if request.htmx:
        return render(request, "workouts/_session_exercises.html", page_context(request, session))
    return redirect(session_url(session.pk, anchor))


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
                page_context(request, session, add_errors=first_errors(form)),
            )
        messages.error(request, " ".join(first_errors(form)))
        return redirect(session_url(session.pk, "add-exercise"))
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
def session_exercise_superset(
    request: HttpRequest, session_id, session_exercise_id
) -> HttpResponse:
    """ "Superset with next" (join=1) or "Remove from superset" (join=0)."""
    session_exercise = get_session_exercise_for_user(request.user, session_id, session_exercise_id)
    if response := post_only(request):
        return response
    services.session_exercise_superset(
        session_exercise=session_exercise, join=request.POST.get("join") == "1"
    )
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
