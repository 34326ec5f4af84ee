"""Reports outside the admin (namespace `reports`, mounted under `/reports/`):
the overview (staff sent to the admin one, advertisers their own,
reports/views/overview.py) and the exports (`reports:export_xlsx`,
`reports:export_pdf`, `reports:export_csv`, the export jobs:
reports/views/exports.py)."""

from django.urls import path

from .views import exports, overview

app_name = "reports"

urlpatterns = [
    path("overview/", overview.overview, name="overview"),
    path("export/", exports.export_xlsx, name="export_xlsx"),
    path("export/pdf/", exports.export_pdf, name="export_pdf"),
    path("export/csv/", exports.export_csv, name="export_csv"),
    path("jobs/<uuid:uuid>/", exports.export_job, name="export_job"),
    path("jobs/<uuid:uuid>/status/", exports.export_job_status, name="export_job_status"),
    path("jobs/<uuid:uuid>/download/", exports.export_job_download, name="export_job_download"),
    path("jobs/<uuid:uuid>/relaunch/", exports.export_job_relaunch, name="export_job_relaunch"),
]
