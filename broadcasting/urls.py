from django.urls import path

from . import views

app_name = "broadcasting"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
