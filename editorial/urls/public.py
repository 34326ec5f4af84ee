"""The requester's side of the editorial desk, included at `/coverage/`
(namespace "editorial"): the public request form and the requester's space."""

from django.urls import path

from ..views import public as views

app_name = "editorial"

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("request/", views.request_create, name="request_create"),
    path("request/sent/", views.request_sent, name="request_sent"),
    path("<uuid:uuid>/", views.request_detail, name="request_detail"),
]
