"""Reads for exercises, templates and sessions, shaped so a page runs a fixed number of queries.

Callers read through `from fitness.workouts import selectors` (`selectors.session_blocks(...)`).
Each concern has its own module in this package; this file re-exports their public names, so
a caller never needs to know which module holds one.
"""

from fitness.workouts.selectors.exercises import (
    KIND_CARDIO,
    KIND_TIMED,
    KIND_WEIGHT,
    ExerciseUsage,
    exercise_choices,
    exercise_kind,
    exercise_list,
    exercise_name_conflict,
    exercise_options,
    exercise_twin,
    exercise_usage,
    exercises_visible_to,
    library_twins,
)
from fitness.workouts.selectors.last_time import (
    DEFAULT_REST_SECONDS,
    describe_set,
    last_sets,
    top_set,
)
from fitness.workouts.selectors.sessions import (
    NEW_BLOCK_ID,
    NEW_ROW_ID,
    NEW_ROW_NUMBER,
    ExerciseBlock,
    SetRow,
    UntickedExercise,
    blank_blocks,
    logged_set_count,
    session_blocks,
    session_summary,
    sessions_in_progress,
    set_row,
    set_row_for_page,
    unticked_sets,
)
from fitness.workouts.selectors.templates import (
    template_archived_count,
    template_items,
    template_list,
    template_session_count,
    templates_to_start,
)

__all__ = [
    "DEFAULT_REST_SECONDS",
    "KIND_CARDIO",
    "KIND_TIMED",
    "KIND_WEIGHT",
    "NEW_BLOCK_ID",
    "NEW_ROW_ID",
    "NEW_ROW_NUMBER",
    "ExerciseBlock",
    "ExerciseUsage",
    "SetRow",
    "UntickedExercise",
    "blank_blocks",
    "describe_set",
    "exercise_choices",
    "exercise_kind",
    "exercise_list",
    "exercise_name_conflict",
    "exercise_options",
    "exercise_twin",
    "exercise_usage",
    "exercises_visible_to",
    "last_sets",
    "library_twins",
    "logged_set_count",
    "session_blocks",
    "session_summary",
    "sessions_in_progress",
    "set_row",
    "set_row_for_page",
    "template_archived_count",
    "template_items",
    "template_list",
    "template_session_count",
    "templates_to_start",
    "top_set",
    "unticked_sets",
]
