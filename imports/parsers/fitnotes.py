"""FitNotes' CSV export.

`Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment` (units
`kgs`/`lbs`; distance units m, km, mi, ft, yd; Time as H:MM:SS), and the older header with
`Weight (lbs)` or `Weight (kgs)` and no unit column. Read by column name.

- FitNotes has no workouts, only dated sets: one session per date. It starts at 12:00 in the
  member's zone (FitNotes records no times; noon keeps the calendar date the same in every
  zone within 12 hours of UTC) and is named after its categories in file order
  ("Chest, Triceps"), or "FitNotes workout" when there are none.
- One exercise entry per exercise name and date; its sets are numbered in file order.
- FitNotes writes 0 for "empty": zero weights, reps, distances and times become None, and a
  row with none of them is skipped. `Comment` is the set's notes.
- Exercise names with a comma are written unquoted (`Overhead Press (Each Side, Dumbbells),
  Shoulders,8.0,kgs,5,,,`): the row is repaired from the types of the other columns
  (rows.fit_width). A `Distance Unit` only matters when there is a distance: timed rows
  carry a weight unit there.
- A row with a bad or impossible value is left out and listed (context.reject).
"""

from collections.abc import Iterable, Iterator
from datetime import datetime, time
from decimal import Decimal

from .assemble import NO_VALUES, SessionBook, has_values, join_notes
from .base import ImportFormatError, ParseContext, ParsedSession, Parser
from .dates import DateReader, localize
from .durations import parse_duration
from .rows import NamedColumns, fit_width, is_blank, looks_numeric
from .values import (
    MAX_NAME,
    UNIT_WORDS,
    cell,
    check_weight,
    clip_name,
    distance_unit,
    fold,
    parse_count,
    parse_distance,
    parse_weight,
    unit_in_header,
    weight_unit,
)

DEFAULT_NAME = "FitNotes workout"
HEADER = (
    "Date",
    "Exercise",
    "Category",
    "Weight",
    "Weight Unit",
    "Reps",
    "Distance",
    "Distance Unit",
    "Time",
    "Comment",
)
NOON = time(12, 0)


class FitNotesParser(Parser):
    name = "fitnotes"
    label = "FitNotes"

    default_header = HEADER

    @classmethod
    def matches(cls, header: list[str]) -> bool:
        """`Date`, `Exercise`, `Category`, `Reps` and a `Weight` or `Weight (unit)` column."""
        folded = {fold(c) for c in header}
        has_weight = any(c == "weight" or c.startswith("weight (") for c in folded)
        return {"date", "exercise", "category", "reps"} <= folded and has_weight

    def parse(
        self, rows: Iterable[tuple[int, list[str]]], context: ParseContext
    ) -> Iterator[ParsedSession]:
        columns = NamedColumns(self.header)
        at = {
            "date": columns.find("date"),
            "exercise": columns.find("exercise"),
            "category": columns.find("category"),
            "weight": columns.find("weight", prefix="weight ("),
            "weight_unit": columns.find("weight unit"),
            "reps": columns.find("reps"),
            "distance": columns.find("distance"),
            "distance_unit": columns.find("distance unit"),
            "time": columns.find("time", "duration"),
            "comment": columns.find("comment", "comments", "notes", "note"),
        }
        for key in ("date", "exercise"):
            if at[key] is None:
                raise ImportFormatError(f"The header has no {key.title()} column.", 1)
        label = {
            key: columns.label(index, key.replace("_", " ").title()) for key, index in at.items()
        }
        header_unit = unit_in_header(label["weight"]) if at["weight"] is not None else None
        width = len(columns.header)
        book = SessionBook()
        read_date = DateReader(context.tz)
        categories: dict[int, list[str]] = {}

        text_columns = sorted(
            at[key] for key in ("exercise", "category", "comment") if at[key] is not None
        )

        def fits(cells: list[str]) -> bool:
            """Do the typed cells of a repaired row read as their columns' types?"""

            def get(key: str) -> str:
                return cell(cells, at[key])

            return (
                any(c.isdigit() for c in get("date"))
                and all(looks_numeric(get(key)) for key in ("weight", "reps", "distance"))
                and fold(get("weight_unit")).rstrip(".") in UNIT_WORDS
                and fold(get("distance_unit")).rstrip(".") in UNIT_WORDS
                and (looks_numeric(get("time")) or ":" in get("time"))
            )

        for line, cells in read_date.settle(rows, at["date"]):
            if is_blank(cells):
                continue
            try:
                cells = fit_width(
                    cells,
                    width,
                    line,
                    text_columns=text_columns,
                    fits=fits,
                    joiner=context.delimiter,
                )

                def get(key: str, cells=cells) -> str:
                    return cell(cells, at[key])

                name = clip_name(get("exercise"))
                if not name:
                    raise ImportFormatError("The exercise name is missing.", line)
                weight = parse_weight(get("weight"), line, label["weight"], zero_is_empty=True)
                stated = weight_unit(get("weight_unit"), line, label["weight_unit"]) or header_unit
                unit = context.unit_for(stated, weighted=weight is not None)
                check_weight(weight, unit, get("weight"), line, label["weight"])
                reps = parse_count(get("reps"), line, label["reps"], zero_is_empty=True)
                distance = self._distance(get, line, label)
                seconds = parse_duration(get("time"), line, label["time"])
                if not has_values(weight, reps, distance, seconds):
                    context.skip(line, NO_VALUES)
                    continue
                day = read_date(get("date"), line, label["date"]).date()
                draft = book.draft(
                    day, DEFAULT_NAME, localize(datetime.combine(day, NOON), context.tz)
                )
                draft.add_set(
                    draft.exercise(name),
                    line,
                    weight=weight,
                    weight_unit=unit,
                    reps=reps,
                    notes=join_notes(get("comment")),
                    distance_m=distance,
                    duration_s=seconds,
                )
            except ImportFormatError as error:
                context.reject(error.line or line, error.message)
                continue
            category = clip_name(get("category"))
            seen = categories.setdefault(id(draft), [])
            if category and category.casefold() not in (c.casefold() for c in seen):
                seen.append(category)

        for draft in book.drafts():
            names = ", ".join(categories.get(id(draft), []))
            if len(names) > MAX_NAME:
                names = names[: MAX_NAME - 1].rsplit(", ", 1)[0] + "…"
            draft.session.name = names or DEFAULT_NAME
            yield draft.session

    @staticmethod
    def _distance(get, line: int, label: dict[str, str]) -> Decimal | None:
        """Metres, or None. The unit cell only matters when there is a distance: timed rows
        carry a weight unit there (`Side Plank,Abs,,,0.0,kg,0:00:00`)."""
        text = get("distance")
        if not text or not parse_distance(text, "m", line, label["distance"]):
            return None
        unit = distance_unit(get("distance_unit"), line, label["distance_unit"])
        if unit is None:
            raise ImportFormatError(
                f"The distance '{text}' has no unit in column {label['distance_unit']}.", line
            )
        return parse_distance(text, unit, line, label["distance"])
