"""The crew's confirmation page, reached by the signed link of the mission
sheet (/coverage/mission/confirm/<token>/), namespace "mission_confirm"."""

from django.urls import path

from . import confirm_views

app_name = "mission_confirm"

urlpatterns = [
    path("confirm/<str:token>/", confirm_views.confirm_mission, name="confirm"),
]
