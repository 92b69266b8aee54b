from django.apps import AppConfig


class WorkoutsConfig(AppConfig):
    name = "fitness.workouts"
    label = "workouts"
    verbose_name = "Workouts"
