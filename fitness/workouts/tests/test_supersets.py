"""Supersets in templates and sessions, and set types."""

from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse

from fitness.workouts import services
from fitness.workouts.models import WorkoutSet
from fitness.workouts.tests.factories import (
    WorkoutSessionExerciseFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
    system_exercise,
)

HTMX = {"HX-Request": "true"}
NAMES = ["Bench Press", "Barbell Row", "Overhead Press", "Pull-Up"]


@pytest.fixture
def template(owner):
    template = WorkoutTemplateFactory(user=owner, name="Upper")
    for index, name in enumerate(NAMES):
        WorkoutTemplateExerciseFactory(
            template=template, exercise=system_exercise(name), order_index=index, target_sets=2
        )
    return template


def _groups(rows) -> list:
    return [row.superset_group for row in rows.order_by("order_index")]


def _item(template, name):
    return template.template_exercises.get(exercise__name=name)


def test_superset_with_next_in_the_template_editor_and_copied_to_the_session(
    owner_client, owner, template
):
    url = reverse(
        "workouts:template_exercise_superset",
        args=[template.id, _item(template, "Overhead Press").id],
    )
    response = owner_client.post(url, {"join": "1"}, headers=HTMX)
    assert response.status_code == 200 and "Superset A" in response.text
    services.template_exercise_superset(item=_item(template, "Bench Press"), join=True)
    # Groups are numbered in order of appearance: Bench + Row is A, Press + Pull-Up is B.
    assert _groups(template.template_exercises) == [1, 1, 2, 2]
    session = services.session_start(user=owner, template=template)
    assert _groups(session.session_exercises) == [1, 1, 2, 2]
    page = owner_client.get(reverse("workouts:session_detail", args=[session.id])).text
    assert page.count("Superset A</p>") == 2 and page.count("Superset B</p>") == 2
    # The last of each superset offers no "Superset with next" into a group it is in already.
    assert page.count(">Superset with next</button>") == 1
    assert page.count(">Remove from superset</button>") == 4


def test_a_block_returned_on_its_own_knows_its_superset_neighbours(owner_client, owner, template):
    session = services.session_start(user=owner, template=template)
    bench, row, press, _pull_up = session.session_exercises.order_by("order_index")
    services.session_exercise_superset(session_exercise=bench, join=True)
    services.session_exercise_superset(session_exercise=press, join=True)
    for block, joined in ((bench, True), (row, False), (press, True)):
        workout_set = block.sets.first()
        url = reverse("workouts:set_delete", args=[session.id, workout_set.id])
        fragment = owner_client.post(url, headers=HTMX).text
        # As on the whole page: a block joined with the next one offers no second join.
        assert (">Superset with next</button>" in fragment) is not joined
        assert fragment.count(">Remove from superset</button>") == 1


def test_joining_three_and_leaving_keeps_runs_of_neighbours(owner, template):
    services.template_exercise_superset(item=_item(template, "Bench Press"), join=True)
    services.template_exercise_superset(item=_item(template, "Barbell Row"), join=True)
    assert _groups(template.template_exercises) == [1, 1, 1, None]
    services.template_exercise_superset(item=_item(template, "Barbell Row"), join=False)
    # Bench and Press are no longer neighbours in one group: neither is in a superset.
    assert _groups(template.template_exercises) == [None, None, None, None]


def test_moving_an_exercise_out_of_its_superset_ends_it(owner, template):
    session = services.session_start(user=owner, template=template)
    bench, row, press, _pull = session.session_exercises.order_by("order_index")
    services.session_exercise_superset(session_exercise=press, join=True)
    services.session_exercise_superset(session_exercise=bench, join=True)
    assert _groups(session.session_exercises) == [1, 1, 2, 2]
    services.session_exercise_move(session_exercise=row, direction="down")
    # Bench, Press, Row, Pull-Up: Bench is alone, Press stays with... nobody of its group.
    assert _groups(session.session_exercises) == [None, None, None, None]


def test_superset_views_refuse_other_members(owner_client, outsider, template):
    theirs = services.session_start(user=outsider)
    item = WorkoutSessionExerciseFactory(session=theirs)
    url = reverse("workouts:session_exercise_superset", args=[theirs.id, item.id])
    assert owner_client.post(url, {"join": "1"}).status_code == 404
    assert owner_client.get(url).status_code == 404
    tpl_url = reverse(
        "workouts:template_exercise_superset", args=[template.id, _item(template, "Pull-Up").id]
    )
    owner_client.logout()
    assert owner_client.post(tpl_url, {"join": "1"}).status_code == 302  # to sign in


def test_set_type_is_saved_and_is_warmup_follows_it(owner_client, owner, template):
    session = services.session_start(user=owner, template=template)
    first = WorkoutSet.objects.filter(session_exercise__session=session).order_by("id").first()
    url = reverse("workouts:set_update", args=[session.id, first.id])
    for set_type, warmup in [("warmup", True), ("drop", False), ("failure", False)]:
        owner_client.post(url, {"weight": "60", "reps": "8", "set_type": set_type})
        first.refresh_from_db()
        assert (first.set_type, first.is_warmup) == (set_type, warmup)
    response = owner_client.post(url, {"weight": "60", "reps": "8", "set_type": "mystery"})
    assert "Select a valid choice" in response.text
    first.refresh_from_db()
    assert first.set_type == "failure"
    # A page kept from before set types sends the warm-up box: still understood.
    owner_client.post(url, {"weight": "60", "reps": "8", "is_warmup": "1"})
    first.refresh_from_db()
    assert (first.set_type, first.is_warmup) == ("warmup", True)


def test_warmups_stay_out_of_the_session_volume(owner_client, owner, template):
    session = services.session_start(user=owner, template=template)
    bench = session.session_exercises.get(order_index=0)
    one, two = bench.sets.order_by("set_number")
    services.set_update(workout_set=one, weight=Decimal(40), weight_unit="kg", reps=10,
                        set_type="warmup")  # fmt: skip
    services.set_update(workout_set=two, weight=Decimal(100), weight_unit="kg", reps=5,
                        set_type="drop")  # fmt: skip
    page = owner_client.get(reverse("workouts:session_detail", args=[session.id])).text
    assert ">W</button>" in page and ">D</button>" in page
    services.session_finish(session=session)
    page = owner_client.get(reverse("workouts:session_detail", args=[session.id])).text
    assert "2 sets · 500 kg" in page


@pytest.mark.parametrize(
    "values",
    [{"set_type": "warmup", "is_warmup": False}, {"set_type": "drop", "is_warmup": True}],
)
def test_the_database_keeps_is_warmup_equal_to_set_type(owner, values):
    session_exercise = WorkoutSessionExerciseFactory()
    with pytest.raises(IntegrityError):
        WorkoutSet.objects.create(session_exercise=session_exercise, set_number=1, **values)


def test_superset_group_range_is_checked(owner):
    with pytest.raises(IntegrityError):
        WorkoutSessionExerciseFactory(superset_group=0)
