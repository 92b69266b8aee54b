from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="confirm"),
    path("import/done/", views.import_summary, name="summary"),
    path("import/staff/", views.staff_import, name="staff_import"),
    path("import/jobs/<uuid:job_id>/", views.job_detail, name="job"),
]
