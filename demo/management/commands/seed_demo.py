import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from calendar_app.models import ScheduledWorkout
from demo.calendar_plan import create_demo_plan
from demo.workouts import create_demo_program, create_synthetic_history
from fitness.accounts.models import Invite, User
from fitness.workouts import services
from fitness.workouts.models import Exercise, WorkoutSession, WorkoutTemplate

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "demo-lifter-2026"  # noqa: S105 (public demo account)

FRIEND_TEMPLATES = [
    (
        "Full body A",
        "Three big lifts, twice a week. Add 2.5 kg when every set hits five reps.",
        [("Back Squat", 3, 5, 80), ("Bench Press", 3, 5, 60), ("Pull-Up", 3, 8, 0)],
    ),
    (
        "Arms & core",
        "A short finisher after the main lifts: straight sets, one minute of rest.",
        [("Dumbbell Curl", 3, 12, 10), ("Triceps Pushdown", 3, 12, 20)],
    ),
]


def _give_shared_templates(user: User) -> None:
    """Two templates shared with friends, unless the member already has templates."""
    if user.workout_templates.exists():
        return
    by_name = {e.name: e for e in Exercise.objects.filter(user=None)}
    for name, description, rows in FRIEND_TEMPLATES:
        template = services.template_create(
            user=user, name=name, description=description, visibility="friends"
        )
        for exercise, sets, reps, weight in rows:
            services.template_exercise_add(
                template=template,
                exercise=by_name[exercise],
                target_sets=sets,
                target_reps=reps or None,
                target_weight=Decimal(weight) if weight else None,
                target_weight_unit=user.preferred_unit,
            )


def _member(email: str, password: str | None, **defaults) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=email).first()
    if user:
        return user, False
    user = User.objects.create_user(email=email, password=password, **defaults)
    if not password:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user, True


class Command(BaseCommand):
    help = (
        "Create (idempotently) the demo member with push/pull/legs templates and six months of "
        "workouts, plus a friend; or, with --user/--sessions, a synthetic history for a member."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="email of the member (created if missing)")
        parser.add_argument("--password", help="password for a member created here")
        parser.add_argument(
            "--sessions",
            type=int,
            help="make sure the member has N completed sessions (only the missing ones are added)",
        )
        parser.add_argument(
            "--friends", type=int, default=0, help="K friends invited by the member"
        )

    def handle(self, *args, **options):
        if options["sessions"] is not None and options["sessions"] < 0:
            raise CommandError("--sessions must be 0 or more.")
        if options["friends"] < 0:
            raise CommandError("--friends must be 0 or more.")
        if options["user"] or options["sessions"] is not None or options["friends"]:
            self._synthetic(
                email=options["user"] or DEMO_EMAIL,
                password=options["password"] or (None if options["user"] else DEMO_PASSWORD),
                sessions=options["sessions"] or 0,
                friends=options["friends"],
            )
            return
        self._demo()

    @transaction.atomic
    def _demo(self) -> None:
        demo, created = User.objects.get_or_create(
            email=DEMO_EMAIL, defaults={"display_name": "Dana Demo", "timezone": "Europe/London"}
        )
        if created:
            demo.set_password(DEMO_PASSWORD)
            demo.save(update_fields=["password"])
        friend, created = User.objects.get_or_create(
            email="sam@example.com",
            defaults={"display_name": "Sam Spotter", "invited_by": demo, "preferred_unit": "lb"},
        )
        if created:
            friend.set_password(DEMO_PASSWORD)
            friend.save(update_fields=["password"])
            Invite.objects.create(
                inviter=demo, email=friend.email, used_at=friend.date_joined, used_by=friend
            )
        if not WorkoutTemplate.objects.filter(user=demo, name__in=["Push", "Pull", "Legs"]):
            create_demo_program(user=demo)
        _give_shared_templates(friend)
        if not ScheduledWorkout.objects.filter(user=demo).exists():
            create_demo_plan(user=demo)
        if not Invite.objects.filter(inviter=demo, used_at__isnull=True).exists():
            Invite.objects.create(
                inviter=demo, email="robin@example.com"
            )  # open, on the account page
        sessions = WorkoutSession.objects.filter(user=demo, status="completed").count()
        planned = ScheduledWorkout.objects.filter(user=demo, scheduled_date__gte=demo.local_today())
        self.stdout.write(
            f"Demo member has {sessions} completed workouts and {planned.count()} planned."
        )
        self.stdout.write(f"Demo sign-in: {DEMO_EMAIL} / {DEMO_PASSWORD}")

    @transaction.atomic
    def _synthetic(self, *, email: str, password: str | None, sessions: int, friends: int):
        started = time.perf_counter()
        user, created = _member(email, password, display_name=email.split("@")[0].title())
        have = WorkoutSession.objects.filter(user=user, status="completed").count()
        missing = max(0, sessions - have)
        sets = create_synthetic_history(user=user, sessions=missing, seed=have) if missing else 0
        local, _, domain = user.email.partition("@")
        for number in range(1, friends + 1):
            friend, made = _member(
                f"{local}+friend{number}@{domain}",
                password,
                display_name=f"Friend {number} of {user.display_name}",
                invited_by=user,
            )
            if made:
                Invite.objects.create(
                    inviter=user, email=friend.email, used_at=friend.date_joined, used_by=friend
                )
            _give_shared_templates(friend)
        self.stdout.write(
            f"{'Created' if created else 'Found'} {user.email}: added {missing} sessions "
            f"({sets} sets), now {have + missing}; {friends} friends; "
            f"{time.perf_counter() - started:.1f} s"
        )
