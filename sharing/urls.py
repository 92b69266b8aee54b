from django.urls import path

from sharing import views

app_name = "sharing"

urlpatterns = [
    path("", views.shared_list, name="list"),
    path("<uuid:template_id>/", views.shared_detail, name="detail"),
    path("<uuid:template_id>/copy/", views.shared_copy, name="copy"),
]
