from django.urls import path, register_converter

import fitness.converters  # noqa: F401 (registers <token:…> and <text:…>)
from calendar_app import views


class YearConverter:
    regex = "[0-9]{1,5}"  # out-of-range years reach the view and get a 404 there

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


class TwoDigitConverter(YearConverter):
    """Month or day: /calendar/2025/03/ (and /calendar/2025/3/ still resolves)."""

    regex = "[0-9]{1,2}"

    def to_url(self, value: int) -> str:
        return f"{int(value):02d}"


register_converter(YearConverter, "cal_year")
register_converter(TwoDigitConverter, "cal_2d")

app_name = "calendar_app"

urlpatterns = [
    path("", views.index, name="index"),
    path("<cal_year:year>/<cal_2d:month>/", views.month, name="month"),
    path("<cal_year:year>/<cal_2d:month>/<cal_2d:day>/", views.day, name="day"),
    path("new/", views.entry_new, name="entry_new"),
    path("repeat/", views.repeat, name="repeat"),
    path("entries/<uuid:entry_id>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<uuid:entry_id>/move/", views.entry_move, name="entry_move"),
    path("entries/<uuid:entry_id>/delete/", views.entry_delete, name="entry_delete"),
    path("entries/<uuid:entry_id>/start/", views.entry_start, name="entry_start"),
    path("entries/<uuid:entry_id>/link/", views.entry_link, name="entry_link"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("feed/regenerate/", views.feed_regenerate, name="feed_regenerate"),
    path("feed/<token:token>.ics", views.feed, name="feed"),
]
