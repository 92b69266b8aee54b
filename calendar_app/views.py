import contextlib
import uuid
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from calendar_app import ical, rendering, selectors, services
from calendar_app.access import get_entry_for_user
from calendar_app.forms import WEEKDAYS, EntryForm, LinkForm, MoveForm, RepeatForm, ScheduleForm
from calendar_app.models import ScheduledWorkout
from calendar_app.services import CalendarError
from fitness import dates
from fitness.http import post_only

WEEKDAY_NAMES = [name for _, name in WEEKDAYS]


def _get_date(year: int, month: int, day: int = 1) -> date:
    if not selectors.month_is_valid(year, month):
        raise Http404("No such month.")
    try:
        return date(year, month, day)
    except ValueError:
        raise Http404("No such day.") from None


def _day_url(day: date) -> str:
    return reverse("calendar_app:day", args=[day.year, day.month, day.day])


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    today = request.user.local_today()
    return redirect("calendar_app:month", year=today.year, month=today.month)


@login_required
@require_GET
def month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    first = _get_date(year, month)
    data = selectors.calendar_month(user=request.user, year=first.year, month=first.month)
    context = {
        "cal": data,
        "weekday_names": WEEKDAY_NAMES,
        "rows": rendering.month_rows_html(data),
        "agenda": rendering.agenda_html(data),
    }
    return render(request, "calendar_app/month.html", context)


