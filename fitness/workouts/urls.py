from django.urls import path

from fitness.workouts import views

app_name = "workouts"

TEMPLATE = "templates/<uuid:template_id>/"
ITEM = TEMPLATE + "exercises/<uuid:item_id>/"
SESSION = "sessions/<uuid:session_id>/"
SESSION_EXERCISE = SESSION + "exercises/<uuid:session_exercise_id>/"
SET = SESSION + "sets/<uuid:set_id>/"

urlpatterns = [
    # Exercise library
    path("exercises/", views.exercise_list, name="exercise_list"),
    path("exercises/new/", views.exercise_create, name="exercise_create"),
    path("exercises/<uuid:exercise_id>/edit/", views.exercise_edit, name="exercise_edit"),
    path("exercises/<uuid:exercise_id>/archive/", views.exercise_archive, name="exercise_archive"),
    path("exercises/<uuid:exercise_id>/merge/", views.exercise_merge, name="exercise_merge"),
    path(
        "exercises/<uuid:exercise_id>/unarchive/",
        views.exercise_unarchive,
        name="exercise_unarchive",
    ),
    # Templates
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_create, name="template_create"),
    path(TEMPLATE, views.template_detail, name="template_detail"),
    path(TEMPLATE + "edit/", views.template_edit, name="template_edit"),
    path(TEMPLATE + "duplicate/", views.template_duplicate, name="template_duplicate"),
    path(TEMPLATE + "archive/", views.template_archive, name="template_archive"),
    path(TEMPLATE + "unarchive/", views.template_unarchive, name="template_unarchive"),
    path(TEMPLATE + "delete/", views.template_delete, name="template_delete"),
    path(TEMPLATE + "exercises/add/", views.template_exercise_add, name="template_exercise_add"),
    path(ITEM, views.template_exercise_update, name="template_exercise_update"),
    path(ITEM + "move/", views.template_exercise_move, name="template_exercise_move"),
    path(ITEM + "delete/", views.template_exercise_delete, name="template_exercise_delete"),
    # Logging a workout
    path("sessions/new/", views.session_new, name="session_new"),
    path(SESSION, views.session_detail, name="session_detail"),
    path(SESSION + "edit/", views.session_edit, name="session_edit"),
    path(SESSION + "finish/", views.session_finish, name="session_finish"),
    path(SESSION + "discard/", views.session_discard, name="session_discard"),
    path(SESSION + "exercises/add/", views.session_exercise_add, name="session_exercise_add"),
    path(SESSION_EXERCISE + "move/", views.session_exercise_move, name="session_exercise_move"),
    path(
        SESSION_EXERCISE + "delete/", views.session_exercise_delete, name="session_exercise_delete"
    ),
    path(SESSION_EXERCISE + "rest/", views.session_exercise_rest, name="session_exercise_rest"),
    path(SESSION_EXERCISE + "sets/add/", views.set_add, name="set_add"),
    path(SET, views.set_update, name="set_update"),
    path(SET + "delete/", views.set_delete, name="set_delete"),
]
