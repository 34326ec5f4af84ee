"""The vehicles of the "Rédaction" menu: create, edit, take out of service
(kept with their past missions), delete only one never used on a mission."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from ..models import Vehicle
from ..services import crew as crew_services
from .crew import (
    ActiveByDefault,
    ActiveFilter,
    CrewCreateView,
    CrewEditView,
    RefusingDeleteView,
    set_active_urlpatterns,
)
from .forms import VehicleForm
from .policies import DeskViewSet


class VehicleFilterSet(ActiveByDefault, WagtailFilterSet):
    state = ActiveFilter(label=_("In service"))

    class Meta:
        model = Vehicle
        fields = []


class VehicleIndexView(generic.IndexView):
    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                get_url=lambda v: reverse("editorial_vehicles:edit", args=[v.pk]),
                sort_key="name",
            ),
            Column("plate", label=_("Plate"), sort_key="plate"),
            Column("seats", label=_("Seats")),
            BooleanColumn("is_active", label=_("In service")),
        ]

    def get_list_more_buttons(self, instance):
        name = "deactivate" if instance.is_active else "activate"
        label = _("Take out of service") if instance.is_active else _("Back in service")
        return [
            ButtonMenuItem(
                label,
                url=reverse(f"editorial_vehicles:{name}", args=[instance.pk]),
                icon_name="cross" if instance.is_active else "check",
                priority=30,
            )
        ]


def _save_vehicle(vehicle, *, actor):
    return crew_services.save_vehicle(vehicle=vehicle, actor=actor)


def _delete_vehicle(vehicle, *, actor):
    return crew_services.delete_vehicle(vehicle=vehicle, actor=actor)


def _vehicle_active(vehicle, *, active, actor):
    return crew_services.set_vehicle_active(vehicle=vehicle, active=active, actor=actor)


class VehicleCreateView(CrewCreateView):
    save_service = _save_vehicle


class VehicleEditView(CrewEditView):
    save_service = _save_vehicle


class VehicleDeleteView(RefusingDeleteView):
    delete_service = _delete_vehicle
    deactivate_url_name = "editorial_vehicles:deactivate"

    def in_use(self):
        return self.object.missions.exists()


class VehicleViewSet(DeskViewSet):
    model = Vehicle
    name = "editorial_vehicles"
    url_prefix = "editorial/vehicles"
    icon = "site"
    menu_label = _("Vehicles")
    menu_order = 500
    index_view_class = VehicleIndexView
    add_view_class = VehicleCreateView
    edit_view_class = VehicleEditView
    delete_view_class = VehicleDeleteView
    filterset_class = VehicleFilterSet
    ordering = ["name"]
    search_fields = ["name", "plate"]

    def get_form_class(self, for_update=False):
        return VehicleForm

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "usage_url_name": None}

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), *set_active_urlpatterns(self, _vehicle_active)]
