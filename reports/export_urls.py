"""Export routes of the reports, mounted under `/reports/` by reports/urls.py
(namespace `reports`): see reports/export_views.py."""

from django.urls import path

from . import export_views

urlpatterns = [
    path("export/", export_views.export_xlsx, name="export_xlsx"),
    path("export/pdf/", export_views.export_pdf, name="export_pdf"),
    path("export/csv/", export_views.export_csv, name="export_csv"),
    path("jobs/<uuid:uuid>/", export_views.export_job, name="export_job"),
    path("jobs/<uuid:uuid>/status/", export_views.export_job_status, name="export_job_status"),
    path(
        "jobs/<uuid:uuid>/download/", export_views.export_job_download, name="export_job_download"
    ),
]
