"""What an upload would do, worked out before anything is written (the preview page).

The file is read as for the import, exercises are matched with the member's matcher and
the workouts already there are counted; nothing is written. Files of
IMPORT_ASYNC_THRESHOLD_BYTES or more are previewed from their first PREVIEW_ROWS rows.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from fitness.accounts.models import User
from fitness.workouts.selectors import exercises_visible_to
from imports.checks import checked_session, has_value
from imports.matching import load_matcher
from imports.parsers.base import ParsedSession, RowProblem
from imports.reader import ReadResult, count_lines, read_sessions
from imports.summary import SKIPPED_SHOWN
from imports.writer import NEW, ExerciseMap, without_duplicates

PREVIEW_ROWS = 2000  # data rows read to preview a large file
HEAVIEST_SHOWN = 5
DUPLICATES_SHOWN = 5
# Totals of 45 lb plates on a 45 lb bar: in a file of kg they would be odd numbers.
LB_PLATE_TOTALS = {Decimal(n) for n in (135, 225, 315, 405, 495)}
# 20 kg plates on a 20 kg bar.
KG_PLATE_TOTALS = {Decimal(n) for n in (60, 100, 140, 180, 220)}
PLATE_SHARE = Decimal("0.1")  # this share of weighted sets at such totals is a pattern
KG_LIMIT_ANY = 500  # no lift of any kind: more is pounds
KG_LIMIT_PRESS = 400  # no press (bench, overhead…; leg presses aside)


@dataclass(frozen=True)
class NamePreview:
    """An exercise name of the file and what it becomes unless the member changes it."""

    name: str
    sets: int
    exercise_id: uuid.UUID | None  # None: a new exercise of the member
    exercise: str  # the matched exercise's name ("" when new)
    how: str  # "alias", "exact", "similar" or "" (new)

    @property
    def choice(self) -> str:
        return str(self.exercise_id) if self.exercise_id else NEW

    @property
    def can_be_new(self) -> bool:
        """A name that already is an exercise of that spelling cannot become another one."""
        return not (self.exercise_id and self.exercise.lower() == self.name.lower())


@dataclass(frozen=True)
class HeavySet:
    exercise: str
    weight: Decimal
    reps: int | None
    day: date


@dataclass(frozen=True)
class UnitHint:
    likely: str  # "kg" or "lb"
    reason: str


@dataclass
class ImportPreview:
    format_label: str
    layout: str
    unit_stated: bool
    truncated: bool  # only the first `rows` data rows were read
    rows: int
    lines: int  # physical lines of the whole file (for "the first N rows of M lines")
    first_day: date | None
    last_day: date | None
    workouts: int  # in the rows read, duplicates included
    duplicates: int  # already imported: skipped
    new_workouts: int
    new_sets: int
    duplicate_examples: list[tuple[date, str]]
    skipped_count: int
    skipped: list[RowProblem]
    remarks: list[str]
    names: list[NamePreview]
    heaviest: list[HeavySet] = field(default_factory=list)
    hint: UnitHint | None = None
    choices: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)

    @property
    def columns(self) -> str:
        """The layout without the app's name, which the page shows beside it."""
        return self.layout.removeprefix(f"{self.format_label}, ")


def preview_rows_for(size: int) -> int | None:
    """How many rows a preview reads: all of a small file, the first lines of a large one."""
    return PREVIEW_ROWS if size >= settings.IMPORT_ASYNC_THRESHOLD_BYTES else None


def import_preview(
    *, user: User, path: Path, format: str = "auto", unit: str | None = None
) -> ImportPreview:
    """The preview of the file at `path` for `user`. Raises ImportFormatError like the import
    would (so a file refused at confirm is refused here already)."""
    limit = preview_rows_for(path.stat().st_size)
    with open(path, "rb") as fileobj:
        result = read_sessions(
            fileobj, format=format or "auto", unit=unit or None, tz=user.tzinfo, limit_rows=limit
        )
        lines = count_lines(fileobj) if result.truncated else result.rows + 1
    sessions = [checked_session(session, user, unit_known=False) for session in result.sessions]
    fresh, duplicates = without_duplicates(user, sessions)
    fresh_ids = {id(session) for session in fresh}
    days = [session.started_at.astimezone(user.tzinfo).date() for session in sessions]
    return ImportPreview(
        format_label=result.parser.label,
        layout=result.layout,
        unit_stated=result.unit_stated,
        truncated=result.truncated,
        rows=result.rows,
        lines=lines,
        first_day=min(days, default=None),
        last_day=max(days, default=None),
        workouts=len(sessions),
        duplicates=duplicates,
        new_workouts=len(fresh),
        new_sets=sum(_set_count(session) for session in fresh),
        duplicate_examples=[
            (session.started_at.astimezone(user.tzinfo).date(), session.name)
            for session in sessions
            if id(session) not in fresh_ids
        ][:DUPLICATES_SHOWN],
        skipped_count=len(result.skipped),
        skipped=result.skipped[:SKIPPED_SHOWN],
        remarks=list(result.remarks),
        names=_names(user, result),
        heaviest=[] if result.unit_stated else heaviest_sets(sessions, user),
        hint=None if result.unit_stated else unit_hint(sessions),
        choices=exercise_choices_for(user),
    )


