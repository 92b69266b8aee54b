"""Strong's CSV exports, in their three known layouts.

- `StrongParser`: the 12-column comma export (`Date,Workout Name,Duration,Exercise Name,Set
  Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE`; 11 columns in exports made
  before RPE existed), also with its header translated. Columns are read by POSITION, so any
  language works once `matches()` accepts the header. Weights carry no unit (the form's unit
  is used) and distances are read as km when that unit is kg, miles when it is lb.
- `StrongV6Parser`: the newer export with `"Workout #";...;"Duration (sec)";...;"Weight
  (kg)"|"Weight (lbs)";...;"Distance (meters)";...` (semicolon and all-quoted; the reader
  sniffs the delimiter, so its comma twin works too). Columns are read by NAME. `Note` rows
  carry exercise notes; set markers are `W`/`D`/`F` or `WARM_UP`/`DROP_SET`/`FAILURE`.
- `StrongLegacyParser`: the older semicolon export with `Weight Unit` / `Distance Unit`
  columns and `Workout Duration` last.

In all three: `Rest Timer` rows are rests, not sets (skipped and listed in
`context.skipped`); Strong writes 0 for "empty", so zero weights, reps, distances and
seconds become None (a body-weight set has no weight); set numbers count the rows of an
exercise in file order, warm-ups included (Strong's own numbering skips warm-ups); drop
and failure sets are normal sets whose notes start with "Drop set" / "Failure"; sessions
are keyed by (start, workout name).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from .assemble import SessionBook, SessionDraft, assisted_note, join_notes
from .base import ImportFormatError, ParseContext, ParsedSession, Parser
from .rows import NamedColumns, check_width, is_blank, trim
from .values import (
    DateReader,
    cell,
    clip_name,
    distance_unit,
    fold,
    parse_count,
    parse_distance,
    parse_duration,
    parse_rpe,
    parse_seconds,
    parse_weight,
    split_assistance,
    squash,
    unit_in_header,
    weight_unit,
)

DEFAULT_NAME = "Strong workout"

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


def set_kind(text: str, line: int, column: str = "Set Order") -> tuple[str, int | None]:
    """A Set Order cell -> (kind, number): `3` -> (normal, 3), `W` -> (warmup, None)..."""
    folded = fold(text)
    if not folded:
        return NORMAL, None
    if folded in _MARKERS:
        return _MARKERS[folded], None
    if folded[0].isdigit():
        return NORMAL, parse_count(text, line, column, limit=100_000)
    if len(folded) == 1 and folded.isalpha():  # a marker of a translated export we do not know
        return NORMAL, None
    raise ImportFormatError(
        f"'{squash(text)[:40]}' is not a set number, W, D, F, Note or Rest Timer in column "
        f"{column}.",
        line,
    )


def _nonzero(text: str) -> bool:
    """A cell holding a number other than 0 (Strong writes 0 for empty)."""
    return bool(text.strip()) and text.strip().strip("0.,") != ""


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
    """Turns `StrongRow`s into sessions (shared by the three layouts)."""

    def __init__(self, context: ParseContext, *, first_row_notes_are_exercise_notes: bool):
        self.context = context
        self.book = SessionBook()
        self.first_row_notes = first_row_notes_are_exercise_notes

    def add(self, row: StrongRow) -> None:
        if row.kind == REST or fold(row.exercise) == "rest timer":
            self.context.skip(row.line, "rest timer row")
            return
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


# --- (a) The 12-column comma export, any language ---------------------------------------------

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


def _words(text: str) -> tuple[str, ...]:
    return tuple(fold(word) for word in text.split())


_WORKOUT = _words(
    "workout train entrain seance sesion sessao sessione treino allenam trening тренир "
    "ワークアウト トレーニング 训练 訓練 운동"
)
_NOTES = _words("not anmerk bemerk opmerk uwag anteckn huom замет примеч メモ 备注 備註 메모")
# Words (lower case, accents removed) one of which the header cell at each position contains,
# in English, French, German, Spanish, Italian, Portuguese, Dutch, Nordic, Polish, Russian,
# Turkish, Japanese, Chinese and Korean.
POSITION_WORDS = (
    _words("date datum fecha data dato tarih pvm paiva дата 日付 日期 날짜"),
    _WORKOUT,
    _words("dur dauer duur czas длител varighet varaktighet kesto sure 時間 时长 時長 시간"),
    _words(
        "exerc ubung oefening ejerc eserciz cwicz ovelse ovning harjoitus egzersiz hareket "
        "упражн 種目 エクササイズ 动作 動作 运动 운동"
    ),
    _words("set satz serie sarja sett seri подход сет セット 组 組 세트"),
    _words("weight gewicht poids peso vikt vekt vægt waga paino agirlik вес 重量 무게"),
    _words("rep wied wdh herhal ripet powt toist tekrar gjent upprep повтор 回数 次数 次數 횟수"),
    _words("dist strecke entfern afstand avstand odleg dystans matka mesafe расст 距離 距离 거리"),
    _words("sec sek seg saniye секунд 秒 초"),
    _NOTES,
    _NOTES,
    ("rpe",),
)


class StrongParser(Parser):
    name = "strong"
    label = "Strong (comma-separated export, any language)"

    default_header = ENGLISH_HEADER

    @classmethod
    def matches(cls, header: list[str]) -> bool:
        """12 columns (11 before RPE existed) whose names fit Strong's, position by position.

        The English header matches exactly; a translated one matches when at least 9 of its
        12 cells (8 of 11) contain a word for that position's meaning in one of the known
        languages, so a couple of unknown translations do not stop it. Strong's newer layouts
        (with `Duration (sec)` or `Weight Unit`) have other widths and their own parsers.
        """
        cells = [fold(c) for c in trim(header)]
        if len(cells) not in (11, 12):
            return False
        if cells == [c.casefold() for c in ENGLISH_HEADER[: len(cells)]]:
            return True
        score = sum(
            any(word in text for word in words)
            for text, words in zip(cells, POSITION_WORDS, strict=False)
        )
        return score >= len(cells) - 3

    def parse(
        self, rows: Iterable[tuple[int, list[str]]], context: ParseContext
    ) -> Iterator[ParsedSession]:
        names = [squash(c) or f"column {i + 1}" for i, c in enumerate(self.header)]
        names += list(ENGLISH_HEADER[len(names) :])
        width = max(len(trim(self.header)), 11)
        assembler = StrongAssembler(context, first_row_notes_are_exercise_notes=True)
        read_date = DateReader(context.tz)
        for line, cells in rows:
            if is_blank(cells):
                continue
            check_width(cells, width, line)
            kind, number = set_kind(cell(cells, 4), line, names[4])
            weight_text, assistance = split_assistance(cell(cells, 5), line, names[5])
            if kind == REST or fold(cell(cells, 3)) == "rest timer":
                context.skip(line, "rest timer row")
                continue
            weight = parse_weight(weight_text, line, names[5], zero_is_empty=True)
            distance_text = cell(cells, 7)
            # This export writes weights and distances in the app's unit setting, not saying
            # which: kg goes with km, lb with miles.
            has_weight = weight is not None or assistance is not None
            unit = context.unit_for(None, weighted=has_weight)
            distance_in = "km"
            if _nonzero(distance_text) and context.unit_for(None) == "lb":
                distance_in = "mi"
            assembler.add(
                StrongRow(
                    line=line,
                    started_at=read_date(cell(cells, 0), line, names[0]),
                    workout_name=clip_name(cell(cells, 1)),
                    duration_s=parse_duration(cell(cells, 2), line, names[2]),
                    exercise=clip_name(cell(cells, 3)),
                    kind=kind,
                    number=number,
                    weight=weight,
                    assistance=assistance,
                    unit=unit,
                    reps=parse_count(cell(cells, 6), line, names[6], zero_is_empty=True),
                    distance_m=parse_distance(distance_text, distance_in, line, names[7]),
                    seconds=parse_seconds(cell(cells, 8), line, names[8]),
                    notes=cell(cells, 9),
                    workout_notes=cell(cells, 10),
                    rpe=parse_rpe(cell(cells, 11), line, names[11]) if width > 11 else None,
                )
            )
        yield from assembler.sessions()


# --- (b) and (c): the layouts read by column name --------------------------------------------


class _StrongNamedParser(Parser):
    # The newer export has `Note` rows for exercise notes, so its Notes cells are set notes.
    first_row_notes_are_exercise_notes = True
    required = ("date", "exercise name", "set order")

    @classmethod
    def _has_core(cls, header: list[str]) -> bool:
        folded = {fold(c) for c in header}
        return all(name in folded for name in (*cls.required, "workout name", "reps"))

    def parse(
        self, rows: Iterable[tuple[int, list[str]]], context: ParseContext
    ) -> Iterator[ParsedSession]:
        columns = NamedColumns(self.header)
        missing = [n for n in self.required if columns.find(n) is None]
        if missing:
            raise ImportFormatError(f"The header has no {', '.join(missing)} column.", 1)
        at = {
            "date": columns.find("date"),
            "workout": columns.find("workout name"),
            "duration": columns.find(
                "duration (sec)", "duration", "workout duration", prefix="duration"
            ),
            "exercise": columns.find("exercise name"),
            "order": columns.find("set order"),
            "type": columns.find("set type", "type"),
            "weight": columns.find("weight", prefix="weight ("),
            "weight_unit": columns.find("weight unit"),
            "reps": columns.find("reps"),
            "rpe": columns.find("rpe"),
            "distance": columns.find("distance", prefix="distance ("),
            "distance_unit": columns.find("distance unit"),
            "seconds": columns.find("seconds", prefix="seconds"),
            "notes": columns.find("notes", "exercise notes"),
            "workout_notes": columns.find("workout notes"),
        }
        label = {key: columns.label(index, key) for key, index in at.items()}
        duration_in_seconds = at["duration"] is not None and "sec" in fold(label["duration"])
        header_weight_unit = unit_in_header(label["weight"]) if at["weight"] is not None else None
        header_distance_unit = (
            unit_in_header(label["distance"]) if at["distance"] is not None else None
        )
        width = len(columns.header)
        assembler = StrongAssembler(
            context, first_row_notes_are_exercise_notes=self.first_row_notes_are_exercise_notes
        )
        read_date = DateReader(context.tz)
        for line, cells in rows:
            if is_blank(cells):
                continue
            check_width(cells, width, line)

            def get(key: str, cells=cells) -> str:
                return cell(cells, at[key])

            kind, number = set_kind(get("order"), line, label["order"])
            if at["type"] is not None and get("type"):
                kind = set_kind(get("type"), line, label["type"])[0]
            if kind == REST or fold(get("exercise")) == "rest timer":
                context.skip(line, "rest timer row")
                continue
            weight_text, assistance = split_assistance(get("weight"), line, label["weight"])
            weight = parse_weight(weight_text, line, label["weight"], zero_is_empty=True)
            stated = (
                weight_unit(get("weight_unit"), line, label["weight_unit"]) or header_weight_unit
            )
            has_weight = weight is not None or assistance is not None
            unit = context.unit_for(stated, weighted=has_weight)
            dist_unit = (
                distance_unit(get("distance_unit"), line, label["distance_unit"])
                or header_distance_unit
            )
            if dist_unit is None and _nonzero(get("distance")):
                # No unit for the distance either: it follows the weights' (kg-km, lb-miles).
                dist_unit = "mi" if context.unit_for(stated) == "lb" else "km"
            if duration_in_seconds:
                duration = parse_seconds(get("duration"), line, label["duration"])
            else:
                duration = parse_duration(get("duration"), line, label["duration"])
            assembler.add(
                StrongRow(
                    line=line,
                    started_at=read_date(get("date"), line, label["date"]),
                    workout_name=clip_name(get("workout")),
                    duration_s=duration,
                    exercise=clip_name(get("exercise")),
                    kind=kind,
                    number=number,
                    weight=weight,
                    assistance=assistance,
                    unit=unit,
                    reps=parse_count(get("reps"), line, label["reps"], zero_is_empty=True),
                    rpe=parse_rpe(get("rpe"), line, label["rpe"]),
                    distance_m=parse_distance(
                        get("distance"), dist_unit or "m", line, label["distance"]
                    ),
                    seconds=parse_seconds(get("seconds"), line, label["seconds"]),
                    notes=get("notes"),
                    workout_notes=get("workout_notes"),
                )
            )
        yield from assembler.sessions()


class StrongV6Parser(_StrongNamedParser):
    name = "strong_v6"
    label = "Strong (semicolon export with Duration (sec), 2024 and later)"
    first_row_notes_are_exercise_notes = False
    default_header = (
        "Workout #",
        "Date",
        "Workout Name",
        "Duration (sec)",
        "Exercise Name",
        "Set Order",
        "Weight (kg)",
        "Reps",
        "RPE",
        "Distance (meters)",
        "Seconds",
        "Notes",
        "Workout Notes",
    )

    @classmethod
    def matches(cls, header: list[str]) -> bool:
        """Strong's core columns plus `Workout #` or a `Duration (sec)` column, no unit column."""
        folded = {fold(c) for c in header}
        newer = "workout #" in folded or "duration (sec)" in folded
        return cls._has_core(header) and newer and "weight unit" not in folded


class StrongLegacyParser(_StrongNamedParser):
    name = "strong_legacy"
    label = "Strong (older semicolon export with a Weight Unit column)"
    default_header = (
        "Date",
        "Workout Name",
        "Exercise Name",
        "Set Order",
        "Weight",
        "Weight Unit",
        "Reps",
        "RPE",
        "Distance",
        "Distance Unit",
        "Seconds",
        "Notes",
        "Workout Notes",
        "Workout Duration",
    )

    @classmethod
    def matches(cls, header: list[str]) -> bool:
        """Strong's core columns plus a `Weight Unit` column."""
        return cls._has_core(header) and "weight unit" in {fold(c) for c in header}
