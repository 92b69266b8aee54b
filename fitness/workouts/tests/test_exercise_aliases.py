import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from fitness.workouts.models import ExerciseAlias
from fitness.workouts.services import exercise_alias_remember, exercise_aliases_remember
from fitness.workouts.tests.factories import ExerciseFactory, system_exercise


def test_remember_inserts_then_repoints_the_same_name_ignoring_case(owner):
    bench = system_exercise("Bench Press")
    mine = ExerciseFactory(user=owner, name="Floor Press")
    first = exercise_alias_remember(user=owner, name="  Bench  (Barbell) ", exercise=bench)
    assert (first.name, first.exercise_id) == ("Bench (Barbell)", bench.pk)
    again = exercise_alias_remember(user=owner, name="BENCH (barbell)", exercise=mine)
    assert again.pk == first.pk
    assert list(ExerciseAlias.objects.values_list("name", "exercise_id")) == [
        ("BENCH (barbell)", mine.pk)
    ]


def test_aliases_are_per_member(owner, friend):
    bench = system_exercise("Bench Press")
    exercise_alias_remember(user=owner, name="Bench", exercise=bench)
    exercise_alias_remember(user=friend, name="Bench", exercise=system_exercise("Deadlift"))
    assert ExerciseAlias.objects.count() == 2
    assert ExerciseAlias.objects.get(user=owner).exercise_id == bench.pk


def test_alias_to_another_members_exercise_or_without_a_name_is_refused(owner, outsider):
    theirs = ExerciseFactory(user=outsider)
    with pytest.raises(ValidationError):
        exercise_alias_remember(user=owner, name="Mine now", exercise=theirs)
    with pytest.raises(ValidationError):
        exercise_alias_remember(user=owner, name="   ", exercise=system_exercise("Plank"))
    assert not ExerciseAlias.objects.exists()


def test_database_refuses_two_aliases_differing_only_by_case(owner):
    plank = system_exercise("Plank")
    ExerciseAlias.objects.create(user=owner, name="Planks", exercise=plank)
    with pytest.raises(IntegrityError):
        ExerciseAlias.objects.create(user=owner, name="PLANKS", exercise=plank)


def test_remember_many_replaces_existing_names_in_two_statements(owner, django_assert_num_queries):
    squat, deadlift = system_exercise("Back Squat"), system_exercise("Deadlift")
    exercise_alias_remember(user=owner, name="Squat (Barbell)", exercise=deadlift)
    with django_assert_num_queries(4):  # savepoint, delete, insert, release
        count = exercise_aliases_remember(
            user=owner, names={"squat (barbell)": squat, "Deadlift (Barbell)": deadlift}
        )
    assert count == 2
    assert dict(ExerciseAlias.objects.values_list("name", "exercise_id")) == {
        "squat (barbell)": squat.pk,
        "Deadlift (Barbell)": deadlift.pk,
    }


@pytest.mark.parametrize("name", ["Élan Press", "İsolation Row", "ÖVERHEAD"])
def test_names_beyond_ascii_are_matched_as_the_unique_index_folds_them(owner, name):
    # The index is on the database's LOWER(name), which on SQLite folds ASCII letters only
    # and on PostgreSQL differs from Python's lower() for "İ".
    squat, deadlift = system_exercise("Back Squat"), system_exercise("Deadlift")
    exercise_aliases_remember(user=owner, names={name: squat})
    exercise_aliases_remember(user=owner, names={name: deadlift})
    exercise_alias_remember(user=owner, name=name, exercise=squat)
    assert list(ExerciseAlias.objects.values_list("name", "exercise_id")) == [(name, squat.pk)]
