from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from fitness.accounts.tests.factories import UserFactory
from fitness.workouts.models import (
    Exercise,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
    WorkoutTemplate,
    WorkoutTemplateExercise,
)
from fitness.workouts.summaries.refresh import history_summaries_refresh


def system_exercise(name: str) -> Exercise:
    """One of the system library's exercises (seeded by data migrations)."""
    return Exercise.objects.get(user=None, name=name)


class ExerciseFactory(DjangoModelFactory):
    """A member's custom exercise (pass user=None only for a new system exercise)."""

    class Meta:
        model = Exercise

    name = factory.Sequence(lambda n: f"Custom Exercise {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    type = Exercise.Type.STRENGTH
    category = Exercise.Category.CHEST
    user = factory.SubFactory(UserFactory)


class WorkoutTemplateFactory(DjangoModelFactory):
    class Meta:
        model = WorkoutTemplate

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Template {n}")
    description = "Heavy day"


class WorkoutTemplateExerciseFactory(DjangoModelFactory):
    class Meta:
        model = WorkoutTemplateExercise

    template = factory.SubFactory(WorkoutTemplateFactory)
    exercise = factory.LazyFunction(lambda: system_exercise("Bench Press"))
    order_index = factory.Sequence(lambda n: n)
    target_sets = 3
    target_reps = 5
    target_weight = Decimal("60")
    target_weight_unit = "kg"


def _summarise(session: WorkoutSession, exercise_names: list[str]) -> None:
    """Factories write rows directly, as an importer does: keep the derived history summaries
    (fitness/workouts/summaries) in step, so pages read what the rows say."""
    if session.status == WorkoutSession.Status.COMPLETED:
        history_summaries_refresh(
            user=session.user, exercise_keys=exercise_names, since=session.started_at
        )


class WorkoutSessionFactory(DjangoModelFactory):
    """A completed session of one hour by default."""

    class Meta:
        model = WorkoutSession
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    name = "Push day"
    status = WorkoutSession.Status.COMPLETED
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    completed_at = factory.LazyAttribute(
        lambda o: (
            o.started_at + timedelta(hours=1)
            if o.status == WorkoutSession.Status.COMPLETED
            else None
        )
    )

    @factory.post_generation
    def summaries(self, create, extracted, **kwargs):
        if create:
            _summarise(self, [])


class WorkoutSessionExerciseFactory(DjangoModelFactory):
    class Meta:
        model = WorkoutSessionExercise
        skip_postgeneration_save = True

    session = factory.SubFactory(WorkoutSessionFactory)
    exercise = factory.LazyFunction(lambda: system_exercise("Bench Press"))
    exercise_name = factory.LazyAttribute(lambda o: o.exercise.name if o.exercise else "Gone")
    order_index = factory.Sequence(lambda n: n)

    @factory.post_generation
    def summaries(self, create, extracted, **kwargs):
        if create:
            _summarise(self.session, [self.exercise_name])


class WorkoutSetFactory(DjangoModelFactory):
    class Meta:
        model = WorkoutSet
        skip_postgeneration_save = True

    session_exercise = factory.SubFactory(WorkoutSessionExerciseFactory)
    set_number = factory.Sequence(lambda n: n + 1)
    is_warmup = False
    set_type = factory.LazyAttribute(lambda o: "warmup" if o.is_warmup else "normal")
    weight = Decimal("100")
    weight_unit = "kg"
    reps = 5

    @factory.post_generation
    def summaries(self, create, extracted, **kwargs):
        if create:
            _summarise(self.session_exercise.session, [self.session_exercise.exercise_name])
