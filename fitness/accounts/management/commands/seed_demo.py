from django.core.management.base import BaseCommand
from django.db import transaction

from fitness.accounts.models import Invite, User

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "demo-lifter-2026"  # noqa: S105 (public demo account)


class Command(BaseCommand):
    help = "Create (idempotently) the demo member and a friend, and print the demo sign-in."

    @transaction.atomic
    def handle(self, *args, **options):
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
        self.stdout.write(f"Demo sign-in: {DEMO_EMAIL} / {DEMO_PASSWORD}")
