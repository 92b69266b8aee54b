"""Records and bests as text, in the member's unit (the rows keep kilograms)."""

from __future__ import annotations

from dataclasses import dataclass

from fitness.formatting import format_number, format_rest, format_volume, format_weight
from fitness.units import factor

LABELS = {
    "e1rm": "Best estimated 1RM",
    "heaviest": "Heaviest weight",
    "reps_at": "Most reps at a weight",
    "set_volume": "Best set volume",
    "most_reps": "Most reps in a set",
    "duration": "Longest time",
    "distance": "Longest distance",
    "pace": "Best pace",
}


# Column headings, where a table has no room for the label.
SHORT_LABELS = {"e1rm": "e1RM", "most_reps": "Reps", "duration": "Time", "distance": "Distance"}


def in_unit(kg: float | None, unit: str) -> float | None:
    return None if kg is None else kg * float(factor("kg", unit))


def format_seconds(seconds: float | None) -> str:
    """125 → "2 min 5 s"; 45 → "45 s"."""
    return format_rest(round(seconds or 0)) or "0 s"


def format_distance(metres: float | None) -> str:
    """5200 → "5.2 km", 400 → "400 m"."""
    metres = metres or 0
    return f"{format_number(metres / 1000, 2)} km" if metres >= 1000 else f"{metres:.0f} m"


def format_pace(seconds_per_km: float | None) -> str:
    """312 → "5:12 /km"."""
    minutes, seconds = divmod(round(seconds_per_km or 0), 60)
    return f"{minutes}:{seconds:02d} /km"


def format_metric(metric: str, value: float | None, unit: str) -> str:
    """A metric's value alone ("102.5 kg", "12 reps", "1 min 30 s")."""
    if metric in ("e1rm", "heaviest"):
        return format_weight(in_unit(value, unit), unit)
    if metric == "set_volume":
        return format_volume(in_unit(value, unit), unit)
    if metric in ("most_reps", "reps_at"):
        return f"{value:g} reps"
    if metric == "duration":
        return format_seconds(value)
    if metric == "distance":
        return format_distance(value)
    return format_pace(value)


def set_text(entry: dict, unit: str) -> str:
    """The set behind a best: "90 kg × 5" (empty for metrics of one number)."""
    if "weight" in entry and "reps" in entry:
        return f"{format_weight(in_unit(entry['weight'], unit), unit)} × {entry['reps']}"
    if "reps" in entry and "weight" not in entry and entry.get("reps") is not None:
        return f"× {entry['reps']}"
    if entry.get("distance") and entry.get("duration"):
        return f"{format_distance(entry['distance'])} in {format_seconds(entry['duration'])}"
    return ""


@dataclass(frozen=True)
class RecordLine:
    exercise: str
    metric: str
    label: str
    value: str  # the new best
    detail: str  # the set behind it
    previous: str  # the best it beat


def record_line(exercise: str, record: dict, unit: str) -> RecordLine:
    metric = record["metric"]
    label = LABELS[metric]
    if metric == "reps_at":
        label = f"Most reps at {format_weight(in_unit(record['weight'], unit), unit)}"
    return RecordLine(
        exercise=exercise,
        metric=metric,
        label=label,
        value=format_metric(metric, record["value"], unit),
        detail="" if metric == "reps_at" else set_text(record, unit),
        previous=format_metric(metric, record["previous"], unit),
    )
