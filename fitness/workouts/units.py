"""Weight units: every weight is stored with its unit and converted only for display/aggregation."""

from decimal import ROUND_HALF_UP, Decimal

from fitness.accounts.models import WeightUnit

LB_PER_KG = Decimal("2.20462262185")
KG_PER_LB = Decimal("0.45359237")  # exact, by definition of the pound


def convert(weight: Decimal | None, from_unit: str, to_unit: str) -> Decimal | None:
    """Convert a weight between kg and lb (unrounded)."""
    if weight is None or from_unit == to_unit:
        return weight
    if from_unit == WeightUnit.LB and to_unit == WeightUnit.KG:
        return Decimal(weight) * KG_PER_LB
    if from_unit == WeightUnit.KG and to_unit == WeightUnit.LB:
        return Decimal(weight) / KG_PER_LB
    raise ValueError(f"Unknown unit conversion {from_unit} -> {to_unit}")


def factor(from_unit: str, to_unit: str) -> Decimal:
    """Multiplier turning a weight in `from_unit` into `to_unit` (for SQL aggregates)."""
    return convert(Decimal(1), from_unit, to_unit)


def round_weight(weight: Decimal | None, places: str = "0.01") -> Decimal | None:
    if weight is None:
        return None
    return Decimal(weight).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def for_display(weight: Decimal | None, from_unit: str, to_unit: str) -> Decimal | None:
    """A stored weight in the member's unit, rounded to the storage precision (0.01)."""
    return round_weight(convert(weight, from_unit, to_unit))


def keep_or_replace(
    typed: Decimal | None, unit: str, stored: Decimal | None, stored_unit: str
) -> tuple[Decimal | None, str]:
    """The (weight, unit) to store when a member submits `typed` in `unit`.

    A weight shown converted and submitted unchanged keeps its original value and unit, so
    re-saving an imported 100 lb set as a kg member never drifts to 100.0013 lb.
    """
    if typed is not None and stored is not None and for_display(stored, stored_unit, unit) == typed:
        return stored, stored_unit
    return typed, unit
