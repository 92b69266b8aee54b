"""A stand-in for the real reader in the parser unit tests: file text -> header + numbered rows.

It does the minimum the reader promises parsers: BOM removed, delimiter guessed from the
header line, header cells stripped, and each row paired with the physical line it starts on
(quoted newlines make a row span several lines).
"""

import csv
import io
from pathlib import Path
from zoneinfo import ZoneInfo

from imports.parsers.base import ParseContext

FIXTURES = Path(__file__).parent / "fixtures"


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


def matching(header: list[str]) -> list[str]:
    from imports.parsers import PARSERS

    return [p.name for p in PARSERS if p.matches(header)]
