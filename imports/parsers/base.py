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


SET_TYPES = ("normal", "warmup", "drop", "failure")


@dataclass(frozen=True)
class RowProblem:
    """A row left out of the import, and why (listed in the summary; never fatal alone)."""

    line: int  # 1-based physical line of the file
    reason: str
    invalid: bool = False  # a bad value (counts towards refusing the file), not a rest/empty row

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ParsedSet:
    set_number: int
    weight: Decimal | None = None
    weight_unit: str = "kg"  # "kg" | "lb" | "" (the file does not say and no unit was chosen)
    reps: int | None = None
    is_warmup: bool = False  # kept in step with set_type: True exactly for "warmup"
    rpe: Decimal | None = None
    notes: str = ""
    distance_m: Decimal | None = None
    duration_s: int | None = None
    set_type: str = "normal"  # one of SET_TYPES

    def __post_init__(self) -> None:
        if self.set_type == "normal" and self.is_warmup:
            self.set_type = "warmup"
        self.is_warmup = self.set_type == "warmup"


@dataclass
class ParsedExercise:
    name: str
    notes: str = ""
    sets: list[ParsedSet] = field(default_factory=list)
    superset: str | None = None  # the file's superset key (e.g. Hevy's superset_id)


@dataclass
class ParsedSession:
    name: str
    started_at: datetime  # timezone-aware
    completed_at: datetime | None = None  # timezone-aware; None -> same as started_at
    notes: str = ""
    exercises: list[ParsedExercise] = field(default_factory=list)


@dataclass
class ParseContext:
    """What a parser may need beyond the rows, and what it tells the reader besides sessions.

    Rows a parser cannot or should not import go through `skip` (rest timers, rows without
    values) or `reject` (unreadable or impossible values): both are listed for the member,
    and only rejected rows count towards the reader's "too many invalid rows" refusal.
    """

    unit: str | None  # the unit the member chose; None = not chosen
    tz: tzinfo  # the member's time zone, for files with local, zone-less times
    skipped: list[RowProblem] = field(default_factory=list)
    unit_stated: bool = True  # False once a weight had no unit in the file
    remarks: list[str] = field(default_factory=list)  # file-level notes for the summary
    delimiter: str = ","  # the file's, to rejoin a text cell split by an unquoted delimiter

    def skip(self, line: int, reason: str) -> None:
        self.skipped.append(RowProblem(line, reason))

    def reject(self, line: int, reason: str) -> None:
        self.skipped.append(RowProblem(line, reason, invalid=True))

    def remark(self, text: str) -> None:
        if text not in self.remarks:
            self.remarks.append(text)

    def unit_for(self, stated: str | None, *, weighted: bool = True) -> str:
        """The unit of a set's weight: the file's own, else the member's choice, else ""
        (unknown). A set without weight (`weighted=False`) needs no unit: it gets the same
        one, or "kg" rather than "", and does not make the file's unit unstated.
        """
        if stated:
            return stated
        if not weighted:
            return self.unit or "kg"
        self.unit_stated = False
        return self.unit or ""


class Parser:
    """One file format. Subclasses set `name` / `label` and implement the two methods."""

    name: str = ""
    label: str = ""
    default_header: tuple[str, ...] | list[str] = ()  # the columns it writes when asked

    def __init__(self, header: list[str] | None = None):
        self.header = list(header) if header else list(self.default_header)

    @property
    def layout(self) -> str:
        """The layout for people: "Strong, 10 columns (Date … RPE)"."""
        columns = [c for c in self.header if c.strip()]
        if not columns:
            return self.label
        span = columns[0] if len(columns) == 1 else f"{columns[0]} … {columns[-1]}"
        return f"{self.label}, {len(columns)} columns ({span})"

    @classmethod
    def matches(cls, header: list[str]) -> bool:
        """True when this header (already stripped of BOM/quotes/whitespace) is this format."""
        raise NotImplementedError

    def parse(
        self, rows: Iterable[tuple[int, list[str]]], context: ParseContext
    ) -> Iterator[ParsedSession]:
        """`rows` yields (line number, cells) after the header. Raise ImportFormatError."""
        raise NotImplementedError
