"""Hevy's CSV export.

`title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,
set_type,weight_kg|weight_lbs,reps,distance_km|distance_miles,duration_seconds,rpe`, read by
column name (older exports without `rpe` or `superset_id` work too). Times are local, without
a zone: `7 Apr 2026, 10:14`, `Jul 28, 2026, 6:49 PM` or ISO. Workouts come newest first.

- Set numbers are `set_index + 1` (Hevy counts from 0, warm-ups included). When an exercise
  appears twice in one workout, its `set_index` starts again at 0: a repeated index opens a
  second entry of that exercise.
- `set_type` normal / warmup / dropset / failure -> `ParsedSet.set_type`; an unknown type is
  read as a normal set. `superset_id` -> `ParsedExercise.superset`.
- Empty weight (body-weight sets), reps, distance and duration are None; distances become
  metres; `description` is the session's notes and `exercise_notes` the exercise's. Hevy
  writes a line break typed in a note as the two characters `\\n` (seen in real exports):
  they are read back as line breaks.
- Rows without any value are skipped; rows with a bad or impossible value are left out and
  listed (context.reject).
"""

from collections.abc import Iterable, Iterator

from .assemble import NO_VALUES, SessionBook, assisted_note, has_values, join_notes
from .base import ImportFormatError, ParseContext, ParsedSession, Parser
from .dates import DateReader
from .rows import NamedColumns, check_width, is_blank
from .values import (
    MAX_SET_NUMBER,
    cell,
    check_weight,
    clip_name,
    fold,
    parse_count,
    parse_distance,
    parse_rpe,
    parse_seconds,
    parse_weight,
    split_assistance,
    unit_in_header,
)

DEFAULT_NAME = "Hevy workout"
HEADER = (
    "title",
    "start_time",
    "end_time",
    "description",
    "exercise_title",
    "superset_id",
    "exercise_notes",
    "set_index",
    "set_type",
    "weight_kg",
    "reps",
    "distance_km",
    "duration_seconds",
    "rpe",
)
_SET_TYPES = {
    "normal": "normal",
    "warmup": "warmup",
    "warm_up": "warmup",
    "dropset": "drop",
    "drop_set": "drop",
    "drop": "drop",
    "failure": "failure",
}


class HevyParser(Parser):
    name = "hevy"
    label = "Hevy"

    default_header = HEADER

    @classmethod
    def matches(cls, header: list[str]) -> bool:
        """`title`, `start_time`, `exercise_title` and `set_index` or `set_type` columns."""
        folded = {fold(c) for c in header}
        return {"title", "start_time", "exercise_title"} <= folded and bool(
            {"set_index", "set_type"} & folded
        )

    def parse(
        self, rows: Iterable[tuple[int, list[str]]], context: ParseContext
    ) -> Iterator[ParsedSession]:
        columns = NamedColumns(self.header)
        at = {
            "title": columns.find("title"),
            "start": columns.find("start_time"),
            "end": columns.find("end_time"),
            "description": columns.find("description"),
            "exercise": columns.find("exercise_title"),
            "exercise_notes": columns.find("exercise_notes"),
            "superset": columns.find("superset_id", "superset"),
            "index": columns.find("set_index"),
            "type": columns.find("set_type"),
            "weight": columns.find("weight_kg", "weight_lbs", "weight_lb", "weight"),
            "reps": columns.find("reps"),
            "distance": columns.find(
                "distance_km", "distance_miles", "distance_mi", "distance_meters", "distance_m"
            ),
            "duration": columns.find("duration_seconds", "duration"),
            "rpe": columns.find("rpe"),
        }
        for key in ("start", "exercise"):
            if at[key] is None:
                name = {"start": "start_time", "exercise": "exercise_title"}[key]
                raise ImportFormatError(f"The header has no {name} column.", 1)
        label = {key: columns.label(index, key) for key, index in at.items()}
        header_unit = unit_in_header(label["weight"]) if at["weight"] is not None else None
        distance_unit = unit_in_header(label["distance"]) if at["distance"] is not None else "km"
        width = len(columns.header)
        book = SessionBook()
        read_date = DateReader(context.tz)
        # Per session: how often consecutive sets of an exercise went down / up in set_index,
        # to put the exercises back in workout order when the file lists them backwards.
        direction: dict[int, int] = {}

        for line, cells in read_date.settle(rows, at["start"]):
            if is_blank(cells):
                continue
            try:
                check_width(cells, width, line)

                def get(key: str, cells=cells) -> str:
                    return cell(cells, at[key])

                name = clip_name(get("exercise"))
                if not name:
                    raise ImportFormatError("The exercise name is missing.", line)
                index = parse_count(get("index"), line, label["index"], limit=MAX_SET_NUMBER - 1)
                set_type = fold(get("type")).replace("-", "_").replace(" ", "_")
                weight_text, assistance = split_assistance(get("weight"), line, label["weight"])
                weight = parse_weight(weight_text, line, label["weight"])
                has_weight = bool(weight) or assistance is not None
                unit = context.unit_for(header_unit, weighted=has_weight)
                check_weight(weight, unit, weight_text, line, label["weight"])
                check_weight(assistance, unit, get("weight"), line, label["weight"])
                reps = parse_count(get("reps"), line, label["reps"])
                distance = parse_distance(
                    get("distance"), distance_unit or "km", line, label["distance"]
                )
                seconds = parse_seconds(get("duration"), line, label["duration"])
                if not has_values(weight, reps, distance, seconds):
                    context.skip(line, NO_VALUES)
                    continue
                rpe = parse_rpe(get("rpe"), line, label["rpe"])
                title = clip_name(get("title")) or DEFAULT_NAME
                started = read_date(get("start"), line, label["start"])
                completed = read_date(get("end"), line, label["end"]) if get("end") else None
            except ImportFormatError as error:
                context.reject(error.line or line, error.message)
                continue
            if completed is not None and completed < started:
                completed = None
            draft = book.draft((started, title.casefold()), title, started, completed)
            draft.add_notes(draft.session, _note(get("description")))

            current = draft.latest(name)
            repeated = (
                current is not None
                and index is not None
                and any(s.set_number == index + 1 for s in current.sets)
            )
            if (
                not repeated
                and current is not None
                and draft.is_previous(current)
                and current.sets
                and index is not None
            ):
                step = 1 if index + 1 > current.sets[-1].set_number else -1
                direction[id(draft)] = direction.get(id(draft), 0) + step
            exercise = draft.exercise(name, new_occurrence=repeated)
            draft.add_notes(exercise, _note(get("exercise_notes")))
            superset = get("superset")
            if superset and exercise.superset is None:
                exercise.superset = superset
            try:
                draft.add_set(
                    exercise,
                    line,
                    set_number=index + 1 if index is not None else None,
                    weight=weight,
                    weight_unit=unit,
                    reps=reps,
                    set_type=_SET_TYPES.get(set_type, "normal"),
                    rpe=rpe,
                    notes=join_notes(assisted_note(assistance, unit)),
                    distance_m=distance,
                    duration_s=seconds,
                )
            except ImportFormatError as error:  # too many sets in one exercise
                context.reject(error.line or line, error.message)

        for draft in book.drafts():
            for exercise in draft.session.exercises:
                exercise.sets.sort(key=lambda s: s.set_number)
            if direction.get(id(draft), 0) < 0:
                draft.session.exercises.reverse()
            yield draft.session


def _note(text: str) -> str:
    """A Hevy note with its escaped line breaks (`\\n`, `\\r\\n`) as real ones."""
    return text.replace("\\r\\n", "\n").replace("\\n", "\n")
