"""HTML of the month grid's cells, built in Python.

The month page renders up to 42 day cells, each with its sessions, entries and phone dots,
and again the month's agenda for phones. Through the template engine (or format_html, whose
lazy-string checks run per argument) this cost several times the rest of the page
(bench/bench_calendar.py, target ≤ 4× a trivial page), so the repeated fragments are built
here with plain f-strings. Every value from the database goes through `esc` (html.escape,
quotes included, like Django's escape); the page layout stays in month.html.
"""

from html import escape as esc

from django.utils.safestring import SafeString

from calendar_app.selectors import CalendarDay, CalendarMonth
from fitness.workouts.models import WorkoutSession

# A session logged without an entry reads like a completed entry ("Completed"), from one place.
COMPLETED = esc(WorkoutSession.Status.COMPLETED.label)


def _title_html(title: str, url: str) -> str:
    if url:
        return f'<a class="cal-title" href="{esc(url)}">{esc(title)}</a>'
    return f'<span class="cal-title">{esc(title)}</span>'


def day_items_html(day: CalendarDay) -> SafeString:
    """Each session links to its page in History, each started entry to its session.

    A session that completes an entry of the same day is shown once, as that entry with the
    session's figures, rather than twice ("Completed Push" twice)."""
    sessions = {s.id: s for s in day.sessions}
    shown = {e.completed_session_id for e in day.entries} & sessions.keys()
    parts = [
        f'<li class="cal-item cal-session"><span class="cal-status">{COMPLETED}</span> '
        f'{_title_html(s.name, s.url)} <span class="cal-meta">{esc(s.meta)}</span></li>'
        for s in day.sessions
        if s.id not in shown
    ]
    for e in day.entries:
        session = sessions.get(e.completed_session_id) if e.completed_session_id in shown else None
        meta = f' <span class="cal-meta">{esc(session.meta)}</span>' if session else ""
        parts.append(
            f'<li class="cal-item cal-entry is-{esc(e.status)}">'
            f'<span class="cal-status">{esc(e.status_label)}</span> '
            f"{_title_html(e.title, e.session_url)}{meta}</li>"
        )
    return SafeString("".join(parts))


def day_cell_html(day: CalendarDay) -> str:
    classes = "cal-day"
    if not day.in_month:
        classes += " cal-out"
    current = ""
    label = day.label
    if day.is_today:
        classes += " cal-today"
        current = ' aria-current="date"'
        label += " (today)"
    items = ""
    if day.has_items:
        dots = "".join(f'<i class="dot dot-{esc(kind)}"></i>' for kind in day.dots)
        items = (
            f'<span class="cal-dots" aria-hidden="true">{dots}</span>'
            f'<ul class="cal-items">{day_items_html(day)}</ul>'
        )
    return (
        f'<td class="{classes}"><a class="cal-date" href="{esc(day.url)}"{current} '
        f'aria-label="{esc(label)}">{day.date.day}</a>{items}</td>'
    )


def month_rows_html(cal: CalendarMonth) -> list[SafeString]:
    """One <tr> per week of the grid."""
    return [
        SafeString("<tr>" + "".join(day_cell_html(day) for day in week) + "</tr>")
        for week in cal.weeks
    ]


def agenda_html(cal: CalendarMonth) -> SafeString:
    """A card per day of the month that has something, for the phone agenda."""
    cards = []
    for day in cal.days_with_items:
        today = ' <span class="badge">Today</span>' if day.is_today else ""
        cards.append(
            f'<div class="card cal-agenda-day{" cal-today" if day.is_today else ""}">'
            f'<h3><a href="{esc(day.url)}">{esc(day.label)}</a>{today}</h3>'
            f'<ul class="cal-items">{day_items_html(day)}</ul></div>'
        )
    return SafeString("".join(cards))
