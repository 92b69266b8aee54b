"""Matching exercise names from a file to the system's and the member's exercises.

In order, first answer wins:
1. "alias": the member's aliases (names they mapped at an earlier import, or exercises they
   merged away), ignoring case.
2. "exact": the exercise's name ignoring case; the member's own exercise before a system one.
3. "equipment" / "similar": the name read as (movement, equipment) by
   fitness.workouts.exercise_names: "Bench Press (Dumbbell)" is the dumbbell bench press,
   "Squat (Barbell)" the back squat, "Pull Up" the pull-up. A name that carries equipment only
   meets exercises with that equipment (or none stated; an EZ bar may meet a barbell), so a
   dumbbell variant never lands on the barbell lift. Without equipment, the one exercise of
   that movement wins, else the one named without equipment ("Bench Press" over "Dumbbell
   Bench Press").
4. "similar": rapidfuzz `fuzz.ratio` between movements, within the same equipment, best score
   at or above FUZZY_THRESHOLD (90): "Benchpress (Barbell)" → Bench Press (95), "Dedlift" →
   Deadlift (93), but "Decline Bench Press" ≠ "Incline Bench Press" (89).
Anything else becomes a new custom exercise of the member ("created").
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from fitness.accounts.models import User
from fitness.workouts.exercise_names import FALLBACK_EQUIPMENT, NameKey, read_name
from fitness.workouts.models import ExerciseAlias
from fitness.workouts.selectors import exercises_visible_to

FUZZY_THRESHOLD = 90


@dataclass
class Match:
    exercise_id: uuid.UUID
    name: str  # the exercise's own name
    how: str  # "alias", "exact", "equipment", "similar" or "created"


@dataclass(frozen=True)
class _Known:
    exercise_id: uuid.UUID
    name: str
    own: bool
    key: NameKey


def _lookup(name: str) -> str:
    return " ".join(name.split()).lower()


class ExerciseMatcher:
    """Built from (id, name, is_member_own[, equipment]) rows and the member's (alias,
    exercise id, exercise name) rows; remembers its answers per file name."""

    def __init__(
        self,
        exercises: list[tuple],
        aliases: list[tuple[str, uuid.UUID, str]] = (),
    ):
        self.aliases = {
            _lookup(alias): Match(exercise_id, name, "alias")
            for alias, exercise_id, name in aliases
        }
        self.exact: dict[str, Match] = {}
        self.by_movement: dict[str, list[_Known]] = defaultdict(list)
        # System exercises first, so that the member's own spelling overwrites them.
        for row in sorted(exercises, key=lambda row: row[2]):
            self._know(*row)
        self.cache: dict[str, Match | None] = {}
        self.movements: dict[str, list[str]] = {}  # per equipment: what fuzzy matching sees

    def _know(self, exercise_id: uuid.UUID, name: str, own: bool, equipment: str = "") -> _Known:
        key = read_name(name)
        if equipment and equipment != key.equipment:
            key = NameKey(key.movement, equipment, key.plain)  # what the library says wins
        self.exact[_lookup(name)] = Match(exercise_id, name, "exact")
        known = _Known(exercise_id, name, own, key)
        self.by_movement[key.movement].append(known)
        return known

    def find(self, name: str) -> Match | None:
        if name in self.cache:
            return self.cache[name]
        lookup = _lookup(name)
        match = self.aliases.get(lookup) or self.exact.get(lookup) or self._by_key(name)
        self.cache[name] = match
        return match

    def _by_key(self, name: str) -> Match | None:
        key = read_name(name)
        if not key.movement:
            return None
        how = "equipment" if key.equipment else "similar"
        found = self._pick(key.movement, key.equipment)
        if found is None:
            movement = self._similar_movement(key)
            found = movement and self._pick(movement, key.equipment)
            how = "similar"
        return Match(found.exercise_id, found.name, how) if found else None

    def _fits(self, known: _Known, equipment: str) -> bool:
        # An exercise whose equipment nobody stated (a custom one) fits any equipment.
        return not equipment or known.key.equipment in (equipment, "")

    def _pick(self, movement: str, equipment: str) -> _Known | None:
        known = self.by_movement.get(movement, ())
        candidates = [k for k in known if self._fits(k, equipment)]
        if equipment:
            # The exact equipment, else its fallback, else an exercise that states none.
            fallback = FALLBACK_EQUIPMENT.get(equipment)
            candidates = (
                [k for k in candidates if k.key.equipment == equipment]
                or [k for k in known if fallback and k.key.equipment == fallback]
                or candidates
            )
        candidates = [k for k in candidates if k.own] or candidates
        if len(candidates) > 1:
            candidates = [k for k in candidates if k.key.plain]
        return candidates[0] if len(candidates) == 1 else None

    def _similar_movement(self, key: NameKey) -> str | None:
        movements = self.movements.get(key.equipment)
        if movements is None:  # once per equipment and file
            movements = self.movements[key.equipment] = [
                movement
                for movement, known in self.by_movement.items()
                if any(self._fits(k, key.equipment) for k in known)
            ]
        best = process.extractOne(
            key.movement, movements, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
        )
        return best[0] if best else None

    def add(self, exercise_id: uuid.UUID, name: str) -> Match:
        """Register a newly created exercise so that later rows of the file reuse it."""
        known = self._know(exercise_id, name, True)
        for equipment, movements in self.movements.items():
            if self._fits(known, equipment) and known.key.movement not in movements:
                movements.append(known.key.movement)
        match = Match(exercise_id, name, "created")
        self.exact[_lookup(name)] = match
        self.cache[name] = match
        return match


def load_matcher(user: User) -> ExerciseMatcher:
    """The matcher for `user`'s imports: system and own exercises, then aliases (2 queries)."""
    exercises = exercises_visible_to(user)
    aliases = ExerciseAlias.objects.filter(user=user)
    return ExerciseMatcher(
        [
            (pk, name, owner is not None, equipment)
            for pk, name, owner, equipment in exercises.values_list(
                "id", "name", "user", "equipment"
            )
        ],
        list(aliases.values_list("name", "exercise_id", "exercise__name")),
    )
