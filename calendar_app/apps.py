from django.apps import AppConfig


class CalendarAppConfig(AppConfig):
    name = "calendar_app"
    label = "calendar_app"
    verbose_name = "Calendar"
