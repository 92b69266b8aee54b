from decimal import Decimal

import pytest
from django.urls import reverse

from fitness.workouts.models import WorkoutSession, WorkoutTemplate, WorkoutTemplateExercise
from fitness.workouts.tests.factories import (
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
    system_exercise,
)

LIST = reverse("workouts:template_list")


def _detail(template) -> str:
    return reverse("workouts:template_detail", args=[template.id])


def _order(template) -> list[str]:
    return list(
        template.template_exercises.order_by("order_index").values_list("exercise__name", flat=True)
    )


def test_list_hides_archived_templates_unless_asked(owner_client, owner):
    WorkoutTemplateFactory(user=owner, name="Push")
    WorkoutTemplateFactory(user=owner, name="Old program", is_archived=True)
    response = owner_client.get(LIST)
    assert "Push" in response.text and "Old program" not in response.text
    assert "Show archived templates (1)" in response.text
    response = owner_client.get(LIST, {"archived": "1"})
    assert "Old program" in response.text and "Archived" in response.text


def test_list_shows_a_badge_for_templates_shared_with_friends(owner_client, owner):
    WorkoutTemplateFactory(user=owner, name="Push", visibility="friends")
    WorkoutTemplateFactory(user=owner, name="Pull")
    text = owner_client.get(LIST).text
    assert text.count("Shared with friends") == 1 and "Private" in text


def test_empty_list_explains_templates(owner_client):
    assert "Create your first template" in owner_client.get(LIST).text


def test_create_template_with_visibility_sentence(owner_client, owner, friend):
    page = owner_client.get(reverse("workouts:template_create"))
    assert "Bob can see this template and copy it" in page.text
    response = owner_client.post(
        reverse("workouts:template_create"),
        {"name": "Push", "description": "Heavy", "visibility": "friends"},
    )
    template = WorkoutTemplate.objects.get(user=owner)
    assert response["Location"] == _detail(template)
    assert (template.name, template.visibility) == ("Push", "friends")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "visibility": "private"}, "This field is required"),
        ({"name": "X" * 101, "visibility": "private"}, "at most 100 characters"),
        ({"name": "Push", "visibility": "public"}, "Select a valid choice"),
    ],
)
def test_bad_template_values_write_nothing(owner_client, owner, data, message):
    response = owner_client.post(reverse("workouts:template_create"), data)
    assert response.status_code == 200 and message in response.text
    assert not WorkoutTemplate.objects.filter(user=owner).exists()
    template = WorkoutTemplateFactory(user=owner, name="Keep", visibility="private")
    response = owner_client.post(reverse("workouts:template_edit", args=[template.id]), data)
    assert message in response.text
    template.refresh_from_db()
    assert (template.name, template.visibility) == ("Keep", "private")


def test_edit_template_details(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner, name="Push")
    owner_client.post(
        reverse("workouts:template_edit", args=[template.id]),
        {"name": "Push A", "description": "", "visibility": "friends"},
    )
    template.refresh_from_db()
    assert (template.name, template.visibility) == ("Push A", "friends")


def test_add_exercise_with_targets_in_my_unit(owner_client, owner):
    owner.preferred_unit = "lb"
    owner.save()
    template = WorkoutTemplateFactory(user=owner)
    response = owner_client.post(
        reverse("workouts:template_exercise_add", args=[template.id]),
        {
            "exercise": system_exercise("Deadlift").id,
            "target_sets": "5",
            "target_reps": "3",
            "target_weight": "315",
            "rest_seconds": "180",
        },
    )
    assert response.status_code == 302
    item = template.template_exercises.get()
    assert (item.target_sets, item.target_reps, item.target_weight, item.target_weight_unit) == (
        5,
        3,
        Decimal("315"),
        "lb",
    )
    assert item.rest_seconds == 180
    assert 'value="315"' in owner_client.get(_detail(template)).text


