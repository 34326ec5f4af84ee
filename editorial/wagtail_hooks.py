"""Wagtail admin of the editorial desk: the "Rédaction" menu (editorial
managers and administrators only) with the inbox, the requests, the planning,
the crew and the vehicles, registered as one `ViewSetGroup`. The screens live
in `editorial.admin`."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin import inbox, planning
from .admin.crew import CrewViewSet
from .admin.requests import RequestViewSet
from .admin.vehicles import VehicleViewSet


class EditorialViewSetGroup(ViewSetGroup):
    """The "Rédaction" menu; shown to the desk only (each entry is)."""

    menu_label = _("Newsroom")
    menu_name = "editorial"
    menu_icon = "doc-full"
    menu_order = 300
    items = (
        inbox.InboxViewSet,
        RequestViewSet,
        planning.PlanningViewSet,
        CrewViewSet,
        VehicleViewSet,
    )

    def get_submenu_items(self):
        # Each entry keeps its own order (100, 200...) rather than 1, 2...
        return [registerable.get_menu_item() for registerable in self.registerables]


@hooks.register("register_admin_viewset")
def register_editorial():
    return EditorialViewSetGroup()


@hooks.register("register_admin_urls")
def register_editorial_urls():
    """The inbox and the planning keep their URL names outside the viewsets'
    namespaces (`editorial_desk`, `editorial_planning`)."""
    return [
        path("editorial/", inbox.desk, name="editorial_desk"),
        path("editorial/planning/", planning.planning, name="editorial_planning"),
    ]


def register_editorial_menu_item():
    """The "Rédaction" menu entry, as the group adds it to the admin menu."""
    return EditorialViewSetGroup().get_menu_item()
