"""This app's own CSV export (see imports/FORMAT.md): the exact inverse of imports/export.py."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from imports.parsers.assemble import NO_VALUES, has_values
from imports.parsers.base import (
    ImportFormatError,
    ParseContext,
    ParsedExercise,
    ParsedSession,
    ParsedSet,
    Parser,
)
from imports.parsers.dates import date_problem

# The schema doc's export columns, in order, then the extras for a lossless round trip.
SCHEMA_COLUMNS = [
    "date",
    "session_name",
    "exercise_name",
    "set_number",
    "is_warmup",
    "weight",
    "weight_unit",
    "reps",
    "rpe",
    "notes",
    "session_duration_min",
]
EXTRA_COLUMNS = [
    "started_at",
    "completed_at",
    "session_notes",
    "exercise_order",
    "exercise_notes",
    "distance_m",
    "duration_s",
]
COLUMNS = SCHEMA_COLUMNS + EXTRA_COLUMNS
REQUIRED = ["date", "session_name", "exercise_name", "set_number"]
TEXT_COLUMNS = {"session_name", "exercise_name", "notes", "session_notes", "exercise_notes"}

# Cells a spreadsheet would run as a formula get a leading apostrophe on export. The
# apostrophe itself is in the set so that the mapping can be undone exactly on import.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
UNITS = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}
TRUE = {"true", "1", "yes", "y", "t"}
FALSE = {"false", "0", "no", "n", "f", ""}
BOOLEANS = TRUE | FALSE
NAME_MAX = 100


def neutralise(text: str) -> str:
    """What the export writes for a text cell."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """What the import reads back from a text cell: the inverse of neutralise()."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


@dataclass
class NativeParsedExercise(ParsedExercise):
    """Keeps the exported exercise order so that a round trip gives identical rows."""

    order_index: int | None = None


class NativeParser(Parser):
    name = "native"
    label = "Liftlog (this app's export)"

    @classmethod
    def matches(cls, header: list[str]) -> bool:
        names = {cell.strip().lower() for cell in header}
        return {"session_name", "exercise_name", "set_number"} <= names

    default_header = COLUMNS

    def parse(
        self, rows: Iterable[tuple[int, list[str]]], context: ParseContext
    ) -> Iterator[ParsedSession]:
        return parse_native(self.header, rows, context)


INT_MAX = 2**31 - 1


class _Row:
    """One data row. `columns` maps every known column to its cell index; a column the file
    lacks points past the header, at a cell that is always empty (see parse_native)."""

    __slots__ = ("cells", "columns", "line")

    def __init__(self, line: int, cells: list[str], columns: dict[str, int]):
        self.line = line
        self.cells = cells
        self.columns = columns

    def text(self, name: str) -> str:
        value = self.cells[self.columns[name]].strip()
        return unneutralise(value) if name in TEXT_COLUMNS else value

    def error(self, column: str, problem: str) -> ImportFormatError:
        return ImportFormatError(f"{column}: {problem}", line=self.line)

    def decimal(self, name: str, *, low: Decimal = Decimal(0)) -> Decimal | None:
        raw = self.cells[self.columns[name]].strip()
        if not raw:
            return None
        if "," in raw and "." not in raw:
            raw = raw.replace(",", ".")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise self.error(name, f"“{raw[:30]}” is not a number.") from None
        if not value.is_finite():
            raise self.error(name, f"“{raw[:30]}” is not a number.")
        if value < low:
            raise self.error(name, f"{raw} must not be negative.")
        return value

    def integer(self, name: str, *, low: int = 0) -> int | None:
        raw = self.cells[self.columns[name]].strip()
        if raw.isdigit() and raw.isascii():  # the usual cell: plain digits, no Decimal needed
            value = int(raw)
            if low <= value <= INT_MAX:
                return value
        value = self.decimal(name)
        if value is None:
            return None
        if value != value.to_integral_value():
            raise self.error(name, f"{value} is not a whole number.")
        if value < low:
            raise self.error(name, f"{value} must be at least {low}.")
        if value > INT_MAX:
            raise self.error(name, f"{value} is too large.")
        return int(value)

    def moment(self, name: str, context: ParseContext) -> datetime | None:
        raw = self.text(name)
        if not raw:
            return None
        try:
            value = datetime.fromisoformat(raw)
        except ValueError:
            raise self.error(
                name, f"“{raw[:40]}” is not a date-time like 2026-04-07T10:14:00+02:00."
            ) from None
        if value.tzinfo is None:
            value = value.replace(tzinfo=context.tz)
        problem = date_problem(value)
        if problem:
            raise self.error(name, f"“{raw[:40]}” {problem}.")
        return value


