"""The dates the app accepts from members, in one place: forms, query strings and the importer
(`in_range` for a day, `instant_in_range` for an aware timestamp).

Python's `date` goes from year 1 to 9999, but the app cannot live at either end: a local
midnight turned into UTC, "the day after" of an inclusive range, or a timestamp written in a
+14:00 zone and read back by psycopg all step outside that range (OverflowError, or a row no
page can read back). Nobody logs a workout before 1900 or plans one after 2999, so a date
outside MIN_DATE..MAX_DATE is refused where it comes in, with a message, and never reaches
date arithmetic or the database.
"""

from datetime import UTC, date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html

MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2999, 12, 31)

OUT_OF_RANGE = (
    f"Choose a date between {MIN_DATE.day} {MIN_DATE:%B %Y} and {MAX_DATE.day} {MAX_DATE:%B %Y}."
)


def in_range(day: date) -> bool:
    return MIN_DATE <= day <= MAX_DATE


def instant_in_range(moment: datetime) -> bool:
    """An aware timestamp (an imported workout's start) whose UTC date is in the range:
    then it reads back, and shows, in any time zone (offsets stay within ±1 day)."""
    try:
        return in_range(moment.astimezone(UTC).date())
    except OverflowError:  # beyond year 9999 (or before year 1) once in UTC
        return False


def validate_in_range(day: date | None) -> None:
    """Validator for form and model fields: None (an empty optional field) passes."""
    if day is not None and not in_range(day):
        raise ValidationError(OUT_OF_RANGE, code="date_out_of_range")


class DateInput(forms.DateInput):
    """The browser's date picker, limited to the accepted range, ISO format."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None):
        limits = {"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}
        super().__init__(attrs={**limits, **(attrs or {})}, format="%Y-%m-%d")

    def render(self, name, value, attrs=None, renderer=None):
        """What Django's input template writes, joined in Python: date fields sit in the
        filter forms of pages that must stay within a few times a trivial page."""
        value = self.format_value(value)
        return format_html(
            '<input type="date" name="{}"{}{}>',
            name,
            "" if value is None else format_html(' value="{}"', value),
            flatatt(self.build_attrs(self.attrs, attrs)),
        )


class DateField(forms.DateField):
    """A date typed by a member (a form field or a query-string parameter)."""

    widget = DateInput
    default_validators = [validate_in_range]


def parse_query_date(value: str | None) -> date | None:
    """An ISO date from a query string (?date=2025-03-14), or None when it is missing, not a
    date, or outside the accepted range: links that pre-fill a form fall back to a default."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except (ValueError, TypeError):
        return None
    return day if in_range(day) else None
