"""Where a set's weight, estimated 1RM and volume are computed in SQL, in the member's unit.

Each set's weight is converted in the query (`CASE WHEN weight_unit = preferred THEN weight
ELSE weight * factor END`), so a history that mixes kg and lb adds up correctly. Warm-up sets
count in no volume, record or estimated 1RM (the schema doc's `FILTER (WHERE NOT is_warmup)`).
The same figures per workout and per exercise, kept as derived rows, are computed in Python by
fitness/workouts/summaries/metrics.py (one formula: Epley, weight × (1 + reps / 30)).
"""

from __future__ import annotations

from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast

from fitness.accounts.models import WeightUnit
from fitness.units import factor


def weight_in(unit: str, prefix: str = "") -> Case:
    """A set's weight converted to `unit`, as a float (NULL for sets without a weight)."""
    other = WeightUnit.LB if unit == WeightUnit.KG else WeightUnit.KG
    weight = Cast(F(f"{prefix}weight"), FloatField())
    return Case(
        When(**{f"{prefix}weight_unit": unit}, then=weight),
        default=weight * Value(float(factor(other, unit))),
        output_field=FloatField(),
    )


def e1rm_in(unit: str, prefix: str = "") -> CombinedExpression:
    """Epley's estimated one-rep max of a set, in `unit`."""
    reps = Cast(F(f"{prefix}reps"), FloatField())
    return weight_in(unit, prefix) * (Value(1.0) + reps / Value(30.0))


def volume_in(unit: str, prefix: str = "") -> CombinedExpression:
    """weight × reps of a set, in `unit`."""
    return weight_in(unit, prefix) * Cast(F(f"{prefix}reps"), FloatField())


def working_sets(prefix: str = "") -> Q:
    """Sets that count: not warm-ups."""
    return Q(**{f"{prefix}is_warmup": False})
