"""How figures read on every page: numbers, weights, volumes, durations and rest times.

One place for the whole product (workouts, history, calendar, sharing, charts). Weights are
stored with their unit and converted by fitness/units.py; the helpers here only turn
values into text.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from decimal import Decimal

from django.utils import timezone

from fitness.units import for_display

DASH = "—"


def plain_number(value: Decimal | None) -> str:
    """`80.00` → "80", `82.50` → "82.5": exact, no grouping, no exponent; "" for None.

    For values a member typed and may type again (form inputs, logged sets)."""
    if value is None:
        return ""
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def stored_weight(weight: Decimal | None, from_unit: str, to_unit: str) -> str:
    """ "80 kg" from a weight stored in any unit, shown in `to_unit`; "" when there is none."""
    if weight is None:
        return ""
    return f"{plain_number(for_display(weight, from_unit, to_unit))} {to_unit}"


def format_number(value: float | Decimal | None, places: int = 1) -> str:
    """A computed figure: 102.5 → "102.5", 100.0 → "100", 1234.56 → "1,234.6"; None → "—"."""
    if value is None:
        return DASH
    text = f"{value:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_weight(value: float | Decimal | None, unit: str) -> str:
    """A computed weight already in `unit` (a record, an e1RM): "102.5 kg"; None → "—"."""
    return DASH if value is None else f"{format_number(value)} {unit}"


def format_volume(value: float | Decimal | None, unit: str) -> str:
    """Whole units with thousands separators: "12,345 kg"."""
    return f"{format_number(value or 0, 0)} {unit}"


def format_minutes(minutes: int) -> str:
    """75 → "1 h 15 min", 45 → "45 min"."""
    hours, minutes = divmod(max(0, minutes), 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def format_duration(duration: timedelta | None) -> str:
    if duration is None:
        return DASH
    return format_minutes(round(duration.total_seconds() / 60))


def format_rest(seconds: int | None) -> str:
    """90 → "1 min 30 s", 180 → "3 min", 45 → "45 s", None → ""."""
    minutes, seconds = divmod(seconds or 0, 60)
    parts = [f"{minutes} min"] * bool(minutes) + [f"{seconds} s"] * bool(seconds)
    return " ".join(parts)


# Dates in the member's zone (the one the request activated), for the long lists of the
# history pages: Django's `date` filter reads its format string anew on every call, about
# ten times the cost of these. English names, as the rest of the product.


def short_date(moment: datetime, zone: tzinfo | None = None) -> str:
    """ "3 Nov 26", like `date:"j M y"`; in `zone` when given (a list of a hundred dates
    looks the zone up once)."""
    local = moment.astimezone(zone) if zone else timezone.localtime(moment)
    return f"{local.day} {local:%b %y}"


def day_and_time(moment: datetime) -> str:
    """ "Mon 3 Nov 2026, 07:05", like `date:"D j M Y, H:i"`."""
    local = timezone.localtime(moment)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"
