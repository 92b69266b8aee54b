from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WorkoutsConfig(AppConfig):
    name = "fitness.workouts"
    label = "workouts"
    verbose_name = "Workouts"

    def ready(self) -> None:
        from fitness.workouts.system_exercises import restore_after_migrate

        post_migrate.connect(restore_after_migrate, sender=self)