def parse_native(
    header: list[str], rows: Iterable[tuple[int, list[str]]], context: ParseContext
) -> Iterator[ParsedSession]:
    names = [cell.strip().lower() for cell in header]
    found = {name: index for index, name in enumerate(names) if name}
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise ImportFormatError(f"Missing column(s): {', '.join(missing)}.", line=1)
    width = len(header)
    # Rows are padded to width + 1 cells, so a column the file lacks reads cells[width] == "".
    columns = {name: found.get(name, width) for name in COLUMNS}
    at = [columns[name] for name in ("started_at", "date", "session_name", "exercise_order")]
    started_at, day, session_name, exercise_order = at
    exercise_name = columns["exercise_name"]

    sessions: dict[tuple[datetime, str], ParsedSession] = {}
    exercises: dict[tuple, NativeParsedExercise] = {}
    # The rows of one workout repeat the same cells: the raw text finds what its first row made.
    sessions_by_text: dict[tuple[str, str, str], ParsedSession] = {}
    exercises_by_text: dict[tuple[int, str, str], NativeParsedExercise] = {}
    for line, cells in rows:
        try:
            if len(cells) > width:
                if any(cell.strip() for cell in cells[width:]):
                    raise ImportFormatError(
                        f"{len(cells)} cells but the header has {width} columns "
                        "(an unquoted delimiter inside a cell?).",
                        line=line,
                    )
            else:
                cells = cells + [""] * (width + 1 - len(cells))
            row = _Row(line, cells, columns)
            parsed = _set_for(row, context)
            if not has_values(parsed.weight, parsed.reps, parsed.distance_m, parsed.duration_s):
                context.skip(line, NO_VALUES)
                continue
            key = (cells[started_at], cells[day], cells[session_name])
            session = sessions_by_text.get(key)
            if session is None:
                session = sessions_by_text[key] = _session_for(row, sessions, context)
            key = (id(session), cells[exercise_order], cells[exercise_name])
            exercise = exercises_by_text.get(key)
            if exercise is None:
                exercise = exercises_by_text[key] = _exercise_for(row, session, exercises)
        except ImportFormatError as error:  # this row is left out and listed
            context.reject(error.line or line, error.message)
            continue
        exercise.sets.append(parsed)
    for session in sessions.values():
        session.exercises[:] = [exercise for exercise in session.exercises if exercise.sets]
        if session.exercises:
            yield session


def _session_for(row: _Row, sessions: dict, context: ParseContext) -> ParsedSession:
    name = row.text("session_name") or "Workout"
    if len(name) > NAME_MAX:
        raise row.error("session_name", f"longer than {NAME_MAX} characters.")
    started_at = row.moment("started_at", context)
    if started_at is None:
        raw_date = row.text("date")
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            raise row.error("date", f"“{raw_date[:30]}” is not a date like 2026-04-07.") from None
        started_at = datetime.combine(day, time(0), tzinfo=context.tz)
        if problem := date_problem(started_at):
            raise row.error("date", f"“{raw_date[:30]}” {problem}.")
    key = (started_at, name)
    session = sessions.get(key)
    if session is None:
        completed_at = row.moment("completed_at", context)
        if completed_at is None:
            minutes = row.decimal("session_duration_min")
            completed_at = started_at + timedelta(minutes=float(minutes or 0))
        if completed_at < started_at:
            raise row.error("completed_at", "is before started_at.")
        session = ParsedSession(
            name=name,
            started_at=started_at,
            completed_at=completed_at,
            notes=row.text("session_notes"),
        )
        sessions[key] = session
    return session


def _exercise_for(row: _Row, session: ParsedSession, exercises: dict) -> NativeParsedExercise:
    name = row.text("exercise_name")
    if not name:
        raise row.error("exercise_name", "is empty.")
    if len(name) > NAME_MAX:
        raise row.error("exercise_name", f"longer than {NAME_MAX} characters.")
    order = row.integer("exercise_order")
    key = (id(session), order, name if order is None else None)
    exercise = exercises.get(key)
    if exercise is None:
        exercise = NativeParsedExercise(
            name=name, notes=row.text("exercise_notes"), order_index=order
        )
        exercises[key] = exercise
        session.exercises.append(exercise)
    elif exercise.name != name:
        raise row.error("exercise_order", f"{order} is already used by “{exercise.name}”.")
    return exercise


def _set_for(row: _Row, context: ParseContext) -> ParsedSet:
    set_number = row.integer("set_number", low=1)
    if set_number is None:
        raise row.error("set_number", "is empty.")
    if set_number > 32767:
        raise row.error("set_number", f"{set_number} is too large.")
    warmup = row.text("is_warmup").lower()
    if warmup not in BOOLEANS:
        raise row.error("is_warmup", f"“{warmup[:20]}” is not true or false.")
    unit_text = row.text("weight_unit").lower()
    weight = row.decimal("weight")
    unit = UNITS.get(unit_text) if unit_text else context.unit_for(None, weighted=bool(weight))
    if unit is None:
        raise row.error("weight_unit", f"“{unit_text[:20]}” is not kg or lb.")
    if weight is not None and weight >= 100000:
        raise row.error("weight", f"{weight} is too large.")
    reps = row.text("reps")
    if reps.startswith("-"):
        raise row.error("reps", f"{reps} is negative.")
    rpe = row.decimal("rpe")
    if rpe is not None and not (1 <= rpe <= 10 and (rpe * 2) == (rpe * 2).to_integral_value()):
        raise row.error("rpe", f"{rpe} is not between 1 and 10 in half steps.")
    distance = row.decimal("distance_m")
    if distance is not None and distance >= 10**7:
        raise row.error("distance_m", f"{distance} is too large.")
    return ParsedSet(
        set_number=set_number,
        weight=weight,
        weight_unit=unit,
        reps=row.integer("reps"),
        is_warmup=warmup in TRUE,
        rpe=rpe,
        notes=row.text("notes"),
        distance_m=distance,
        duration_s=row.integer("duration_s"),
    )