def test_targets_stored_in_kg_are_shown_in_lb_and_kept_when_saved_unchanged(owner_client, owner):
    owner.preferred_unit = "lb"
    owner.save()
    template = WorkoutTemplateFactory(user=owner)
    item = WorkoutTemplateExerciseFactory(template=template, target_weight=Decimal("100"))
    assert 'value="220"' in owner_client.get(_detail(template)).text  # 220.46, to the pound
    owner_client.post(
        reverse("workouts:template_exercise_update", args=[template.id, item.id]),
        {"target_sets": "4", "target_reps": "5", "target_weight": "220"},
    )
    item.refresh_from_db()
    assert (item.target_sets, item.target_weight, item.target_weight_unit) == (
        4,
        Decimal("100"),
        "kg",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"target_sets": "0"}, "Sets must be at least 1"),
        ({"target_sets": "51"}, "Sets must be at most 50"),
        ({"target_sets": ""}, "Sets is required"),
        ({"target_sets": "3", "target_reps": "-1"}, "Reps must be at least 0"),
        ({"target_sets": "3", "target_weight": "-5"}, "Weight cannot be negative"),
        ({"target_sets": "3", "target_weight": "abc"}, "Weight must be a number"),
        ({"target_sets": "3", "rest_seconds": "4000"}, "Rest (s) must be at most 3600"),
    ],
)
def test_bad_targets_show_a_message_and_write_nothing(owner_client, owner, data, message):
    template = WorkoutTemplateFactory(user=owner)
    item = WorkoutTemplateExerciseFactory(template=template, target_sets=3, target_reps=5)
    url = reverse("workouts:template_exercise_update", args=[template.id, item.id])
    response = owner_client.post(url, data)
    assert response.status_code == 200 and message in response.text
    response = owner_client.post(url, data, headers={"HX-Request": "true"})
    assert message in response.text and 'id="template-items"' in response.text
    item.refresh_from_db()
    assert (item.target_sets, item.target_reps, item.target_weight) == (3, 5, Decimal("60"))
    add = reverse("workouts:template_exercise_add", args=[template.id])
    response = owner_client.post(add, {**data, "exercise": system_exercise("Deadlift").id})
    assert message in response.text
    assert template.template_exercises.count() == 1


def test_add_without_an_exercise_is_refused(owner_client, owner, outsider):
    from fitness.workouts.tests.factories import ExerciseFactory

    template = WorkoutTemplateFactory(user=owner)
    add = reverse("workouts:template_exercise_add", args=[template.id])
    assert "Choose an exercise." in owner_client.post(add, {"target_sets": "3"}).text
    theirs = ExerciseFactory(user=outsider)
    response = owner_client.post(add, {"target_sets": "3", "exercise": theirs.id})
    assert "Choose an exercise from the list" in response.text
    assert not template.template_exercises.exists()


