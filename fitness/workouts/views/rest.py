"""The rest timer's one write: the rest a member adjusted the timer to, for one exercise of a
session (static/js/rest-timer.js posts it with fetch; a plain form post works as well)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from fitness.http import post_only
from fitness.workouts import services
from fitness.workouts.access import get_session_exercise_for_user
from fitness.workouts.forms import RestForm, first_errors
from fitness.workouts.views.sessions import session_url


@login_required
def session_exercise_rest(request: HttpRequest, session_id, session_exercise_id) -> HttpResponse:
    session_exercise = get_session_exercise_for_user(request.user, session_id, session_exercise_id)
    if response := post_only(request):
        return response
    form = RestForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": first_errors(form)}, status=400)
    services.session_exercise_set_rest(
        session_exercise=session_exercise, rest_seconds=form.cleaned_data["rest_seconds"]
    )
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"rest_seconds": session_exercise.rest_seconds})
    return redirect(session_url(session_id, f"se-{session_exercise.pk}"))
