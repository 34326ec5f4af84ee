"""The broadcasters' planning dashboard (`/diffusion/`, namespace "broadcasting");
the advertiser's side and the public check are in `broadcasting.urls.advertiser`."""

from django.urls import path

from .. import views

app_name = "broadcasting"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("fragment/", views.fragment, name="fragment"),
    path("airings/<int:pk>/aired/", views.confirm_aired, name="confirm_aired"),
    path("airings/<int:pk>/missed/", views.mark_missed, name="mark_missed"),
    path("airings/<int:pk>/undo/", views.undo_confirmation, name="undo"),
    path("breaks/<int:pk>/confirm/", views.confirm_break, name="confirm_break"),
    path("export/<str:fmt>/", views.export, name="export"),
    path("spots/<int:pk>/report/", views.spot_report, name="spot_report"),
    path("airings/<int:pk>/problem/", views.report_airing_problem, name="airing_problem"),
    path("spots/<int:pk>/problem/", views.report_spot_problem, name="spot_problem"),
]
