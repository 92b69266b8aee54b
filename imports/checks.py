"""The database's rules applied to parsed sessions before they are written.

Parsers already leave out rows they cannot import; these checks repeat the rules the
tables enforce (ranges, units, names) so that a parser's slip is a readable message that
writes nothing, never a broken row or a 500.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from fitness.accounts.models import User, WeightUnit
from imports.parsers.assemble import has_values
from imports.parsers.base import ImportFormatError, ParsedSession, ParsedSet
from imports.parsers.values import (
    CENT,
    HALF,
    MAX_DISTANCE_M,
    MAX_NAME,
    MAX_SET_NUMBER,
    MAX_WEIGHT,
)


class UnitRequired(ImportFormatError):
    """The file does not say whether its weights are kg or lb, and no unit was chosen."""

    def __init__(self) -> None:
        super().__init__(
            "The file does not say whether its weights are in kg or lb: choose the unit."
        )


def _where(session: ParsedSession, exercise_name: str | None = None) -> str:
    where = f"Workout “{session.name[:40]}” of {session.started_at:%Y-%m-%d %H:%M}"
    return f"{where}, exercise “{exercise_name[:40]}”" if exercise_name else where


class _Bad(Exception):
    """A set breaks a rule; the caller says which workout and exercise (only then, as
    formatting that for each of 100,000 sets would cost more than the checks)."""


def _checked_decimal(value, *, what: str, limit: Decimal, places=CENT) -> Decimal | None:
    if value is None:
        return None
    value = Decimal(value).quantize(places, rounding=ROUND_HALF_UP)
    if value < 0:
        raise _Bad(f"{what} {value} is negative.")
    if value > limit:
        raise _Bad(f"{what} {value} is too large.")
    return value


def has_value(item: ParsedSet) -> bool:
    """A set worth storing has a weight, reps, a distance or a duration (0 is "empty")."""
    return has_values(item.weight, item.reps, item.distance_m, item.duration_s)


def checked_session(
    session: ParsedSession, user: User, *, unit_known: bool = True
) -> ParsedSession:
    """Enforce the database's rules on what a parser produced, with readable messages.
    `unit_known=False` (a preview, before the member chose) lets unitless weights through."""
    if timezone.is_naive(session.started_at):
        session.started_at = timezone.make_aware(session.started_at, user.tzinfo)
    if session.completed_at is None or session.completed_at < session.started_at:
        session.completed_at = session.started_at
    elif timezone.is_naive(session.completed_at):
        session.completed_at = timezone.make_aware(session.completed_at, user.tzinfo)
    session.name = (session.name or "Workout").strip()[:MAX_NAME] or "Workout"
    for exercise in session.exercises:
        exercise.name = (exercise.name or "").strip()[:MAX_NAME]
        if not exercise.name:
            raise ImportFormatError(f"{_where(session)}: an exercise has no name.")
        try:
            for item in exercise.sets:
                _check_set(item, unit_known)
        except _Bad as bad:
            raise ImportFormatError(f"{_where(session, exercise.name)}: {bad}") from None
    return session


def _check_set(item: ParsedSet, unit_known: bool) -> None:
    if not 1 <= item.set_number <= MAX_SET_NUMBER:
        raise _Bad(f"set number {item.set_number} is out of range.")
    if not item.weight_unit and item.weight is None:
        item.weight_unit = "kg"  # no weight: the unit means nothing, the column needs one
    if not item.weight_unit and unit_known:
        raise UnitRequired()
    if item.weight_unit and item.weight_unit not in WeightUnit.values:
        raise _Bad(f"unknown weight unit “{item.weight_unit}”.")
    item.weight = _checked_decimal(item.weight, what="weight", limit=MAX_WEIGHT)
    item.distance_m = _checked_decimal(item.distance_m, what="distance", limit=MAX_DISTANCE_M)
    for what in ("reps", "duration_s"):
        value = getattr(item, what)
        if value is not None and not 0 <= value < 2**31:
            raise _Bad(f"{what} {value} is out of range.")
    if item.rpe is not None:
        rpe = (Decimal(item.rpe) / HALF).quantize(Decimal(1), ROUND_HALF_UP) * HALF
        if not 1 <= rpe <= 10:
            raise _Bad(f"RPE {item.rpe} is not between 1 and 10.")
        item.rpe = rpe
