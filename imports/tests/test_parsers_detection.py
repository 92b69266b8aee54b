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


def test_the_parser_contract_types():
    from zoneinfo import ZoneInfo

    from imports.parsers.base import ParseContext, ParsedSet, RowProblem

    assert str(RowProblem(12, "rest timer row")) == "line 12: rest timer row"
    ctx = ParseContext(unit=None, tz=ZoneInfo("UTC"))
    ctx.skip(3, "rest timer row")
    ctx.reject(4, "'x' is not a number in column Reps.")
    assert [(p.line, p.invalid) for p in ctx.skipped] == [(3, False), (4, True)]
    assert ctx.unit_for("lb") == "lb" and ctx.unit_stated  # the file says
    assert ctx.unit_for(None, weighted=False) == "kg" and ctx.unit_stated  # nothing to say
    assert ctx.unit_for(None) == "" and not ctx.unit_stated  # unknown, never guessed
    assert ParseContext(unit="lb", tz=ZoneInfo("UTC")).unit_for(None) == "lb"
    assert ParsedSet(1, is_warmup=True).set_type == "warmup"
    assert ParsedSet(1, set_type="warmup").is_warmup is True
    assert ParsedSet(1, set_type="drop").is_warmup is False
