from django.core.management.base import BaseCommand
from django.db import transaction

from fitness.accounts.models import User
from fitness.workouts.models import WorkoutSession
from fitness.workouts.summaries.models import WorkoutWeek
from fitness.workouts.summaries.refresh import history_summaries_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the per-exercise summaries (records, bests, chart periods, weekly counts) "
        "from the workouts, sets and sessions tables: for every member, one member (--user), "
        "or only the members with workouts and no summaries yet (--missing, e.g. after the "
        "migration that added them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="email of one member")
        parser.add_argument("--missing", action="store_true")

    def handle(self, *args, **options):
        members = User.objects.order_by("pk")
        if options["user"]:
            members = members.filter(email__iexact=options["user"])
        if options["missing"]:
            with_history = WorkoutSession.objects.filter(
                status=WorkoutSession.Status.COMPLETED
            ).values("user_id")
            summarised = WorkoutWeek.objects.values("user_id")
            members = members.filter(pk__in=with_history).exclude(pk__in=summarised)
        count = 0
        for user in members.iterator():
            with transaction.atomic():
                history_summaries_rebuild(user=user)
            count += 1
        self.stdout.write(f"Rebuilt the history summaries of {count} member(s).")
