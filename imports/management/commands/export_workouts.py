"""python manage.py export_workouts --user EMAIL [--from D] [--to D] [--output PATH]"""

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from fitness.accounts.models import User
from imports.export import export_csv_chunks


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"“{value}” is not a date like 2026-04-07.") from None


class Command(BaseCommand):
    help = "Write a member's completed history as CSV (the same file as the web export)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The member's email address.")
        parser.add_argument("--from", dest="date_from", help="First day (YYYY-MM-DD).")
        parser.add_argument("--to", dest="date_to", help="Last day (YYYY-MM-DD).")
        parser.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, *args, **options):
        user = User.objects.filter(email__iexact=options["user"]).first()
        if user is None:
            raise CommandError(f"No member with the email {options['user']}.")
        date_from = _date(options["date_from"]) if options["date_from"] else None
        date_to = _date(options["date_to"]) if options["date_to"] else None
        if date_from and date_to and date_from > date_to:
            raise CommandError("--from must be on or before --to.")
        chunks = export_csv_chunks(user=user, date_from=date_from, date_to=date_to)
        if options["output"]:
            with open(options["output"], "wb") as target:
                for chunk in chunks:
                    target.write(chunk)
        else:
            out = sys.stdout.buffer
            for chunk in chunks:
                out.write(chunk)
            out.flush()
