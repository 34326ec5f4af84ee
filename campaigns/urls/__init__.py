"""The advertiser's campaign pages, mounted at /campaigns/ by bf1portal/urls.py; the
spot upload routes (upload.py) are included under each campaign."""

from django.urls import include, path

from .. import views

app_name = "campaigns"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("create/", views.create, name="create"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/edit/", views.edit, name="edit"),
    path("<uuid:uuid>/quote.pdf", views.quote_pdf, name="quote_pdf"),
    path("<uuid:uuid>/cancel/", views.cancel, name="cancel"),
    path("<uuid:uuid>/duplicate/", views.duplicate, name="duplicate"),
    path("<uuid:uuid>/upload/", include("campaigns.urls.upload")),
    path("<uuid:uuid>/spots/<uuid:spot_uuid>/approve/", views.approve_spot, name="spot_approve"),
    path(
        "<uuid:uuid>/spots/<uuid:spot_uuid>/changes/",
        views.request_spot_changes,
        name="spot_request_changes",
    ),
]
