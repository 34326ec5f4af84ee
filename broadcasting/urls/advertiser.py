"""The advertiser's airings and certificates (`/broadcasts/`, namespace
"broadcasts") and the public check of a certificate (`/verify/`, namespace
"verify", see `verify_patterns`)."""

from django.urls import path

from ..views import advertiser as views

app_name = "broadcasts"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("certificate/", views.period_certificate, name="period_certificate"),
    path(
        "certificate/campaign/<uuid:uuid>/",
        views.campaign_certificate,
        name="campaign_certificate",
    ),
]

# Public, included under /verify/ by bf1portal/urls.py.
verify_patterns = (
    [
        path("", views.verify_form, name="form"),
        path("<str:code>/", views.verify, name="certificate"),
    ],
    "verify",
)
