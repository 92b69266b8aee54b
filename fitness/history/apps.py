from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "fitness.history"
    label = "history"
    verbose_name = "History"
