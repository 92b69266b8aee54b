"""One member's world of real objects (and the ids to put into every URL), for the
permission, CSRF and browser tests of fitness/tests/."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from sesame.utils import get_token

from calendar_app import services as calendar_services
from calendar_app.models import ScheduledWorkout
from fitness.accounts.models import Invite, User
from fitness.workouts.models import WorkoutSession, WorkoutTemplate
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutSessionExerciseFactory,
    WorkoutSessionFactory,
    WorkoutSetFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
    system_exercise,
)
from imports.models import ImportJob


@dataclass
class World:
    owner: User
    exercise: object
    template: WorkoutTemplate
    item: object
    session: WorkoutSession  # completed, with one exercise and one set
    session_exercise: object
    workout_set: object
    live_session: WorkoutSession  # in progress
    entry: ScheduledWorkout
    job: ImportJob
    invite: Invite
    feed_token: str
    params: dict = field(default_factory=dict)


def build_world(owner: User) -> World:
    bench = system_exercise("Bench Press")
    exercise = ExerciseFactory(user=owner, name="Owner's Curl")
    template = WorkoutTemplateFactory(
        user=owner, name="Owner's Push", visibility=WorkoutTemplate.Visibility.FRIENDS
    )
    item = WorkoutTemplateExerciseFactory(template=template, exercise=bench, order_index=0)
    session = WorkoutSessionFactory(user=owner, name="Owner's finished workout")
    session_exercise = WorkoutSessionExerciseFactory(session=session, exercise=bench)
    workout_set = WorkoutSetFactory(session_exercise=session_exercise, weight=Decimal("100"))
    live = WorkoutSessionFactory(
        user=owner,
        name="Owner's live workout",
        status=WorkoutSession.Status.IN_PROGRESS,
        started_at=timezone.now() - timedelta(minutes=20),
        completed_at=None,
    )
    live_exercise = WorkoutSessionExerciseFactory(session=live, exercise=bench)
    WorkoutSetFactory(session_exercise=live_exercise, weight=Decimal("80"))
    today = owner.local_today()
    entry = ScheduledWorkout.objects.create(
        user=owner, scheduled_date=today, template=template, notes="Owner's plan"
    )
    job = ImportJob.objects.create(
        user=owner,
        file_name="owner.csv",
        status=ImportJob.Status.COMPLETED,
        summary={"sessions_created": 0},
        finished_at=timezone.now(),
    )
    invite = Invite.objects.create(inviter=owner, email="new@example.com")
    feed = calendar_services.calendar_feed_regenerate(user=owner)
    world = World(
        owner=owner,
        exercise=exercise,
        template=template,
        item=item,
        session=session,
        session_exercise=session_exercise,
        workout_set=workout_set,
        live_session=live,
        entry=entry,
        job=job,
        invite=invite,
        feed_token=feed.token,
    )
    world.params = {
        "exercise_id": exercise.pk,
        "template_id": template.pk,
        "item_id": item.pk,
        "session_id": session.pk,
        "session_exercise_id": session_exercise.pk,
        "set_id": workout_set.pk,
        "entry_id": entry.pk,
        "job_id": job.pk,
        "invite_id": invite.pk,
        "exercise_name": "Bench Press",
        "year": today.year,
        "month": today.month,
        "day": today.day,
        "uidb64": urlsafe_base64_encode(force_bytes(owner.pk)),
        "token": None,  # per route: invite, magic link, password reset or feed (below)
    }
    return world


def token_for(world: World, url_name: str) -> str:
    owner = world.owner
    return {
        "accounts:magic_link_login": lambda: get_token(owner),
        "accounts:password_reset_confirm": lambda: default_token_generator.make_token(owner),
        "accounts:invite_accept": lambda: world.invite.token,
        "calendar_app:feed": lambda: world.feed_token,
    }[url_name]()
