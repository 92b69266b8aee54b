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


# The smallest jump lifters load in each unit (a pair of 1.25 kg or of 0.5 lb plates).
STEP = {WeightUnit.KG: Decimal("0.5"), WeightUnit.LB: Decimal("1")}


def round_to_step(weight: Decimal, unit: str) -> Decimal:
    """102.5 kg in lb (225.97) → 226; 100 lb in kg (45.36) → 45.5."""
    step = STEP[unit]
    return (Decimal(weight) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def for_display(weight: Decimal | None, from_unit: str, to_unit: str) -> Decimal | None:
    """A stored weight in the member's unit, as shown and pre-filled: exact in its own unit,
    rounded to the unit's step once converted (nobody loads 225.97 lb). The stored value
    stays exact; `keep_or_replace` keeps it when the rounded figure comes back unchanged."""
    if weight is None:
        return None
    if from_unit == to_unit:
        return round_weight(weight)
    return round_to_step(convert(weight, from_unit, to_unit), to_unit)


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
