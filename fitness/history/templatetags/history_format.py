from datetime import datetime

from django import template

from fitness import formatting

register = template.Library()


@register.filter
def weight(value, unit: str) -> str:
    """`{{ value|weight:unit }}` → "102.5 kg"."""
    return formatting.format_weight(value, unit)


@register.filter
def volume(value, unit: str) -> str:
    """`{{ value|volume:unit }}` → "12,345 kg"."""
    return formatting.format_volume(value, unit)


@register.filter
def number(value) -> str:
    return formatting.format_number(value)


@register.filter
def duration_between(started_at: datetime, completed_at: datetime | None) -> str:
    """`{{ session.started_at|duration_between:session.completed_at }}` → "1 h 05 min"."""
    if started_at is None or completed_at is None:
        return formatting.DASH
    return formatting.format_duration(completed_at - started_at)


@register.filter
def day_and_time(moment: datetime) -> str:
    """`{{ moment|day_and_time }}` → "Mon 3 Nov 2026, 07:05" in the member's zone."""
    return formatting.day_and_time(moment)
