"""The crew's confirmation page, reached by the signed link of the mission
sheet (/coverage/mission/confirm/<token>/), namespace "mission_confirm"."""

from django.urls import path

from ..views import confirm

app_name = "mission_confirm"

urlpatterns = [
    path("confirm/<str:token>/", confirm.confirm_mission, name="confirm"),
]
