from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "fitness.history"
    label = "history"
    verbose_name = "History"

    def ready(self) -> None:
        from fitness.history import signals  # noqa: F401 (connects the receivers)
