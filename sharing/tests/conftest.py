from decimal import Decimal

import pytest
from django.test import Client

from fitness.workouts.models import WorkoutTemplate
from fitness.workouts.tests.factories import (
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
    system_exercise,
)


@pytest.fixture
def make_shared():
    """A template with `friends` visibility and `exercises` lines (Bench Press, Back Squat, ...)."""
    names = ["Bench Press", "Back Squat", "Deadlift", "Overhead Press", "Barbell Row"]

    def make(owner, name="Push day", exercises=2, **fields):
        fields.setdefault("visibility", WorkoutTemplate.Visibility.FRIENDS)
        template = WorkoutTemplateFactory(user=owner, name=name, **fields)
        for index in range(exercises):
            WorkoutTemplateExerciseFactory(
                template=template,
                exercise=system_exercise(names[index % len(names)]),
                order_index=index,
                target_weight=Decimal("60") + index * 10,
            )
        return template

    return make


@pytest.fixture
def friend_client(friend) -> Client:
    """Bob, invited by Alice (the owner), signed in."""
    client = Client()
    client.force_login(friend)
    return client
