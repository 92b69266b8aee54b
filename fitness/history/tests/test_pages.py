"""History list, session detail and progress pages: access, filters, pagination, queries."""

import html
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.workouts import create_synthetic_history
from fitness.history.tests.helpers import log_session, svgs

pytestmark = pytest.mark.django_db

BASE = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def test_pages_need_login(client, owner):
    session = log_session(owner, BASE, {"Squat": [(100, "kg", 5)]})
    for url in [
        reverse("history:list"),
        reverse("history:session_detail", args=[session.pk]),
        reverse("history:progress"),
        reverse("history:exercise_progress", args=["Squat"]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_shows_completed_sessions_newest_first_with_figures(owner_client, owner):
    log_session(owner, BASE, {"Squat": [(100, "kg", 5)]}, name="Older", minutes=45)
    log_session(
        owner,
        BASE + timedelta(days=2),
        {"Squat": [(100, "kg", 5)], "Bench Press": [(225, "lb", 5)]},
        name="Newer",
        minutes=75,
    )
    log_session(owner, BASE + timedelta(days=3), {}, name="Still going", status="in_progress")
    text = owner_client.get("/history/").text
    assert text.index("Newer") < text.index("Older")
    # An unfinished workout is not in the list, only offered to resume above it.
    rows = text[text.index('class="card list session-list"') :]
    assert "Still going" not in rows and "Resume" in text
    assert "1 h 15 min" in text and "45 min" in text
    assert "1,010 kg" in text  # 500 + 225 lb × 5 converted


def test_list_dates_are_in_the_members_time_zone(owner_client, owner):
    owner.timezone = "Asia/Tokyo"
    owner.save()
    log_session(owner, datetime(2025, 3, 3, 20, 0, tzinfo=UTC), name="Late")
    text = owner_client.get("/history/").text
    assert "Tue 4 Mar 2025, 05:00" in text


def test_pagination(owner_client, owner):
    for n in range(25):
        log_session(owner, BASE + timedelta(days=n), name=f"Day {n:02d}")
    first = owner_client.get("/history/").text
    assert "Day 24" in first and "Day 05" in first and "Day 04" not in first
    assert "← Newer" not in first
    older = re.search(r'href="\?(before=[^"]+)" rel="next"', first).group(1)
    second = owner_client.get("/history/?" + html.unescape(older)).text
    assert "Day 04" in second and "Day 00" in second and "Day 05" not in second
    assert "Older →" not in second
    newer = re.search(r'href="\?(after=[^"]+)" rel="prev"', second).group(1)
    back = owner_client.get("/history/?" + html.unescape(newer)).text
    assert "Day 24" in back and "Day 05" in back and "Day 04" not in back
    assert "← Newer" not in back and "Older →" in back
    # A cursor that is not one of ours shows the first page.
    assert "Day 24" in owner_client.get("/history/", {"before": "nonsense~1"}).text


def test_pagination_reads_one_row_more_than_a_page_and_counts_nothing(owner_client, owner):
    for n in range(3):
        log_session(owner, BASE + timedelta(days=n))
    with CaptureQueriesContext(connection) as queries:
        owner_client.get("/history/")
    sql = " ".join(q["sql"] for q in queries).upper()
    assert "COUNT(*)" not in sql and "MAX(" not in sql
    assert "LIMIT 21" in sql


def test_filter_by_exercise_and_date_range(owner_client, owner):
    log_session(owner, BASE, {"Squat": [(100, "kg", 5)]}, name="Squat day")
    log_session(owner, BASE + timedelta(days=7), {"Bench Press": [(80, "kg", 5)]}, name="Bench day")
    log_session(owner, BASE + timedelta(days=14), {"Squat": [(110, "kg", 5)]}, name="Heavy squats")

    text = owner_client.get("/history/", {"exercise": "Squat"}).text
    assert "Squat day" in text and "Heavy squats" in text and "Bench day" not in text
    # Whole-session figures, not only the filtered exercise's.
    text = owner_client.get("/history/", {"date_from": "2025-03-10", "date_to": "2025-03-10"}).text
    assert "Bench day" in text and "Squat day" not in text and "Heavy squats" not in text
    text = owner_client.get(
        "/history/", {"exercise": "Squat", "date_from": "2025-03-04", "page": "1"}
    ).text
    assert "Heavy squats" in text and "Squat day" not in text
    assert "Workouts that match the filters" in text


def test_filter_errors_are_shown(owner_client, owner):
    log_session(owner, BASE, name="Kept")
    text = owner_client.get("/history/", {"date_from": "2025-03-10", "date_to": "2025-03-01"}).text
    assert "The end date must be on or after the start date." in text
    assert "Kept" in text
    text = owner_client.get("/history/", {"exercise": "Nope"}).text
    assert "Select a valid choice" in text


def test_session_detail_shows_every_set_in_the_preferred_unit(owner_client, owner):
    session = log_session(
        owner,
        BASE,
        {"Bench Press": [(60, "kg", 10, "warmup"), (100, "kg", 5), (225, "lb", 3)]},
    )
    text = owner_client.get(f"/history/{session.pk}/").text
    assert "Warm-up" in text
    assert "102.1 kg" in text and "logged 225 lb" in text
    assert "116.7 kg" in text  # e1RM of 100 × 5
    assert "806 kg" in text  # 500 + 306.2 (warm-up excluded)


def test_another_members_session_is_404(client, owner, outsider):
    session = log_session(owner, BASE, {"Squat": [(100, "kg", 5)]})
    client.force_login(outsider)
    assert client.get(f"/history/{session.pk}/").status_code == 404
    assert client.get("/history/progress/Squat/").status_code == 404
    assert "Squat" not in client.get("/history/progress/").text


def test_progress_pages_escape_names_and_render_labelled_svg(owner_client, owner):
    name = '<script>alert("x")</script> & Press'
    for week in range(6):
        log_session(owner, BASE + timedelta(weeks=week), {name: [(50 + week, "kg", 5)]})
    overview = owner_client.get("/history/progress/").text
    assert "<script>alert" not in overview
    assert "&lt;script&gt;" in overview
    url = reverse("history:exercise_progress", args=[name])
    assert quote("<script>") in url
    response = owner_client.get(url, {"range": "all"})
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "weight × (1 + reps ÷ 30)" in response.text
    charts = svgs(response.text)
    assert len(charts) == 4  # e1RM and volume, narrow and wide
    for svg in charts:
        assert svg.get("role") == "img"
        title, desc = svg.find("title"), svg.find("desc")
        assert name in title.text and desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert any("(kg)" in (t.text or "") for t in svg.iter("text"))
    assert "style=" not in response.text


def test_overview_dates_are_in_the_members_time_zone(owner_client, owner):
    owner.timezone = "Asia/Tokyo"
    owner.save()
    log_session(owner, datetime(2025, 3, 3, 20, 0, tzinfo=UTC), {"Squat": [(100, "kg", 5)]})
    text = owner_client.get("/history/progress/").text
    assert text.count(">4 Mar 25<") == 2 and "3 Mar 25" not in text  # last done, and the best


def test_overview_links_are_what_reverse_gives_and_open_the_exercise(owner_client, owner):
    names = ["Bench Press", "Curl 50/50", "Press ? #1", "100% & Co", "Élan ~ ü", "a;b=c"]
    log_session(owner, BASE, {name: [(50, "kg", 5)] for name in names})
    overview = owner_client.get("/history/progress/").text
    for name in names:
        url = reverse("history:exercise_progress", args=[name])
        assert f'href="{html.escape(url)}"' in overview
        assert owner_client.get(url).status_code == 200


def test_exercise_page_range_switch(owner_client, owner):
    now = datetime.now(UTC)
    log_session(owner, now - timedelta(days=400), {"Squat": [(150, "kg", 1)]}, name="Long ago")
    log_session(owner, now - timedelta(days=10), {"Squat": [(100, "kg", 5)]}, name="Recent")
    recent = owner_client.get("/history/progress/Squat/", {"range": "3m"}).text
    # Records are all-time; the best workouts follow the range.
    records, best_workouts = recent.split('id="top-heading"')
    assert "150 kg" in records
    assert "150 kg × 1" not in best_workouts and "100 kg × 5" in best_workouts
    everything = owner_client.get("/history/progress/Squat/", {"range": "all"}).text
    assert "150 kg × 1" in everything.split('id="top-heading"')[1]
    assert owner_client.get("/history/progress/Squat/", {"range": "bogus"}).status_code == 200


def test_unknown_exercise_is_404(owner_client, owner):
    assert owner_client.get("/history/progress/Nothing/").status_code == 404


def test_new_member_empty_states(owner_client):
    text = owner_client.get("/history/").text
    assert "No finished workouts yet" in text and 'href="/data/"' in text
    text = owner_client.get("/history/progress/").text
    assert "No progress to show yet" in text and 'href="/templates/"' in text


def _query_counts(client, user) -> dict[str, int]:
    session = user.workout_sessions.first()
    urls = [
        "/",
        "/history/",
        "/history/?exercise=Back+Squat&date_from=2020-01-01",
        f"/history/{session.pk}/",
        "/history/progress/",
        "/history/progress/Back%20Squat/?range=all",
        "/history/progress/Bench%20Press/?range=3m",
        f"/calendar/{user.local_today():%Y/%m}/",
    ]
    client.force_login(user)
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url.replace(str(session.pk), "ID")] = len(queries)
    return counts


def test_pages_run_the_same_queries_for_a_short_and_a_long_history(client, owner, friend):
    """Home, history, progress and calendar: as many queries for 12 times the history."""
    create_synthetic_history(user=owner, sessions=20)
    create_synthetic_history(user=friend, sessions=240)
    short, long = _query_counts(client, owner), _query_counts(client, friend)
    assert short == long
    assert max(short.values()) <= 7, short


def test_figures_follow_a_set_added_to_a_finished_session(owner_client, owner):
    from fitness.workouts.models import WorkoutSessionExercise
    from fitness.workouts.services import set_add, set_update

    log_session(owner, BASE, {"Squat": [(100, "kg", 5)]})
    assert "116.7 kg" in owner_client.get("/history/progress/").text
    new_set = set_add(session_exercise=WorkoutSessionExercise.objects.get())
    set_update(workout_set=new_set, weight=Decimal(120), weight_unit="kg", reps=5)
    assert "140 kg" in owner_client.get("/history/progress/").text  # 120 × 35/30


def test_figures_follow_a_bulk_import(owner_client, owner):
    assert "No progress" in owner_client.get("/history/progress/").text
    create_synthetic_history(user=owner, sessions=3)
    assert "No progress" not in owner_client.get("/history/progress/").text


def test_in_progress_workouts_link_to_the_logging_page(owner, owner_client):
    from fitness.workouts.tests.factories import WorkoutSessionFactory

    live = WorkoutSessionFactory(user=owner, name="Live push", status="in_progress")
    done = WorkoutSessionFactory(user=owner, name="Done pull")
    text = owner_client.get("/history/").text
    assert "Live push" in text and f'href="/sessions/{live.id}/"' in text
    assert f'href="/history/{live.id}/"' not in text  # the list holds finished ones only
    detail = owner_client.get(f"/history/{live.id}/").text
    assert f'href="/sessions/{live.id}/">Resume logging' in detail
    detail = owner_client.get(f"/history/{done.id}/").text
    assert f'href="/sessions/{done.id}/">Edit sets' in detail


def test_session_detail_lists_exercises_in_the_order_logged(owner_client, owner):
    from fitness.workouts.tests.factories import WorkoutSessionExerciseFactory, WorkoutSetFactory

    session = log_session(owner, BASE, {}, name="Legs")
    # Created in another order than logged (an import writes rows in any order).
    for name, order in [("Plank", 3), ("Leg Press", 2), ("Squat", 0), ("RDL", 1)]:
        block = WorkoutSessionExerciseFactory(
            session=session, exercise=None, exercise_name=name, order_index=order
        )
        WorkoutSetFactory(session_exercise=block, set_number=1)
    text = owner_client.get(f"/history/{session.pk}/").text
    headings = re.findall(r'<h2><a href="/history/progress/[^"]+/">([^<]+)</a></h2>', text)
    assert headings == ["Squat", "RDL", "Leg Press", "Plank"]
