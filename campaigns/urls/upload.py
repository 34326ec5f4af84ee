"""Spot upload routes, included by campaigns/urls/__init__.py at
/campaigns/<uuid:uuid>/upload/ (the `uuid` kwarg comes from that include)."""

from django.urls import path

from ..views import upload as views

app_name = "spot_upload"

urlpatterns = [
    path("", views.upload_page, name="page"),
    path("start/", views.start, name="start"),
    path("<str:upload_id>/", views.upload_status, name="status"),
    path("<str:upload_id>/chunk/", views.chunk, name="chunk"),
    path("<str:upload_id>/finish/", views.finish, name="finish"),
    path("<str:upload_id>/abort/", views.abort, name="abort"),
]
