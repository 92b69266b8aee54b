from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from fitness.http import post_only
from fitness.workouts import selectors, services
from fitness.workouts.access import get_custom_exercise_for_user, get_exercise_for_user
from fitness.workouts.forms import ExerciseFilterForm, ExerciseForm, ExerciseMergeForm


@login_required
@require_safe
def exercise_list(request: HttpRequest) -> HttpResponse:
    filters = ExerciseFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    exercises = list(
        selectors.exercise_list(
            user=request.user,
            query=values.get("q", ""),
            category=values.get("category", ""),
            exercise_type=values.get("type", ""),
            equipment=values.get("equipment", ""),
            archived=values.get("show") == "archived",
            mine=values.get("show") == "mine",
        )
    )
    twins = selectors.library_twins(exercises)
    for exercise in exercises:
        exercise.library_twin = twins.get(exercise.pk)
    return render(
        request,
        "workouts/exercise_list.html",
        {
            "filters": filters,
            "exercises": exercises,
            "filtered": bool(values and any(values.values())),
        },
    )


def _save(request: HttpRequest, form: ExerciseForm, exercise=None):
    data = form.cleaned_data
    try:
        if exercise is None:
            return services.exercise_create(user=request.user, **data)
        return services.exercise_update(exercise=exercise, **data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


@login_required
def exercise_create(request: HttpRequest) -> HttpResponse:
    form = ExerciseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        exercise = _save(request, form)
        if exercise:
            messages.success(request, f"Exercise “{exercise.name}” created.")
            return redirect("workouts:exercise_list")
    return render(request, "workouts/exercise_form.html", {"form": form, "exercise": None})


@login_required
def exercise_edit(request: HttpRequest, exercise_id) -> HttpResponse:
    exercise = get_custom_exercise_for_user(request.user, exercise_id)
    initial = {
        "name": exercise.name,
        "category": exercise.category,
        "type": exercise.type,
        "equipment": exercise.equipment,
        "primary_muscle": exercise.primary_muscle,
        "instructions": exercise.instructions,
    }
    form = ExerciseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save(request, form, exercise):
        messages.success(request, f"Exercise saved as “{exercise.name}”.")
        return redirect("workouts:exercise_list")
    return render(request, "workouts/exercise_form.html", {"form": form, "exercise": exercise})


@login_required
def exercise_archive(request: HttpRequest, exercise_id) -> HttpResponse:
    exercise = get_custom_exercise_for_user(request.user, exercise_id)
    if response := post_only(request):
        return response
    services.exercise_archive(exercise=exercise)
    messages.success(
        request,
        f"“{exercise.name}” archived: it no longer appears in pickers; "
        "your templates and history keep it.",
    )
    return redirect("workouts:exercise_list")


@login_required
def exercise_unarchive(request: HttpRequest, exercise_id) -> HttpResponse:
    exercise = get_custom_exercise_for_user(request.user, exercise_id)
    if response := post_only(request):
        return response
    services.exercise_unarchive(exercise=exercise)
    messages.success(request, f"“{exercise.name}” is back in your exercise list.")
    return redirect("workouts:exercise_list")


@login_required
def exercise_merge(request: HttpRequest, exercise_id) -> HttpResponse:
    """GET: choose the exercise to merge into, then review what moves (?into=<id>).
    POST: merge, then back to the library."""
    source = get_custom_exercise_for_user(request.user, exercise_id)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form = ExerciseMergeForm(request.POST if request.method == "POST" else request.GET or None)
    target = None
    if form.is_valid():
        target = get_exercise_for_user(request.user, form.cleaned_data["into"])
        if target.pk == source.pk:
            form.add_error("into", "An exercise cannot be merged into itself: choose another.")
            target = None
    if target is not None and request.method == "POST":
        try:
            services.exercise_merge(user=request.user, source=source, target=target)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"“{source.name}” merged into “{target.name}”: its workouts and templates now "
                f"use “{target.name}”, and imports will map “{source.name}” to it.",
            )
            query = urlencode({"q": target.name})
            return redirect(f"{reverse('workouts:exercise_list')}?{query}")
    choices = [
        exercise
        for exercise in selectors.exercise_choices(request.user)
        if exercise.pk != source.pk
    ]
    suggestion = None if form.data.get("into") else selectors.exercise_twin(source, choices)
    return render(
        request,
        "workouts/exercise_merge.html",
        {
            "exercise": source,
            "form": form,
            "target": target if form.is_valid() else None,
            "selected": form.data.get("into") or (str(suggestion.pk) if suggestion else ""),
            "suggestion": suggestion,
            "exercise_choices": choices,
            "usage": selectors.exercise_usage(user=request.user, exercise=source),
        },
    )
