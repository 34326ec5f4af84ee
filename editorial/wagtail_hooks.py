"""Wagtail admin of the editorial desk: the "Rédaction" menu (editorial
managers and administrators only) with the inbox, the requests, the planning,
the crew and the vehicles."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from accounts.permissions import is_desk_staff

from . import views
from .viewsets import VIEWSETS


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path("editorial/", views.desk, name="editorial_desk"),
        path("editorial/planning/", views.planning, name="editorial_planning"),
    ]


@hooks.register("register_admin_viewset")
def register_editorial_viewsets():
    return [viewset() for viewset in VIEWSETS]


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return is_desk_staff(request.user)


class EditorialMenuItem(SubmenuMenuItem):
    """The "Rédaction" menu, shown to the desk only."""

    def is_shown(self, request):
        return is_desk_staff(request.user)


def _menu_items():
    return [
        DeskMenuItem(_("Inbox"), reverse("editorial_desk"), icon_name="mail", order=100),
        DeskMenuItem(
            _("Coverage requests"),
            reverse("editorial_requests:index"),
            icon_name="doc-full",
            order=200,
        ),
        DeskMenuItem(_("Planning"), reverse("editorial_planning"), icon_name="calendar", order=300),
        DeskMenuItem(_("Crew"), reverse("editorial_crew:index"), icon_name="group", order=400),
        DeskMenuItem(
            _("Vehicles"), reverse("editorial_vehicles:index"), icon_name="site", order=500
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_editorial_menu_item():
    return EditorialMenuItem(
        _("Newsroom"), Menu(items=_menu_items()), name="editorial", icon_name="doc-full", order=300
    )
