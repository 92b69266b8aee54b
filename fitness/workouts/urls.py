from django.urls import path

from fitness.workouts.views import exercises, offline, rest, sessions, sets, templates

app_name = "workouts"

TEMPLATE = "templates/<uuid:template_id>/"
ITEM = TEMPLATE + "exercises/<uuid:item_id>/"
SESSION = "sessions/<uuid:session_id>/"
SESSION_EXERCISE = SESSION + "exercises/<uuid:session_exercise_id>/"
SET = SESSION + "sets/<uuid:set_id>/"

urlpatterns = [
    # At the root so that the worker may control every page (Service-Worker-Allowed: /).
    path("sw.js", offline.service_worker, name="service_worker"),
    # Exercise library
    path("exercises/", exercises.exercise_list, name="exercise_list"),
    path("exercises/new/", exercises.exercise_create, name="exercise_create"),
    path("exercises/<uuid:exercise_id>/edit/", exercises.exercise_edit, name="exercise_edit"),
    path(
        "exercises/<uuid:exercise_id>/archive/", exercises.exercise_archive, name="exercise_archive"
    ),
    path("exercises/<uuid:exercise_id>/merge/", exercises.exercise_merge, name="exercise_merge"),
    path(
        "exercises/<uuid:exercise_id>/unarchive/",
        exercises.exercise_unarchive,
        name="exercise_unarchive",
    ),
    # Templates
    path("templates/", templates.template_list, name="template_list"),
    path("templates/new/", templates.template_create, name="template_create"),
    path(TEMPLATE, templates.template_detail, name="template_detail"),
    path(TEMPLATE + "edit/", templates.template_edit, name="template_edit"),
    path(TEMPLATE + "duplicate/", templates.template_duplicate, name="template_duplicate"),
    path(TEMPLATE + "archive/", templates.template_archive, name="template_archive"),
    path(TEMPLATE + "unarchive/", templates.template_unarchive, name="template_unarchive"),
    path(TEMPLATE + "delete/", templates.template_delete, name="template_delete"),
    path(
        TEMPLATE + "exercises/add/", templates.template_exercise_add, name="template_exercise_add"
    ),
    path(ITEM, templates.template_exercise_update, name="template_exercise_update"),
    path(ITEM + "move/", templates.template_exercise_move, name="template_exercise_move"),
    path(ITEM + "delete/", templates.template_exercise_delete, name="template_exercise_delete"),
    path(
        ITEM + "superset/", templates.template_exercise_superset, name="template_exercise_superset"
    ),
    # Logging a workout
    path("sessions/new/", sessions.session_new, name="session_new"),
    path(SESSION, sessions.session_detail, name="session_detail"),
    path(SESSION + "edit/", sessions.session_edit, name="session_edit"),
    path(SESSION + "finish/", sessions.session_finish, name="session_finish"),
    path(SESSION + "discard/", sessions.session_discard, name="session_discard"),
    path(SESSION + "exercises/add/", sessions.session_exercise_add, name="session_exercise_add"),
    path(SESSION_EXERCISE + "move/", sessions.session_exercise_move, name="session_exercise_move"),
    path(
        SESSION_EXERCISE + "delete/",
        sessions.session_exercise_delete,
        name="session_exercise_delete",
    ),
    path(SESSION_EXERCISE + "rest/", rest.session_exercise_rest, name="session_exercise_rest"),
    path(
        SESSION_EXERCISE + "superset/",
        sessions.session_exercise_superset,
        name="session_exercise_superset",
    ),
    path(SESSION_EXERCISE + "sets/add/", sets.set_add, name="set_add"),
    path(SET, sets.set_update, name="set_update"),
    path(SET + "delete/", sets.set_delete, name="set_delete"),
]
