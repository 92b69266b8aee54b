"""The figures of an exercise, as pure functions over sets (no database).

A workout's figures (`session_stats`) come from its working sets (warm-ups count in no record
or volume); `advance` folds them into the all-time bests in date order and says which records
the workout broke; `period_rows` groups workouts into chart points. Weights are in kg.

Estimated 1RM uses Epley's formula: weight × (1 + reps / 30).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from fitness.units import factor

TO_KG = {unit: float(factor(unit, "kg")) for unit in ("kg", "lb")}

EPLEY_FORMULA = "estimated 1RM = weight × (1 + reps ÷ 30)"
STRENGTH, BODYWEIGHT, TIMED, CARDIO = "strength", "bodyweight", "timed", "cardio"
EPSILON = 1e-6

# metric: True when higher is better (pace: seconds per km, lower is better).
METRICS = {
    "e1rm": True,
    "heaviest": True,
    "set_volume": True,
    "most_reps": True,
    "duration": True,
    "distance": True,
    "pace": False,
}
# The records each kind of exercise keeps (issue: "records at finish").
RECORD_METRICS = {
    STRENGTH: ("heaviest", "e1rm", "reps_at", "set_volume"),
    BODYWEIGHT: ("most_reps",),
    TIMED: ("duration",),
    CARDIO: ("distance", "pace"),
}
# The figure "top workouts" of a kind are ranked by.
HEADLINE = {STRENGTH: "e1rm", BODYWEIGHT: "most_reps", TIMED: "duration", CARDIO: "distance"}


class SetValues(NamedTuple):
    """A set's values that figures come from (a tuple: bulk refreshes make 100,000s)."""

    weight: Decimal | None
    weight_unit: str
    reps: int | None
    is_warmup: bool
    distance_m: Decimal | None
    duration_s: int | None


def epley(weight: float, reps: int) -> float:
    return weight * (1 + reps / 30)


def weight_key(kg: float) -> str:
    """A weight as a dict key: grams are enough to tell two plates apart."""
    return f"{kg:.3f}"


def _better(metric: str, value: float, than: float | None) -> bool:
    if than is None:
        return True
    return value > than + EPSILON if METRICS[metric] else value < than - EPSILON


def _r(value: float) -> float:
    return round(value, 4)


def session_stats(sets: Iterable[SetValues]) -> dict:
    """One workout's figures for one exercise: each metric's best set, the volume and the
    most reps at each weight. Ties keep the earlier set."""
    stats: dict = {"volume": 0.0, "sets": 0, "reps_at": {}}
    reps_at, best = stats["reps_at"], stats.get  # (a bulk refresh runs this 100,000s of times)
    for weight, unit, reps, is_warmup, distance_m, duration_s in sets:
        if is_warmup:
            continue
        stats["sets"] += 1
        reps = reps or 0
        kg = float(weight) * TO_KG[unit] if weight else 0.0
        if kg > 0 and reps >= 1:
            value, current = epley(kg, reps), best("e1rm")
            if current is None or _better("e1rm", value, current["value"]):
                stats["e1rm"] = {"value": _r(value), "weight": _r(kg), "reps": reps}
            current = best("heaviest")
            if current is None or _better("heaviest", kg, current["value"]):
                stats["heaviest"] = {"value": _r(kg), "reps": reps}
            value, current = kg * reps, best("set_volume")
            if current is None or _better("set_volume", value, current["value"]):
                stats["set_volume"] = {"value": _r(value), "weight": _r(kg), "reps": reps}
            stats["volume"] = _r(stats["volume"] + kg * reps)
            key = weight_key(kg)
            reps_at[key] = max(reps_at.get(key, 0), reps)
        elif reps >= 1 and not distance_m and not duration_s:
            current = best("most_reps")
            if current is None or _better("most_reps", reps, current["value"]):
                stats["most_reps"] = {"value": _r(reps)}
        duration = duration_s or 0
        distance = float(distance_m or 0)
        if duration > 0:
            current = best("duration")
            if current is None or _better("duration", duration, current["value"]):
                stats["duration"] = {"value": _r(duration)}
        if distance > 0:
            current = best("distance")
            if current is None or _better("distance", distance, current["value"]):
                stats["distance"] = {"value": _r(distance), "duration": duration or None}
        if duration > 0 and distance > 0:
            value, current = duration / distance * 1000, best("pace")
            if current is None or _better("pace", value, current["value"]):
                stats["pace"] = {"value": _r(value), "distance": distance, "duration": duration}
    return stats


def infer_kind(stats: dict) -> str:
    """The kind of an exercise whose library entry is gone, from what was logged."""
    if "e1rm" in stats:
        return STRENGTH
    if "distance" in stats:
        return CARDIO
    if "duration" in stats:
        return TIMED
    return BODYWEIGHT


def score(kind: str, stats: dict) -> float | None:
    best = stats.get(HEADLINE.get(kind, "e1rm"))
    return best["value"] if best else None


def advance(
    bests: dict, reps_at: dict, *, kind: str, stats: dict, session_id: str, at: datetime
) -> list[dict]:
    """Fold one workout into the all-time `bests` and `reps_at` (in place, workouts in date
    order) and return the records it broke: strictly better than a figure done before (a
    first time sets a best but breaks nothing)."""
    records = []
    keeps = RECORD_METRICS.get(kind, ())
    for metric in METRICS:
        mine = stats.get(metric)
        if mine is None:
            continue
        before = bests.get(metric)
        if before is None or _better(metric, mine["value"], before["value"]):
            bests[metric] = {**mine, "session": session_id, "at": at.isoformat()}
            if before is not None and metric in keeps:
                records.append({"metric": metric, **mine, "previous": before["value"]})
    for key, reps in stats.get("reps_at", {}).items():
        before = reps_at.get(key)
        if before is None or reps > before:
            reps_at[key] = reps
            if before is not None and "reps_at" in keeps:
                records.append(
                    {"metric": "reps_at", "value": reps, "weight": float(key), "previous": before}
                )
    return records


# --- Chart periods --------------------------------------------------------------------------


def week_start(day: date) -> date:
    """Monday of the week of `day` (weeks start on Monday, as on the calendar)."""
    return day - timedelta(days=day.weekday())


def period_start(grain: str, day: date) -> date:
    if grain == "week":
        return week_start(day)
    if grain == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


GRAINS = ("week", "month", "year")
PERIOD_METRICS = tuple(metric for metric in METRICS if metric != "set_volume")  # in METRICS' order


def period_rows(workouts: Iterable[tuple[date, dict]], grains=GRAINS) -> dict:
    """{(grain, start): figures} over (local day, stats) pairs: per period the best of each
    metric, the set behind the best e1RM, the volume and the number of workouts."""
    rows: dict = {}
    for day, stats in workouts:
        volume = stats.get("volume", 0)
        bests = [(metric, stats[metric]) for metric in PERIOD_METRICS if metric in stats]
        for grain in grains:
            key = (grain, period_start(grain, day))
            row = rows.get(key)
            if row is None:
                row = rows[key] = {"workouts": 0, "volume": 0}
            row["workouts"] += 1
            row["volume"] = _r(row["volume"] + volume)
            for metric, best in bests:
                if row.get(metric) is None or _better(metric, best["value"], row[metric]):
                    row[metric] = best["value"]
                    if metric == "e1rm":
                        row["top_weight"], row["top_reps"] = best["weight"], best["reps"]
    return rows
