"""The registry and header detection across the third-party parsers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imports.parsers import PARSERS
from imports.parsers.fitnotes import FitNotesParser
from imports.parsers.hevy import HevyParser
from imports.parsers.strong import StrongParser

from .parser_helpers import TOKENS, context, fixture, fuzz_settings, read_rows


@fuzz_settings()
@given(
    st.lists(
        st.one_of(
            st.sampled_from(TOKENS),
            st.sampled_from(
                ["Date", "date", "Exercise", "Category", "Reps", "Weight", "title", "start_time"]
            ),
            st.text(max_size=20),
        ),
        max_size=16,
    )
)
def test_matches_answers_a_bool_for_any_header(header):
    for parser in PARSERS:
        assert parser.matches(header) in (True, False)


@pytest.mark.parametrize(
    ("parser_cls", "name", "unit"),
    [
        (StrongParser, "strong_en.csv", "kg"),
        (HevyParser, "hevy_kg.csv", None),
        (FitNotesParser, "fitnotes.csv", None),
    ],
)
def test_parsers_built_without_a_header_read_the_canonical_layout(parser_cls, name, unit):
    header, rows = read_rows(fixture(name))
    with_header = list(parser_cls(header).parse(iter(rows), context(unit)))
    without = list(parser_cls().parse(iter(rows), context(unit)))
    assert with_header == without
    assert without


def test_every_parser_has_a_unique_name_and_a_label():
    names = [p.name for p in PARSERS]
    assert len(names) == len(set(names))
    assert all(p.label for p in PARSERS)
