"""Histories with the awkward cases a CSV round trip must survive."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from html import escape
from html.parser import HTMLParser

from django.test import Client

from fitness.accounts.models import User
from fitness.workouts.models import Exercise, WorkoutSession, WorkoutSessionExercise, WorkoutSet
from fitness.workouts.tests.factories import ExerciseFactory, system_exercise


def tricky_history(user: User) -> list[WorkoutSession]:
    """Two completed sessions (plus one in progress, never exported) of `user`."""
    bench = system_exercise("Bench Press")
    running = system_exercise("Running")
    custom = ExerciseFactory(user=user, name='=HYPERLINK("x") Row')
    first_start = datetime(2026, 3, 2, 17, 30, 15, 123456, tzinfo=UTC)
    first = WorkoutSession.objects.create(
        user=user,
        name="Push, heavy",
        status=WorkoutSession.Status.COMPLETED,
        started_at=first_start,
        completed_at=first_start + timedelta(minutes=62, seconds=30),
        notes='Felt "great"\nsecond line',
    )
    bench_row = WorkoutSessionExercise.objects.create(
        session=first,
        exercise=bench,
        exercise_name="Bench Press",
        order_index=0,
        notes="-grip",
        superset_group=1,
    )
    WorkoutSet.objects.create(
        session_exercise=bench_row,
        set_number=1,
        is_warmup=True,
        set_type="warmup",
        weight=Decimal("40"),
        reps=10,
    )
    WorkoutSet.objects.create(
        session_exercise=bench_row,
        set_number=2,
        weight=Decimal("102.5"),
        reps=5,
        rpe=Decimal("8.5"),
        notes="@home; 'paused'",
        set_type="failure",
    )
    custom_row = WorkoutSessionExercise.objects.create(
        session=first, exercise=custom, exercise_name=custom.name, order_index=3, superset_group=1
    )
    WorkoutSet.objects.create(
        session_exercise=custom_row, set_number=1, weight=Decimal("135"), weight_unit="lb", reps=8
    )
    second_start = datetime(2026, 3, 4, 6, 0, tzinfo=UTC)
    second = WorkoutSession.objects.create(
        user=user,
        name="+Cardio ünïcødé",
        status=WorkoutSession.Status.COMPLETED,
        started_at=second_start,
        completed_at=second_start + timedelta(minutes=30),
    )
    run_row = WorkoutSessionExercise.objects.create(
        session=second, exercise=running, exercise_name="Running", order_index=0
    )
    WorkoutSet.objects.create(
        session_exercise=run_row, set_number=1, distance_m=Decimal("5000"), duration_s=1500
    )
    WorkoutSession.objects.create(
        user=user,
        name="Unfinished",
        status=WorkoutSession.Status.IN_PROGRESS,
        started_at=second_start + timedelta(days=1),
    )
    return [first, second]


def export_text(client: Client, query: str = "") -> str:
    response = client.get("/data/export.csv" + query)
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content).decode()


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def counts(user: User) -> tuple[int, int, int, int]:
    return (
        WorkoutSession.objects.filter(user=user).count(),
        WorkoutSessionExercise.objects.filter(session__user=user).count(),
        WorkoutSet.objects.filter(session_exercise__session__user=user).count(),
        Exercise.objects.filter(user=user).count(),
    )


def upload(name: str, content: bytes | str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


class _FormFields(HTMLParser):
    """The values a browser would submit from the preview's confirm form (token, unit,
    every `map_<n>` select with its selected option)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self.select: str | None = None
        self.first: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name") == "token":
            self.values["token"] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") == "radio" and "checked" in attrs:
            self.values[attrs["name"]] = attrs.get("value", "")
        elif tag == "select" and attrs.get("name", "").startswith("map_"):
            self.select, self.first = attrs["name"], None
        elif tag == "option" and self.select:
            if self.first is None:
                self.first = attrs.get("value", "")
            if "selected" in attrs:
                self.values[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            self.values.setdefault(self.select, self.first or "")
            self.select = None


def confirm_fields(html: str) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(html)
    return parser.values


def mapping_index(html: str, name: str) -> str:
    """The `map_<n>` field of an exercise name on the preview page."""
    found = re.search(r'<label for="id_(map_\d+)">' + re.escape(escape(name)) + " <", html)
    assert found, f"{name} is not on the preview"
    return found[1]


def preview_then_confirm(client: Client, data: dict, url: str = "/data/import/", **changes):
    """Upload (the preview), then confirm it as a browser would, with `changes` to the
    form (e.g. unit="lb"). Returns both responses."""
    preview = client.post(url, data)
    assert preview.status_code == 200, preview.content.decode()[:2000]
    fields = confirm_fields(preview.content.decode())
    assert "token" in fields, "no confirm form on the page"
    return preview, client.post("/data/import/confirm/", fields | changes)
