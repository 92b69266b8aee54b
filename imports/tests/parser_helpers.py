"""A stand-in for the real reader in the parser unit tests: file text -> header + numbered rows.

It does the minimum the reader promises parsers: BOM removed, delimiter guessed from the
header line, header cells stripped, and each row paired with the physical line it starts on
(quoted newlines make a row span several lines).
"""

import csv
import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from imports.parsers.base import ParseContext, ParsedSet
from imports.reader import read_sessions

FIXTURES = Path(__file__).parent / "fixtures"
PARIS = ZoneInfo("Europe/Paris")


def s(n, weight=None, reps=None, unit="kg", **kw) -> ParsedSet:
    """A parsed set, weights given as plain numbers."""
    return ParsedSet(
        set_number=n,
        weight=None if weight is None else Decimal(weight),
        weight_unit=unit,
        reps=reps,
        **kw,
    )


def at(*args, tz=PARIS) -> datetime:
    return datetime(*args, tzinfo=tz)


def fixture(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def read_rows(
    text: str, delimiter: str | None = None
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    text = text.removeprefix("\ufeff")
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    line = 1
    for cells in reader:
        rows.append((line, cells))
        line = reader.line_num + 1
    header, data = rows[0], rows[1:]
    return [c.strip().strip('"').strip() for c in header[1]], data


def context(unit: str | None = "kg", tz: str = "Europe/Paris") -> ParseContext:
    return ParseContext(unit=unit, tz=ZoneInfo(tz))


def parse_text(parser_cls, text: str, ctx: ParseContext | None = None):
    """Detect-and-parse like the importer: assert the header matches, return sessions + context."""
    header, rows = read_rows(text)
    assert parser_cls.matches(header), header
    ctx = ctx or context()
    return list(parser_cls(header).parse(iter(rows), ctx)), ctx


def invalid(ctx: ParseContext) -> list[str]:
    """The rows a parse left out as invalid, as the member reads them ("line 3: ...")."""
    return [str(problem) for problem in ctx.skipped if problem.invalid]


def harmless(ctx: ParseContext) -> list[str]:
    """The rows a parse left out for a harmless reason (rest timers, rows without values)."""
    return [str(problem) for problem in ctx.skipped if not problem.invalid]


def set_count(sessions) -> int:
    return sum(len(exercise.sets) for session in sessions for exercise in session.exercises)


# --- Reading fixtures through the real reader, as the importer does ---------------------------


def read(name: str, unit: str | None = None, **kwargs):
    with open(FIXTURES / name, "rb") as fileobj:
        return read_sessions(fileobj, tz=PARIS, unit=unit, **kwargs)


def read_text(text: str, unit: str | None = None, **kwargs):
    return read_sessions(io.BytesIO(text.encode()), tz=PARIS, unit=unit, **kwargs)


def t(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def outline(result) -> list:
    """Sessions as plain tuples: (name, start, end, [(exercise, [set tuples])])."""

    def number(value):
        return None if value is None else f"{value.normalize():f}"

    return [
        (
            session.name,
            session.started_at,
            session.completed_at,
            [
                (
                    exercise.name,
                    [
                        (
                            item.set_number,
                            number(item.weight),
                            item.weight_unit,
                            item.reps,
                            item.set_type,
                            number(item.distance_m),
                            item.duration_s,
                        )
                        for item in exercise.sets
                    ],
                )
                for exercise in session.exercises
            ],
        )
        for session in result.sessions
    ]


def skipped(result) -> list[str]:
    return [str(problem) for problem in result.skipped]


def matching(header: list[str]) -> list[str]:
    from imports.parsers import PARSERS

    return [p.name for p in PARSERS if p.matches(header)]


# --- Property-based testing --------------------------------------------------------------------

TOKENS = [
    "",
    " ",
    "0",
    "0.0",
    "1",
    "-1",
    "5",
    "8.5",
    "12",
    "62,5",
    "102.05999755859375",
    "1e99",
    "1e-99",
    "99999999999",
    "NaN",
    "inf",
    "W",
    "D",
    "F",
    "X",
    "Note",
    "Rest Timer",
    "WARM_UP",
    "DROP_SET",
    "warmup",
    "dropset",
    "failure",
    "kg",
    "lbs",
    "kgs",
    "km",
    "mi",
    "m",
    "parsec",
    "2024-01-05 18:30:00",
    "2024-01-05",
    "2024-01-05T18:30:00Z",
    "2024-01-05 6:30:00\u202fPM",
    "7 Apr 2026, 10:14",
    "Jul 28, 2026, 6:49 PM",
    "2024-02-30 10:00",
    "2024-01-05 25:00",
    "13:00 PM",
    "0001-01-01",
    "1h 5m",
    "31m",
    "45s",
    "0:05:30",
    "99:99",
    "1:99:00",
    "abc",
    "Bench Press (Barbell)",
    "Rest Timer",
    "a\nb",
    "\ufeff",
    "９",
    "x" * 150,
]


def fuzz_settings():
    """Few examples in the normal run (the suite stays fast); PARSER_FUZZ_EXAMPLES=5000 digs."""
    import os

    from hypothesis import HealthCheck, settings

    return settings(
        max_examples=int(os.environ.get("PARSER_FUZZ_EXAMPLES", "40")),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )


def mangled_rows(base_rows: list[list[str]]):
    """Rows built from real fixture rows with cells replaced, dropped or added, plus noise."""
    from hypothesis import strategies as st

    cell = st.one_of(st.sampled_from(TOKENS), st.text(max_size=12))

    @st.composite
    def mangled(draw):
        if draw(st.booleans()):
            return draw(st.lists(cell, max_size=16))
        cells = list(draw(st.sampled_from(base_rows)))
        for _ in range(draw(st.integers(0, 3))):
            if cells:
                cells[draw(st.integers(0, len(cells) - 1))] = draw(cell)
        if draw(st.integers(0, 9)) == 0:
            cells = cells[: draw(st.integers(0, len(cells)))]
        if draw(st.integers(0, 9)) == 0:
            cells.append(draw(cell))
        return cells

    return st.lists(mangled(), max_size=8)


def check_parse_or_error(parser, rows: list[list[str]], ctx: ParseContext) -> None:
    """Parsing either gives sessions the database accepts or raises ImportFormatError."""
    from decimal import Decimal

    from imports.parsers.base import ImportFormatError

    numbered = [(line, cells) for line, cells in enumerate(rows, start=2)]
    try:
        sessions = list(parser.parse(iter(numbered), ctx))
    except ImportFormatError as error:
        assert error.line is None or 1 <= error.line <= len(rows) + 1
        assert error.message
        return
    for session in sessions:
        assert 0 < len(session.name) <= 100
        assert session.started_at.utcoffset() is not None
        if session.completed_at is not None:
            assert session.completed_at >= session.started_at
        for exercise in session.exercises:
            assert 0 < len(exercise.name) <= 100
            numbers = [s.set_number for s in exercise.sets]
            assert len(numbers) == len(set(numbers))
            for s in exercise.sets:
                assert any((s.weight, s.reps, s.distance_m, s.duration_s)), s  # never empty
                assert 1 <= s.set_number <= 32767
                assert s.weight_unit in ("kg", "lb") or (ctx.unit is None and s.weight_unit == "")
                assert s.is_warmup == (s.set_type == "warmup")
                if s.weight is not None:
                    assert Decimal(0) <= s.weight <= Decimal("99999.99")
                    assert s.weight == s.weight.quantize(Decimal("0.01"))
                if s.reps is not None:
                    assert 0 <= s.reps <= 2**31 - 1
                if s.rpe is not None:
                    assert s.rpe * 2 == int(s.rpe * 2) and 1 <= s.rpe <= 10
                if s.distance_m is not None:
                    assert Decimal(0) <= s.distance_m <= Decimal("9999999.99")
                if s.duration_s is not None:
                    assert 0 <= s.duration_s <= 2**31 - 1
