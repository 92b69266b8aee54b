"""python manage.py import_workouts PATH --user EMAIL [--format F] [--unit kg|lb]

Asks no questions: a file that does not say whether its weights are kg or lb is refused
unless --unit says it (the member's preferred unit is never assumed).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fitness.accounts.models import User
from imports.checks import UnitRequired
from imports.parsers import FORMATS, ImportFormatError
from imports.services import import_file
from imports.summary import ImportSummary


class Command(BaseCommand):
    help = "Import a CSV file (this app's export, Strong, Hevy or FitNotes) for a member."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--user", required=True, help="The member's email address.")
        parser.add_argument("--format", default="auto", choices=["auto", *FORMATS])
        parser.add_argument(
            "--unit", choices=["kg", "lb"], help="Required when the file does not say."
        )

    def handle(self, *args, **options):
        user = User.objects.filter(email__iexact=options["user"]).first()
        if user is None:
            raise CommandError(f"No member with the email {options['user']}.")
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with open(path, "rb") as fileobj:
                summary = import_file(
                    user=user, fileobj=fileobj, format=options["format"], unit=options["unit"]
                )
        except UnitRequired:
            raise CommandError(
                f"{path.name} does not say whether its weights are kg or lb: "
                "run again with --unit kg or --unit lb."
            ) from None
        except ImportFormatError as exc:
            raise CommandError(f"{path.name}: {exc}".replace("\n", " ")) from None
        self.stdout.write(format_summary(summary))


def format_summary(summary: ImportSummary) -> str:
    unit = f"{summary.unit} (--unit)" if summary.unit else "as stated in the file"
    lines = [
        f"Format: {summary.layout or summary.format_label} ({summary.rows} rows)",
        f"Unit: {unit}",
        f"Workouts added: {summary.sessions}",
        f"Sets added: {summary.sets}",
        f"Duplicates skipped: {summary.duplicates_skipped}",
        f"Rows skipped: {summary.skipped_count}",
    ]
    lines += [f"  - {problem}" for problem in summary.skipped]
    if summary.skipped_hidden:
        lines.append(f"  … and {summary.skipped_hidden} more")
    lines += [f"Note: {remark}" for remark in summary.remarks]
    created = summary.exercises_created
    names = f" ({', '.join(created)})" if created else ""
    lines.append(f"Exercises created: {len(created)}{names}")
    matched = summary.exercises_matched
    lines.append(f"Exercises matched: {len(matched)}")
    lines += [f"  - {item.file} → {item.exercise}" for item in matched]
    return "\n".join(lines)
