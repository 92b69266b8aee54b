"""Collecting rows into `ParsedSession`s: one draft per session key, exercises in file order."""

from collections.abc import Hashable
from datetime import datetime
from decimal import Decimal

from .base import ImportFormatError, ParsedExercise, ParsedSession, ParsedSet
from .values import MAX_SET_NUMBER


class SessionDraft:
    """One session being filled row by row."""

    def __init__(self, name: str, started_at: datetime, completed_at: datetime | None = None):
        self.session = ParsedSession(name=name, started_at=started_at, completed_at=completed_at)
        self._latest: dict[str, ParsedExercise] = {}  # folded name -> its latest occurrence
        self._previous: ParsedExercise | None = None  # exercise of the previous row
        self._notes_seen: dict[int, set[str]] = {}
        self.last_number: dict[int, int] = {}  # id(exercise) -> last numeric set order seen
        self._highest: dict[int, int] = {}  # id(exercise) -> highest set number so far

    def latest(self, name: str) -> ParsedExercise | None:
        return self._latest.get(name.casefold())

    def is_previous(self, exercise: ParsedExercise | None) -> bool:
        return exercise is not None and exercise is self._previous

    def exercise(self, name: str, *, new_occurrence: bool = False) -> ParsedExercise:
        """The exercise a row belongs to: the latest one of that name, or a new one."""
        exercise = self._latest.get(name.casefold())
        if exercise is None or new_occurrence:
            exercise = ParsedExercise(name=name)
            self.session.exercises.append(exercise)
            self._latest[name.casefold()] = exercise
        self._previous = exercise
        return exercise

    def add_set(self, exercise: ParsedExercise, line: int, **fields) -> ParsedSet:
        """Append a set: numbered `set_number`, or after the exercise's highest number."""
        highest = self._highest.get(id(exercise), 0)
        number = fields.pop("set_number", None) or highest + 1
        if number > MAX_SET_NUMBER:
            raise ImportFormatError(f"Too many sets for {exercise.name} in one workout.", line)
        parsed = ParsedSet(set_number=number, **fields)
        exercise.sets.append(parsed)
        self._highest[id(exercise)] = max(highest, number)
        return parsed

    def add_notes(self, target: ParsedSession | ParsedExercise, text: str) -> None:
        """Add a note once: exports repeat notes on every row of an exercise or workout."""
        text = clean_notes(text)
        if not text:
            return
        seen = self._notes_seen.setdefault(id(target), set())
        if text in seen:
            return
        seen.add(text)
        target.notes = f"{target.notes}\n{text}" if target.notes else text

    def has_note(self, target: ParsedSession | ParsedExercise, text: str) -> bool:
        return clean_notes(text) in self._notes_seen.get(id(target), ())


class SessionBook:
    """Drafts by key (start time and name), in the order they first appear."""

    def __init__(self):
        self._drafts: dict[Hashable, SessionDraft] = {}

    def draft(
        self, key: Hashable, name: str, started_at: datetime, completed_at: datetime | None = None
    ) -> SessionDraft:
        draft = self._drafts.get(key)
        if draft is None:
            draft = self._drafts[key] = SessionDraft(name, started_at, completed_at)
        return draft

    def drafts(self) -> list[SessionDraft]:
        """The drafts that got sets, without the exercises that got none (every row of
        theirs was skipped, or only notes came)."""
        kept = []
        for draft in self._drafts.values():
            exercises = draft.session.exercises
            exercises[:] = [exercise for exercise in exercises if exercise.sets]
            if exercises:
                kept.append(draft)
        return kept

    def sessions(self) -> list[ParsedSession]:
        return [draft.session for draft in self.drafts()]


NO_VALUES = "no weight, reps, distance or time"


def has_values(*values: Decimal | int | None) -> bool:
    """Does a row hold anything? Apps write 0 in cells left empty, so 0 is nothing too."""
    return any(value for value in values)


def clean_notes(text: str) -> str:
    """Notes with Windows or old Mac line breaks inside quoted cells -> plain newlines."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def assisted_note(assistance: Decimal | None, unit: str) -> str:
    if assistance is None:
        return ""
    return f"Assisted {assistance.normalize():f} {unit}".strip()


def join_notes(*parts: str) -> str:
    return " — ".join(clean for part in parts if (clean := clean_notes(part)))
