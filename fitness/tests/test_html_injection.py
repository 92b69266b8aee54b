"""Names and notes with markup are shown as text everywhere: pages, SVG charts, the admin,
the .ics feed (raw text, no injected properties), the CSV export (formulas neutralised) and
emails (no header injection)."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.utils import timezone

from calendar_app import services as calendar_services
from calendar_app.models import ScheduledWorkout
from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.models import WorkoutSession, WorkoutTemplate
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
)
from imports.models import ImportJob

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
RAW = ("<script>alert", "<img src=x", "<img src=\\")
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _assert_escaped(response, *, must_show: bool = True):
    assert response.status_code == 200, response.status_code
    text = response.content.decode()
    for raw in RAW:
        assert raw not in text, f"unescaped {raw!r} in {response.wsgi_request.path}"
    if must_show:
        assert ESCAPED_SCRIPT in text or "&lt;img src=x" in text, response.wsgi_request.path


@pytest.fixture
def evil(owner, friend):
    """The owner's data, every name and note carrying markup."""
    owner.display_name = f"Alice {IMG}"
    owner.save()
    exercise = ExerciseFactory(user=owner, name=f"Curl {SCRIPT}", instructions=IMG)
    template = WorkoutTemplateFactory(
        user=owner,
        name=f"Push {IMG}",
        description=SCRIPT,
        visibility=WorkoutTemplate.Visibility.FRIENDS,
    )
    WorkoutTemplateExerciseFactory(template=template, exercise=exercise, notes=SCRIPT)
    sessions = []
    for days in (9, 2):
        session = WorkoutSessionFactory(
            user=owner,
            name=f"Day {SCRIPT}",
            notes=IMG,
            started_at=timezone.now() - timedelta(days=days),
        )
        row = WorkoutSessionExerciseFactory(
            session=session, exercise=exercise, exercise_name=exercise.name, notes=IMG
        )
        WorkoutSetFactory(session_exercise=row, weight=Decimal("20"), reps=8, notes=SCRIPT)
        sessions.append(session)
    live = WorkoutSessionFactory(
        user=owner,
        name=f"Live {IMG}",
        notes=SCRIPT,
        status=WorkoutSession.Status.IN_PROGRESS,
        completed_at=None,
    )
    row = WorkoutSessionExerciseFactory(
        session=live, exercise=exercise, exercise_name=exercise.name
    )
    WorkoutSetFactory(session_exercise=row, notes=IMG)
    entry = ScheduledWorkout.objects.create(
        user=owner,
        scheduled_date=owner.local_today(),
        title=f"Plan {SCRIPT}\r\nATTENDEE:mailto:evil@example.com",
        notes=f"{IMG}\nEND:VEVENT",
    )
    job = ImportJob.objects.create(
        user=owner,
        file_name=f"{IMG}.csv",
        status=ImportJob.Status.FAILED,
        error=SCRIPT,
        finished_at=timezone.now(),
    )
    return {
        "exercise": exercise,
        "template": template,
        "session": sessions[-1],
        "live": live,
        "entry": entry,
        "job": job,
    }


@pytest.mark.django_db
def test_owner_pages_show_markup_as_text(owner_client, owner, evil):
    today = owner.local_today()
    name = quote(evil["exercise"].name, safe="")
    pages = [
        "/",
        "/exercises/",
        f"/exercises/{evil['exercise'].pk}/edit/",
        "/templates/",
        f"/templates/{evil['template'].pk}/",
        f"/templates/{evil['template'].pk}/edit/",
        "/sessions/new/",
        f"/sessions/{evil['live'].pk}/",
        f"/sessions/{evil['session'].pk}/",
        "/history/",
        f"/history/{evil['session'].pk}/",
        "/history/progress/",
        f"/history/progress/{name}/",
        f"/history/progress/{name}/?range=all",
        f"/calendar/{today.year}/{today.month:02d}/",
        f"/calendar/{today.year}/{today.month:02d}/{today.day:02d}/",
        f"/calendar/entries/{evil['entry'].pk}/edit/",
        f"/calendar/entries/{evil['entry'].pk}/delete/",
        "/data/",
        f"/data/import/jobs/{evil['job'].pk}/",
        "/accounts/",
    ]
    for url in pages:
        _assert_escaped(owner_client.get(url), must_show=url != "/accounts/")


@pytest.mark.django_db
def test_svg_charts_carry_names_as_text(owner_client, evil):
    name = quote(evil["exercise"].name, safe="")
    text = owner_client.get(f"/history/progress/{name}/?range=all").content.decode()
    assert "<svg" in text
    svg = text[text.index("<svg") : text.rindex("</svg>")]
    assert "<script" not in svg and "<img" not in svg
    assert ESCAPED_SCRIPT in svg  # in the chart's <title>/<desc>


@pytest.mark.django_db
def test_friend_pages_show_the_owners_markup_as_text(client, friend, evil):
    client.force_login(friend)
    _assert_escaped(client.get("/shared/"))
    _assert_escaped(client.get(f"/shared/{evil['template'].pk}/"))
    _assert_escaped(client.get("/accounts/"))  # Alice in the friends list


