"""Writes for exercises, templates, sessions and sets (`<entity>_<action>`, keyword-only).

Services are the one door for writes: every caller (views, imports, the calendar, sharing,
the demo data) writes through `from fitness.workouts import services` and calls
`services.session_start(...)`. Each concern has its own module in this package; this file
re-exports their public functions, so a caller never needs to know which module holds one.
"""

from fitness.workouts.services.exercises import (
    exercise_archive,
    exercise_create,
    exercise_unarchive,
    exercise_update,
)
from fitness.workouts.services.merging import (
    exercise_alias_remember,
    exercise_aliases_remember,
    exercise_merge,
)
from fitness.workouts.services.ordering import DOWN, UP
from fitness.workouts.services.sessions import (
    session_discard,
    session_exercise_add,
    session_exercise_delete,
    session_exercise_move,
    session_exercise_set_rest,
    session_exercise_superset,
    session_finish,
    session_start,
    session_update,
)
from fitness.workouts.services.sets import (
    SetElsewhere,
    set_add,
    set_delete,
    set_type_values,
    set_update,
)
from fitness.workouts.services.templates import (
    template_archive,
    template_create,
    template_delete,
    template_duplicate,
    template_exercise_add,
    template_exercise_delete,
    template_exercise_move,
    template_exercise_superset,
    template_exercise_update,
    template_unarchive,
    template_update,
)

__all__ = [
    "DOWN",
    "UP",
    "SetElsewhere",
    "exercise_alias_remember",
    "exercise_aliases_remember",
    "exercise_archive",
    "exercise_create",
    "exercise_merge",
    "exercise_unarchive",
    "exercise_update",
    "session_discard",
    "session_exercise_add",
    "session_exercise_delete",
    "session_exercise_move",
    "session_exercise_set_rest",
    "session_exercise_superset",
    "session_finish",
    "session_start",
    "session_update",
    "set_add",
    "set_delete",
    "set_type_values",
    "set_update",
    "template_archive",
    "template_create",
    "template_delete",
    "template_duplicate",
    "template_exercise_add",
    "template_exercise_delete",
    "template_exercise_move",
    "template_exercise_superset",
    "template_exercise_update",
    "template_unarchive",
    "template_update",
]