def _set_count(session: ParsedSession) -> int:
    return sum(has_value(item) for exercise in session.exercises for item in exercise.sets)


def _names(user: User, result: ReadResult) -> list[NamePreview]:
    counts: Counter[str] = Counter()
    for session in result.sessions:
        for exercise in session.exercises:
            counts[exercise.name] += sum(has_value(item) for item in exercise.sets)
    matcher = load_matcher(user)
    names = []
    for name in sorted(counts, key=lambda text: (text.lower(), text)):
        match = matcher.find(name)
        names.append(
            NamePreview(
                name=name,
                sets=counts[name],
                exercise_id=match.exercise_id if match else None,
                exercise=match.name if match else "",
                how=match.how if match else "",
            )
        )
    return names


def exercise_choices_for(user: User) -> list[tuple[str, list[tuple[str, str]]]]:
    """The exercises a name can go to, grouped for a <select>: the member's, then built-in."""
    rows = (
        exercises_visible_to(user)
        .filter(is_archived=False)
        .order_by("name")
        .values_list("id", "name", "user_id")
    )
    own = [(str(pk), name) for pk, name, owner in rows if owner is not None]
    system = [(str(pk), name) for pk, name, owner in rows if owner is None]
    return [(label, group) for label, group in (("Yours", own), ("Library", system)) if group]


def _weighted(sessions: list[ParsedSession]):
    for session in sessions:
        for exercise in session.exercises:
            for item in exercise.sets:
                if item.weight:
                    yield session, exercise.name, item


def heaviest_sets(sessions: list[ParsedSession], user: User) -> list[HeavySet]:
    """The heaviest set of each exercise, the HEAVIEST_SHOWN heaviest of those."""
    best: dict[str, HeavySet] = {}
    for session, name, item in _weighted(sessions):
        if name not in best or item.weight > best[name].weight:
            day = session.started_at.astimezone(user.tzinfo).date()
            best[name] = HeavySet(name, Decimal(item.weight), item.reps, day)
    ranked = sorted(best.values(), key=lambda heavy: heavy.weight, reverse=True)
    return ranked[:HEAVIEST_SHOWN]


def _is_press(name: str) -> bool:
    lowered = name.lower()
    return "press" in lowered and "leg" not in lowered


def unit_hint(sessions: list[ParsedSession]) -> UnitHint | None:
    """What the weights look like, when they say so clearly: beyond any kg record, or the
    plate totals of one unit (135/225/315/405 are 45 lb plates on a 45 lb bar)."""
    weighted = [(name, Decimal(item.weight)) for _session, name, item in _weighted(sessions)]
    if not weighted:
        return None
    name, heaviest = max(weighted, key=lambda row: row[1])
    if heaviest > KG_LIMIT_ANY:
        return UnitHint(
            "lb",
            f"{name} at {heaviest.normalize():f} would be far beyond any record in kg: "
            "these weights look like pounds.",
        )
    pressed = [(n, w) for n, w in weighted if _is_press(n) and w > KG_LIMIT_PRESS]
    if pressed:
        name, weight = pressed[0]
        return UnitHint(
            "lb", f"{name} at {weight.normalize():f} is not a press in kg: these look like pounds."
        )
    lb = sum(weight in LB_PLATE_TOTALS for _name, weight in weighted)
    kg = sum(weight in KG_PLATE_TOTALS for _name, weight in weighted)
    share = PLATE_SHARE * len(weighted)
    if lb >= 3 and lb >= share and lb > kg:
        return UnitHint(
            "lb",
            f"{lb} sets are at 135, 225, 315 or 405: the totals of 45 lb plates on a 45 lb bar.",
        )
    if kg >= 3 and kg >= share and kg > lb:
        return UnitHint(
            "kg",
            f"{kg} sets are at 60, 100, 140, 180 or 220: the totals of 20 kg plates on a "
            "20 kg bar.",
        )
    return None


@dataclass(frozen=True)
class ExerciseChoices:
    """What the member confirmed for the names of the preview."""

    overrides: ExerciseMap  # names sent elsewhere than the automatic match
    aliases: dict[str, uuid.UUID]  # name → existing exercise, when the names differ


def exercise_choices(preview: ImportPreview, chosen: dict[str, str]) -> ExerciseChoices:
    """`chosen`: name → exercise id or NEW, as confirmed on the preview."""
    overrides: ExerciseMap = {}
    aliases: dict[str, uuid.UUID] = {}
    names = {item.exercise_id: item.exercise for item in preview.names if item.exercise_id}
    labels = {pk: label for _group, options in preview.choices for pk, label in options}
    for item in preview.names:
        choice = chosen.get(item.name, item.choice)
        if choice != item.choice:
            overrides[item.name] = choice if choice == NEW else uuid.UUID(choice)
        if choice == NEW:
            continue
        exercise_id = uuid.UUID(choice)
        target = labels.get(choice) or names.get(exercise_id, "")
        already = item.how == "alias" and item.exercise_id == exercise_id
        if target.lower() != item.name.lower() and not already:
            aliases[item.name] = exercise_id
    return ExerciseChoices(overrides=overrides, aliases=aliases)
