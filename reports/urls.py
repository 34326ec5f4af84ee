"""Reports outside the admin (namespace `reports`): the overview (staff sent
to the admin one, advertisers their own) and the exports of
reports/export_urls.py (`reports:export_xlsx`, `reports:export_pdf`,
`reports:export_csv`, the export jobs)."""

from django.urls import include, path

from . import views

app_name = "reports"

urlpatterns = [
    path("overview/", views.overview, name="overview"),
    path("", include("reports.export_urls")),
]