@login_required
def day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    the_day = _get_date(year, month, day)
    form = ScheduleForm(request.POST or None, user=request.user, day=the_day)
    if request.method == "POST" and form.is_valid():
        entry = services.scheduled_workout_create(
            user=request.user,
            scheduled_date=the_day,
            template=form.cleaned_data["template"],
            title=form.cleaned_data["title"].strip(),
            notes=form.cleaned_data["notes"].strip(),
        )
        messages.success(request, f"Scheduled “{entry.display_title}”.")
        return redirect(_day_url(the_day))
    data = selectors.calendar_day(user=request.user, day=the_day)
    link_form = LinkForm(sessions=data.sessions) if data.sessions else None
    return render(
        request,
        "calendar_app/day.html",
        {
            "day": data,
            "form": form,
            "link_form": link_form,
            "month_url": reverse("calendar_app:month", args=[the_day.year, the_day.month]),
            "previous_url": _day_url(the_day - timedelta(days=1)) if the_day > date.min else None,
            "next_url": _day_url(the_day + timedelta(days=1)) if the_day < date.max else None,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def repeat(request: HttpRequest) -> HttpResponse:
    """Two steps: the form posts to a preview that shows the count, then a confirmation."""
    query = _initial_from_query(request)
    initial = {
        "start": query.get("date", request.user.local_today()),
        "template": query.get("template"),
    }
    form = RepeatForm(request.POST or None, user=request.user, initial=initial)
    dates: list[date] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dates = services.repeat_dates(
                start=data["start"], weekdays=data["weekdays"], weeks=data["weeks"]
            )
            # The count confirmed must be the count previewed: a form changed after the
            # preview is previewed again instead of scheduling an unseen number of workouts.
            if "confirm" in request.POST and request.POST.get("count") == str(len(dates)):
                entries = services.scheduled_workout_repeat(
                    user=request.user,
                    template=data["template"],
                    start=data["start"],
                    weekdays=data["weekdays"],
                    weeks=data["weeks"],
                )
                messages.success(
                    request, f"Scheduled “{data['template'].name}” {len(entries)} times."
                )
                return redirect("calendar_app:month", year=dates[0].year, month=dates[0].month)
        except CalendarError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "calendar_app/repeat.html",
        {"form": form, "dates": dates, "preview": bool(dates)},
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )


def _initial_from_query(request: HttpRequest) -> dict:
    """?template=<id>&date=YYYY-MM-DD pre-fill a form (the template page's Schedule link)."""
    initial: dict = {}
    with contextlib.suppress(ValueError, KeyError):
        initial["template"] = str(uuid.UUID(request.GET["template"]))
    if day := dates.parse_query_date(request.GET.get("date")):
        initial["date"] = day
    return initial


@login_required
def entry_new(request: HttpRequest) -> HttpResponse:
    """Schedule a workout on any date (the day view schedules on its own day)."""
    initial = _initial_from_query(request)
    form = EntryForm(
        request.POST or None,
        user=request.user,
        initial={
            "scheduled_date": initial.get("date", request.user.local_today()),
            "template": initial.get("template"),
        },
    )
    if request.method == "POST" and form.is_valid():
        entry = services.scheduled_workout_create(
            user=request.user,
            scheduled_date=form.cleaned_data["scheduled_date"],
            template=form.cleaned_data["template"],
            title=form.cleaned_data["title"].strip(),
            notes=form.cleaned_data["notes"].strip(),
        )
        messages.success(
            request,
            f"Scheduled “{entry.display_title}” on {date_format(entry.scheduled_date, 'l j F')}.",
        )
        return redirect(_day_url(entry.scheduled_date))
    return render(
        request,
        "calendar_app/entry_form.html",
        {"entry": None, "form": form, "day_url": reverse("calendar_app:index")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def entry_edit(request: HttpRequest, entry_id) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_id)
    form = EntryForm(
        request.POST or None,
        user=request.user,
        include_template_id=entry.template_id,
        initial={
            "scheduled_date": entry.scheduled_date,
            "template": entry.template_id,
            "title": entry.title or "",
            "notes": entry.notes or "",
        },
    )
    if request.method == "POST" and form.is_valid():
        services.scheduled_workout_update(
            entry=entry,
            scheduled_date=form.cleaned_data["scheduled_date"],
            template=form.cleaned_data["template"],
            title=form.cleaned_data["title"].strip(),
            notes=form.cleaned_data["notes"].strip(),
        )
        messages.success(request, f"Saved “{entry.display_title}”.")
        return redirect(_day_url(entry.scheduled_date))
    return render(
        request,
        "calendar_app/entry_form.html",
        {"entry": entry, "form": form, "day_url": _day_url(entry.scheduled_date)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def entry_move(request: HttpRequest, entry_id) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_id)
    if response := post_only(request):
        return response
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a valid date to move the workout to.")
        return redirect(_day_url(entry.scheduled_date))
    services.scheduled_workout_move(entry=entry, scheduled_date=form.cleaned_data["scheduled_date"])
    messages.success(
        request, f"Moved “{entry.display_title}” to {date_format(entry.scheduled_date, 'l j F Y')}."
    )
    return redirect(_day_url(entry.scheduled_date))


@login_required
def entry_delete(request: HttpRequest, entry_id) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_id)
    if request.method == "POST":
        services.scheduled_workout_delete(entry=entry)
        messages.success(request, f"Deleted “{entry.display_title}”.")
        return redirect(_day_url(entry.scheduled_date))
    return render(
        request,
        "calendar_app/entry_confirm_delete.html",
        {"entry": entry, "day_url": _day_url(entry.scheduled_date)},
    )


@login_required
def entry_start(request: HttpRequest, entry_id) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_id)
    if response := post_only(request):
        return response
    try:
        session = services.scheduled_workout_start(entry_id=entry.pk, user=request.user)
    except ScheduledWorkout.DoesNotExist:  # deleted since the lookup above
        raise Http404("No such scheduled workout.") from None
    except CalendarError as error:  # a free entry: the day page shows it no Start button
        messages.error(request, str(error))
        return redirect(_day_url(entry.scheduled_date))
    return redirect("workouts:session_detail", session_id=session.id)


@login_required
def entry_link(request: HttpRequest, entry_id) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_id)
    if response := post_only(request):
        return response
    sessions = selectors.calendar_day(user=request.user, day=entry.scheduled_date).sessions
    form = LinkForm(request.POST, sessions=sessions)
    if not form.is_valid():
        messages.error(request, "Choose one of your finished sessions of that day.")
        return redirect(_day_url(entry.scheduled_date))
    try:
        services.scheduled_workout_link(
            entry_id=entry.pk, user=request.user, session_id=form.cleaned_data["session"]
        )
    except CalendarError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Linked “{entry.display_title}” to its session.")
    return redirect(_day_url(entry.scheduled_date))


@login_required
@require_GET
def subscribe(request: HttpRequest) -> HttpResponse:
    return render(request, "calendar_app/subscribe.html")


@login_required
@require_POST
def feed_regenerate(request: HttpRequest) -> HttpResponse:
    had_feed = selectors.calendar_feed_for_user(user=request.user) is not None
    services.calendar_feed_regenerate(user=request.user)
    if had_feed:
        messages.success(request, "New feed address made: the old one no longer works.")
    else:
        messages.success(request, "Your calendar feed address is ready.")
    next_url = request.POST.get("next", "")
    # A local path only: redirect() would take "foo" for a view name (NoReverseMatch).
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("calendar_app:subscribe")
    return HttpResponseRedirect(next_url)


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public on purpose: calendar apps cannot sign in; the secret token is the credential."""
    calendar_feed = selectors.calendar_feed_by_token(token=token)
    if calendar_feed is None:
        raise Http404("No such feed.")
    user = calendar_feed.user
    body = ical.feed_bytes(
        user=user, entries=selectors.feed_entries(user=user), today=user.local_today()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="liftlog.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