def test_reorder_with_htmx_returns_the_list_and_without_js_redirects(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner)
    items = [
        WorkoutTemplateExerciseFactory(
            template=template, exercise=system_exercise(n), order_index=i
        )
        for i, n in enumerate(["Bench Press", "Overhead Press", "Pull-Up"])
    ]
    move = reverse("workouts:template_exercise_move", args=[template.id, items[2].id])
    response = owner_client.post(move, {"direction": "up"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'id="template-items"' in response.text
    assert "<html" not in response.text
    assert _order(template) == ["Bench Press", "Pull-Up", "Overhead Press"]
    response = owner_client.post(move, {"direction": "up"})
    assert response.status_code == 302
    assert _order(template) == ["Pull-Up", "Bench Press", "Overhead Press"]
    owner_client.post(move, {"direction": "up"})  # already first: nothing moves
    assert _order(template) == ["Pull-Up", "Bench Press", "Overhead Press"]
    delete = reverse("workouts:template_exercise_delete", args=[template.id, items[0].id])
    owner_client.post(delete)
    assert list(
        template.template_exercises.order_by("order_index").values_list("order_index", flat=True)
    ) == [0, 1]


def test_duplicate_copies_exercises_as_a_private_template(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner, name="Push", visibility="friends")
    WorkoutTemplateExerciseFactory(template=template, target_reps=8)
    WorkoutTemplateExerciseFactory(template=template, exercise=system_exercise("Pull-Up"))
    owner_client.post(reverse("workouts:template_duplicate", args=[template.id]))
    copy = WorkoutTemplate.objects.get(user=owner, name="Push (copy)")
    assert copy.visibility == "private"
    assert _order(copy) == ["Bench Press", "Pull-Up"]
    assert copy.template_exercises.filter(target_reps=8).exists()


def test_archive_and_unarchive(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner, name="Push")
    owner_client.post(reverse("workouts:template_archive", args=[template.id]))
    template.refresh_from_db()
    assert template.is_archived
    owner_client.get(LIST)  # the flash message names it once
    assert "Push" not in owner_client.get(LIST).text
    owner_client.post(reverse("workouts:template_unarchive", args=[template.id]))
    template.refresh_from_db()
    assert not template.is_archived


def test_delete_asks_for_confirmation_and_keeps_history_readable(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner, name="Push")
    WorkoutTemplateExerciseFactory(template=template)
    session = WorkoutSessionFactory(user=owner, template=template)
    logged = WorkoutSessionExerciseFactory(session=session)
    WorkoutSetFactory(session_exercise=logged, set_number=1, weight=Decimal("80"))
    url = reverse("workouts:template_delete", args=[template.id])
    page = owner_client.get(url)
    assert "Delete “Push”?" in page.text and "stay in your history" in page.text
    assert WorkoutTemplate.objects.filter(pk=template.pk).exists()  # GET changes nothing
    owner_client.post(url)
    assert not WorkoutTemplate.objects.filter(pk=template.pk).exists()
    assert not WorkoutTemplateExercise.objects.exists()
    session.refresh_from_db()
    assert session.template_id is None
    page = owner_client.get(reverse("workouts:session_detail", args=[session.id]))
    assert page.status_code == 200 and "Bench Press" in page.text and 'value="80"' in page.text


def test_template_pages_run_a_fixed_number_of_queries(
    owner_client, owner, django_assert_max_num_queries
):
    exercises = [system_exercise(n) for n in ["Bench Press", "Pull-Up", "Back Squat"]]
    templates = WorkoutTemplateFactory.create_batch(30, user=owner)
    WorkoutTemplateExercise.objects.bulk_create(
        WorkoutTemplateExercise(template=t, exercise=exercises[i % 3], order_index=i)
        for t in templates
        for i in range(25)
    )
    with django_assert_max_num_queries(6):
        response = owner_client.get(LIST)
    assert response.text.count("Start workout") == 30
    with django_assert_max_num_queries(6):
        response = owner_client.get(_detail(templates[0]))
    assert response.text.count("Save targets") == 25


def test_start_from_a_template_page(owner_client, owner):
    template = WorkoutTemplateFactory(user=owner)
    WorkoutTemplateExerciseFactory(template=template, target_sets=4)
    response = owner_client.post(reverse("workouts:session_new"), {"template": template.id})
    session = WorkoutSession.objects.get(user=owner)
    assert response["Location"] == reverse("workouts:session_detail", args=[session.id])
    assert session.session_exercises.get().sets.count() == 4


def test_template_page_offers_schedule_and_says_who_sees_it(owner, owner_client, friend):
    template = WorkoutTemplateFactory(user=owner, name="Push")
    text = owner_client.get(_detail(template)).text
    assert f'href="/calendar/new/?template={template.id}">Schedule' in text
    assert "Only you can see it." in text
    template.visibility = "friends"
    template.save()
    text = owner_client.get(_detail(template)).text
    assert f"{friend.display_name} can see it under Shared and copy it." in text
