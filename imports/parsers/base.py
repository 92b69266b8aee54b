"""The contract between file parsers and the importer.

A parser reads rows of one file format and yields `ParsedSession`s in any order; the importer
(imports/services.py) matches exercises, drops duplicates and bulk-inserts in one transaction.
A parser never touches the database.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from decimal import Decimal


class ImportFormatError(ValueError):
    """Bad input. `line` is the 1-based physical line of the file (header = line 1)."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        self.message = message
        super().__init__(f"Line {line}: {message}" if line else message)


@dataclass
class ParsedSet:
    set_number: int
    weight: Decimal | None = None
    weight_unit: str = "kg"
    reps: int | None = None
    is_warmup: bool = False
    rpe: Decimal | None = None
    notes: str = ""
    distance_m: Decimal | None = None
    duration_s: int | None = None


@dataclass
class ParsedExercise:
    name: str
    notes: str = ""
    sets: list[ParsedSet] = field(default_factory=list)


@dataclass
class ParsedSession:
    name: str
    started_at: datetime  # timezone-aware
    completed_at: datetime | None = None  # timezone-aware; None -> same as started_at
    notes: str = ""
    exercises: list[ParsedExercise] = field(default_factory=list)


@dataclass
class ParseContext:
    """What a parser may need beyond the rows."""

    unit: str | None  # the unit the member chose on the form, for files that do not say
    tz: tzinfo  # the member's time zone, for files with local, zone-less times
    skipped: list[str] = field(default_factory=list)  # "line 12: rest timer row" etc.


class Parser:
    """One file format. Subclasses set `name` / `label` and implement the two methods."""

    name: str = ""
    label: str = ""
    default_header: tuple[str, ...] | list[str] = ()  # the columns it writes when asked

    def __init__(self, header: list[str] | None = None):
        self.header = list(header) if header else list(self.default_header)

    @classmethod
    def matches(cls, header: list[str]) -> bool:
        """True when this header (already stripped of BOM/quotes/whitespace) is this format."""
        raise NotImplementedError

    def parse(
        self, rows: Iterable[tuple[int, list[str]]], context: ParseContext
    ) -> Iterator[ParsedSession]:
        """`rows` yields (line number, cells) after the header. Raise ImportFormatError."""
        raise NotImplementedError
