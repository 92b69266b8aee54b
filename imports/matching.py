"""Matching exercise names from a file to the system's and the member's exercises.

0. The member's aliases (names they mapped before, or merged away), case-insensitively.
1. Case-insensitive exact name (the member's own exercise wins over a system one).
2. The same after normalising: lower case, punctuation as spaces ("Pull Up" = "Pull-Up").
3. A parenthesised qualifier moved to the front, then dropped: "Bench Press (Dumbbell)"
   tries "dumbbell bench press", then "bench press".
4. Fuzzy: rapidfuzz `fuzz.ratio` on the normalised name without its qualifier, best score at
   or above FUZZY_THRESHOLD (90): "Deadlifts" → "Deadlift" (94), "Benchpress" → "Bench Press"
   (95), but "Decline Bench Press" ≠ "Incline Bench Press" (89).
Anything else becomes a new custom exercise of the member.
"""

import re
import uuid
from dataclasses import dataclass

from django.db.models import Q
from rapidfuzz import fuzz, process, utils

from fitness.accounts.models import User
from fitness.workouts.models import Exercise, ExerciseAlias

FUZZY_THRESHOLD = 90
_QUALIFIER = re.compile(r"\(([^)]*)\)")


def normalise(name: str) -> str:
    return utils.default_process(name)


def _forms(name: str) -> list[str]:
    """Normalised spellings of `name` to look up, most specific first."""
    forms = [normalise(name)]
    qualifiers = _QUALIFIER.findall(name)
    if qualifiers:
        base = normalise(_QUALIFIER.sub(" ", name))
        forms += [normalise(" ".join([*qualifiers, base])), base]
    return [form for form in dict.fromkeys(forms) if form]


@dataclass
class Match:
    exercise_id: uuid.UUID
    name: str  # the exercise's own name
    how: str  # "alias", "exact", "similar" or "created"


class ExerciseMatcher:
    """Built from (id, name, is_member_own) rows and the member's (alias, exercise id,
    exercise name) rows; remembers its answers per file name."""

    def __init__(
        self,
        exercises: list[tuple[uuid.UUID, str, bool]],
        aliases: list[tuple[str, uuid.UUID, str]] = (),
    ):
        self.aliases = {
            alias.lower(): Match(exercise_id, name, "alias") for alias, exercise_id, name in aliases
        }
        self.exact: dict[str, Match] = {}
        self.normal: dict[str, Match] = {}
        # System exercises first, so that the member's own spelling overwrites them.
        for exercise_id, name, _own in sorted(exercises, key=lambda row: row[2]):
            match = Match(exercise_id, name, "exact")
            self.exact[name.lower()] = match
            self.normal[normalise(name)] = match
        self.cache: dict[str, Match | None] = {}

    def find(self, name: str) -> Match | None:
        if name in self.cache:
            return self.cache[name]
        match = self.aliases.get(name.lower()) or self.exact.get(name.lower())
        if match is None:
            match = self._similar(name)
        self.cache[name] = match
        return match

    def _similar(self, name: str) -> Match | None:
        forms = _forms(name)
        for form in forms:
            if form in self.normal:
                found = self.normal[form]
                return Match(found.exercise_id, found.name, "similar")
        if not self.normal:
            return None
        best = process.extractOne(
            forms[-1], list(self.normal), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
        )
        if best is None:
            return None
        found = self.normal[best[0]]
        return Match(found.exercise_id, found.name, "similar")

    def add(self, exercise_id: uuid.UUID, name: str) -> Match:
        """Register a newly created exercise so that later rows of the file reuse it."""
        match = Match(exercise_id, name, "created")
        self.exact[name.lower()] = match
        self.normal.setdefault(normalise(name), match)
        self.cache[name] = match
        return match


def load_matcher(user: User) -> ExerciseMatcher:
    """The matcher for `user`'s imports: system and own exercises, then aliases (2 queries)."""
    exercises = Exercise.objects.filter(Q(user__isnull=True) | Q(user=user))
    aliases = ExerciseAlias.objects.filter(user=user)
    return ExerciseMatcher(
        [
            (pk, name, owner is not None)
            for pk, name, owner in exercises.values_list("id", "name", "user")
        ],
        list(aliases.values_list("name", "exercise_id", "exercise__name")),
    )