@pytest.mark.django_db
def test_htmx_fragments_escape_too(owner_client, evil):
    live = evil["live"]
    block = live.session_exercises.get()
    response = owner_client.post(
        f"/sessions/{live.pk}/exercises/{block.pk}/sets/add/", HTTP_HX_REQUEST="true"
    )
    _assert_escaped(response, must_show=False)
    workout_set = block.sets.first()
    response = owner_client.post(
        f"/sessions/{live.pk}/sets/{workout_set.pk}/",
        {"weight": "x", "reps": "5", "notes": SCRIPT},
        HTTP_HX_REQUEST="true",
    )
    _assert_escaped(response)  # the rejected input is echoed back escaped


@pytest.mark.django_db
def test_admin_lists_show_markup_as_text(client, evil):
    admin = UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    client.force_login(admin)
    base = f"/{settings.ADMIN_URL}"
    for path in [
        "accounts/user/",
        "workouts/exercise/",
        "workouts/workouttemplate/",
        "workouts/workoutsession/",
        "calendar_app/scheduledworkout/",
        "imports/importjob/",
        f"workouts/workouttemplate/{evil['template'].pk}/change/",
        f"workouts/workoutsession/{evil['session'].pk}/change/",
    ]:
        _assert_escaped(client.get(base + path), must_show=False)


@pytest.mark.django_db
def test_ics_feed_keeps_markup_and_line_breaks_inside_its_properties(owner, client, evil):
    feed = calendar_services.calendar_feed_regenerate(user=owner)
    response = client.get(f"/calendar/feed/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content.decode()
    lines = raw.replace("\r\n ", "").split("\r\n")  # unfold continuation lines
    assert not any(line.startswith("ATTENDEE") for line in lines), raw
    assert sum(line == "END:VEVENT" for line in lines) == 1, raw
    summary = next(line for line in lines if line.startswith("SUMMARY"))
    assert "ATTENDEE" in summary and "\\n" in summary  # the break is escaped, not a new line
    assert all("\r" not in line and "\n" not in line for line in lines)


@pytest.mark.django_db
def test_csv_export_neutralises_formulas_and_keeps_markup_as_data(owner, owner_client):
    for index, name in enumerate(["=HYPERLINK(1)", "+SUM(1)", "-1+1", "@cmd", SCRIPT]):
        session = WorkoutSessionFactory(
            user=owner, name=name, started_at=timezone.now() - timedelta(days=index + 1)
        )
        row = WorkoutSessionExerciseFactory(session=session, exercise_name="=Bench")
        WorkoutSetFactory(session_exercise=row, notes="=1+1")
    response = owner_client.get("/data/export.csv")
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows
    for row in rows:
        for value in row.values():
            assert (value or " ")[0] not in "=+-@\t\r", f"formula cell {value!r}"
    names = {row[next(k for k in row if "name" in k.lower())] for row in rows}
    assert "'=HYPERLINK(1)" in names and SCRIPT in names  # data, not HTML: kept as is


@pytest.mark.django_db
def test_a_display_name_cannot_hold_line_breaks(owner, owner_client):
    response = owner_client.post(
        "/accounts/profile/",
        {
            "display_name": "Eve\r\nBcc: victim@example.com",
            "timezone": "UTC",
            "preferred_unit": "kg",
        },
    )
    assert response.status_code == 400
    assert "no line breaks" in response.content.decode()
    owner.refresh_from_db()
    assert owner.display_name == "Alice"


@pytest.mark.django_db
def test_invite_email_with_a_hostile_display_name(
    owner, owner_client, mailoutbox, django_capture_on_commit_callbacks
):
    owner.display_name = f"Eve {IMG}\r\nBcc: victim@example.com"  # e.g. set in the admin
    owner.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post("/accounts/invites/", {"email": "new@example.com"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["new@example.com"] and not mail.bcc and not mail.cc
    assert mail.message()["Bcc"] is None
    assert "\n" not in mail.subject and "\r" not in mail.subject
    # Plain text (no HTML part a mail client could run): the name as typed, not as entities.
    assert not mail.alternatives
    assert mail.subject == "Your invitation to Liftlog"
    assert f"Eve {IMG}" in mail.body
    assert "&lt;" not in mail.subject + mail.body


META = '<meta http-equiv="refresh" content="1;url=https://evil.example/">'


@pytest.mark.django_db
def test_a_friends_display_name_in_help_text_is_shown_as_text(owner_client, owner, friend):
    """The visibility help text of the template form names the friends who will see it."""
    friend.display_name = META
    friend.save()
    template = WorkoutTemplateFactory(user=owner)
    for url in ("/templates/new/", f"/templates/{template.pk}/edit/"):
        text = owner_client.get(url).content.decode()
        assert "<meta http-equiv" not in text, url
        assert "&lt;meta http-equiv=&quot;refresh&quot;" in text, url


def test_no_template_turns_escaping_off():
    """Markup that must not be escaped is built in Python with format_html (or mark_safe
    on text escaped just before, with a comment), never switched on in a template."""
    root = Path(settings.BASE_DIR) / "templates"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if re.search(r"\|\s*safe\b|autoescape\s+off", path.read_text())
    ]
    assert not offenders
