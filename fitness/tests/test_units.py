from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fitness.formatting import plain_number, stored_weight
from fitness.units import (
    convert,
    for_display,
    keep_or_replace,
    round_to_step,
    round_weight,
)

weights = st.decimals(min_value=0, max_value=9999, places=2, allow_nan=False)


@given(weights)
def test_kg_to_lb_and_back_returns_the_same_weight_to_the_gram(weight):
    there = convert(weight, "kg", "lb")
    assert round_weight(convert(there, "lb", "kg")) == weight


@given(weights)
def test_lb_shown_in_kg_and_saved_unchanged_keeps_the_original(weight):
    shown = for_display(weight, "lb", "kg")
    assert keep_or_replace(shown, "kg", weight, "lb") == (weight, "lb")


def test_a_changed_weight_is_stored_in_the_unit_it_was_typed_in():
    assert keep_or_replace(Decimal("50"), "kg", Decimal("100"), "lb") == (Decimal("50"), "kg")


@pytest.mark.parametrize(
    ("weight", "from_unit", "to_unit", "expected"),
    [
        (Decimal("100"), "kg", "kg", "100 kg"),
        (Decimal("82.50"), "kg", "kg", "82.5 kg"),
        (Decimal("100"), "lb", "kg", "45.5 kg"),
        (Decimal("100"), "kg", "lb", "220 lb"),
        (Decimal("102.5"), "kg", "lb", "226 lb"),
        (Decimal("20"), "lb", "kg", "9 kg"),
        (Decimal("82.75"), "kg", "kg", "82.75 kg"),  # typed in my unit: exact
        (Decimal("0"), "kg", "lb", "0 lb"),
        (None, "kg", "lb", ""),
    ],
)
def test_stored_weight_shows_the_members_unit(weight, from_unit, to_unit, expected):
    assert stored_weight(weight, from_unit, to_unit) == expected


def test_plain_number_has_no_exponent_or_trailing_zeros():
    assert plain_number(Decimal("1E+2")) == "100"
    assert plain_number(Decimal("2.50")) == "2.5"
    assert plain_number(None) == ""


@pytest.mark.parametrize(
    ("weight", "unit", "expected"),
    [
        (Decimal("225.97"), "lb", Decimal("226")),
        (Decimal("225.49"), "lb", Decimal("225")),
        (Decimal("45.36"), "kg", Decimal("45.5")),
        (Decimal("45.24"), "kg", Decimal("45")),
        (Decimal("45.25"), "kg", Decimal("45.5")),
    ],
)
def test_converted_weights_round_to_the_units_step(weight, unit, expected):
    assert round_to_step(weight, unit) == expected


def test_102_5_kg_is_226_lb_and_saving_226_unchanged_keeps_102_5_kg():
    assert for_display(Decimal("102.5"), "kg", "lb") == Decimal("226")
    assert keep_or_replace(Decimal("226"), "lb", Decimal("102.5"), "kg") == (
        Decimal("102.5"),
        "kg",
    )
    # A different figure typed in lb is stored as typed.
    assert keep_or_replace(Decimal("225"), "lb", Decimal("102.5"), "kg") == (Decimal("225"), "lb")
