"""How figures read on the pages (shared by templates and chart labels)."""

from __future__ import annotations

from datetime import timedelta

DASH = "—"


def format_number(value: float | None, places: int = 1) -> str:
    """102.5 → "102.5", 100.0 → "100", 1234.56 → "1,234.6"; None → "—"."""
    if value is None:
        return DASH
    text = f"{value:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_weight(value: float | None, unit: str) -> str:
    return DASH if value is None else f"{format_number(value)} {unit}"


def format_volume(value: float | None, unit: str) -> str:
    return f"{format_number(value or 0, 0)} {unit}"


def format_duration(duration: timedelta | None) -> str:
    if duration is None:
        return DASH
    minutes = max(0, round(duration.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"
