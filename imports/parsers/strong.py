"""Strong's CSV exports, every layout since 2015 and in any language.

Columns are found by name or, for translated headers, by position (strong_columns.py). Then,
whatever the layout:

- Rest timers are rests, not sets: rows of the `Rest Timer` exercise, `Rest Timer` markers,
  and a Set Order cell that is neither a number nor a known marker on a row without weight
  and reps (Strong writes the marker in the app's language: `Ruhezeit`, `Temps de repos`).
- Note rows carry an exercise's note: a word in Set Order (`Note`, `Notiz`, `备注`, any
  language), the note in Notes, no values. They go to the exercise's notes.
- Strong writes 0 for "empty": zero weights, reps, distances and seconds become None (a
  body-weight set has no weight), and a row with none of them is skipped, not imported
  as an empty set.
- Weights carry the unit their column's name or `Weight Unit` cell says; when the file says
  nothing, the member's choice (`context.unit`) or "" (unknown, `unit_stated` False).
  Distances without a unit follow the weights' (kg with km, lb with miles).
- Set numbers count the rows of an exercise in file order, warm-ups included, whether the
  file counts from 0 or 1; `W`/`D`/`F` (or `WARM_UP`/`DROP_SET`/`FAILURE`) -> set_type.
- The workout's duration is read in any language (`1h 26m`, `1小时13分钟`, `1 Std. 5 Min.`,
  seconds); one it cannot read is left out, and the summary says how many.
- A row with an unreadable or impossible value is left out and listed (context.reject).
- Sessions are keyed by (start, workout name).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from .assemble import NO_VALUES, SessionBook, SessionDraft, assisted_note, has_values, join_notes
from .base import ImportFormatError, ParseContext, ParsedSession, Parser
from .dates import DateReader
from .durations import UNREADABLE, read_duration
from .rows import fit_width, is_blank, looks_numeric, trim
from .strong_columns import COLUMN_KEYS, LAYOUTS, TEXT_KEYS, StrongColumns, resolve
from .values import (
    check_weight,
    clip_name,
    distance_unit,
    fold,
    parse_count,
    parse_distance,
    parse_rpe,
    parse_seconds,
    parse_weight,
    split_assistance,
    squash,
    weight_unit,
)

DEFAULT_NAME = "Strong workout"
ENGLISH_HEADER = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)
assert len(ENGLISH_HEADER) == len(LAYOUTS[0])

# --- Set Order values ------------------------------------------------------------------------

WARMUP, DROP, FAILURE, NORMAL, NOTE, REST = "warmup", "drop", "failure", "normal", "note", "rest"
_MARKERS = {
    "w": WARMUP,
    "wu": WARMUP,
    "warmup": WARMUP,
    "warm_up": WARMUP,
    "warm-up": WARMUP,
    "warm up": WARMUP,
    "d": DROP,
    "drop": DROP,
    "dropset": DROP,
    "drop_set": DROP,
    "drop-set": DROP,
    "drop set": DROP,
    "f": FAILURE,
    "failure": FAILURE,
    "fail": FAILURE,
    "normal": NORMAL,
    "working": NORMAL,
    "note": NOTE,
    "notes": NOTE,
    "rest timer": REST,
    "rest_timer": REST,
    "resttimer": REST,
    "rest": REST,
}


UNKNOWN = "unknown"


def set_kind(text: str, line: int, column: str = "Set Order") -> tuple[str, int | None]:
    """A Set Order cell -> (kind, number): `3` -> (normal, 3), `W` -> (warmup, None)...

    A word that is no marker we know is UNKNOWN: a rest timer in the app's language when
    the row has no weight and reps, a bad cell otherwise (see StrongParser._row).
    """
    folded = fold(text)
    if not folded:
        return NORMAL, None
    if folded in _MARKERS:
        return _MARKERS[folded], None
    if folded[0].isdigit():
        return NORMAL, parse_count(text, line, column, limit=100_000)
    if len(folded) == 1 and folded.isalpha():  # a marker of a translated export we do not know
        return NORMAL, None
    return UNKNOWN, None


def _bad_order(text: str, column: str, line: int) -> ImportFormatError:
    return ImportFormatError(
        f"'{squash(text)[:40]}' is not a set number, W, D, F, Note or Rest Timer in column "
        f"{column}.",
        line,
    )


# --- One row, whatever the layout -------------------------------------------------------------


@dataclass
class StrongRow:
    line: int
    started_at: datetime
    workout_name: str
    duration_s: int | None
    exercise: str
    kind: str
    number: int | None
    weight: Decimal | None
    unit: str
    reps: int | None
    rpe: Decimal | None
    distance_m: Decimal | None
    seconds: int | None
    notes: str
    workout_notes: str
    assistance: Decimal | None = None


class StrongAssembler:
    """Turns `StrongRow`s into sessions."""

    def __init__(self, context: ParseContext, *, first_row_notes_are_exercise_notes: bool):
        self.context = context
        self.book = SessionBook()
        self.first_row_notes = first_row_notes_are_exercise_notes

    def add(self, row: StrongRow) -> None:
        if not row.exercise:
            raise ImportFormatError("The exercise name is missing.", row.line)
        name = row.workout_name or DEFAULT_NAME
        completed = row.started_at + timedelta(seconds=row.duration_s) if row.duration_s else None
        draft = self.book.draft((row.started_at, name.casefold()), name, row.started_at, completed)
        draft.add_notes(draft.session, row.workout_notes)
        if row.kind == NOTE:
            draft.add_notes(draft.exercise(row.exercise), row.notes)
            return
        exercise = draft.exercise(row.exercise, new_occurrence=self._restarts(draft, row))
        set_notes = row.notes
        if set_notes and self.first_row_notes and not exercise.sets:
            draft.add_notes(exercise, set_notes)
            set_notes = ""
        elif set_notes and draft.has_note(exercise, set_notes):
            set_notes = ""
        draft.add_set(
            exercise,
            row.line,
            weight=row.weight,
            weight_unit=row.unit,
            reps=row.reps,
            set_type=row.kind,
            rpe=row.rpe,
            notes=join_notes(assisted_note(row.assistance, row.unit), set_notes),
            distance_m=row.distance_m,
            duration_s=row.seconds,
        )
        if row.number is not None:
            draft.last_number[id(exercise)] = row.number

    @staticmethod
    def _restarts(draft: SessionDraft, row: StrongRow) -> bool:
        """Is this row the start of a second block of the same exercise in the workout?

        Yes when another exercise came in between AND the numbering starts again (a set
        number not above the last one, or a warm-up after working sets). Alternating
        supersets keep counting up, so they stay one exercise each.
        """
        current = draft.latest(row.exercise)
        if current is None or draft.is_previous(current):
            return False
        if row.number is not None:
            return row.number <= draft.last_number.get(id(current), 0)
        return row.kind == WARMUP and any(not s.is_warmup for s in current.sets)

    def sessions(self) -> list[ParsedSession]:
        return self.book.sessions()


class StrongParser(Parser):
    name = "strong"
    label = "Strong"
    default_header = ENGLISH_HEADER

    def __init__(self, header: list[str] | None = None):
        super().__init__(header)
        self.columns: StrongColumns = resolve(self.header) or resolve(list(ENGLISH_HEADER))

    @classmethod
    def matches(cls, header: list[str]) -> bool:
        """A Strong header by its names, or a translated one by its shape (strong_columns)."""
        return resolve(header) is not None

    @property
    def layout(self) -> str:
        translated = ", header translated" if self.columns.translated else ""
        return super().layout + translated

    def parse(
        self, rows: Iterable[tuple[int, list[str]]], context: ParseContext
    ) -> Iterator[ParsedSession]:
        columns = self.columns
        width = len(trim(self.header))
        text_columns = sorted(columns.at[key] for key in TEXT_KEYS if key in columns.at)
        assembler = StrongAssembler(
            context, first_row_notes_are_exercise_notes=not columns.set_notes
        )
        self._read_date = DateReader(context.tz)
        self._unread_durations: dict[tuple[str, str], str] = {}
        # Every key reads a cell; a column the file lacks reads the always-empty padding.
        self._index = {key: columns.at.get(key, width) for key in COLUMN_KEYS}
        self._labels = {key: columns.label(key) for key in COLUMN_KEYS}
        padding = [""] * (width + 1)
        for line, cells in self._read_date.settle(rows, self._index["date"]):
            if is_blank(cells):
                continue
            try:
                cells = fit_width(
                    cells,
                    width,
                    line,
                    text_columns=text_columns,
                    fits=self._fits,
                    joiner=context.delimiter,
                )
                cells = [cell.strip() for cell in cells] + padding[len(cells) :]
                values = {key: cells[index] for key, index in self._index.items()}
                row = self._row(values, line, context)
                if row is not None:
                    assembler.add(row)
            except ImportFormatError as error:
                context.reject(error.line or line, error.message)
        if self._unread_durations:
            count = len(self._unread_durations)
            example = next(iter(self._unread_durations.values()))
            context.remark(
                f"The duration of {count} workout{'s' if count != 1 else ''} could not be read "
                f"(like “{squash(example)[:30]}”) and was left out."
            )
        yield from assembler.sessions()

    def _fits(self, cells: list[str]) -> bool:
        """Do the typed cells of a repaired row read as their columns' types?"""
        at = self.columns.at

        def get(key: str) -> str:
            return cells[at[key]].strip() if key in at and at[key] < len(cells) else ""

        if not any(c.isdigit() for c in get("date")):
            return False
        if any(not looks_numeric(get(key)) for key in ("weight", "reps", "distance", "rpe")):
            return False
        if not looks_numeric(get("seconds")):
            return False
        order = get("order")
        return looks_numeric(order) or not any(c.isdigit() for c in order)

    def _row(self, cell: dict[str, str], line: int, context: ParseContext) -> StrongRow | None:
        """One row's cells by key (stripped) -> a StrongRow, or None when it is skipped."""
        columns = self.columns
        label = self._labels
        kind, number = set_kind(cell["order"], line, label["order"])
        exercise = clip_name(cell["exercise"])
        if kind == REST or fold(exercise) == "rest timer":
            context.skip(line, "rest timer row")
            return None
        weight_text, assistance = split_assistance(cell["weight"], line, label["weight"])
        weight = parse_weight(weight_text, line, label["weight"], zero_is_empty=True)
        reps = parse_count(cell["reps"], line, label["reps"], zero_is_empty=True)
        if kind == UNKNOWN:
            if weight is not None or assistance is not None or reps:
                raise _bad_order(cell["order"], label["order"], line)
            if not _is_note_row(cell):
                context.skip(line, "rest timer row")
                return None

        stated = weight_unit(cell["weight_unit"], line, label["weight_unit"]) or columns.weight_unit
        has_weight = weight is not None or assistance is not None
        unit = context.unit_for(stated, weighted=has_weight)
        check_weight(weight, unit, weight_text, line, label["weight"])
        check_weight(assistance, unit, cell["weight"], line, label["weight"])

        distance_text = cell["distance"]
        distance_in = None
        if distance_text and not _is_zero(distance_text):
            distance_in = (
                distance_unit(cell["distance_unit"], line, label["distance_unit"])
                or columns.distance_unit
            )
            if distance_in is None:  # no unit for it: it follows the weights' (kg-km, lb-mi)
                distance_in = "mi" if context.unit_for(stated) == "lb" else "km"
        distance = parse_distance(distance_text, distance_in or "m", line, label["distance"])
        seconds = parse_seconds(cell["seconds"], line, label["seconds"])
        if kind != NOTE and not has_values(weight, reps, distance, seconds):
            if not _is_note_row(cell):
                context.skip(line, NO_VALUES)
                return None
            kind = NOTE

        started_at = self._read_date(cell["date"], line, label["date"])
        workout_name = clip_name(cell["workout"])
        duration = read_duration(cell["duration"])
        if duration == UNREADABLE:
            self._unread_durations.setdefault((cell["date"], workout_name), cell["duration"])
            duration = None
        return StrongRow(
            line=line,
            started_at=started_at,
            workout_name=workout_name,
            duration_s=duration,
            exercise=exercise,
            kind=kind,
            number=number,
            weight=weight,
            assistance=assistance,
            unit=unit,
            reps=reps,
            rpe=parse_rpe(cell["rpe"], line, label["rpe"]),
            distance_m=distance,
            seconds=seconds,
            notes=cell["notes"],
            workout_notes=cell["workout_notes"],
        )


def _is_note_row(cell: dict[str, str]) -> bool:
    """A row that carries an exercise note: a word (not a set number) in Set Order, a note,
    and no values. Strong writes `Note` there in the app's language (`Notiz`, `Remarque`,
    `备注`); the word itself need not be known, the shape of the row says it."""
    order = cell["order"]
    return (
        bool(cell["notes"])
        and bool(order)
        and not order[0].isdigit()
        and all(not cell[key] or _is_zero(cell[key]) for key in ("distance", "seconds"))
    )


def _is_zero(text: str) -> bool:
    """Strong writes 0 (or 0.0) in cells left empty."""
    return looks_numeric(text) and not text.strip().strip("+-").strip("0.,")
